//! Merging two records of one person or company: the winner takes what it lacks from the
//! loser (list fields such as e-mails and phones are combined), every record that links to
//! the loser — deals, people, tasks, timeline entries, files — is re-pointed to the winner,
//! the loser goes to the trash (restorable), and a note on both timelines records the merge.
//! All of it is one transaction of ordinary automerge changes, so it syncs like any edit.

use std::collections::BTreeSet;

use localspace_core::schema::{self, FieldType};
use localspace_core::{Kind, Patch, Record, RecordId, Value};
use serde::{Deserialize, Serialize};

use crate::Replica;
use crate::error::{Error, Result};
use crate::export::{Language, date_fields, definitions, record_id_at, typed_dates};

/// What a merge changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MergeReport {
    pub winner: RecordId,
    pub loser: RecordId,
    /// Records whose links now point at the winner instead of the loser.
    pub repointed: Vec<RecordId>,
    /// Fields of the winner filled or combined from the loser.
    pub fields: Vec<String>,
    /// The note recording the merge.
    pub note: RecordId,
}

/// Merges `loser` into `winner` (two live people or two live companies). `at_ms` is when
/// the merge happened, for the note on the timeline.
pub fn merge(
    replica: &Replica,
    winner: RecordId,
    loser: RecordId,
    at_ms: i64,
    language: Language,
) -> Result<MergeReport> {
    if winner == loser {
        return Err(invalid("cannot merge a record with itself"));
    }
    let (sources, live_custom) = {
        let conn = replica.lock();
        let mut stmt = conn.prepare(
            "SELECT DISTINCT d.id FROM links l JOIN docs d ON d.n = l.src WHERE l.dst = ?1",
        )?;
        let sources: Vec<RecordId> = stmt
            .query_map([loser.as_bytes()], |r| record_id_at(r, 0))?
            .collect::<rusqlite::Result<_>>()?;
        let kind: Option<String> = conn
            .query_row(
                "SELECT kind FROM docs WHERE id = ?1",
                [winner.as_bytes()],
                |r| r.get(0),
            )
            .ok();
        let defs = match kind.and_then(|k| k.parse::<Kind>().ok()) {
            Some(kind) => definitions(&conn, kind)?,
            None => Vec::new(),
        };
        let live: BTreeSet<RecordId> = defs.iter().map(|d| d.id).collect();
        (sources, (live, date_fields(&defs)))
    };
    let (live_custom, dates) = live_custom;
    replica.write(|b| {
        let mut w = b.get(winner)?;
        let mut l = b.get(loser)?;
        typed_dates(&mut w, &dates);
        typed_dates(&mut l, &dates);
        if w.kind != l.kind {
            return Err(Error::WrongKind {
                id: loser,
                expected: w.kind,
                found: l.kind,
            });
        }
        if !matches!(w.kind, Kind::Person | Kind::Company) {
            return Err(invalid("only people and companies can be merged"));
        }
        if w.is_deleted() || l.is_deleted() {
            return Err(invalid("a record in the trash cannot be merged"));
        }
        let patch = combined(&w, &l, &live_custom);
        let fields: Vec<String> = patch
            .fields
            .keys()
            .cloned()
            .chain(patch.custom.keys().map(ToString::to_string))
            .collect();
        if !patch.is_empty() {
            b.update(winner, &patch)?;
        }
        let mut repointed = Vec::new();
        for source in sources.iter().filter(|s| **s != loser) {
            let record = b.get(*source)?;
            let patch = repointing(&record, loser, winner);
            if !patch.is_empty() {
                b.update(*source, &patch)?;
                repointed.push(*source);
            }
        }
        b.soft_delete(loser)?;
        let title = title(&l);
        let (subject, body) = match language {
            Language::Polish => (
                format!("Scalono duplikat: {title}"),
                format!(
                    "Rekord {loser} został scalony z tym rekordem; przeniesiono powiązania: {}.",
                    repointed.len()
                ),
            ),
            Language::English => (
                format!("Merged duplicate: {title}"),
                format!(
                    "Record {loser} was merged into this one; links moved: {}.",
                    repointed.len()
                ),
            ),
        };
        let note = b.create(
            Kind::Activity,
            &Patch::new()
                .text("type", "note")
                .text("subject", &subject.chars().take(200).collect::<String>())
                .set("at", Value::Timestamp(at_ms))
                .set("body", Value::LongText(body))
                .set("links", Value::RefSet([winner.0, loser.0].into())),
        )?;
        Ok(MergeReport {
            winner,
            loser,
            repointed,
            fields,
            note,
        })
    })
}

