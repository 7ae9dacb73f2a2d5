//! Log compaction. Each account's log keeps the entries some device may still need: those
//! after the compaction horizon, the lowest cursor pulled by a device seen in the last 30
//! days. Entries at or below it are removed (the merged documents hold their effect), and a
//! device from further back is told to bootstrap again (`410 resync_required`), reconciling
//! erasures from the permanent tombstones.

use std::time::Duration;

use crate::job::Job;
use crate::state::AppState;
use crate::store::{Store, StoreResult};

/// Devices not seen for this long no longer hold the horizon back.
pub const DEVICE_WINDOW_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// How often the server compacts every account.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// Compacts every account; returns how many entries went.
pub fn compact_all(store: &dyn Store, now: i64) -> StoreResult<u64> {
    let mut removed = 0;
    for account in store.account_ids()? {
        removed += store.compact(account, now - DEVICE_WINDOW_MS)?.removed;
    }
    Ok(removed)
}

/// Compacts every [`EVERY`] (the first time at once) until the returned job is dropped.
pub fn start(state: AppState) -> Job {
    Job::spawn(run(state))
}

async fn run(state: AppState) {
    let mut ticks = tokio::time::interval(EVERY);
    loop {
        ticks.tick().await;
        let now = state.now();
        match state.db(move |s| compact_all(s, now)).await {
            Ok(removed) => tracing::info!(removed, "compacted the sync logs"),
            Err(error) => tracing::error!(?error, "compacting the sync logs failed"),
        }
    }
}
