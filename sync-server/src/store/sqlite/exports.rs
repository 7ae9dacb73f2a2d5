//! [`ExportStore`] on the embedded SQLite file: the `exports` table (one row per job), the
//! `basic_export` switch on `accounts`, and paged reads of `sync_docs` by kind.

use localspace_core::UserId;
use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};
use uuid::Uuid;

use super::{SqliteStore, backend, uuid_at};
use crate::export::store::{ExportJob, ExportStore, JobState};
use crate::store::{StoreError, StoreResult};

pub(super) const MIGRATION: &str = r#"
ALTER TABLE accounts ADD COLUMN basic_export INTEGER NOT NULL DEFAULT 1;
CREATE TABLE exports (
    id BLOB PRIMARY KEY, account BLOB NOT NULL, user BLOB NOT NULL, state TEXT NOT NULL,
    phase TEXT NOT NULL, done INTEGER NOT NULL, total INTEGER NOT NULL, size INTEGER,
    started_at INTEGER NOT NULL, finished_at INTEGER, expires_at INTEGER, error TEXT
) WITHOUT ROWID;
CREATE INDEX exports_by_account ON exports(account, started_at);
"#;

const COLUMNS: &str = "id, account, user, state, phase, done, total, size, started_at, finished_at, expires_at, error";

