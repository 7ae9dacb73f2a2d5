//! Restoring one account from a snapshot file on SQLite: in one write transaction, every
//! row of the account's users, invitations and sync state (documents, log, tombstones, actor
//! bindings, visibility) is replaced by the snapshot's, and the account's epoch moves so its
//! devices re-bootstrap. Other accounts' rows are never touched. Billing rows (orders,
//! invoices) and the plan columns stay: they are accounting records, not the customer's data.
//! The audit log stays too: it records what happened, restores included.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use uuid::Uuid;

use super::{SqliteStore, backend, check_account_invariants};
use crate::store::{StoreError, StoreResult};

pub(super) const MIGRATION: &str =
    "ALTER TABLE accounts ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;";

/// Tables whose rows belong to one account through an `account` column and come back from
/// the snapshot whole. Blob metadata tables join this list when files are stored.
pub const ACCOUNT_TABLES: &[&str] = &[
    "users",
    "invitations",
    "sync_docs",
    "sync_log",
    "sync_erased",
    "sync_actors",
    "sync_private",
    "sync_readers",
    "sync_parents",
    "automation_rules",
];

/// What a restore did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    /// The account's epoch after the restore.
    pub epoch: u64,
    /// Rows copied from the snapshot, per table of [`ACCOUNT_TABLES`].
    pub rows: Vec<(String, u64)>,
}

impl SqliteStore {
    /// Replaces one account's rows with those in the snapshot at `snapshot` (a database file
    /// at this server's schema version). `NotFound` when the snapshot has no such account.
    pub fn restore_account_from(&self, snapshot: &Path, account: Uuid) -> StoreResult<Restored> {
        self.with(|conn| {
            conn.execute(
                "ATTACH DATABASE ?1 AS snap",
                [snapshot.to_string_lossy().as_ref()],
            )
            .map_err(backend)?;
            let result = restore_in(conn, account);
            let detached = conn.execute("DETACH DATABASE snap", []).map_err(backend);
            let restored = result?;
            detached?;
            Ok(restored)
        })
    }
}

fn restore_in(conn: &mut Connection, account: Uuid) -> StoreResult<Restored> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(backend)?;
    // Users come back under the same ids, so sessions pointing at them stay valid; the check
    // runs at commit, after every table is in place.
    tx.pragma_update(None, "defer_foreign_keys", true)
        .map_err(backend)?;
    let key = account.as_bytes();
    let saved: Option<(String, i64, i64)> = tx
        .query_row(
            "SELECT name, log_cursor, log_floor FROM snap.accounts WHERE id = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(backend)?;
    let Some((name, cursor, floor)) = saved else {
        return Err(StoreError::NotFound);
    };
    let mut rows = Vec::new();
    for table in ACCOUNT_TABLES {
        let columns = columns_of(&tx, table)?;
        tx.execute(
            &format!("DELETE FROM main.{table} WHERE account = ?1"),
            [key],
        )
        .map_err(backend)?;
        let copied = tx
            .execute(
                &format!(
                    "INSERT INTO main.{table} ({columns}) SELECT {columns} FROM snap.{table} WHERE account = ?1"
                ),
                [key],
            )
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::ConstraintViolation && *table == "users" =>
                {
                    StoreError::EmailTaken
                }
                e => backend(e),
            })?;
        rows.push((table.to_string(), copied as u64));
    }
    for sql in [
        // Sessions of users the snapshot does not have end; the others stay signed in, and
        // their pull positions from before the restore no longer hold the compaction horizon.
        "DELETE FROM sessions WHERE account = ?1 AND user NOT IN (SELECT id FROM users WHERE account = ?1)",
        "UPDATE sessions SET sync_cursor = NULL, sync_seen = NULL WHERE account = ?1",
    ] {
        tx.execute(sql, [key]).map_err(backend)?;
    }
    tx.execute(
        "DELETE FROM password_resets WHERE user NOT IN (SELECT id FROM users)",
        [],
    )
    .map_err(backend)?;
    // Cursors never go back: entries pushed after the restore follow every cursor used so
    // far, so a device's live socket still hears a cursor above its own.
    let epoch: i64 = tx
        .query_row(
            "UPDATE accounts SET name = ?2, epoch = epoch + 1, log_cursor = max(log_cursor, ?3),
               log_floor = ?4 WHERE id = ?1 RETURNING epoch",
            params![key, name, cursor, floor],
            |r| r.get(0),
        )
        .optional()
        .map_err(backend)?
        .ok_or(StoreError::NotFound)?;
    check_account_invariants(&tx, account, true)?;
    tx.commit().map_err(backend)?;
    Ok(Restored {
        epoch: epoch as u64,
        rows,
    })
}

/// The columns of a table of this schema, comma-separated, so a snapshot copy lines up by
/// name.
fn columns_of(conn: &Connection, table: &str) -> StoreResult<String> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT name FROM pragma_table_info('{table}', 'main')"
        ))
        .map_err(backend)?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(backend)?;
    Ok(names.join(", "))
}
