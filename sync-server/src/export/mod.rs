//! The advanced export: an admin asks, the server builds one tar.gz of the account's data as
//! a background job — CSV files of every list with ids that join, the README, and the
//! files' bytes — and keeps it for `export_keep_hours` to be downloaded. Erased records are
//! gone from the server, so they are gone from the export; records in the trash are
//! exported with their `deleted_at`. Blocked accounts may export (their data is theirs).

pub mod archive;
pub mod columns;
pub mod job;
pub mod readme;
pub mod store;
pub mod tables;

use std::time::Duration;

use uuid::Uuid;

use crate::job::Job;
use crate::state::AppState;

pub use store::{ExportJob, ExportStore, JobState};

/// Removes the archives whose time is up; returns how many.
pub async fn expire(state: &AppState) -> u64 {
    let now = state.now();
    let exports = state.exports.clone();
    let due = match tokio::task::spawn_blocking(move || exports.expired_exports(now)).await {
        Ok(Ok(due)) => due,
        Ok(Err(e)) => {
            tracing::error!(%e, "listing expired exports");
            return 0;
        }
        Err(e) => {
            tracing::error!(%e, "listing expired exports");
            return 0;
        }
    };
    let mut removed = 0;
    for (account, id) in due {
        if forget_archive(state, account, id).await {
            removed += 1;
        }
    }
    removed
}

/// Deletes one archive's bytes and marks its job expired; false when the bytes stay.
pub async fn forget_archive(state: &AppState, account: Uuid, id: Uuid) -> bool {
    let path = job::archive_path(&state.config, account, id);
    match tokio::fs::remove_file(&path).await {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            tracing::error!(%e, "removing an expired export");
            return false;
        }
    }
    let exports = state.exports.clone();
    let marked = tokio::task::spawn_blocking(move || exports.expire_export(account, id)).await;
    matches!(marked, Ok(Ok(())))
}

/// Removes every export of a deleted account: its archives and its jobs.
pub async fn forget_account(state: &AppState, account: Uuid) -> std::io::Result<()> {
    match tokio::fs::remove_dir_all(job::account_dir(&state.config, account)).await {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let exports = state.exports.clone();
    tokio::task::spawn_blocking(move || exports.forget_exports(account))
        .await
        .map_err(std::io::Error::other)?
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// The expiry job: at start it fails jobs a stopped server left running, then every `every`
/// it removes expired archives.
pub fn start(state: AppState, every: Duration) -> Job {
    Job::spawn(async move {
        let exports = state.exports.clone();
        let now = state.now();
        match tokio::task::spawn_blocking(move || exports.fail_interrupted_exports(now)).await {
            Ok(Ok(n)) if n > 0 => tracing::warn!(n, "exports interrupted by a restart failed"),
            Ok(Err(e)) => tracing::error!(%e, "failing interrupted exports"),
            _ => {}
        }
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let removed = expire(&state).await;
            if removed > 0 {
                tracing::info!(removed, "expired exports removed");
            }
        }
    })
}
