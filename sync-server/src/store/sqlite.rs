//! The embedded storage backend: one SQLite file (WAL). Every method is one transaction.

mod automation;
mod billing;
mod files;
mod plan_change;

use std::path::Path;
use std::sync::Mutex;

use localspace_core::UserId;
use localspace_core::api::Role;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use uuid::Uuid;

mod compaction;
mod deletion;
mod exports;
mod group_commit;
pub(crate) mod restore;
mod visibility;

use super::{
    Access, Account, AccountStatus, AuditRecord, Compaction, Invitation, LogPage, SavedPage,
    ScheduledDeletion, Session, Store, StoreError, StoreResult, StoredDoc, SyncTx, User,
    UserChange,
};

const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE accounts (
    id BLOB PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,
    trial_ends INTEGER NOT NULL, seats INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE users (
    id BLOB PRIMARY KEY, account BLOB NOT NULL REFERENCES accounts(id), email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL, password_hash TEXT NOT NULL, role TEXT NOT NULL, seat INTEGER NOT NULL,
    active INTEGER NOT NULL, lang TEXT NOT NULL, created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX users_by_account ON users(account);
CREATE TABLE sessions (
    id BLOB PRIMARY KEY, token_hash BLOB NOT NULL UNIQUE, user BLOB NOT NULL REFERENCES users(id),
    account BLOB NOT NULL, device TEXT NOT NULL, created_at INTEGER NOT NULL, last_used INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user);
CREATE TABLE invitations (
    id BLOB PRIMARY KEY, token_hash BLOB NOT NULL UNIQUE, account BLOB NOT NULL, email TEXT NOT NULL,
    role TEXT NOT NULL, seat INTEGER NOT NULL, lang TEXT NOT NULL, invited_by BLOB NOT NULL,
    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, accepted_at INTEGER
) WITHOUT ROWID;
CREATE INDEX invitations_by_account ON invitations(account);
CREATE TABLE password_resets (
    token_hash BLOB PRIMARY KEY, user BLOB NOT NULL, created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL, used_at INTEGER
) WITHOUT ROWID;
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, account BLOB NOT NULL, at INTEGER NOT NULL, actor BLOB,
    event TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE INDEX audit_by_account ON audit(account, id);
"#,
    r#"
ALTER TABLE accounts ADD COLUMN log_cursor INTEGER NOT NULL DEFAULT 0;
CREATE TABLE sync_docs (
    account BLOB NOT NULL, id BLOB NOT NULL, kind TEXT NOT NULL, bytes BLOB NOT NULL,
    PRIMARY KEY (account, id)
) WITHOUT ROWID;
CREATE TABLE sync_log (
    account BLOB NOT NULL, cursor INTEGER NOT NULL, doc BLOB NOT NULL, kind TEXT NOT NULL,
    hash BLOB NOT NULL, bytes BLOB NOT NULL, user BLOB NOT NULL, at INTEGER NOT NULL,
    erased INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account, cursor)
) WITHOUT ROWID;
CREATE UNIQUE INDEX sync_log_by_hash ON sync_log(account, doc, hash);
CREATE TABLE sync_erased (account BLOB NOT NULL, id BLOB NOT NULL, PRIMARY KEY (account, id)) WITHOUT ROWID;
"#,
    // Actor ids bound to the user whose session first pushed a change of theirs.
    r#"
CREATE TABLE sync_actors (
    account BLOB NOT NULL, actor BLOB NOT NULL, user BLOB NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (account, actor)
) WITHOUT ROWID;
"#,
    // The compaction horizon: where each device pulled to and when; the log's floor.
    r#"
ALTER TABLE sessions ADD COLUMN sync_cursor INTEGER;
ALTER TABLE sessions ADD COLUMN sync_seen INTEGER;
ALTER TABLE accounts ADD COLUMN log_floor INTEGER NOT NULL DEFAULT 0;
"#,
    billing::MIGRATION,
    // Visibility: restricted records and their readers, child records' parents, and the
    // per-user grant and revoke entries of the log.
    visibility::MIGRATION,
    // Deletion on request: when an admin asked, and when the data goes.
    deletion::MIGRATION,
    files::MIGRATION,
    // Restore: the account's epoch moves each time it is restored from a backup.
    restore::MIGRATION,
    // Automation rules per account.
    automation::MIGRATION,
    // Advanced exports (one row per job) and the account's basic-export switch.
    exports::MIGRATION,
    // Mid-term changes: the current paid term and the downgrade scheduled for its end.
    plan_change::MIGRATION,
];