fn invalid(reason: &str) -> Error {
    Error::Invalid(localspace_core::ValidationError::Invalid {
        field: "merge".into(),
        reason: reason.into(),
    })
}

fn title(r: &Record) -> String {
    match r.kind {
        Kind::Person => format!("{} {}", r.text("first_name"), r.text("last_name"))
            .trim()
            .to_owned(),
        _ => r.text("name").to_owned(),
    }
}

fn is_blank(value: Option<&Value>) -> bool {
    match value {
        None => true,
        Some(Value::Text(s) | Value::LongText(s)) => s.trim().is_empty(),
        Some(Value::List(items)) => items.is_empty(),
        Some(Value::RefSet(ids)) => ids.is_empty(),
        Some(_) => false,
    }
}

/// What the winner takes from the loser: blanks filled, lists and sets combined, two
/// different descriptions kept one after the other.
fn combined(w: &Record, l: &Record, live_custom: &BTreeSet<RecordId>) -> Patch {
    let mut patch = Patch::new();
    for spec in schema::fields(w.kind) {
        let (mine, theirs) = (w.get(spec.key), l.get(spec.key));
        let Some(value) = theirs.filter(|v| !is_blank(Some(v))) else {
            continue;
        };
        if is_blank(mine) {
            patch = patch.set(spec.key, value.clone());
            continue;
        }
        match (spec.ty, mine, theirs) {
            (
                FieldType::Emails | FieldType::Phones | FieldType::List,
                Some(Value::List(a)),
                Some(Value::List(b)),
            ) => {
                let seen: BTreeSet<String> = a.iter().map(|s| comparable(s)).collect();
                let extra: Vec<String> = b
                    .iter()
                    .filter(|s| !seen.contains(&comparable(s)))
                    .cloned()
                    .collect();
                if !extra.is_empty() {
                    let mut all = a.clone();
                    all.extend(extra);
                    patch = patch.set(spec.key, Value::List(all));
                }
            }
            (_, Some(Value::RefSet(a)), Some(Value::RefSet(b))) if !b.is_subset(a) => {
                patch = patch.set(spec.key, Value::RefSet(a.union(b).copied().collect()));
            }
            (FieldType::LongText, Some(a), Some(b)) => {
                let (a, b) = (a.as_text().unwrap_or(""), b.as_text().unwrap_or(""));
                if a.trim() != b.trim() && !a.contains(b.trim()) {
                    patch = patch.set(spec.key, Value::LongText(format!("{a}\n\n{b}")));
                }
            }
            _ => {}
        }
    }
    for (definition, read) in &l.custom {
        if live_custom.contains(definition) && !w.custom.contains_key(definition) {
            patch = patch.custom(*definition, Some(read.value.clone()));
        }
    }
    patch
}

/// E-mails compare without case; phones by their digits.
fn comparable(s: &str) -> String {
    if s.contains('@') {
        s.trim().to_lowercase()
    } else {
        s.chars().filter(|c| c.is_alphanumeric()).collect()
    }
}

/// The patch that makes `record` link to `to` wherever it linked to `from`.
fn repointing(record: &Record, from: RecordId, to: RecordId) -> Patch {
    let mut patch = Patch::new();
    for spec in schema::fields(record.kind) {
        if !matches!(spec.ty, FieldType::Ref(_) | FieldType::RefSet(_)) {
            continue;
        }
        match record.get(spec.key) {
            Some(Value::Ref(id)) if *id == from.0 => {
                patch = patch.set(spec.key, Value::Ref(to.0));
            }
            Some(Value::RefSet(ids)) if ids.contains(&from.0) => {
                let mut ids = ids.clone();
                ids.remove(&from.0);
                ids.insert(to.0);
                patch = patch.set(spec.key, Value::RefSet(ids));
            }
            _ => {}
        }
    }
    patch
}
