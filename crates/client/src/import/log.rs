//! The record of an import, kept in the replica so the whole import can be undone: the ids
//! it created and, for every record it updated, the values before and the values written.
//! It is written after each committed batch, so even an import that failed half-way can be
//! undone for the part that went in.

use localspace_core::{Kind, Patch, RecordId};
use serde::{Deserialize, Serialize};

use super::error::{ImportError, ImportResult};
use crate::Replica;

const PREFIX: &str = "import.";

/// One import as the device remembers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportRecord {
    pub id: String,
    pub kind: Kind,
    pub created: usize,
    pub updated: usize,
    /// All batches were written.
    pub complete: bool,
    pub undone: bool,
    /// An advanced-export archive's import (records of every kind; `kind` is not used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub archive: Option<bool>,
}

/// A record the import updated: the values it had and the values the import wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Updated {
    pub id: RecordId,
    pub previous: Patch,
    pub written: Patch,
}

/// What one committed batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BatchLog {
    pub created: Vec<RecordId>,
    pub updated: Vec<Updated>,
}

fn header_key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

fn batch_key(id: &str, batch: usize) -> String {
    format!("{PREFIX}{id}.{batch:06}")
}

fn json<T: Serialize>(value: &T) -> String {
    // Plain data with string keys: serializing cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

pub(crate) fn save_header(replica: &Replica, record: &ImportRecord) -> ImportResult<()> {
    replica.set_sync_state(&header_key(&record.id), &json(record))?;
    Ok(())
}

pub(crate) fn save_batch(
    replica: &Replica,
    id: &str,
    batch: usize,
    log: &BatchLog,
) -> ImportResult<()> {
    replica.set_sync_state(&batch_key(id, batch), &json(log))?;
    Ok(())
}

/// The import with this id.
pub fn import_record(replica: &Replica, id: &str) -> ImportResult<ImportRecord> {
    replica
        .sync_state(&header_key(id))?
        .and_then(|j| serde_json::from_str(&j).ok())
        .ok_or_else(|| ImportError::UnknownImport(id.to_owned()))
}

/// Every import this device remembers.
pub fn imports(replica: &Replica) -> ImportResult<Vec<ImportRecord>> {
    let conn = replica.lock();
    let mut stmt = conn.prepare(
        "SELECT value FROM meta WHERE key >= 'import.' AND key < 'import/' AND key NOT GLOB 'import.*.*'",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        if let Ok(record) = serde_json::from_str(&row?) {
            out.push(record);
        }
    }
    Ok(out)
}

/// The batches of an import, in order.
pub(crate) fn batches(replica: &Replica, id: &str) -> ImportResult<Vec<BatchLog>> {
    let conn = replica.lock();
    let from = format!("{PREFIX}{id}.");
    let to = format!("{PREFIX}{id}/");
    let mut stmt =
        conn.prepare("SELECT value FROM meta WHERE key >= ?1 AND key < ?2 ORDER BY key")?;
    let rows = stmt.query_map([&from, &to], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        let text = row?;
        let log = serde_json::from_str(&text).map_err(|e| {
            ImportError::Replica(crate::Error::CorruptReplica(format!(
                "the log of import {id} is damaged: {e}"
            )))
        })?;
        out.push(log);
    }
    Ok(out)
}