/// SQLite-backed [`Store`].
#[derive(Debug)]
pub struct SqliteStore {
    conn: Mutex<Connection>,
    /// A read-only connection for the look-ups every request makes (its session, user and
    /// account): in WAL mode it reads committed data while the writer works or waits for
    /// its disk sync, so requests do not queue behind pushes to authenticate.
    reader: Mutex<Connection>,
    /// Sync transactions share disk syncs (`group_commit.rs`).
    group: group_commit::GroupCommit,
}

fn backend(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

fn uuid_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Uuid> {
    let bytes: Vec<u8> = r.get(i)?;
    Uuid::from_slice(&bytes).map_err(|_| {
        rusqlite::Error::InvalidColumnType(i, "uuid".into(), rusqlite::types::Type::Blob)
    })
}

fn role_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Role> {
    let s: String = r.get(i)?;
    Role::parse(&s).ok_or(rusqlite::Error::InvalidColumnType(
        i,
        "role".into(),
        rusqlite::types::Type::Text,
    ))
}

const USER_COLUMNS: &str =
    "id, account, email, name, password_hash, role, seat, active, lang, created_at";

fn user_row(r: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: UserId(uuid_at(r, 0)?),
        account: uuid_at(r, 1)?,
        email: r.get(2)?,
        name: r.get(3)?,
        password_hash: r.get(4)?,
        role: role_at(r, 5)?,
        seat: r.get(6)?,
        active: r.get(7)?,
        lang: r.get(8)?,
        created_at: r.get(9)?,
    })
}

const SESSION_COLUMNS: &str = "id, user, account, device, created_at, last_used";

fn session_row(r: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: uuid_at(r, 0)?,
        user: UserId(uuid_at(r, 1)?),
        account: uuid_at(r, 2)?,
        device: r.get(3)?,
        created_at: r.get(4)?,
        last_used: r.get(5)?,
    })
}

const INVITATION_COLUMNS: &str =
    "id, account, email, role, seat, lang, invited_by, created_at, expires_at, accepted_at";

fn invitation_row(r: &Row<'_>) -> rusqlite::Result<Invitation> {
    Ok(Invitation {
        id: uuid_at(r, 0)?,
        account: uuid_at(r, 1)?,
        email: r.get(2)?,
        role: role_at(r, 3)?,
        seat: r.get(4)?,
        lang: r.get(5)?,
        invited_by: UserId(uuid_at(r, 6)?),
        created_at: r.get(7)?,
        expires_at: r.get(8)?,
        accepted_at: r.get(9)?,
    })
}

fn insert_user(conn: &Connection, u: &User) -> StoreResult<()> {
    let result = conn.execute(
        &format!(
            "INSERT INTO users ({USER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ),
        params![
            u.id.0.as_bytes(),
            u.account.as_bytes(),
            u.email,
            u.name,
            u.password_hash,
            u.role.as_str(),
            u.seat,
            u.active,
            u.lang,
            u.created_at
        ],
    );
    match result {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(StoreError::EmailTaken)
        }
        Err(e) => Err(backend(e)),
    }
}

