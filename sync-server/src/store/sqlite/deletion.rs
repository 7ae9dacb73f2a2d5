//! Deletion on request on SQLite: when an admin asked to delete the account, and when the
//! data goes.

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::{SqliteStore, backend, uuid_at};
use crate::store::{ScheduledDeletion, StoreResult};

pub(super) const MIGRATION: &str = r#"
ALTER TABLE accounts ADD COLUMN deletion_requested_at INTEGER;
ALTER TABLE accounts ADD COLUMN deletion_due INTEGER;
"#;

impl SqliteStore {
    pub(super) fn schedule_deletion_sql(
        &self,
        account: Uuid,
        requested_at: i64,
        due: i64,
    ) -> StoreResult<ScheduledDeletion> {
        self.in_tx(|tx| {
            // Asking twice keeps the first date: the delay is not restarted.
            tx.prepare_cached(
                "UPDATE accounts SET deletion_requested_at = ?2, deletion_due = ?3
                 WHERE id = ?1 AND deletion_due IS NULL",
            )
            .and_then(|mut s| s.execute(params![account.as_bytes(), requested_at, due]))
            .map_err(backend)?;
            scheduled(tx, account)?.ok_or(crate::store::StoreError::NotFound)
        })
    }

    pub(super) fn cancel_deletion_sql(&self, account: Uuid) -> StoreResult<bool> {
        self.in_tx(|tx| {
            tx.prepare_cached(
                "UPDATE accounts SET deletion_requested_at = NULL, deletion_due = NULL
                 WHERE id = ?1 AND deletion_due IS NOT NULL",
            )
            .and_then(|mut s| s.execute([account.as_bytes()]))
            .map(|n| n > 0)
            .map_err(backend)
        })
    }

    pub(super) fn scheduled_deletion_sql(
        &self,
        account: Uuid,
    ) -> StoreResult<Option<ScheduledDeletion>> {
        self.with(|c| scheduled(c, account))
    }

    pub(super) fn deletions_due_sql(&self, now: i64) -> StoreResult<Vec<Uuid>> {
        self.with(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT id FROM accounts
                     WHERE deletion_due IS NOT NULL AND deletion_due <= ?1 AND status != 'deleted'",
                )
                .map_err(backend)?;
            stmt.query_map([now], |r| uuid_at(r, 0))
                .and_then(|rows| rows.collect())
                .map_err(backend)
        })
    }
}

fn scheduled(c: &rusqlite::Connection, account: Uuid) -> StoreResult<Option<ScheduledDeletion>> {
    c.prepare_cached(
        "SELECT deletion_requested_at, deletion_due FROM accounts
         WHERE id = ?1 AND deletion_due IS NOT NULL",
    )
    .and_then(|mut s| {
        s.query_row([account.as_bytes()], |r| {
            Ok(ScheduledDeletion {
                requested_at: r.get(0)?,
                due: r.get(1)?,
            })
        })
        .optional()
    })
    .map_err(backend)
}