fn job_row(r: &Row<'_>) -> rusqlite::Result<ExportJob> {
    Ok(ExportJob {
        id: uuid_at(r, 0)?,
        account: uuid_at(r, 1)?,
        user: UserId(uuid_at(r, 2)?),
        state: JobState::parse(&r.get::<_, String>(3)?),
        phase: r.get(4)?,
        done: r.get::<_, i64>(5)?.max(0) as u64,
        total: r.get::<_, i64>(6)?.max(0) as u64,
        size: r.get::<_, Option<i64>>(7)?.map(|s| s.max(0) as u64),
        started_at: r.get(8)?,
        finished_at: r.get(9)?,
        expires_at: r.get(10)?,
        error: r.get(11)?,
    })
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl ExportStore for SqliteStore {
    fn begin_export(&self, job: &ExportJob) -> StoreResult<Result<(), Uuid>> {
        self.with(|c| {
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let running: Option<Uuid> = tx
                .query_row(
                    "SELECT id FROM exports WHERE account = ?1 AND state = 'running' LIMIT 1",
                    [job.account.as_bytes()],
                    |r| uuid_at(r, 0),
                )
                .optional()
                .map_err(backend)?;
            if let Some(id) = running {
                return Ok(Err(id));
            }
            tx.execute(
                &format!("INSERT INTO exports ({COLUMNS}) VALUES (?1, ?2, ?3, 'running', ?4, 0, 0, NULL, ?5, NULL, NULL, NULL)"),
                params![
                    job.id.as_bytes(),
                    job.account.as_bytes(),
                    job.user.0.as_bytes(),
                    job.phase,
                    job.started_at
                ],
            )
            .map_err(backend)?;
            tx.commit().map_err(backend)?;
            Ok(Ok(()))
        })
    }

    fn export_progress(
        &self,
        account: Uuid,
        id: Uuid,
        phase: &str,
        done: u64,
        total: u64,
    ) -> StoreResult<()> {
        self.with(|c| {
            c.prepare_cached(
                "UPDATE exports SET phase = ?3, done = ?4, total = ?5
                 WHERE account = ?1 AND id = ?2 AND state = 'running'",
            )
            .and_then(|mut s| {
                s.execute(params![
                    account.as_bytes(),
                    id.as_bytes(),
                    phase,
                    to_i64(done),
                    to_i64(total)
                ])
            })
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn end_export(
        &self,
        account: Uuid,
        id: Uuid,
        outcome: Result<(u64, i64), String>,
        at: i64,
    ) -> StoreResult<()> {
        self.with(|c| {
            let n = match outcome {
                Ok((size, expires_at)) => c.execute(
                    "UPDATE exports SET state = 'ready', phase = 'done', done = total, size = ?3,
                     finished_at = ?4, expires_at = ?5 WHERE account = ?1 AND id = ?2",
                    params![
                        account.as_bytes(),
                        id.as_bytes(),
                        to_i64(size),
                        at,
                        expires_at
                    ],
                ),
                Err(error) => c.execute(
                    "UPDATE exports SET state = 'failed', finished_at = ?3, error = ?4
                     WHERE account = ?1 AND id = ?2",
                    params![account.as_bytes(), id.as_bytes(), at, error],
                ),
            }
            .map_err(backend)?;
            if n == 0 {
                Err(StoreError::NotFound)
            } else {
                Ok(())
            }
        })
    }

    fn export_job(&self, account: Uuid, id: Uuid) -> StoreResult<ExportJob> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {COLUMNS} FROM exports WHERE account = ?1 AND id = ?2"),
                params![account.as_bytes(), id.as_bytes()],
                job_row,
            )
            .optional()
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
        })
    }

    fn export_jobs(&self, account: Uuid, limit: u32) -> StoreResult<Vec<ExportJob>> {
        self.with(|c| {
            let mut stmt = c
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM exports WHERE account = ?1
                     ORDER BY started_at DESC, id DESC LIMIT ?2"
                ))
                .map_err(backend)?;
            stmt.query_map(params![account.as_bytes(), limit], job_row)
                .and_then(|rows| rows.collect())
                .map_err(backend)
        })
    }

    fn expired_exports(&self, now: i64) -> StoreResult<Vec<(Uuid, Uuid)>> {
        self.with(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT account, id FROM exports WHERE state = 'ready' AND expires_at <= ?1",
                )
                .map_err(backend)?;
            stmt.query_map([now], |r| Ok((uuid_at(r, 0)?, uuid_at(r, 1)?)))
                .and_then(|rows| rows.collect())
                .map_err(backend)
        })
    }

    fn expire_export(&self, account: Uuid, id: Uuid) -> StoreResult<()> {
        self.with(|c| {
            c.execute(
                "UPDATE exports SET state = 'expired' WHERE account = ?1 AND id = ?2",
                params![account.as_bytes(), id.as_bytes()],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn fail_interrupted_exports(&self, at: i64) -> StoreResult<u64> {
        self.with(|c| {
            c.execute(
                "UPDATE exports SET state = 'failed', finished_at = ?1,
                 error = 'The server stopped while the export was being built.'
                 WHERE state = 'running'",
                [at],
            )
            .map(|n| n as u64)
            .map_err(backend)
        })
    }

    fn forget_exports(&self, account: Uuid) -> StoreResult<()> {
        self.with(|c| {
            c.execute(
                "DELETE FROM exports WHERE account = ?1",
                [account.as_bytes()],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn basic_export(&self, account: Uuid) -> StoreResult<bool> {
        self.with(|c| {
            c.query_row(
                "SELECT basic_export FROM accounts WHERE id = ?1",
                [account.as_bytes()],
                |r| r.get(0),
            )
            .optional()
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
        })
    }

    fn set_basic_export(&self, account: Uuid, allowed: bool) -> StoreResult<()> {
        self.with(|c| {
            let n = c
                .execute(
                    "UPDATE accounts SET basic_export = ?2 WHERE id = ?1",
                    params![account.as_bytes(), allowed],
                )
                .map_err(backend)?;
            if n == 0 {
                Err(StoreError::NotFound)
            } else {
                Ok(())
            }
        })
    }

    fn count_docs(&self, account: Uuid, kinds: &[&str]) -> StoreResult<u64> {
        self.with(|c| {
            let mut total = 0u64;
            let mut stmt = c
                .prepare_cached("SELECT count(*) FROM sync_docs WHERE account = ?1 AND kind = ?2")
                .map_err(backend)?;
            for kind in kinds {
                let n: i64 = stmt
                    .query_row(params![account.as_bytes(), kind], |r| r.get(0))
                    .map_err(backend)?;
                total += n.max(0) as u64;
            }
            Ok(total)
        })
    }

    fn docs_of_kind(
        &self,
        account: Uuid,
        kind: &str,
        after: Option<Uuid>,
        limit: u32,
    ) -> StoreResult<Vec<(Uuid, Vec<u8>)>> {
        let after = after.map(|a| a.as_bytes().to_vec()).unwrap_or_default();
        self.with(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT id, bytes FROM sync_docs
                     WHERE account = ?1 AND id > ?2 AND kind = ?3 ORDER BY id LIMIT ?4",
                )
                .map_err(backend)?;
            stmt.query_map(params![account.as_bytes(), after, kind, limit], |r| {
                Ok((uuid_at(r, 0)?, r.get(1)?))
            })
            .and_then(|rows| rows.collect())
            .map_err(backend)
        })
    }

    fn doc_kind(&self, account: Uuid, id: Uuid) -> StoreResult<Option<String>> {
        self.with(|c| {
            c.prepare_cached("SELECT kind FROM sync_docs WHERE account = ?1 AND id = ?2")
                .and_then(|mut s| {
                    s.query_row(params![account.as_bytes(), id.as_bytes()], |r| r.get(0))
                        .optional()
                })
                .map_err(backend)
        })
    }
}