/// The invariants every change of users must keep, checked inside its transaction. The seat
/// count is checked only when the change hands a seat out (`takes_seat`): an account over
/// its seats (after a scheduled downgrade) can still change passwords and free seats.
fn check_account_invariants(conn: &Connection, account: Uuid, takes_seat: bool) -> StoreResult<()> {
    let (admins, used, seats): (i64, i64, i64) = conn
        .query_row(
            "SELECT
               (SELECT count(*) FROM users WHERE account = ?1 AND role = 'admin' AND active = 1 AND seat = 1),
               (SELECT count(*) FROM users WHERE account = ?1 AND active = 1 AND seat = 1),
               (SELECT seats FROM accounts WHERE id = ?1)",
            [account.as_bytes()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(backend)?;
    if admins == 0 {
        return Err(StoreError::LastAdmin);
    }
    if takes_seat && used > seats {
        return Err(StoreError::NoFreeSeat);
    }
    Ok(())
}

/// The user of a reset token that exists, is unused and has not expired.
fn valid_reset(conn: &Connection, token_hash: &[u8], now: i64) -> StoreResult<UserId> {
    let (user, expires_at, used_at): (Vec<u8>, i64, Option<i64>) = conn
        .query_row(
            "SELECT user, expires_at, used_at FROM password_resets WHERE token_hash = ?1",
            [token_hash],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(backend)?
        .ok_or(StoreError::NotFound)?;
    if used_at.is_some() {
        return Err(StoreError::TokenUsed);
    }
    if now >= expires_at {
        return Err(StoreError::TokenExpired);
    }
    Uuid::from_slice(&user)
        .map(UserId)
        .map_err(|e| StoreError::Backend(e.to_string()))
}

impl SqliteStore {
    /// Opens (creating) the store at `path`.
    pub fn open(path: &Path) -> StoreResult<SqliteStore> {
        let mut conn = Connection::open(path).map_err(backend)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(backend)?;
        // Every statement of the sync path stays prepared (the default keeps 16, fewer than
        // one push uses, so each push parsed its SQL again).
        conn.set_prepared_statement_cache_capacity(256);
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(backend)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(backend)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(backend)?;
        // Deleted rows are overwritten, not left in free pages: a deleted account's data must
        // not be readable from the file afterwards.
        conn.pragma_update(None, "secure_delete", true)
            .map_err(backend)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(backend)?;
        if version > MIGRATIONS.len() as i64 {
            return Err(StoreError::Backend(format!(
                "database schema {version} is newer than this server"
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.transaction().map_err(backend)?;
            tx.execute_batch(sql).map_err(backend)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)
                .map_err(backend)?;
            tx.commit().map_err(backend)?;
        }
        let reader = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(backend)?;
        reader
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(backend)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            reader: Mutex::new(reader),
            group: group_commit::GroupCommit::new(path),
        })
    }

    /// Runs read-only statements on the reader connection.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        let conn = self.reader.lock().unwrap_or_else(|p| p.into_inner());
        f(&conn)
    }

    fn with<T>(&self, f: impl FnOnce(&mut Connection) -> StoreResult<T>) -> StoreResult<T> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut conn)
    }

    fn in_tx<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        self.with(|conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let out = f(&tx)?;
            tx.commit().map_err(backend)?;
            Ok(out)
        })
    }
}

/// [`SyncTx`] over an open SQLite transaction.
struct SqliteSyncTx<'c> {
    conn: &'c Connection,
    account: Uuid,
}

impl SqliteSyncTx<'_> {
    /// Takes the account's next log cursor.
    fn next_cursor(&mut self) -> StoreResult<u64> {
        self.conn
            .prepare_cached("UPDATE accounts SET log_cursor = log_cursor + 1 WHERE id = ?1 RETURNING log_cursor")
            .and_then(|mut s| s.query_row([self.account.as_bytes()], |r| r.get::<_, i64>(0)))
            .map(|c| c as u64)
            .map_err(backend)
    }
}

