//! The compaction horizon on SQLite: where each device has pulled to, the log floor below
//! which entries are gone, and the permanent erasure tombstones a re-bootstrapping device
//! reconciles against.

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::{SqliteStore, backend, uuid_at};
use crate::store::{Compaction, StoreResult};

impl SqliteStore {
    pub(super) fn note_pull_sql(&self, session: Uuid, cursor: u64, at: i64) -> StoreResult<()> {
        self.with(|c| {
            c.prepare_cached("UPDATE sessions SET sync_cursor = ?2, sync_seen = ?3 WHERE id = ?1")
                .and_then(|mut s| s.execute(params![session.as_bytes(), cursor as i64, at]))
                .map(drop)
                .map_err(backend)
        })
    }

    pub(super) fn log_floor_sql(&self, account: Uuid) -> StoreResult<u64> {
        self.with(|c| {
            c.prepare_cached("SELECT log_floor FROM accounts WHERE id = ?1")
                .and_then(|mut s| {
                    s.query_row([account.as_bytes()], |r| r.get::<_, i64>(0))
                        .optional()
                })
                .map(|f| f.unwrap_or(0) as u64)
                .map_err(backend)
        })
    }

    pub(super) fn compact_sql(&self, account: Uuid, seen_since: i64) -> StoreResult<Compaction> {
        self.in_tx(|tx| {
            let key = account.as_bytes();
            let (cursor, floor): (i64, i64) = tx
                .prepare_cached("SELECT log_cursor, log_floor FROM accounts WHERE id = ?1")
                .and_then(|mut s| s.query_row([key], |r| Ok((r.get(0)?, r.get(1)?))))
                .map_err(backend)?;
            // The lowest cursor of the devices seen lately; with none, the whole log.
            let lowest: Option<i64> = tx
                .prepare_cached(
                    "SELECT min(sync_cursor) FROM sessions
                     WHERE account = ?1 AND sync_cursor IS NOT NULL AND sync_seen >= ?2",
                )
                .and_then(|mut s| s.query_row(params![key, seen_since], |r| r.get(0)))
                .map_err(backend)?;
            let horizon = lowest.unwrap_or(cursor).clamp(floor, cursor);
            let removed = tx
                .prepare_cached("DELETE FROM sync_log WHERE account = ?1 AND cursor <= ?2")
                .and_then(|mut s| s.execute(params![key, horizon]))
                .map_err(backend)?;
            tx.prepare_cached("UPDATE accounts SET log_floor = ?2 WHERE id = ?1")
                .and_then(|mut s| s.execute(params![key, horizon]))
                .map_err(backend)?;
            Ok(Compaction {
                horizon: horizon as u64,
                removed: removed as u64,
            })
        })
    }

    pub(super) fn erased_sql(
        &self,
        account: Uuid,
        after: Option<Uuid>,
        limit: u32,
    ) -> StoreResult<Vec<Uuid>> {
        self.with(|c| {
            let after = after.map(|a| a.as_bytes().to_vec()).unwrap_or_default();
            let mut stmt = c
                .prepare_cached(
                    "SELECT id FROM sync_erased WHERE account = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
                )
                .map_err(backend)?;
            let rows = stmt
                .query_map(params![account.as_bytes(), after, limit], |r| uuid_at(r, 0))
                .map_err(backend)?;
            rows.collect::<rusqlite::Result<_>>().map_err(backend)
        })
    }

    pub(super) fn account_ids_sql(&self) -> StoreResult<Vec<Uuid>> {
        self.with(|c| {
            let mut stmt = c
                .prepare_cached("SELECT id FROM accounts")
                .map_err(backend)?;
            let rows = stmt.query_map([], |r| uuid_at(r, 0)).map_err(backend)?;
            rows.collect::<rusqlite::Result<_>>().map_err(backend)
        })
    }
}
