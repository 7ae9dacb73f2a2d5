//! The backup job: every ten minutes it asks [`Backups::run_once`] what is due, so the
//! schedule follows the injected clock and a server that was down catches up at once.

use std::time::Duration;

use super::schedule::Backups;
use crate::job::Job;
use crate::state::AppState;

/// How often the job looks at the schedule (what is due comes from the clock).
pub const TICK: Duration = Duration::from_secs(10 * 60);

/// Starts the job (the first look at once) until the returned job is dropped.
pub fn start(state: AppState) -> Job {
    Job::spawn(run(state))
}

async fn run(state: AppState) {
    let backups = Backups::of(&state.config);
    let mut ticks = tokio::time::interval(TICK);
    loop {
        ticks.tick().await;
        let (backups, now) = (backups.clone(), state.now());
        match crate::job::on_own_thread("backup", move || backups.run_once(now)).await {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => tracing::error!(%error, "backup pass failed"),
            Err(error) => tracing::error!(%error, "backup task failed"),
        }
    }
}
