//! Projections: the typed SQL rows, links and search entries derived from a record's
//! document. They are a pure function of the document, so every replica that holds the
//! same document holds the same rows; queries never touch documents.

mod fields;
mod rows;
mod search_text;

pub(crate) use fields::title;
pub(crate) use rows::table;

use localspace_core::schema::{self, FieldType};
use localspace_core::{Kind, Record, Value, text};
use rusqlite::{Connection, params};

use crate::error::Result;

/// Replaces every projection of row `n` with what `record` says.
pub(crate) fn project(conn: &Connection, n: i64, record: &Record) -> Result<()> {
    unproject(conn, n, record.kind)?;
    project_new(conn, n, record)
}

/// Projects a row that has no projections yet.
pub(crate) fn project_new(conn: &Connection, n: i64, record: &Record) -> Result<()> {
    rows::insert(conn, n, record)?;
    insert_links(conn, n, record)?;
    let body = search_text::body(record);
    if !body.is_empty() {
        conn.prepare_cached("INSERT INTO search (rowid, body) VALUES (?1, ?2)")?
            .execute(params![n, text::fold(&body)])?;
    }
    Ok(())
}

/// Removes every projection of row `n`.
pub(crate) fn unproject(conn: &Connection, n: i64, kind: Kind) -> Result<()> {
    conn.prepare_cached(&format!("DELETE FROM {} WHERE n = ?1", rows::table(kind)))?
        .execute([n])?;
    if kind == Kind::Pipeline {
        conn.prepare_cached("DELETE FROM stages WHERE pipeline = ?1")?
            .execute([n])?;
    }
    conn.prepare_cached("DELETE FROM links WHERE src = ?1")?
        .execute([n])?;
    conn.prepare_cached("DELETE FROM search WHERE rowid = ?1")?
        .execute([n])?;
    Ok(())
}

fn insert_links(conn: &Connection, n: i64, record: &Record) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO links (src, rel, dst) VALUES (?1, ?2, ?3)")?;
    for spec in schema::fields(record.kind) {
        let is_record_link = matches!(spec.ty, FieldType::Ref(_) | FieldType::RefSet(_));
        if !is_record_link {
            continue;
        }
        match record.get(spec.key) {
            Some(Value::Ref(id)) => {
                stmt.execute(params![n, spec.key, id.as_bytes()])?;
            }
            Some(Value::RefSet(ids)) => {
                for id in ids {
                    stmt.execute(params![n, spec.key, id.as_bytes()])?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}
