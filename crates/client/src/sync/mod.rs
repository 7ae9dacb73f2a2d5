//! The device side of sync: one pass pushes the outbox and pulls the log (`pass`), and the
//! status the app shows after it (`status`). The background loop, keychain and live updates
//! build on them.

mod pass;
mod status;

pub use pass::{SyncError, SyncReport, sync_once, sync_with_progress};
pub use status::SyncStatus;
