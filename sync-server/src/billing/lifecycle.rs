//! The lifecycle job: carries out `localspace_core::billing::lifecycle` for every account —
//! blocks at the end of the trial or the paid term, e-mails the admins 7 and 1 days before
//! deletion, and purges the account's data and file bytes. It works only from stored state and the clock,
//! so a job that was down catches up on its next pass and warns once.

use std::time::Duration;

use chrono::SecondsFormat;
use localspace_core::api::Role;
use localspace_core::billing::lifecycle::{Step, due};
use uuid::Uuid;

use super::letter;
use crate::error::ApiResult;
use crate::job::Job;
use crate::notify;
use crate::state::AppState;
use crate::store::AccountStatus;

/// One pass over every account; returns what it did.
pub async fn run_once(state: &AppState) -> ApiResult<Vec<(Uuid, Step)>> {
    let now = state.now();
    // Downgrades scheduled for the end of a paid term take effect on their day.
    let today = localspace_core::billing::warsaw_date(now);
    let changed = state
        .billing_db(move |s| s.apply_scheduled(None, today))
        .await?;
    for account in changed {
        tracing::info!(%account, "scheduled plan change applied");
    }
    let standings = state.billing_db(|s| s.standings()).await?;
    let mut done = Vec::new();
    for (account, standing) in standings {
        for step in due(&standing, now) {
            match step {
                Step::Block => {
                    state
                        .db(move |s| s.set_account_status(account, AccountStatus::Blocked))
                        .await?;
                }
                Step::Warn { days, deletion_ms } => {
                    warn(state, account, days, deletion_ms).await?;
                    state
                        .billing_db(move |s| s.record_warning(account, now, days))
                        .await?;
                }
                Step::Delete => {
                    crate::deletion::purge(state, account, crate::deletion::Reason::Lapsed).await?;
                }
            }
            done.push((account, step));
        }
    }
    Ok(done)
}

/// Starts a pass every `every` (the first at once) until the returned job is dropped.
pub fn start(state: AppState, every: Duration) -> Job {
    Job::spawn(run_every(state, every))
}

/// Runs a pass every `every`; a failed pass is logged and retried at the next tick.
async fn run_every(state: AppState, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        if let Err(error) = run_once(&state).await {
            tracing::error!(code = error.code, "lifecycle pass failed");
        }
    }
}

async fn warn(state: &AppState, account: Uuid, days: u8, deletion_ms: i64) -> ApiResult<()> {
    let (acc, users) = state
        .db(move |s| Ok((s.account(account)?, s.users(account)?)))
        .await?;
    let when = chrono::DateTime::from_timestamp_millis(deletion_ms)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default();
    let deletion_day = localspace_core::billing::warsaw_date(deletion_ms);
    for admin in users.iter().filter(|u| u.role == Role::Admin && u.active) {
        let (subject, text) =
            letter::deletion_warning(notify::lang(&admin.lang), &acc.name, days, deletion_day);
        notify::send(state, &admin.email, &admin.name, subject, text).await;
    }
    tracing::info!(%account, days, %when, "deletion warning sent");
    Ok(())
}
