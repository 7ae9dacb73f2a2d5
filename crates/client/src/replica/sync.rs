//! What the sync engine needs from the replica: the outbox (changes not yet acknowledged by
//! the server, per document, since its last pushed heads), marking them pushed, applying
//! changes and saved documents that arrive from the server, and erasures both ways.

use std::collections::HashSet;

use automerge::{AutoCommit, Change, ChangeHash};
use localspace_core::sync::DocPush;
use localspace_core::{Kind, RecordId, doc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{Replica, project, store};
use crate::error::{Error, Result};

/// The unpushed changes of one document.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// The document's place in the outbox: pass it to [`Replica::unpushed_after`] for the
    /// documents after it.
    pub n: i64,
    pub id: RecordId,
    pub kind: Kind,
    /// Encoded automerge changes, in causal order; empty when `saved` is sent instead.
    pub changes: Vec<Vec<u8>>,
    /// The document's stored bytes, for a document the server has acknowledged nothing of:
    /// sent as they are, without loading the document.
    pub saved: Option<Vec<u8>>,
    /// The heads these changes lead to; pass them back to [`Replica::mark_pushed`].
    pub heads: Vec<ChangeHash>,
}

impl Outgoing {
    /// The document as a push carries it.
    pub fn to_push(&self) -> DocPush {
        self.clone().into_push()
    }

    /// [`Outgoing::to_push`] without copying the bytes.
    pub fn into_push(self) -> DocPush {
        DocPush {
            id: self.id,
            kind: self.kind,
            changes: self.changes,
            saved: self.saved,
        }
    }

    /// The encoded changes this push carries, read from the saved form when it carries that.
    pub fn change_bytes(&self) -> Result<Vec<Vec<u8>>> {
        match &self.saved {
            None => Ok(self.changes.clone()),
            Some(bytes) => Ok(store::parse_doc(self.id, bytes)?
                .get_changes(&[])
                .iter()
                .map(|c| c.raw_bytes().to_vec())
                .collect()),
        }
    }

    /// How many bytes of the document this push carries.
    pub fn byte_len(&self) -> usize {
        self.saved
            .as_ref()
            .map_or_else(|| self.changes.iter().map(Vec::len).sum(), Vec::len)
    }
}

/// What applying remote changes did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// The document changed and its projections were updated.
    Changed,
    /// Every change was already known.
    Unchanged,
    /// Some changes depend on changes this replica lacks; nothing was stored. The engine
    /// asks the server for the missing ones and retries.
    MissingDeps,
    /// The record was erased; the changes were dropped and nothing was recreated.
    Erased,
}

impl Replica {
    /// Up to `limit` documents with changes the server has not acknowledged, oldest first.
    /// A document that cannot be read is skipped (and reported by [`Replica::get`]).
    pub fn unpushed(&self, limit: usize) -> Result<Vec<Outgoing>> {
        self.unpushed_after(i64::MIN, limit)
    }

