//! Rebasing onto a restored account. When the server restores the account from a backup
//! (its epoch moves), what it holds goes back in time, and merging its documents into the
//! replica would bring the undone history back on the next push. So each document is
//! replaced by the server's version instead, and the user's unpushed values (the difference
//! between the pushed heads and the current heads, as refusals compute it) are applied
//! again on top as new changes, under a fresh actor id. What the user typed survives; what
//! the restore undid stays undone.
//!
//! Records the server no longer lists are dropped unless this device created them and never
//! pushed them (they are its own unsent work and are pushed as new records).

use std::collections::HashSet;

use automerge::{ActorId, AutoCommit, ChangeHash};
use localspace_core::{Kind, Patch, Record, RecordId, doc};
use rusqlite::{Connection, params};

use super::{Replica, project, refusal, store};
use crate::error::{Error, Result};

/// Code of the "not accepted" note kept when unpushed values cannot be applied to the
/// restored record.
pub const RESTORED: &str = "restored";

impl Replica {
    /// Forgets the erasures the server had acknowledged: after a restore the server's
    /// tombstones are the backup's, and the device reconciles against them afresh. Erasures
    /// made here and not yet pushed stay (they are the user's unsent work).
    pub fn forget_acknowledged_erasures(&self) -> Result<()> {
        let conn = self.lock();
        conn.prepare_cached("DELETE FROM erased WHERE pushed = 1")?
            .execute([])?;
        Ok(())
    }

    /// Replaces documents with the server's restored versions, keeping the user's unpushed
    /// values on top, in one transaction. A document that cannot be read is skipped and
    /// returned with its error.
    pub fn rebase_saved_many(
        &self,
        docs: &[(RecordId, Vec<u8>)],
    ) -> Result<Vec<(RecordId, Error)>> {
        let actor = self.rotate_actor();
        let now = self.clock.now_ms();
        let mut failed = Vec::new();
        self.in_transaction(|conn| {
            for (id, bytes) in docs {
                match rebase_one(conn, *id, bytes, &actor, now) {
                    Ok(()) => {}
                    Err(e @ (Error::BadChange { .. } | Error::CorruptDocument { .. })) => {
                        failed.push((*id, e))
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        })?;
        Ok(failed)
    }

    /// After a restore: drops the records the server no longer lists, except those never
    /// pushed. Returns how many went.
    pub fn drop_unlisted_after_restore(&self, listed: &HashSet<RecordId>) -> Result<usize> {
        self.forget_unlisted(listed)
    }
}

fn rebase_one(
    conn: &Connection,
    id: RecordId,
    bytes: &[u8],
    actor: &ActorId,
    now: i64,
) -> Result<()> {
    let bad = |e: &dyn std::fmt::Display| Error::BadChange {
        id,
        reason: e.to_string(),
    };
    if store::is_erased(conn, id)? {
        // Erased here and not pushed yet: the erasure goes out with the next push.
        return Ok(());
    }
    let mut server = AutoCommit::load(bytes).map_err(|e| bad(&e))?;
    let server_heads = store::encode_heads(&server.get_heads());
    let kind = doc::record_kind(&server).map_err(|e| bad(&e))?;
    let row = store::load_row(conn, id)?;
    let patch = match &row {
        // The device holds exactly what the server holds, or its edits stand on exactly it.
        Some(row) if row.heads == server_heads => return Ok(()),
        Some(row) if row.pushed_heads.as_deref() == Some(server_heads.as_slice()) => {
            return Ok(());
        }
        Some(row) if row.pushed_heads.as_deref() != Some(row.heads.as_slice()) => {
            Some(unpushed_values(id, row, &server)?)
        }
        _ => None,
    };
    let mut note = None;
    if let Some((patch, trashed)) = &patch {
        server.set_actor(actor.clone());
        if !patch.is_empty()
            && let Err(e) = doc::update(&mut server, kind, patch, now)
        {
            // The restored record no longer takes these values (its kind or schema moved):
            // keep them beside it as not accepted, as a refusal would.
            server = AutoCommit::load(bytes).map_err(|e| bad(&e))?;
            note = Some((patch.clone(), e.to_string()));
        }
        match trashed {
            Some(true) => drop(doc::soft_delete(&mut server, now).map_err(|e| bad(&e))?),
            Some(false) => drop(doc::restore(&mut server, now).map_err(|e| bad(&e))?),
            None => {}
        }
    }
    let record = doc::read_record(&server, id).map_err(|e| bad(&e))?;
    if let Some(row) = &row
        && let Ok(old_kind) = row.kind.parse::<Kind>()
        && old_kind != kind
    {
        project::unproject(conn, row.n, old_kind)?;
    }
    let stored = store::Stored::new(&mut server, &record);
    let n = store::save_doc(
        conn,
        row.as_ref().map(|r| r.n),
        id,
        kind,
        &stored,
        Some(&server_heads),
    )?;
    match &row {
        Some(row) if row.kind == kind.as_str() => project::project(conn, n, &record)?,
        _ => project::project_new(conn, n, &record)?,
    }
    if let Some((patch, reason)) = note {
        keep_as_not_accepted(conn, id, &patch, &reason, now)?;
    }
    Ok(())
}

/// The user's unpushed values of a document: fields and custom values that differ between
/// its pushed heads and its current heads, and whether it went into or out of the trash.
/// A document with no pushed heads is compared with the server's version.
fn unpushed_values(
    id: RecordId,
    row: &store::DocRow,
    server: &AutoCommit,
) -> Result<(Patch, Option<bool>)> {
    let bad = |e: &dyn std::fmt::Display| Error::BadChange {
        id,
        reason: e.to_string(),
    };
    let mut current = store::parse_doc(id, &row.bytes)?;
    let mine = doc::read_record(&current, id).map_err(|e| bad(&e))?;
    let pushed: Vec<ChangeHash> = row
        .pushed_heads
        .as_deref()
        .map(store::decode_heads)
        .unwrap_or_default();
    let base: Record = if pushed.is_empty() {
        doc::read_record(server, id).map_err(|e| bad(&e))?
    } else {
        let at = current.fork_at(&pushed).map_err(|e| bad(&e))?;
        doc::read_record(&at, id).map_err(|e| bad(&e))?
    };
    let trashed = (base.is_deleted() != mine.is_deleted()).then_some(mine.is_deleted());
    Ok((refusal::difference(&base, &mine), trashed))
}

fn keep_as_not_accepted(
    conn: &Connection,
    id: RecordId,
    patch: &Patch,
    reason: &str,
    now: i64,
) -> Result<()> {
    let json = serde_json::to_string(patch).map_err(|e| Error::BadChange {
        id,
        reason: e.to_string(),
    })?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO refusals (id, code, reason, at, not_accepted) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id.as_bytes(), RESTORED, reason, now, json])?;
    Ok(())
}
