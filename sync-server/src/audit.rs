//! The audit log: security events of an account, readable by its admins. Operator commands
//! are admin commands too, so they land here as well.

use localspace_core::UserId;
use serde_json::Value;
use uuid::Uuid;

use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::AuditRecord;

/// Event names, stable for the app's filters.
pub mod event {
    pub const ACCOUNT_CREATED: &str = "account_created";
    pub const SIGN_IN: &str = "sign_in";
    pub const SIGN_IN_FAILED: &str = "sign_in_failed";
    pub const SIGN_OUT: &str = "sign_out";
    pub const SESSION_REVOKED: &str = "session_revoked";
    pub const PASSWORD_CHANGED: &str = "password_changed";
    pub const PASSWORD_RESET_REQUESTED: &str = "password_reset_requested";
    pub const PASSWORD_RESET: &str = "password_reset";
    pub const INVITATION_SENT: &str = "invitation_sent";
    pub const INVITATION_REVOKED: &str = "invitation_revoked";
    pub const INVITATION_ACCEPTED: &str = "invitation_accepted";
    pub const ROLE_CHANGED: &str = "role_changed";
    pub const SEAT_CHANGED: &str = "seat_changed";
    pub const USER_DEACTIVATED: &str = "user_deactivated";
    pub const USER_ACTIVATED: &str = "user_activated";
    pub const RECORD_ERASED: &str = "record_erased";
    pub const PLAN_RENEWED: &str = "plan_renewed";
    /// An upgrade paid mid-term, or a downgrade scheduled for the term's end.
    pub const PLAN_CHANGED: &str = "plan_changed";
    pub const DELETION_REQUESTED: &str = "deletion_requested";
    pub const DELETION_CANCELLED: &str = "deletion_cancelled";
    /// The one entry an account keeps after its data is deleted.
    pub const ACCOUNT_DELETED: &str = "account_deleted";
    pub const ACCOUNT_RESTORED: &str = "account_restored";
    pub const EXPORT_STARTED: &str = "export_started";
    pub const EXPORT_DOWNLOADED: &str = "export_downloaded";
    pub const EXPORT_SETTINGS_CHANGED: &str = "export_settings_changed";
}

/// Appends an event to an account's log.
pub async fn record(
    state: &AppState,
    account: Uuid,
    actor: Option<UserId>,
    event: &'static str,
    detail: Value,
) -> ApiResult<()> {
    let entry = AuditRecord {
        id: 0,
        account,
        at: state.now(),
        actor,
        event: event.to_owned(),
        detail,
    };
    state.db(move |s| s.append_audit(&entry)).await
}