    /// [`Replica::unpushed`] from the outbox place `after` on (exclusive), so the next batch
    /// can be read while the previous one is still on its way.
    pub fn unpushed_after(&self, after: i64, limit: usize) -> Result<Vec<Outgoing>> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT n, id, kind, bytes, heads, pushed_heads FROM docs
             WHERE dirty = 1 AND n > ?1 ORDER BY n",
        )?;
        let rows = stmt.query_map([after], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Vec<u8>>(3)?,
                r.get::<_, Vec<u8>>(4)?,
                r.get::<_, Option<Vec<u8>>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        // Unreadable documents are skipped without counting against the limit.
        for row in rows {
            if out.len() == limit {
                break;
            }
            let (n, id, kind, bytes, heads, pushed) = row?;
            let (Some(id), Ok(kind)) = (RecordId::from_slice(&id), kind.parse::<Kind>()) else {
                continue;
            };
            let since = pushed
                .as_deref()
                .map(store::decode_heads)
                .unwrap_or_default();
            if since.is_empty() {
                // The server has none of it: the stored bytes go as they are, unless their
                // checksums show damage (the server would refuse them anyway).
                if !store::chunks_intact(&bytes) {
                    continue;
                }
                out.push(Outgoing {
                    n,
                    id,
                    kind,
                    changes: Vec::new(),
                    saved: Some(bytes),
                    heads: store::decode_heads(&heads),
                });
                continue;
            }
            let Ok(mut document) = store::parse_doc(id, &bytes) else {
                continue;
            };
            let changes = document
                .get_changes(&since)
                .iter()
                .map(|c| c.raw_bytes().to_vec())
                .collect();
            out.push(Outgoing {
                n,
                id,
                kind,
                changes,
                saved: None,
                heads: document.get_heads(),
            });
        }
        Ok(out)
    }

    /// How many documents wait in the outbox.
    pub fn outbox_len(&self) -> Result<usize> {
        let conn = self.lock();
        let n: i64 = conn.query_row("SELECT count(*) FROM docs WHERE dirty = 1", [], |r| {
            r.get(0)
        })?;
        Ok(n as usize)
    }

    /// Records that the server acknowledged a document up to `heads`. Edits made since stay
    /// in the outbox.
    pub fn mark_pushed(&self, id: RecordId, heads: &[ChangeHash]) -> Result<()> {
        self.mark_pushed_many(&[(id, heads.to_vec())])
    }

    /// [`Replica::mark_pushed`] for many documents in one transaction (one disk sync per
    /// push answer, not one per document).
    pub fn mark_pushed_many(&self, acknowledged: &[(RecordId, Vec<ChangeHash>)]) -> Result<()> {
        self.in_transaction(|conn| {
            let mut clear = conn.prepare_cached("DELETE FROM refusals WHERE id = ?1")?;
            let mut mark = conn.prepare_cached(
                "UPDATE docs SET pushed_heads = ?2, dirty = (heads IS NOT ?2) WHERE id = ?1",
            )?;
            for (id, heads) in acknowledged {
                clear.execute([id.as_bytes()])?;
                mark.execute(params![id.as_bytes(), store::encode_heads(heads)])?;
            }
            Ok(())
        })
    }

    /// Applies encoded changes received from the server to one document (creating it when
    /// new) and re-projects it. Garbage gives `BadChange` for this record and stores nothing.
    pub fn apply_remote(&self, id: RecordId, changes: &[Vec<u8>]) -> Result<Applied> {
        let parsed = changes
            .iter()
            .map(|bytes| Change::try_from(bytes.as_slice()))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::BadChange {
                id,
                reason: e.to_string(),
            })?;
        if self.holds_all(id, &parsed)? {
            return Ok(Applied::Unchanged);
        }
        self.in_transaction(|conn| {
            merge_into(conn, id, None, |document| {
                document
                    .apply_changes(parsed)
                    .map_err(|e| Error::BadChange {
                        id,
                        reason: e.to_string(),
                    })
            })
        })
    }

    /// Whether the stored document already holds every one of `changes` (a device pulling
    /// its own pushed changes back), decided from its stored heads without loading it: the
    /// changes no other of them depends on are heads of the document, so they and everything
    /// they depend on are in it.
    fn holds_all(&self, id: RecordId, changes: &[Change]) -> Result<bool> {
        let depended: HashSet<ChangeHash> = changes
            .iter()
            .flat_map(|c| c.deps().iter().copied())
            .collect();
        let tips: Vec<ChangeHash> = changes
            .iter()
            .map(Change::hash)
            .filter(|h| !depended.contains(h))
            .collect();
        if tips.is_empty() {
            return Ok(false);
        }
        let conn = self.lock();
        let heads: Option<Vec<u8>> = conn
            .prepare_cached("SELECT heads FROM docs WHERE id = ?1")?
            .query_row([id.as_bytes()], |r| r.get(0))
            .optional()?;
        let Some(heads) = heads else {
            return Ok(false);
        };
        let heads = store::decode_heads(&heads);
        Ok(tips.iter().all(|t| heads.contains(t)))
    }

    /// Merges a saved document (bootstrap, or a grant of a record) into the replica.
    pub fn load_saved(&self, id: RecordId, bytes: &[u8]) -> Result<Applied> {
        let mut incoming = AutoCommit::load(bytes).map_err(|e| Error::BadChange {
            id,
            reason: e.to_string(),
        })?;
        self.in_transaction(|conn| {
            merge_into(conn, id, None, |document| {
                document
                    .merge(&mut incoming)
                    .map(|_| ())
                    .map_err(|e| Error::BadChange {
                        id,
                        reason: e.to_string(),
                    })
            })
        })
    }

    /// Merges many saved documents in one transaction (bootstrap). A document that cannot be
    /// read is skipped and returned with its error; the others are stored.
    pub fn load_saved_many(&self, docs: &[(RecordId, Vec<u8>)]) -> Result<Vec<(RecordId, Error)>> {
        self.load_prepared_many(super::prepare_saved(docs.to_vec()))
    }

    /// The saved bytes of a record's document.
    pub fn document_bytes(&self, id: RecordId) -> Result<Vec<u8>> {
        let conn = self.lock();
        Ok(store::require_row(&conn, id)?.bytes)
    }

    /// Erasures made here that the server has not acknowledged.
    pub fn unpushed_erasures(&self) -> Result<Vec<RecordId>> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached("SELECT id FROM erased WHERE pushed = 0")?;
        let ids = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
        Ok(ids
            .filter_map(|b| b.ok().and_then(|b| RecordId::from_slice(&b)))
            .collect())
    }

    /// Records that the server knows of an erasure.
    pub fn mark_erasure_pushed(&self, id: RecordId) -> Result<()> {
        let conn = self.lock();
        conn.prepare_cached("UPDATE erased SET pushed = 1 WHERE id = ?1")?
            .execute([id.as_bytes()])?;
        Ok(())
    }

    /// Drops a local erasure the server refused, so the record can come back.
    pub fn forget_erasure(&self, id: RecordId) -> Result<()> {
        let conn = self.lock();
        conn.prepare_cached("DELETE FROM erased WHERE id = ?1")?
            .execute([id.as_bytes()])?;
        Ok(())
    }

    /// Applies an erasure announced by the server: the record goes for good, in one
    /// transaction with its tombstone.
    pub fn apply_remote_erase(&self, id: RecordId) -> Result<()> {
        self.write(|b| b.erase_known(id))
    }

    /// Drops a record the server revoked from this user (it became private to others). Its
    /// unpushed edits go with it: the server would refuse them (`not_visible`).
    pub fn apply_remote_revoke(&self, id: RecordId) -> Result<()> {
        self.write(|b| b.forget(id))
    }

    /// Drops the records the server has had (they were pushed) but no longer lists for this
    /// user after a fresh bootstrap: revoked while the device was away. Records never
    /// pushed stay: they are this device's own unsent work. Returns how many went.
    pub fn forget_unlisted(&self, listed: &std::collections::HashSet<RecordId>) -> Result<usize> {
        let known: Vec<RecordId> = {
            let conn = self.lock();
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM docs WHERE pushed_heads IS NOT NULL AND length(pushed_heads) > 0",
            )?;
            let ids = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
            ids.filter_map(|b| b.ok().and_then(|b| RecordId::from_slice(&b)))
                .filter(|id| !listed.contains(id))
                .collect()
        };
        self.write(|b| known.iter().try_for_each(|id| b.forget(*id)))?;
        Ok(known.len())
    }

    /// Forgets a sync engine value (so the next pass starts over with a bootstrap).
    pub fn clear_sync_state(&self, key: &str) -> Result<()> {
        let conn = self.lock();
        conn.prepare_cached("DELETE FROM meta WHERE key = ?1")?
            .execute([key])?;
        Ok(())
    }

    /// A value the sync engine keeps (cursor, epoch), stored in the replica.
    pub fn sync_state(&self, key: &str) -> Result<Option<String>> {
        let conn = self.lock();
        Ok(conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Stores a sync engine value.
    pub fn set_sync_state(&self, key: &str, value: &str) -> Result<()> {
        let conn = self.lock();
        conn.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?
            .execute([key, value])?;
        Ok(())
    }

    pub(super) fn in_transaction<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// [`Replica::in_transaction`] for what can be fetched again: a bootstrap page, which
    /// counts only once the bootstrap's cursor is stored at its end. Its commit does not wait
    /// for the disk (WAL with `synchronous = NORMAL` loses at most the last commits on power
    /// loss, never consistency); the next durable commit (the cursor, or any user edit,
    /// which keeps the replica's setting) syncs it along with everything before it.
    pub(super) fn in_refetchable_transaction<R>(
        &self,
        f: impl FnOnce(&Connection) -> Result<R>,
    ) -> Result<R> {
        let mut conn = self.lock();
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let done = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })();
        conn.pragma_update(None, "synchronous", self.durability.as_str())?;
        done
    }
}

