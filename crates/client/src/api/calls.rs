//! One method per endpoint of `docs/api.md`.

use localspace_core::UserId;
use localspace_core::api::*;
use localspace_core::sync::{BootstrapPage, PullResponse, PushRequest, PushResponse, encode};
use reqwest::Method;

use super::{ApiClient, ApiError};

const NO_BODY: Option<&()> = None;

impl ApiClient {
    pub async fn sign_up(&self, req: &SignUp) -> Result<SessionCreated, ApiError> {
        self.call(Method::POST, "/signup", Some(req)).await
    }

    pub async fn sign_in(&self, req: &SignIn) -> Result<SessionCreated, ApiError> {
        self.call(Method::POST, "/sessions", Some(req)).await
    }

    pub async fn sign_out(&self) -> Result<(), ApiError> {
        self.call_empty(Method::DELETE, "/sessions/current", NO_BODY)
            .await
    }

    pub async fn sessions(&self) -> Result<Vec<SessionView>, ApiError> {
        self.call(Method::GET, "/sessions", NO_BODY).await
    }

    pub async fn revoke_session(&self, id: &str) -> Result<(), ApiError> {
        self.call_empty(Method::DELETE, &format!("/sessions/{id}"), NO_BODY)
            .await
    }

    pub async fn me(&self) -> Result<Me, ApiError> {
        self.call(Method::GET, "/me", NO_BODY).await
    }

    pub async fn update_profile(&self, req: &ProfileUpdate) -> Result<Me, ApiError> {
        self.call(Method::PATCH, "/me", Some(req)).await
    }

    pub async fn change_password(&self, req: &PasswordChange) -> Result<(), ApiError> {
        self.call_empty(Method::PUT, "/me/password", Some(req))
            .await
    }

    pub async fn request_password_reset(&self, email: &str) -> Result<(), ApiError> {
        self.call_empty(
            Method::POST,
            "/password-resets",
            Some(&ResetRequest {
                email: email.to_owned(),
            }),
        )
        .await
    }

    pub async fn confirm_password_reset(&self, req: &ResetConfirm) -> Result<(), ApiError> {
        self.call_empty(Method::POST, "/password-resets/confirm", Some(req))
            .await
    }

    pub async fn account(&self) -> Result<AccountView, ApiError> {
        self.call(Method::GET, "/account", NO_BODY).await
    }

    /// Whether the account's deletion is scheduled, and when.
    pub async fn deletion(&self) -> Result<DeletionView, ApiError> {
        self.call(Method::GET, "/account/deletion", NO_BODY).await
    }

    /// Asks to delete the account and all its data (admins); the data goes after a delay.
    pub async fn request_deletion(&self, req: &DeletionRequest) -> Result<DeletionView, ApiError> {
        self.call(Method::POST, "/account/deletion", Some(req))
            .await
    }

    /// Cancels a scheduled deletion (admins).
    pub async fn cancel_deletion(&self) -> Result<DeletionView, ApiError> {
        self.call(Method::DELETE, "/account/deletion", NO_BODY)
            .await
    }

    pub async fn users(&self) -> Result<Vec<UserView>, ApiError> {
        self.call(Method::GET, "/users", NO_BODY).await
    }

    pub async fn invite(&self, req: &Invite) -> Result<InvitationView, ApiError> {
        self.call(Method::POST, "/invitations", Some(req)).await
    }

    pub async fn invitations(&self) -> Result<Vec<InvitationView>, ApiError> {
        self.call(Method::GET, "/invitations", NO_BODY).await
    }

    pub async fn revoke_invitation(&self, id: &str) -> Result<(), ApiError> {
        self.call_empty(Method::DELETE, &format!("/invitations/{id}"), NO_BODY)
            .await
    }

    pub async fn accept_invitation(
        &self,
        req: &AcceptInvitation,
    ) -> Result<SessionCreated, ApiError> {
        self.call(Method::POST, "/invitations/accept", Some(req))
            .await
    }

    pub async fn set_role(&self, user: UserId, role: Role) -> Result<UserView, ApiError> {
        self.call(
            Method::PUT,
            &format!("/users/{user}/role"),
            Some(&RoleChange { role }),
        )
        .await
    }

    pub async fn set_seat(&self, user: UserId, seat: bool) -> Result<UserView, ApiError> {
        self.call(
            Method::PUT,
            &format!("/users/{user}/seat"),
            Some(&SeatChange { seat }),
        )
        .await
    }

    pub async fn deactivate(&self, user: UserId) -> Result<UserView, ApiError> {
        self.call(Method::POST, &format!("/users/{user}/deactivate"), NO_BODY)
            .await
    }

    pub async fn activate(&self, user: UserId) -> Result<UserView, ApiError> {
        self.call(Method::POST, &format!("/users/{user}/activate"), NO_BODY)
            .await
    }

    /// A page of the audit log, newest first; pass `next_before` of a page to get the next.
    pub async fn audit(&self, before: Option<i64>, limit: u32) -> Result<AuditPage, ApiError> {
        let query = match before {
            Some(b) => format!("/audit?limit={limit}&before={b}"),
            None => format!("/audit?limit={limit}"),
        };
        self.call(Method::GET, &query, NO_BODY).await
    }

    /// Sends changes (`/sync/v1/push`).
    pub async fn push(&self, req: &PushRequest) -> Result<PushResponse, ApiError> {
        self.sync_call(Method::POST, "/sync/v1/push", Some(encode(req)))
            .await
    }

    /// Reads log entries after `after` (`/sync/v1/pull`) in the account epoch the device
    /// bootstrapped in; `409 epoch_changed` when the account was restored since.
    pub async fn pull(&self, after: u64, limit: u32, epoch: u64) -> Result<PullResponse, ApiError> {
        let path = format!("/sync/v1/pull?after={after}&limit={limit}&epoch={epoch}");
        self.sync_call(Method::GET, &path, None).await
    }

    /// A page of saved documents after `after` (`/sync/v1/bootstrap`).
    pub async fn bootstrap(
        &self,
        after: Option<localspace_core::RecordId>,
        limit: u32,
    ) -> Result<BootstrapPage, ApiError> {
        let after = after.map(|a| a.to_string()).unwrap_or_default();
        let path = format!("/sync/v1/bootstrap?after={after}&limit={limit}");
        self.sync_call(Method::GET, &path, None).await
    }

    /// A page of ids erased for good after `after` (`/sync/v1/erased`).
    pub async fn erased(
        &self,
        after: Option<localspace_core::RecordId>,
        limit: u32,
    ) -> Result<localspace_core::sync::ErasedPage, ApiError> {
        let after = after.map(|a| a.to_string()).unwrap_or_default();
        let path = format!("/sync/v1/erased?after={after}&limit={limit}");
        self.sync_call(Method::GET, &path, None).await
    }
}
