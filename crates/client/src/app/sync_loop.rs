//! The background sync loop: a pass after every local write and every so often, backing off
//! while the server cannot be reached, resting while nobody is signed in or the account is
//! blocked. Each pass updates the status the indicator shows.

use std::time::Duration;

use localspace_core::Kind;

use super::contract::{AppEvent, Progress};
use super::{App, blocked};
use crate::sync::{SyncStatus, sync_with_progress};

/// The first wait after a failed pass; doubled on each failure up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(2);
const MAX_BACKOFF: Duration = Duration::from_secs(120);
/// Edits made in quick succession go out in one pass.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// The wait before the next pass after `failures` failed passes in a row.
pub(super) fn backoff(failures: u32) -> Duration {
    let factor = 1u32 << failures.saturating_sub(1).min(6);
    (FIRST_BACKOFF * factor).min(MAX_BACKOFF)
}

impl App {
    /// The sync indicator's state now.
    pub fn sync_status(&self) -> SyncStatus {
        match self.status.lock() {
            Ok(s) => s.clone(),
            Err(e) => e.into_inner().clone(),
        }
    }

    pub(super) fn set_status(&self, status: SyncStatus) {
        let changed = {
            let mut guard = match self.status.lock() {
                Ok(g) => g,
                Err(e) => e.into_inner(),
            };
            let changed = *guard != status;
            *guard = status.clone();
            changed
        };
        if changed {
            self.emit(AppEvent::SyncStatus { status });
        }
    }

    /// One pass now: push the outbox, pull what others did. Returns the status after it.
    pub async fn sync_now(&self) -> SyncStatus {
        self.pass_now().await.0
    }

    /// A pass, and whether it pushed anything (a pass that leaves documents in the outbox
    /// without pushing any — refused ones wait for the user — must not be repeated at once).
    async fn pass_now(&self) -> (SyncStatus, bool) {
        let one_at_a_time = self.pass.lock().await;
        let Some(signed) = self.current() else {
            return (SyncStatus::SignedOut, false);
        };
        let Some(api) = signed.api.clone() else {
            self.set_status(SyncStatus::SignedOut);
            return (SyncStatus::SignedOut, false);
        };
        let pending = signed.replica.outbox_len().unwrap_or(0);
        // A blocked account stays blocked (and read-only) until a pass succeeds: not while a
        // pass runs, nor while the server cannot be reached, nor after a restart.
        let was_blocked = blocked::known(&signed.replica);
        if was_blocked {
            self.set_status(SyncStatus::Blocked { pending });
        } else if pending > 0 {
            self.set_status(SyncStatus::Syncing { pending });
        }
        let mut progress = |done: u64, total: u64| {
            self.emit(AppEvent::Bootstrap {
                progress: Progress {
                    done: u32::try_from(done).unwrap_or(u32::MAX),
                    total: u32::try_from(total).unwrap_or(u32::MAX),
                },
            });
        };
        let result = sync_with_progress(&signed.replica, &api, &mut progress).await;
        let pending = signed.replica.outbox_len().unwrap_or(pending);
        let mut status = SyncStatus::after(&result, pending, self.config.clock.now_ms());
        match (&status, &result) {
            (SyncStatus::Blocked { .. }, _) => blocked::remember(&signed.replica, true),
            (_, Ok(_)) => blocked::remember(&signed.replica, false),
            (SyncStatus::Offline { .. } | SyncStatus::Failed { .. }, Err(_)) if was_blocked => {
                status = SyncStatus::Blocked { pending };
            }
            _ => {}
        }
        // A blocked account's pass ends in `account_blocked` after pulling: what it pulled
        // shows too.
        let blocked = matches!(status, SyncStatus::Blocked { .. });
        if blocked
            || result.as_ref().is_ok_and(|report| {
                report.pulled > 0 || report.bootstrapped > 0 || !report.refused.is_empty()
            })
        {
            self.emit(AppEvent::RecordsChanged {
                kinds: Kind::ALL.to_vec(),
            });
        }
        if status == SyncStatus::SignedOut {
            self.session_ended();
        } else if result.is_ok() && !self.has_coworkers(&signed.replica) {
            // Owner names on boards and charts come from this list; fetch it once per device
            // (Settings → Coworkers refreshes it).
            let _ = self.coworkers().await;
        }
        self.set_status(status.clone());
        let pushed = result.as_ref().is_ok_and(|r| r.pushed > 0);
        drop(one_at_a_time);
        if result.is_ok() {
            // Files attached offline: their records just went up, now their bytes.
            self.upload_waiting().await;
        }
        (status, pushed)
    }

    /// Runs until the process ends: passes on wake-ups and timers (see the module docs), and
    /// the live socket beside them.
    pub async fn run_sync_loop(&self) {
        tokio::join!(self.run_passes(), self.run_live_loop());
    }

    async fn run_passes(&self) {
        let mut failures = 0u32;
        loop {
            let (status, pushed) = self.pass_now().await;
            let wait = match status {
                SyncStatus::Synced { .. } => {
                    failures = 0;
                    Some(self.config.poll_every)
                }
                // More to push (a batch limit was hit): go again at once. Documents left
                // without progress (refused, or missing dependencies twice) wait for the poll.
                SyncStatus::Syncing { .. } => {
                    failures = 0;
                    Some(if pushed {
                        Duration::ZERO
                    } else {
                        self.config.poll_every
                    })
                }
                SyncStatus::Offline { .. } | SyncStatus::Failed { .. } => {
                    failures += 1;
                    Some(backoff(failures))
                }
                // Pulls still work; edits wait for the renewal. Check now and then.
                SyncStatus::Blocked { .. } => Some(MAX_BACKOFF),
                // Nothing to do until the user signs in or updates the app.
                SyncStatus::SignedOut | SyncStatus::UpgradeRequired => None,
            };
            match wait {
                Some(wait) => {
                    tokio::select! {
                        () = self.wake.notified() => {}
                        () = tokio::time::sleep(wait) => {}
                    }
                }
                None => self.wake.notified().await,
            }
            tokio::time::sleep(DEBOUNCE).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_ceiling() {
        assert_eq!(backoff(1), Duration::from_secs(2));
        assert_eq!(backoff(2), Duration::from_secs(4));
        assert_eq!(backoff(5), Duration::from_secs(32));
        assert_eq!(backoff(7), MAX_BACKOFF);
        assert_eq!(backoff(40), MAX_BACKOFF);
    }
}