/// Loads (or starts) a document, lets `apply` add remote changes, then saves it with heads
/// that count the remote changes as already on the server.
pub(super) fn merge_into(
    conn: &Connection,
    id: RecordId,
    saved: Option<&[u8]>,
    apply: impl FnOnce(&mut AutoCommit) -> Result<()>,
) -> Result<Applied> {
    if store::is_erased(conn, id)? {
        return Ok(Applied::Erased);
    }
    let row = store::load_row(conn, id)?;
    let mut document = match &row {
        Some(row) => store::parse_doc(id, &row.bytes)?,
        None => AutoCommit::new(),
    };
    let was_clean = row
        .as_ref()
        .is_none_or(|r| r.pushed_heads.as_deref() == Some(r.heads.as_slice()));
    let before = document.get_heads();
    let before_pushed = row
        .as_ref()
        .and_then(|r| r.pushed_heads.as_deref())
        .map(store::decode_heads)
        .unwrap_or_default();
    apply(&mut document)?;
    if !document.get_missing_deps(&[]).is_empty() {
        return Ok(Applied::MissingDeps);
    }
    let after = document.get_heads();
    if after == before {
        return Ok(Applied::Unchanged);
    }
    let kind = doc::record_kind(&document).map_err(|e| Error::BadChange {
        id,
        reason: e.to_string(),
    })?;
    let pushed = if was_clean {
        after
    } else {
        // Everything the server sent is on the server: acknowledged heads become the heads of
        // (what we pushed before) + (what arrived), leaving only local edits in the outbox.
        let arrived: Vec<ChangeHash> = document
            .get_changes(&before)
            .iter()
            .map(Change::hash)
            .collect();
        let mut known = before_pushed;
        known.extend(arrived);
        let mut at = document.fork_at(&known).map_err(|e| Error::BadChange {
            id,
            reason: e.to_string(),
        })?;
        at.get_heads()
    };
    let record = doc::read_record(&document, id).map_err(|e| Error::BadChange {
        id,
        reason: e.to_string(),
    })?;
    if let Some(row) = &row
        && let Ok(old_kind) = row.kind.parse::<Kind>()
        && old_kind != kind
    {
        project::unproject(conn, row.n, old_kind)?;
    }
    let stored = match saved {
        Some(bytes) => store::Stored::saved(bytes, &document.get_heads(), &record),
        None => store::Stored::new(&mut document, &record),
    };
    let pushed = store::encode_heads(&pushed);
    let n = store::save_doc(
        conn,
        row.as_ref().map(|r| r.n),
        id,
        kind,
        &stored,
        Some(&pushed),
    )?;
    if row.is_some() {
        project::project(conn, n, &record)?;
    } else {
        project::project_new(conn, n, &record)?;
    }
    Ok(Applied::Changed)
}
