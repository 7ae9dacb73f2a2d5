//! The device side of sync: one pass pushes the outbox and pulls the log (`pass`). The
//! background loop, keychain and live updates build on it.

mod pass;

pub use pass::{SyncError, SyncReport, sync_once, sync_with_progress};
