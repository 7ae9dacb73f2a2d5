//! Sign-up, sign-in, sessions, the account and the signed-in user.

use serde::{Deserialize, Serialize};

use super::users::UserView;
use crate::id::UserId;

/// `POST /api/v1/signup`: a new company account with its first admin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SignUp {
    pub company: String,
    pub name: String,
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub device: Option<String>,
}

/// `POST /api/v1/sessions`: sign in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SignIn {
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub device: Option<String>,
}

/// A new session: the token is shown once and stored only as a hash on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SessionCreated {
    pub token: String,
    pub session_id: String,
    pub user: UserView,
    pub account: AccountView,
}

/// The account as its members see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AccountView {
    pub id: String,
    pub name: String,
    /// `trial`, `active`, `blocked`.
    pub status: String,
    /// End of the trial, RFC 3339.
    pub trial_ends: String,
    pub seats: u32,
    pub seats_used: u32,
    /// Whether users and managers may export lists (admins always may). Older servers do
    /// not send it: export is allowed.
    #[serde(default = "allowed")]
    pub basic_export: bool,
    /// The last paid day, `YYYY-MM-DD` (Europe/Warsaw); none before the first payment, so a
    /// blocked account with it has an expired term and one without it an ended trial.
    #[serde(default)]
    pub paid_until: Option<String>,
    /// While blocked: the last day with access, `YYYY-MM-DD` (Europe/Warsaw) — the trial's
    /// last day or the last paid day.
    #[serde(default)]
    pub access_ended: Option<String>,
    /// While blocked: the day the account and all its data are deleted unless the plan is
    /// renewed, `YYYY-MM-DD` (Europe/Warsaw), from the same plan the lifecycle job follows.
    #[serde(default)]
    pub deletion_on: Option<String>,
}

fn allowed() -> bool {
    true
}

/// One session of the signed-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SessionView {
    pub id: String,
    pub device: String,
    pub created_at: String,
    pub last_used: String,
    pub current: bool,
}

/// `GET /api/v1/me`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Me {
    pub user: UserView,
    pub account: AccountView,
}

/// `PATCH /api/v1/me`: profile fields. Unknown fields are refused, so a typo is an error
/// rather than a silent no-op.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ProfileUpdate {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
}

/// `PUT /api/v1/me/password`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

/// `POST /api/v1/password-resets`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ResetRequest {
    pub email: String,
}

/// `POST /api/v1/password-resets/confirm`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ResetConfirm {
    pub token: String,
    pub password: String,
}

/// One audit log entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: Option<UserId>,
    pub event: String,
    pub detail: serde_json::Value,
}

/// A page of the audit log, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next page.
    pub next_before: Option<i64>,
}

/// `POST /api/v1/account/deletion`: an admin asks to delete the account and all its data.
/// The password and the account's exact name confirm it is meant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DeletionRequest {
    pub password: String,
    /// The account's name, typed again.
    pub account_name: String,
}

/// Where a deletion on request stands (`GET /api/v1/account/deletion`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DeletionView {
    /// Asked for, RFC 3339; `None` when no deletion is scheduled.
    pub requested_at: Option<String>,
    /// When the server removes the data, RFC 3339: until then an admin can cancel.
    pub deletes_at: Option<String>,
    /// When the last backup holding the data ages out, RFC 3339.
    pub backups_gone_at: Option<String>,
    /// Days between the request and the deletion, and that backups are kept.
    pub delay_days: i64,
    pub backup_days: i64,
}
