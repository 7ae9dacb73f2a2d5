//! [`FileStore`] on the embedded SQLite file: `blobs` (one row per distinct content per
//! account), `blob_refs` (file record → blob) and `uploads` (reservations). Reserving runs
//! in an IMMEDIATE transaction, so SQLite serializes it with every other writer and the
//! quota check sees every reservation committed before it.

use localspace_core::UserId;
use localspace_core::api::StorageUsage;
use localspace_core::billing::quota_bytes;
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::{SqliteStore, backend, uuid_at};
use crate::files::{FileStore, Reservation, Reserved};
use crate::store::{StoreError, StoreResult};

/// The file storage schema, appended to the store's migrations.
pub(super) const MIGRATION: &str = r#"
CREATE TABLE blobs (
    account BLOB NOT NULL REFERENCES accounts(id), hash TEXT NOT NULL, size INTEGER NOT NULL,
    created_at INTEGER NOT NULL, PRIMARY KEY (account, hash)
) WITHOUT ROWID;
CREATE TABLE blob_refs (
    account BLOB NOT NULL, file BLOB NOT NULL, hash TEXT NOT NULL, user BLOB NOT NULL,
    at INTEGER NOT NULL, PRIMARY KEY (account, file)
) WITHOUT ROWID;
CREATE INDEX blob_refs_by_hash ON blob_refs(account, hash);
CREATE TABLE uploads (
    id BLOB PRIMARY KEY, account BLOB NOT NULL REFERENCES accounts(id), file BLOB NOT NULL,
    hash TEXT NOT NULL, size INTEGER NOT NULL, user BLOB NOT NULL, created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX uploads_by_account ON uploads(account, expires_at);
"#;

/// Deletes an account's file bookkeeping (the purge; its blob bytes go separately).
pub(super) const PURGE: [&str; 3] = [
    "DELETE FROM uploads WHERE account = ?1",
    "DELETE FROM blob_refs WHERE account = ?1",
    "DELETE FROM blobs WHERE account = ?1",
];

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn counts(c: &Connection, account: Uuid, gb_bytes: u64, now: i64) -> StoreResult<StorageUsage> {
    let (used, reserved, plan, seats, packs): (i64, i64, Option<String>, u32, u32) = c
        .query_row(
            "SELECT
               (SELECT coalesce(sum(size), 0) FROM blobs WHERE account = ?1),
               (SELECT coalesce(sum(size), 0) FROM uploads WHERE account = ?1 AND expires_at > ?2),
               plan, seats, packs
             FROM accounts WHERE id = ?1",
            params![account.as_bytes(), now],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()
        .map_err(backend)?
        .ok_or(StoreError::NotFound)?;
    let plan = plan.and_then(|p| p.parse().ok());
    let quota = quota_bytes(plan, seats, packs, gb_bytes);
    let (used, reserved) = (used.max(0) as u64, reserved.max(0) as u64);
    Ok(StorageUsage {
        used,
        reserved,
        quota,
        free: quota.saturating_sub(used + reserved),
    })
}

fn refer(
    c: &Connection,
    account: Uuid,
    file: Uuid,
    hash: &str,
    user: UserId,
    at: i64,
) -> StoreResult<Option<String>> {
    let before: Option<String> = c
        .query_row(
            "SELECT hash FROM blob_refs WHERE account = ?1 AND file = ?2",
            params![account.as_bytes(), file.as_bytes()],
            |r| r.get(0),
        )
        .optional()
        .map_err(backend)?;
    c.execute(
        "INSERT OR REPLACE INTO blob_refs (account, file, hash, user, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![account.as_bytes(), file.as_bytes(), hash, user.0.as_bytes(), at],
    )
    .map_err(backend)?;
    match before {
        Some(old) if old != hash => drop_if_orphan(c, account, &old),
        _ => Ok(None),
    }
}

/// Deletes a blob's row when nothing refers to it any more; returns its hash then.
fn drop_if_orphan(c: &Connection, account: Uuid, hash: &str) -> StoreResult<Option<String>> {
    let gone = c
        .execute(
            "DELETE FROM blobs WHERE account = ?1 AND hash = ?2
               AND NOT EXISTS (SELECT 1 FROM blob_refs WHERE account = ?1 AND hash = ?2)",
            params![account.as_bytes(), hash],
        )
        .map_err(backend)?;
    Ok((gone > 0).then(|| hash.to_owned()))
}

fn reservation_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Reservation> {
    Ok(Reservation {
        id: uuid_at(r, 0)?,
        account: uuid_at(r, 1)?,
        file: uuid_at(r, 2)?,
        hash: r.get(3)?,
        size: r.get::<_, i64>(4)?.max(0) as u64,
        user: UserId(uuid_at(r, 5)?),
        created_at: r.get(6)?,
        expires_at: r.get(7)?,
    })
}

fn load_reservation(c: &Connection, account: Uuid, id: Uuid, now: i64) -> StoreResult<Reservation> {
    c.query_row(
        "SELECT id, account, file, hash, size, user, created_at, expires_at FROM uploads
         WHERE account = ?1 AND id = ?2 AND expires_at > ?3",
        params![account.as_bytes(), id.as_bytes(), now],
        reservation_row,
    )
    .optional()
    .map_err(backend)?
    .ok_or(StoreError::NotFound)
}

impl FileStore for SqliteStore {
    fn reserve(&self, r: &Reservation, gb_bytes: u64, now: i64) -> StoreResult<Reserved> {
        self.in_tx(|tx| {
            let account = r.account.as_bytes();
            tx.execute(
                "DELETE FROM uploads WHERE account = ?1 AND expires_at <= ?2",
                params![account, now],
            )
            .map_err(backend)?;
            let held: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM blobs WHERE account = ?1 AND hash = ?2)",
                    params![account, r.hash],
                    |row| row.get(0),
                )
                .map_err(backend)?;
            if held {
                if let Some(orphan) = refer(tx, r.account, r.file, &r.hash, r.user, now)? {
                    // The file referred to other bytes before; they are no longer counted.
                    tracing::info!(account = %r.account, %orphan, "blob lost its last reference");
                }
                return Ok(Reserved::Existing);
            }
            let usage = counts(tx, r.account, gb_bytes, now)?;
            if r.size > usage.free {
                return Err(StoreError::QuotaExceeded { free: usage.free });
            }
            tx.execute(
                "INSERT INTO uploads (id, account, file, hash, size, user, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    r.id.as_bytes(),
                    account,
                    r.file.as_bytes(),
                    r.hash,
                    to_i64(r.size),
                    r.user.0.as_bytes(),
                    r.created_at,
                    r.expires_at
                ],
            )
            .map_err(backend)?;
            Ok(Reserved::Upload(r.clone()))
        })
    }

    fn reservation(&self, account: Uuid, id: Uuid, now: i64) -> StoreResult<Reservation> {
        self.with(|c| load_reservation(c, account, id, now))
    }

    fn release(&self, account: Uuid, id: Uuid) -> StoreResult<()> {
        self.in_tx(|tx| {
            let n = tx
                .execute(
                    "DELETE FROM uploads WHERE account = ?1 AND id = ?2",
                    params![account.as_bytes(), id.as_bytes()],
                )
                .map_err(backend)?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        })
    }

    fn complete(&self, account: Uuid, id: Uuid, now: i64) -> StoreResult<Option<String>> {
        self.in_tx(|tx| {
            // An expired reservation still completes: its bytes are here and verified.
            let r = load_reservation(tx, account, id, i64::MIN)?;
            tx.execute(
                "INSERT OR IGNORE INTO blobs (account, hash, size, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![account.as_bytes(), r.hash, to_i64(r.size), now],
            )
            .map_err(backend)?;
            tx.execute(
                "DELETE FROM uploads WHERE account = ?1 AND id = ?2",
                params![account.as_bytes(), id.as_bytes()],
            )
            .map_err(backend)?;
            refer(tx, account, r.file, &r.hash, r.user, now)
        })
    }

    fn blob_size(&self, account: Uuid, hash: &str) -> StoreResult<u64> {
        self.with(|c| {
            c.query_row(
                "SELECT size FROM blobs WHERE account = ?1 AND hash = ?2",
                params![account.as_bytes(), hash],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .map_err(backend)?
            .map(|n| n.max(0) as u64)
            .ok_or(StoreError::NotFound)
        })
    }

    fn reference(&self, account: Uuid, file: Uuid) -> StoreResult<(String, UserId)> {
        self.with(|c| {
            c.query_row(
                "SELECT hash, user FROM blob_refs WHERE account = ?1 AND file = ?2",
                params![account.as_bytes(), file.as_bytes()],
                |r| Ok((r.get(0)?, UserId(uuid_at(r, 1)?))),
            )
            .optional()
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
        })
    }

    fn unref(&self, account: Uuid, file: Uuid) -> StoreResult<Option<String>> {
        self.in_tx(|tx| {
            let hash: String = tx
                .query_row(
                    "DELETE FROM blob_refs WHERE account = ?1 AND file = ?2 RETURNING hash",
                    params![account.as_bytes(), file.as_bytes()],
                    |r| r.get(0),
                )
                .optional()
                .map_err(backend)?
                .ok_or(StoreError::NotFound)?;
            drop_if_orphan(tx, account, &hash)
        })
    }

    fn usage(&self, account: Uuid, gb_bytes: u64, now: i64) -> StoreResult<StorageUsage> {
        self.with(|c| counts(c, account, gb_bytes, now))
    }
}