impl SyncTx for SqliteSyncTx<'_> {
    fn doc(&mut self, id: Uuid) -> StoreResult<Option<StoredDoc>> {
        self.conn
            .prepare_cached("SELECT kind, bytes FROM sync_docs WHERE account = ?1 AND id = ?2")
            .and_then(|mut s| {
                s.query_row([self.account.as_bytes(), id.as_bytes()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()
            })
            .map_err(backend)
    }

    fn put_doc(&mut self, id: Uuid, kind: &str, bytes: &[u8]) -> StoreResult<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO sync_docs (account, id, kind, bytes) VALUES (?1, ?2, ?3, ?4)")
            .and_then(|mut s| s.execute(params![self.account.as_bytes(), id.as_bytes(), kind, bytes]))
            .map(|_| ())
            .map_err(backend)
    }

    fn is_erased(&mut self, id: Uuid) -> StoreResult<bool> {
        self.conn
            .prepare_cached("SELECT 1 FROM sync_erased WHERE account = ?1 AND id = ?2")
            .and_then(|mut s| s.exists([self.account.as_bytes(), id.as_bytes()]))
            .map_err(backend)
    }

    fn append(
        &mut self,
        id: Uuid,
        kind: &str,
        hash: &[u8],
        bytes: &[u8],
        user: UserId,
        at: i64,
    ) -> StoreResult<u64> {
        let cursor = self.next_cursor()? as i64;
        self.conn
            .prepare_cached(
                "INSERT INTO sync_log (account, cursor, doc, kind, hash, bytes, user, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .and_then(|mut s| s.execute(params![self.account.as_bytes(), cursor, id.as_bytes(), kind, hash, bytes, user.0.as_bytes(), at]))
            .map_err(backend)?;
        Ok(cursor as u64)
    }

    fn erase(&mut self, id: Uuid, user: UserId, at: i64) -> StoreResult<Option<u64>> {
        let key = [self.account.as_bytes().as_slice(), id.as_bytes().as_slice()];
        let kind: Option<String> = self
            .conn
            .prepare_cached("SELECT kind FROM sync_docs WHERE account = ?1 AND id = ?2")
            .and_then(|mut s| s.query_row(key, |r| r.get(0)).optional())
            .map_err(backend)?;
        for sql in [
            "DELETE FROM sync_docs WHERE account = ?1 AND id = ?2",
            "DELETE FROM sync_log WHERE account = ?1 AND doc = ?2",
            "INSERT OR IGNORE INTO sync_erased (account, id) VALUES (?1, ?2)",
        ] {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut s| s.execute(key))
                .map_err(backend)?;
        }
        self.forget_access_sql(id)?;
        let Some(kind) = kind else { return Ok(None) };
        let cursor = self.append(id, &kind, &[0; 32], &[], user, at)?;
        self.conn
            .prepare_cached("UPDATE sync_log SET erased = 1 WHERE account = ?1 AND cursor = ?2")
            .and_then(|mut s| s.execute(params![self.account.as_bytes(), cursor as i64]))
            .map_err(backend)?;
        Ok(Some(cursor))
    }

    fn claim_actor(&mut self, actor: &[u8], user: UserId, at: i64) -> StoreResult<UserId> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO sync_actors (account, actor, user, at) VALUES (?1, ?2, ?3, ?4)",
            )
            .and_then(|mut s| s.execute(params![self.account.as_bytes(), actor, user.0.as_bytes(), at]))
            .map_err(backend)?;
        let owner: Vec<u8> = self
            .conn
            .prepare_cached("SELECT user FROM sync_actors WHERE account = ?1 AND actor = ?2")
            .and_then(|mut s| s.query_row(params![self.account.as_bytes(), actor], |r| r.get(0)))
            .map_err(backend)?;
        Uuid::from_slice(&owner)
            .map(UserId)
            .map_err(|e| StoreError::Backend(format!("stored actor owner: {e}")))
    }

    fn cursor(&mut self) -> StoreResult<u64> {
        self.conn
            .prepare_cached("SELECT log_cursor FROM accounts WHERE id = ?1")
            .and_then(|mut s| s.query_row([self.account.as_bytes()], |r| r.get::<_, i64>(0)))
            .map(|c| c as u64)
            .map_err(backend)
    }

    fn epoch(&mut self) -> StoreResult<u64> {
        self.conn
            .prepare_cached("SELECT epoch FROM accounts WHERE id = ?1")
            .and_then(|mut s| s.query_row([self.account.as_bytes()], |r| r.get::<_, i64>(0)))
            .map(|e| e as u64)
            .map_err(backend)
    }

    fn access(&mut self, id: Uuid) -> StoreResult<Access> {
        self.access_sql(id)
    }

    fn set_access(&mut self, id: Uuid, access: &Access) -> StoreResult<()> {
        self.set_access_sql(id, access)
    }

    fn set_parents(&mut self, child: Uuid, parents: &[Uuid]) -> StoreResult<()> {
        self.set_parents_sql(child, parents)
    }

    fn children(&mut self, parent: Uuid) -> StoreResult<Vec<Uuid>> {
        self.children_sql(parent)
    }

    fn salespeople(&mut self) -> StoreResult<Vec<UserId>> {
        self.salespeople_sql()
    }

    fn append_access(
        &mut self,
        id: Uuid,
        kind: &str,
        user: UserId,
        granted: bool,
        at: i64,
    ) -> StoreResult<u64> {
        self.append_access_sql(id, kind, user, granted, at)
    }
}

