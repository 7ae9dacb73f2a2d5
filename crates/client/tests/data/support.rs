//! Shared set-up: a replica in its own temp dir on a manual clock, and custom fields.

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
    pub dir: TempDir,
}

impl std::ops::Deref for TestReplica {
    type Target = Replica;
    fn deref(&self) -> &Replica {
        &self.replica
    }
}

pub fn replica() -> TestReplica {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::at(T0);
    let options = OpenOptions {
        clock: Arc::new(clock.clone()),
        durability: Durability::Normal,
    };
    let replica = Replica::open_with(dir.path().join("replica.sqlite"), options).unwrap();
    TestReplica {
        replica,
        clock,
        dir,
    }
}

/// Creates a custom field definition on `target`.
pub fn custom_field(
    r: &Replica,
    target: &str,
    key: &str,
    label: &str,
    field_type: &str,
    position: i64,
) -> RecordId {
    let mut patch = Patch::new()
        .text("target", target)
        .text("key", key)
        .text("label", label)
        .text("field_type", field_type)
        .set("position", Value::Int(position));
    if field_type == "select" || field_type == "multiselect" {
        patch = patch.set(
            "options",
            Value::List(vec!["VIP".into(), "Partner".into(), "Lead".into()]),
        );
    }
    r.create(Kind::CustomField, &patch).unwrap()
}

pub fn owner(n: u8) -> uuid::Uuid {
    uuid::Uuid::from_bytes([n; 16])
}
