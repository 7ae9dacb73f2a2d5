//! `/api/v1/account/settings`: account-wide switches. Every member reads them (the app
//! hides what is switched off); only admins change them, and each change is audited.
//! Today: whether users and managers may use basic (list) export.

use axum::Json;
use axum::extract::State;
use localspace_core::api::AccountSettings;
use serde_json::json;

use super::body::Body;
use crate::audit::{self, event};
use crate::auth::extract::{Admin, Authed};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The account's settings.
pub async fn read(state: &AppState, account: uuid::Uuid) -> ApiResult<AccountSettings> {
    let exports = state.exports.clone();
    let basic_export = tokio::task::spawn_blocking(move || exports.basic_export(account))
        .await
        .map_err(|e| ApiError::internal("settings storage task", e))??;
    Ok(AccountSettings { basic_export })
}

/// `GET /api/v1/account/settings`.
pub async fn show(State(state): State<AppState>, me: Authed) -> ApiResult<Json<AccountSettings>> {
    Ok(Json(read(&state, me.account.id).await?))
}

/// `PUT /api/v1/account/settings`: admins only; a change is an audit entry.
pub async fn change(
    State(state): State<AppState>,
    Admin(me): Admin,
    Body(req): Body<AccountSettings>,
) -> ApiResult<Json<AccountSettings>> {
    let account = me.account.id;
    let before = read(&state, account).await?;
    if before.basic_export != req.basic_export {
        let exports = state.exports.clone();
        tokio::task::spawn_blocking(move || exports.set_basic_export(account, req.basic_export))
            .await
            .map_err(|e| ApiError::internal("settings storage task", e))??;
        audit::record(
            &state,
            account,
            Some(me.user.id),
            event::EXPORT_SETTINGS_CHANGED,
            json!({ "basic_export": req.basic_export }),
        )
        .await?;
    }
    Ok(Json(read(&state, account).await?))
}