impl Store for SqliteStore {
    fn note_pull(&self, session: Uuid, cursor: u64, at: i64) -> StoreResult<()> {
        self.note_pull_sql(session, cursor, at)
    }

    fn log_floor(&self, account: Uuid) -> StoreResult<u64> {
        self.log_floor_sql(account)
    }

    fn compact(&self, account: Uuid, seen_since: i64) -> StoreResult<Compaction> {
        self.compact_sql(account, seen_since)
    }

    fn erased(&self, account: Uuid, after: Option<Uuid>, limit: u32) -> StoreResult<Vec<Uuid>> {
        self.erased_sql(account, after, limit)
    }

    fn account_ids(&self) -> StoreResult<Vec<Uuid>> {
        self.account_ids_sql()
    }

    fn sync_tx(
        &self,
        account: Uuid,
        work: &mut dyn FnMut(&mut dyn SyncTx) -> StoreResult<()>,
    ) -> StoreResult<()> {
        // Committed without waiting for the disk, then synced together with the sync
        // transactions committed meanwhile, before the caller answers.
        let committed = self.with(|conn| {
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(backend)?;
            let done = (|| {
                let tx = conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(backend)?;
                work(&mut SqliteSyncTx { conn: &tx, account })?;
                tx.commit().map_err(backend)
            })();
            conn.pragma_update(None, "synchronous", "FULL")
                .map_err(backend)?;
            done.map(|()| self.group.committed())
        })?;
        self.group.sync_through(committed)
    }

    fn pull(
        &self,
        account: Uuid,
        reader: Option<UserId>,
        after: u64,
        limit: u32,
    ) -> StoreResult<LogPage> {
        self.pull_sql(account, reader, after, limit)
    }

