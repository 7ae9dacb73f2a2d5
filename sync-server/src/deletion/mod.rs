//! Deleting an account and all its data: at the end of its grace period (billing's
//! lifecycle) or on an admin's request after a confirmation delay (`request`). Either way
//! `purge` removes its file bytes (blobs), rows, documents and history, its visibility and
//! actor bindings, its sessions and users, the e-mails waiting in the outbox for its people, and its audit
//! log, which keeps only the fact of deletion. Invoices and orders stay: the seller must
//! keep accounting records. Backups age out by their retention.

use std::time::Duration;

use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, event};
use crate::error::ApiResult;
use crate::job::Job;
use crate::state::AppState;

/// Why an account is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The trial or the paid term ended and the grace period passed.
    Lapsed,
    /// An admin asked.
    Requested,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Lapsed => "lapsed",
            Reason::Requested => "requested",
        }
    }
}

/// Removes everything of the account except its invoices, then records the fact.
pub async fn purge(state: &AppState, account: Uuid, reason: Reason) -> ApiResult<()> {
    let people: Vec<String> = state
        .db(move |s| s.users(account))
        .await?
        .into_iter()
        .map(|u| u.email)
        .collect();
    // Bytes first: if removing them fails, the account is not yet marked deleted and the
    // next pass tries again.
    state
        .blobs
        .remove_account(account)
        .await
        .map_err(|e| crate::error::ApiError::internal("removing an account's blobs", e))?;
    crate::export::forget_account(state, account)
        .await
        .map_err(|e| crate::error::ApiError::internal("removing an account's exports", e))?;
    state.billing_db(move |s| s.purge_account(account)).await?;
    match state.mailer.forget(people).await {
        Ok(removed) => {
            tracing::info!(%account, removed, "outbox e-mails of a deleted account removed")
        }
        Err(error) => {
            tracing::error!(%account, %error, "removing a deleted account's e-mails failed")
        }
    }
    audit::record(
        state,
        account,
        None,
        event::ACCOUNT_DELETED,
        json!({ "reason": reason.as_str() }),
    )
    .await?;
    tracing::info!(%account, reason = reason.as_str(), "account deleted with its data");
    Ok(())
}

/// Deletes the accounts whose requested deletion is due; returns them.
pub async fn run_once(state: &AppState) -> ApiResult<Vec<Uuid>> {
    let now = state.now();
    let due = state.db(move |s| s.deletions_due(now)).await?;
    for account in &due {
        purge(state, *account, Reason::Requested).await?;
    }
    Ok(due)
}

/// Checks for due deletions every `every` (the first at once) until the job is dropped.
pub fn start(state: AppState, every: Duration) -> Job {
    Job::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            if let Err(error) = run_once(&state).await {
                tracing::error!(?error, "deleting accounts on request failed");
            }
        }
    })
}
