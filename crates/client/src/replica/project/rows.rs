//! The typed projection row of each kind.

use localspace_core::{Kind, Record, Value, text};
use rusqlite::{Connection, params};

use super::fields::{custom_json, date, first, int, link, text as txt};
use crate::error::Result;

/// The projection table of a kind.
pub(crate) fn table(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "people",
        Kind::Company => "companies",
        Kind::Deal => "deals",
        Kind::Task => "tasks",
        Kind::Activity => "activities",
        Kind::Space => "spaces",
        Kind::File => "files",
        Kind::Pipeline => "pipelines",
        Kind::CustomField => "custom_fields",
        Kind::SavedFilter => "saved_filters",
    }
}

pub(super) fn insert(conn: &Connection, n: i64, r: &Record) -> Result<()> {
    let deleted = r.is_deleted();
    match r.kind {
        Kind::Person => {
            let key = text::sort_key(&[r.text("last_name"), r.text("first_name")]);
            conn.prepare_cached(
                "INSERT INTO people (n, first_name, last_name, company, position, email, phone,
                   city, owner, visibility, deleted, sort_key, custom)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                n,
                txt(r, "first_name"),
                txt(r, "last_name"),
                link(r, "company"),
                txt(r, "position"),
                first(r, "emails"),
                first(r, "phones"),
                txt(r, "city"),
                link(r, "owner"),
                txt(r, "visibility"),
                deleted,
                key,
                custom_json(r)
            ])?;
        }
        Kind::Company => {
            let nip = txt(r, "nip").map(|s| localspace_core::validate::normalize_nip(&s));
            conn.prepare_cached(
                "INSERT INTO companies (n, name, nip, regon, industry, website, city, email, phone,
                   owner, visibility, deleted, sort_key, custom)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                n,
                txt(r, "name"),
                nip,
                txt(r, "regon"),
                txt(r, "industry"),
                txt(r, "website"),
                txt(r, "city"),
                first(r, "emails"),
                first(r, "phones"),
                link(r, "owner"),
                txt(r, "visibility"),
                deleted,
                text::sort_key(&[r.text("name")]),
                custom_json(r)
            ])?;
        }
        Kind::Deal => {
            let (minor, currency) = match r.get("value") {
                Some(Value::Money(m)) => (Some(m.minor), Some(m.currency.code().to_owned())),
                _ => (None, None),
            };
            conn.prepare_cached(
                "INSERT INTO deals (n, title, pipeline, stage, value_minor, currency, close_date,
                   probability, status, lost_reason, owner, visibility, deleted, sort_key, custom)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                n,
                txt(r, "title"),
                link(r, "pipeline"),
                txt(r, "stage"),
                minor,
                currency,
                date(r, "close_date"),
                int(r, "probability"),
                txt(r, "status").unwrap_or_else(|| "open".to_owned()),
                txt(r, "lost_reason"),
                link(r, "owner"),
                txt(r, "visibility"),
                deleted,
                text::sort_key(&[r.text("title")]),
                custom_json(r)
            ])?;
        }
        Kind::Task => {
            let done = matches!(r.get("done"), Some(Value::Bool(true)));
            conn.prepare_cached(
                "INSERT INTO tasks (n, title, due, done, assignee, owner, deleted, sort_key, custom)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                n,
                txt(r, "title"),
                date(r, "due"),
                done,
                link(r, "assignee"),
                link(r, "owner"),
                deleted,
                text::sort_key(&[r.text("title")]),
                custom_json(r)
            ])?;
        }
        Kind::Activity => {
            let preview: String = r.text("body").chars().take(280).collect();
            conn.prepare_cached(
                "INSERT INTO activities (n, type, subject, at, duration_min, author, deleted, preview)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                n,
                txt(r, "type"),
                txt(r, "subject"),
                int(r, "at"),
                int(r, "duration_min"),
                link(r, "author"),
                deleted,
                (!preview.is_empty()).then_some(preview)
            ])?;
        }
        Kind::Space => {
            conn.prepare_cached(
                "INSERT INTO spaces (n, name, owner, visibility, deleted, sort_key, custom)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                n,
                txt(r, "name"),
                link(r, "owner"),
                txt(r, "visibility"),
                deleted,
                text::sort_key(&[r.text("name")]),
                custom_json(r)
            ])?;
        }
        Kind::File => {
            conn.prepare_cached(
                "INSERT INTO files (n, name, size, mime, content_hash, url, owner, deleted, sort_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                n,
                txt(r, "name"),
                int(r, "size"),
                txt(r, "mime"),
                txt(r, "content_hash"),
                txt(r, "url"),
                link(r, "owner"),
                deleted,
                text::sort_key(&[r.text("name")])
            ])?;
        }
        Kind::Pipeline => {
            conn.prepare_cached(
                "INSERT INTO pipelines (n, name, position, deleted) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![n, txt(r, "name"), int(r, "position"), deleted])?;
            if let Some(Value::Stages(stages)) = r.get("stages") {
                let mut stmt = conn.prepare_cached(
                    "INSERT INTO stages (pipeline, stage, name, position, probability)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for s in stages {
                    stmt.execute(params![
                        n,
                        s.id.to_string(),
                        s.name,
                        s.position,
                        s.probability
                    ])?;
                }
            }
        }
        Kind::CustomField => {
            let options = match r.get("options") {
                Some(Value::List(items)) => serde_json::to_string(items).ok(),
                _ => None,
            };
            conn.prepare_cached(
                "INSERT INTO custom_fields (n, target, key, label, field_type, options, position, deleted)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                n,
                txt(r, "target"),
                txt(r, "key"),
                txt(r, "label"),
                txt(r, "field_type"),
                options,
                int(r, "position"),
                deleted
            ])?;
        }
        Kind::SavedFilter => {
            conn.prepare_cached(
                "INSERT INTO saved_filters (n, name, target, query, owner, deleted)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                n,
                txt(r, "name"),
                txt(r, "target"),
                txt(r, "query"),
                link(r, "owner"),
                deleted
            ])?;
        }
    }
    Ok(())
}
