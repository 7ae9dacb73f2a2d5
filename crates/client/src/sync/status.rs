//! What the app's sync indicator shows, derived from the last pass and the outbox: offline,
//! syncing with N pending, synced at a time, blocked, or signed out.

use serde::{Deserialize, Serialize};

use super::pass::{SyncError, SyncReport};

/// The sync indicator's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SyncStatus {
    /// The server cannot be reached; `pending` documents wait in the outbox.
    Offline { pending: usize },
    /// A pass is running or edits wait to be pushed.
    Syncing { pending: usize },
    /// Everything is on the server; the last pass ended at `at` (ms since the epoch).
    Synced { at: i64 },
    /// The account is blocked: reading works, `pending` edits wait for the renewal.
    Blocked { pending: usize },
    /// The session ended (signed out elsewhere, revoked, expired, deactivated).
    SignedOut,
    /// The app is too old for the server.
    UpgradeRequired,
    /// Another error; `code` is the stable code, for the details view.
    Failed { code: String, pending: usize },
}

impl SyncStatus {
    /// The status after a pass ended at `now` with `pending` documents still in the outbox.
    pub fn after(result: &Result<SyncReport, SyncError>, pending: usize, now: i64) -> SyncStatus {
        match result {
            Ok(_) if pending == 0 => SyncStatus::Synced { at: now },
            Ok(_) => SyncStatus::Syncing { pending },
            Err(e) => match e.code() {
                "offline" => SyncStatus::Offline { pending },
                "account_blocked" => SyncStatus::Blocked { pending },
                "signed_out" | "invalid_session" | "session_expired" | "user_deactivated"
                | "no_seat" => SyncStatus::SignedOut,
                "upgrade_required" => SyncStatus::UpgradeRequired,
                code => SyncStatus::Failed {
                    code: code.to_owned(),
                    pending,
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;

    fn server(code: &str) -> Result<SyncReport, SyncError> {
        Err(SyncError::Api(ApiError::Server {
            status: 400,
            code: code.into(),
            message: String::new(),
            retry_after: None,
        }))
    }

    #[test]
    fn each_outcome_has_its_indicator() {
        assert_eq!(
            SyncStatus::after(&Ok(SyncReport::default()), 0, 7),
            SyncStatus::Synced { at: 7 }
        );
        assert_eq!(
            SyncStatus::after(&Ok(SyncReport::default()), 3, 7),
            SyncStatus::Syncing { pending: 3 }
        );
        let offline = Err(SyncError::Api(ApiError::Network("refused".into())));
        assert_eq!(
            SyncStatus::after(&offline, 2, 7),
            SyncStatus::Offline { pending: 2 }
        );
        assert_eq!(
            SyncStatus::after(&server("account_blocked"), 1, 7),
            SyncStatus::Blocked { pending: 1 }
        );
        assert_eq!(
            SyncStatus::after(&server("invalid_session"), 1, 7),
            SyncStatus::SignedOut
        );
        assert_eq!(
            SyncStatus::after(&server("upgrade_required"), 0, 7),
            SyncStatus::UpgradeRequired
        );
        assert_eq!(
            SyncStatus::after(&server("internal"), 4, 7),
            SyncStatus::Failed {
                code: "internal".into(),
                pending: 4
            }
        );
    }
}
