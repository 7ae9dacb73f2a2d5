//! Group commit for sync transactions. A push's transaction commits without waiting for the
//! disk (`synchronous = NORMAL`: in WAL mode a commit then only appends to the WAL), and the
//! push answers only after the WAL file has been synced through its commit. One sync covers
//! every transaction committed before it started, so pushes arriving together share one disk
//! sync instead of queueing behind one each, and an acknowledged push is exactly as durable
//! as under `synchronous = FULL`. A checkpoint in between syncs the WAL itself before copying
//! it into the database (SQLite does so in NORMAL mode), so nothing is lost either way.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::store::{StoreError, StoreResult};

#[derive(Debug)]
pub struct GroupCommit {
    wal: PathBuf,
    /// Commits made so far (numbered inside the writer lock, so in commit order).
    committed: AtomicU64,
    /// The commits known to be on disk; held while syncing, so syncs run one at a time.
    synced: Mutex<u64>,
}

impl GroupCommit {
    /// For the database at `db` (its WAL is `<db>-wal`).
    pub fn new(db: &std::path::Path) -> GroupCommit {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        GroupCommit {
            wal: PathBuf::from(wal),
            committed: AtomicU64::new(0),
            synced: Mutex::new(0),
        }
    }

    /// Numbers a commit that has just been made; call with the writer held.
    pub fn committed(&self) -> u64 {
        self.committed.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Returns once commit `n` is on disk, syncing the WAL unless a sync that started after
    /// it has already finished.
    pub fn sync_through(&self, n: u64) -> StoreResult<()> {
        let mut synced = self.synced.lock().unwrap_or_else(|p| p.into_inner());
        if *synced >= n {
            return Ok(());
        }
        let through = self.committed.load(Ordering::SeqCst);
        // Opened each time: SQLite may delete and recreate the WAL, and a kept handle would
        // sync the old file.
        match std::fs::OpenOptions::new().write(true).open(&self.wal) {
            Ok(file) => file.sync_data().map_err(|e| io_error(&e))?,
            // No WAL: a checkpoint moved everything into the database and synced it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(&e)),
        }
        *synced = through;
        Ok(())
    }
}

fn io_error(e: &std::io::Error) -> StoreError {
    StoreError::Backend(format!("syncing the write-ahead log: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sync_covers_every_commit_made_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("server.sqlite");
        std::fs::write(dir.path().join("server.sqlite-wal"), b"frames").unwrap();
        let group = GroupCommit::new(&db);
        let (first, second) = (group.committed(), group.committed());
        group.sync_through(first).unwrap();
        assert_eq!(
            *group.synced.lock().unwrap(),
            second,
            "the sync covered both"
        );
        group.sync_through(second).unwrap();
        let third = group.committed();
        std::fs::remove_file(dir.path().join("server.sqlite-wal")).unwrap();
        group.sync_through(third).unwrap();
        assert_eq!(*group.synced.lock().unwrap(), third);
    }
}
