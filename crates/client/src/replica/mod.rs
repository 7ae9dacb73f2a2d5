//! The local replica: one SQLite file per signed-in account holding every record's automerge
//! document and the projections that queries run on.
//!
//! One writer: every write runs in a `BEGIN IMMEDIATE` transaction that loads the latest
//! document bytes, applies one change, saves them and updates the projections, so the UI and
//! the sync loop (threads or processes) never save over each other's edits.

mod migrations;
mod prepared;
mod project;
mod rebase;
mod refusal;
mod store;
mod sync;
mod write;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use automerge::ActorId;
use localspace_core::{Clock, Kind, Patch, Record, RecordId, SystemClock};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

pub use migrations::current_version as schema_version;
pub(crate) use project::table as table_of;

/// Reads a record and its row number, for queries that join on the row.
pub(crate) fn store_read(conn: &Connection, id: RecordId) -> Result<(i64, Record)> {
    let row = store::require_row(conn, id)?;
    Ok((row.n, store::record_from_row(id, &row)?))
}
pub use prepared::{Prepared, prepare_saved};
pub use rebase::RESTORED;
pub use refusal::{Refusal, difference};
pub use sync::{Applied, Outgoing};
pub use write::{Batch, new_id};

/// How durable a commit is. `Full` survives power loss (the app's setting); `Normal`
/// survives a crash of the app but not of the machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    Full,
    Normal,
}

impl Durability {
    /// SQLite's name for the mode.
    pub fn as_str(self) -> &'static str {
        match self {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        }
    }
}

/// Options for opening a replica.
#[derive(Clone, Debug)]
pub struct OpenOptions {
    pub clock: Arc<dyn Clock>,
    pub durability: Durability,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            clock: Arc::new(SystemClock),
            durability: Durability::Full,
        }
    }
}

/// A local replica of one account.
#[derive(Debug)]
pub struct Replica {
    conn: Mutex<Connection>,
    /// New at every open, and again after rebasing onto a restored account.
    actor: Mutex<ActorId>,
    clock: Arc<dyn Clock>,
    path: PathBuf,
    durability: Durability,
}

impl Replica {
    /// Opens (creating if needed) the replica at `path` with the system clock.
    pub fn open(path: impl AsRef<Path>) -> Result<Replica> {
        Replica::open_with(path, OpenOptions::default())
    }

    /// Opens the replica with explicit options. Every open takes a fresh automerge actor id,
    /// so a replica restored from a file backup never reuses sequence numbers.
    pub fn open_with(path: impl AsRef<Path>, options: OpenOptions) -> Result<Replica> {
        let path = path.as_ref().to_path_buf();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(64);
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| corrupt_or(e, &path))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::CorruptReplica(format!(
                "cannot use WAL mode (got {mode})"
            )));
        }
        conn.pragma_update(None, "synchronous", options.durability.as_str())?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Erased records must not linger in free pages.
        conn.pragma_update(None, "secure_delete", true)?;
        // 32 MB of page cache keeps the indexes of a 100,000-contact account in memory.
        conn.pragma_update(None, "cache_size", -32_768)?;
        migrations::migrate(&mut conn).map_err(|e| match e {
            Error::Sqlite(e) => corrupt_or(e, &path),
            other => other,
        })?;
        Ok(Replica {
            conn: Mutex::new(conn),
            actor: Mutex::new(ActorId::random()),
            clock: options.clock,
            path,
            durability: options.durability,
        })
    }

    /// The file this replica lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The automerge actor id of this open replica (new at every open and after a rebase
    /// onto a restored account).
    pub fn actor(&self) -> ActorId {
        self.actor
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Takes a fresh actor id and returns it. After a restore the server forgot changes this
    /// actor made; new changes must not reuse their sequence numbers.
    pub(crate) fn rotate_actor(&self) -> ActorId {
        let fresh = ActorId::random();
        *self
            .actor
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = fresh.clone();
        fresh
    }

    /// The durability the replica commits with.
    pub fn durability(&self) -> Durability {
        self.durability
    }

    /// The replica clock's now, in ms since the epoch.
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Runs several writes in one transaction (imports, bulk edits). Either all of them are
    /// stored or none.
    pub fn write<R>(&self, f: impl FnOnce(&mut Batch<'_>) -> Result<R>) -> Result<R> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let actor = self.actor();
        let mut batch = Batch::new(&tx, &actor, self.clock.now_ms());
        let out = f(&mut batch)?;
        tx.commit()?;
        Ok(out)
    }

    /// Creates a record and returns its new id.
    pub fn create(&self, kind: Kind, patch: &Patch) -> Result<RecordId> {
        self.write(|b| b.create(kind, patch))
    }

    /// Changes fields of a record; fields the patch does not name are left alone.
    pub fn update(&self, id: RecordId, patch: &Patch) -> Result<()> {
        self.write(|b| b.update(id, patch))
    }

    /// Moves a record to the trash.
    pub fn soft_delete(&self, id: RecordId) -> Result<()> {
        self.write(|b| b.soft_delete(id))
    }

    /// Takes a record out of the trash.
    pub fn restore(&self, id: RecordId) -> Result<()> {
        self.write(|b| b.restore(id))
    }

    /// Erases a record for good: its document, history and index entries.
    pub fn erase(&self, id: RecordId) -> Result<()> {
        self.write(|b| b.erase(id))
    }

    /// Reads a record from its document, with conflicts.
    pub fn get(&self, id: RecordId) -> Result<Record> {
        let conn = self.lock();
        store::read_record(&conn, id)
    }

    /// The ids of every document of a kind this replica holds, the trash included.
    pub fn ids_of_kind(&self, kind: Kind) -> Result<Vec<RecordId>> {
        let conn = self.lock();
        let mut stmt = conn.prepare("SELECT id FROM docs WHERE kind = ?1 ORDER BY id")?;
        let rows = stmt.query_map([kind.as_str()], |r| r.get::<_, Vec<u8>>(0))?;
        let mut out = Vec::new();
        for bytes in rows {
            let bytes = bytes?;
            out.push(
                RecordId::from_slice(&bytes)
                    .ok_or_else(|| Error::CorruptReplica("a document id is not 16 bytes".into()))?,
            );
        }
        Ok(out)
    }

    /// The connection, for queries. Poisoning is ignored: SQLite transactions roll back on
    /// drop, so a panic in another thread leaves no half-written state behind.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Folds the write-ahead log into the main file (before a backup or a size reading).
    pub fn checkpoint(&self) -> Result<()> {
        let conn = self.lock();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Checks the file with `PRAGMA integrity_check`.
    pub fn integrity_check(&self) -> Result<()> {
        let conn = self.lock();
        let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(Error::CorruptReplica(result))
        }
    }
}

fn corrupt_or(e: rusqlite::Error, path: &Path) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
            Error::CorruptReplica(format!("{}: {e}", path.display()))
        }
        _ => Error::Sqlite(e),
    }
}