    fn stored_docs(&self, account: Uuid, ids: &[Uuid]) -> StoreResult<Vec<Option<StoredDoc>>> {
        self.read(|c| {
            let mut stmt = c
                .prepare_cached("SELECT kind, bytes FROM sync_docs WHERE account = ?1 AND id = ?2")
                .map_err(backend)?;
            ids.iter()
                .map(|id| {
                    stmt.query_row([account.as_bytes(), id.as_bytes()], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()
                    .map_err(backend)
                })
                .collect()
        })
    }

    fn saved_docs(
        &self,
        account: Uuid,
        reader: Option<UserId>,
        after: Option<Uuid>,
        limit: u32,
    ) -> StoreResult<SavedPage> {
        self.saved_docs_sql(account, reader, after, limit)
    }

    fn set_account_status(&self, account: Uuid, status: AccountStatus) -> StoreResult<()> {
        self.with(|c| {
            let n = c
                .execute(
                    "UPDATE accounts SET status = ?2 WHERE id = ?1",
                    params![account.as_bytes(), status.as_str()],
                )
                .map_err(backend)?;
            if n == 0 {
                Err(StoreError::NotFound)
            } else {
                Ok(())
            }
        })
    }

    fn create_account(&self, a: &Account, admin: &User) -> StoreResult<()> {
        self.in_tx(|tx| {
            tx.execute(
                "INSERT INTO accounts (id, name, status, created_at, trial_ends, seats) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![a.id.as_bytes(), a.name, a.status.as_str(), a.created_at, a.trial_ends, a.seats],
            )
            .map_err(backend)?;
            insert_user(tx, admin)
        })
    }

    fn account(&self, id: Uuid) -> StoreResult<Account> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT id, name, status, created_at, trial_ends, seats FROM accounts WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([id.as_bytes()], |r| {
                    Ok(Account {
                        id: uuid_at(r, 0)?,
                        name: r.get(1)?,
                        status: AccountStatus::parse(&r.get::<_, String>(2)?),
                        created_at: r.get(3)?,
                        trial_ends: r.get(4)?,
                        seats: r.get(5)?,
                    })
                })
                .optional()
            })
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
        })
    }

    fn seats_used(&self, account: Uuid) -> StoreResult<u32> {
        self.with(|c| {
            c.query_row(
                "SELECT count(*) FROM users WHERE account = ?1 AND active = 1 AND seat = 1",
                [account.as_bytes()],
                |r| r.get(0),
            )
            .map_err(backend)
        })
    }

    fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?1"),
                [email],
                user_row,
            )
            .optional()
            .map_err(backend)
        })
    }

    fn user(&self, account: Uuid, id: UserId) -> StoreResult<User> {
        self.read(|c| {
            c.prepare_cached(&format!(
                "SELECT {USER_COLUMNS} FROM users WHERE id = ?1 AND account = ?2"
            ))
            .and_then(|mut s| {
                s.query_row([id.0.as_bytes(), account.as_bytes()], user_row)
                    .optional()
            })
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
        })
    }

    fn user_by_id(&self, id: UserId) -> StoreResult<User> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"),
                [id.0.as_bytes()],
                user_row,
            )
            .optional()
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
        })
    }

    fn users(&self, account: Uuid) -> StoreResult<Vec<User>> {
        self.with(|c| {
            let mut stmt = c
                .prepare(&format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE account = ?1 ORDER BY name, email"
                ))
                .map_err(backend)?;
            let rows = stmt
                .query_map([account.as_bytes()], user_row)
                .map_err(backend)?;
            rows.collect::<rusqlite::Result<_>>().map_err(backend)
        })
    }

    fn change_user(&self, account: Uuid, id: UserId, change: &UserChange) -> StoreResult<User> {
        self.in_tx(|tx| {
            let key = [id.0.as_bytes().as_slice(), account.as_bytes().as_slice()];
            let changed = match change {
                UserChange::Profile { name, lang } => tx.execute(
                    "UPDATE users SET name = IFNULL(?3, name), lang = IFNULL(?4, lang) WHERE id = ?1 AND account = ?2",
                    params![key[0], key[1], name, lang],
                ),
                UserChange::PasswordHash(hash) => tx.execute(
                    "UPDATE users SET password_hash = ?3 WHERE id = ?1 AND account = ?2",
                    params![key[0], key[1], hash],
                ),
                UserChange::Role(role) => tx.execute(
                    "UPDATE users SET role = ?3 WHERE id = ?1 AND account = ?2",
                    params![key[0], key[1], role.as_str()],
                ),
                UserChange::Seat(seat) => tx.execute(
                    "UPDATE users SET seat = ?3 WHERE id = ?1 AND account = ?2",
                    params![key[0], key[1], seat],
                ),
                UserChange::Active(true) => {
                    tx.execute("UPDATE users SET active = 1 WHERE id = ?1 AND account = ?2", key)
                }
                UserChange::Active(false) => {
                    tx.execute("UPDATE users SET active = 0, seat = 0 WHERE id = ?1 AND account = ?2", key)
                }
            }
            .map_err(backend)?;
            if changed == 0 {
                return Err(StoreError::NotFound);
            }
            let takes_seat = matches!(change, UserChange::Seat(true) | UserChange::Active(true));
            check_account_invariants(tx, account, takes_seat)?;
            tx.query_row(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1 AND account = ?2"), key, user_row)
                .map_err(backend)
        })
    }

    fn insert_session(&self, s: &Session, token_hash: &[u8]) -> StoreResult<()> {
        self.with(|c| {
            c.execute(
                &format!("INSERT INTO sessions ({SESSION_COLUMNS}, token_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
                params![s.id.as_bytes(), s.user.0.as_bytes(), s.account.as_bytes(), s.device, s.created_at, s.last_used, token_hash],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn session_by_token(&self, token_hash: &[u8]) -> StoreResult<Option<Session>> {
        self.read(|c| {
            c.prepare_cached(&format!(
                "SELECT {SESSION_COLUMNS} FROM sessions WHERE token_hash = ?1"
            ))
            .and_then(|mut s| s.query_row([token_hash], session_row).optional())
            .map_err(backend)
        })
    }

    fn touch_session(&self, id: Uuid, at: i64) -> StoreResult<()> {
        self.with(|c| {
            c.execute(
                "UPDATE sessions SET last_used = ?2 WHERE id = ?1",
                params![id.as_bytes(), at],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn sessions_of(&self, user: UserId) -> StoreResult<Vec<Session>> {
        self.with(|c| {
            let mut stmt = c
                .prepare(&format!(
                    "SELECT {SESSION_COLUMNS} FROM sessions WHERE user = ?1 ORDER BY last_used DESC"
                ))
                .map_err(backend)?;
            let rows = stmt
                .query_map([user.0.as_bytes()], session_row)
                .map_err(backend)?;
            rows.collect::<rusqlite::Result<_>>().map_err(backend)
        })
    }

    fn delete_session(&self, user: UserId, id: Uuid) -> StoreResult<()> {
        self.with(|c| {
            let n = c
                .execute(
                    "DELETE FROM sessions WHERE id = ?1 AND user = ?2",
                    [id.as_bytes(), user.0.as_bytes()],
                )
                .map_err(backend)?;
            if n == 0 {
                Err(StoreError::NotFound)
            } else {
                Ok(())
            }
        })
    }

    fn delete_sessions_of(&self, user: UserId, keep: Option<Uuid>) -> StoreResult<u64> {
        self.with(|c| {
            let keep = keep.map(|k| k.as_bytes().to_vec());
            c.execute(
                "DELETE FROM sessions WHERE user = ?1 AND (?2 IS NULL OR id != ?2)",
                params![user.0.as_bytes(), keep],
            )
            .map(|n| n as u64)
            .map_err(backend)
        })
    }

    fn insert_invitation(&self, i: &Invitation, token_hash: &[u8]) -> StoreResult<()> {
        self.with(|c| {
            c.execute(
                &format!("INSERT INTO invitations ({INVITATION_COLUMNS}, token_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
                params![
                    i.id.as_bytes(), i.account.as_bytes(), i.email, i.role.as_str(), i.seat, i.lang,
                    i.invited_by.0.as_bytes(), i.created_at, i.expires_at, i.accepted_at, token_hash
                ],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn invitations(&self, account: Uuid) -> StoreResult<Vec<Invitation>> {
        self.with(|c| {
            let mut stmt = c
                .prepare(&format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE account = ?1 ORDER BY created_at DESC"))
                .map_err(backend)?;
            let rows = stmt.query_map([account.as_bytes()], invitation_row).map_err(backend)?;
            rows.collect::<rusqlite::Result<_>>().map_err(backend)
        })
    }

    fn delete_invitation(&self, account: Uuid, id: Uuid) -> StoreResult<()> {
        self.with(|c| {
            let n = c
                .execute(
                    "DELETE FROM invitations WHERE id = ?1 AND account = ?2",
                    [id.as_bytes(), account.as_bytes()],
                )
                .map_err(backend)?;
            if n == 0 {
                Err(StoreError::NotFound)
            } else {
                Ok(())
            }
        })
    }

    fn accept_invitation(
        &self,
        token_hash: &[u8],
        user: &mut User,
        now: i64,
    ) -> StoreResult<Invitation> {
        self.in_tx(|tx| {
            let invitation = tx
                .query_row(&format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE token_hash = ?1"), [token_hash], invitation_row)
                .optional()
                .map_err(backend)?
                .ok_or(StoreError::NotFound)?;
            if invitation.accepted_at.is_some() {
                return Err(StoreError::TokenUsed);
            }
            if now >= invitation.expires_at {
                return Err(StoreError::TokenExpired);
            }
            let (used, seats): (u32, u32) = tx
                .query_row(
                    "SELECT (SELECT count(*) FROM users WHERE account = ?1 AND active = 1 AND seat = 1),
                            (SELECT seats FROM accounts WHERE id = ?1)",
                    [invitation.account.as_bytes()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(backend)?;
            user.account = invitation.account;
            user.email = invitation.email.clone();
            user.role = invitation.role;
            user.lang = invitation.lang.clone();
            user.seat = invitation.seat && used < seats;
            insert_user(tx, user)?;
            tx.execute("UPDATE invitations SET accepted_at = ?2 WHERE id = ?1", params![invitation.id.as_bytes(), now])
                .map_err(backend)?;
            Ok(invitation)
        })
    }

    fn insert_reset(
        &self,
        user: UserId,
        token_hash: &[u8],
        created_at: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO password_resets (token_hash, user, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![token_hash, user.0.as_bytes(), created_at, expires_at],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn peek_reset(&self, token_hash: &[u8], now: i64) -> StoreResult<UserId> {
        self.with(|c| valid_reset(c, token_hash, now))
    }

    fn use_reset(&self, token_hash: &[u8], now: i64) -> StoreResult<UserId> {
        self.in_tx(|tx| {
            let user = valid_reset(tx, token_hash, now)?;
            tx.execute(
                "UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1",
                params![token_hash, now],
            )
            .map_err(backend)?;
            Ok(user)
        })
    }

    fn schedule_deletion(
        &self,
        account: Uuid,
        requested_at: i64,
        due: i64,
    ) -> StoreResult<ScheduledDeletion> {
        self.schedule_deletion_sql(account, requested_at, due)
    }

    fn cancel_deletion(&self, account: Uuid) -> StoreResult<bool> {
        self.cancel_deletion_sql(account)
    }

    fn scheduled_deletion(&self, account: Uuid) -> StoreResult<Option<ScheduledDeletion>> {
        self.scheduled_deletion_sql(account)
    }

    fn deletions_due(&self, now: i64) -> StoreResult<Vec<Uuid>> {
        self.deletions_due_sql(now)
    }

    fn append_audit(&self, a: &AuditRecord) -> StoreResult<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO audit (account, at, actor, event, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    a.account.as_bytes(),
                    a.at,
                    a.actor.map(|u| u.0.as_bytes().to_vec()),
                    a.event,
                    a.detail.to_string()
                ],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn audit(
        &self,
        account: Uuid,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<AuditRecord>> {
        self.with(|c| {
            let mut stmt = c
                .prepare(
                    "SELECT id, account, at, actor, event, detail FROM audit
                     WHERE account = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3",
                )
                .map_err(backend)?;
            let rows = stmt
                .query_map(
                    params![account.as_bytes(), before.unwrap_or(i64::MAX), limit],
                    |r| {
                        let actor: Option<Vec<u8>> = r.get(3)?;
                        let detail: String = r.get(5)?;
                        Ok(AuditRecord {
                            id: r.get(0)?,
                            account: uuid_at(r, 1)?,
                            at: r.get(2)?,
                            actor: actor.and_then(|b| Uuid::from_slice(&b).ok()).map(UserId),
                            event: r.get(4)?,
                            detail: serde_json::from_str(&detail)
                                .unwrap_or(serde_json::Value::Null),
                        })
                    },
                )
                .map_err(backend)?;
            rows.collect::<rusqlite::Result<_>>().map_err(backend)
        })
    }
}
