//! Shared set-up: a replica in its own temp dir on a manual clock.

use std::sync::Arc;

use localspace_client::Replica;
use localspace_client::replica::{Durability, OpenOptions};
use localspace_core::{Kind, ManualClock, Patch, RecordId, Value};
use tempfile::TempDir;

/// 2026-03-02 10:00 UTC.
pub const T0: i64 = 1_772_445_600_000;

pub struct TestReplica {
    pub replica: Replica,
    pub clock: ManualClock,
    /// Kept so the files live as long as the replica.
    pub _dir: TempDir,
}

impl std::ops::Deref for TestReplica {
    type Target = Replica;
    fn deref(&self) -> &Replica {
        &self.replica
    }
}

pub fn options(clock: &ManualClock) -> OpenOptions {
    OpenOptions {
        clock: Arc::new(clock.clone()),
        durability: Durability::Normal,
    }
}

pub fn replica() -> TestReplica {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at(T0);
    let replica = Replica::open_with(dir.path().join("replica.sqlite"), options(&clock)).unwrap();
    TestReplica {
        replica,
        clock,
        _dir: dir,
    }
}

pub fn person(first: &str, last: &str) -> Patch {
    Patch::new()
        .text("first_name", first)
        .text("last_name", last)
}

pub fn owner(n: u8) -> uuid::Uuid {
    uuid::Uuid::from_bytes([n; 16])
}

pub fn create_person(r: &Replica, first: &str, last: &str) -> RecordId {
    r.create(Kind::Person, &person(first, last)).unwrap()
}

pub fn links(ids: &[RecordId]) -> Value {
    Value::RefSet(ids.iter().map(|id| id.0).collect())
}
