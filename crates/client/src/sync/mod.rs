//! The device side of sync: one pass pushes the outbox and pulls the log (`pass`), and the
//! status the app shows after it (`status`). The background loop and the live socket
//! (`crate::app`) build on them.

mod pass;
mod status;

pub use pass::{SyncError, SyncReport, sync_once, sync_with_progress, synced_cursor};
pub use status::SyncStatus;
