//! Changes the server refused for good (no permission, a rule it enforces). Nothing the user
//! typed is lost and nothing wedges: the document goes back to the state the server holds,
//! and the values the user had set are kept beside it as "not accepted", with the server's
//! reason, until the user applies them again (as new changes on top of the server's state)
//! or dismisses them.
//!
//! A record the server never accepted at all (its creation was refused) cannot go back to a
//! server state: it stays on the device as the user made it, marked with the reason, and its
//! changes are not pushed again until the user edits it.

use std::collections::BTreeSet;

use automerge::ChangeHash;
use localspace_core::{Kind, Patch, Record, RecordId, doc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Replica, project, store};
use crate::error::{Error, Result};

/// A refusal the user sees on the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub id: RecordId,
    pub code: String,
    pub reason: String,
    /// The user's values the server did not take (empty when the record itself was refused).
    pub not_accepted: Patch,
    /// When the refusal arrived (ms since the epoch).
    pub at: i64,
}

impl Replica {
    /// Handles the server's refusal of a document's changes up to `sent` (the heads that were
    /// pushed): the document is reset to what the server has and the user's values are kept
    /// as "not accepted"; a record the server never had keeps its values in place.
    pub fn record_refusal(
        &self,
        id: RecordId,
        sent: &[ChangeHash],
        code: &str,
        reason: &str,
    ) -> Result<()> {
        let now = self.clock.now_ms();
        self.in_transaction(|conn| {
            let row = store::require_row(conn, id)?;
            let acknowledged = row
                .pushed_heads
                .as_deref()
                .map(store::decode_heads)
                .unwrap_or_default();
            let not_accepted = if acknowledged.is_empty() {
                conn.prepare_cached(
                    "UPDATE docs SET pushed_heads = ?2, dirty = (heads IS NOT ?2) WHERE id = ?1",
                )?
                .execute(params![id.as_bytes(), store::encode_heads(sent)])?;
                Patch::new()
            } else {
                reset_to(conn, id, &row, &acknowledged)?
            };
            let json = serde_json::to_string(&not_accepted).map_err(|e| Error::BadChange {
                id,
                reason: e.to_string(),
            })?;
            conn.prepare_cached(
                "INSERT OR REPLACE INTO refusals (id, code, reason, at, not_accepted)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id.as_bytes(), code, reason, now, json])?;
            Ok(())
        })
    }

    /// Every refusal, oldest first.
    pub fn refusals(&self) -> Result<Vec<Refusal>> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT id, code, reason, at, not_accepted FROM refusals ORDER BY at",
        )?;
        let rows = stmt.query_map([], refusal_row)?;
        Ok(rows.filter_map(|r| r.ok().flatten()).collect())
    }

    /// The refusal of one record, if any.
    pub fn refusal(&self, id: RecordId) -> Result<Option<Refusal>> {
        let conn = self.lock();
        Ok(conn
            .prepare_cached(
                "SELECT id, code, reason, at, not_accepted FROM refusals WHERE id = ?1",
            )?
            .query_row([id.as_bytes()], refusal_row)
            .optional()?
            .flatten())
    }

    /// Applies the values the server did not accept again, as new changes on top of the
    /// server's state (the sync loop pushes them; the server judges them afresh).
    pub fn reapply_refusal(&self, id: RecordId) -> Result<()> {
        let Some(refusal) = self.refusal(id)? else {
            return Ok(());
        };
        if !refusal.not_accepted.is_empty() {
            self.update(id, &refusal.not_accepted)?;
        }
        self.dismiss_refusal(id)
    }

    /// Forgets a refusal (the user gives up the values that were not accepted).
    pub fn dismiss_refusal(&self, id: RecordId) -> Result<()> {
        let conn = self.lock();
        conn.prepare_cached("DELETE FROM refusals WHERE id = ?1")?
            .execute([id.as_bytes()])?;
        Ok(())
    }
}

fn refusal_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Refusal>> {
    let id: Vec<u8> = r.get(0)?;
    let json: String = r.get(4)?;
    Ok(RecordId::from_slice(&id).map(|id| Refusal {
        id,
        code: r.get(1).unwrap_or_default(),
        reason: r.get(2).unwrap_or_default(),
        at: r.get(3).unwrap_or_default(),
        // A value this app cannot read (written by a newer one) is shown as nothing.
        not_accepted: serde_json::from_str(&json).unwrap_or_default(),
    }))
}

/// Puts the document back to `acknowledged` (what the server holds) and returns the values
/// the dropped changes had set.
fn reset_to(
    conn: &Connection,
    id: RecordId,
    row: &store::DocRow,
    acknowledged: &[ChangeHash],
) -> Result<Patch> {
    let bad = |e: &dyn std::fmt::Display| Error::BadChange {
        id,
        reason: e.to_string(),
    };
    let mut current = store::parse_doc(id, &row.bytes)?;
    let mine = doc::read_record(&current, id).map_err(|e| bad(&e))?;
    let mut server = current.fork_at(acknowledged).map_err(|e| bad(&e))?;
    let theirs = doc::read_record(&server, id).map_err(|e| bad(&e))?;
    let kind: Kind = store::row_kind(id, row)?;
    let stored = store::Stored::new(&mut server, &theirs);
    let heads = stored.heads.clone();
    store::save_doc(conn, Some(row.n), id, kind, &stored, Some(&heads))?;
    project::project(conn, row.n, &theirs)?;
    Ok(difference(&theirs, &mine))
}

/// The patch that turns `from` into `to` (fields and custom values; the trash flag is not a
/// value the user typed and follows the server).
pub fn difference(from: &Record, to: &Record) -> Patch {
    let mut patch = Patch::new();
    let keys: BTreeSet<&String> = from.fields.keys().chain(to.fields.keys()).collect();
    for key in keys {
        let (a, b) = (from.get(key), to.get(key));
        if a != b {
            patch.fields.insert(key.clone(), b.cloned());
        }
    }
    let defs: BTreeSet<&RecordId> = from.custom.keys().chain(to.custom.keys()).collect();
    for def in defs {
        let (a, b) = (
            from.custom.get(def).map(|f| &f.value),
            to.custom.get(def).map(|f| &f.value),
        );
        if a != b {
            patch.custom.insert(*def, b.cloned());
        }
    }
    patch
}
