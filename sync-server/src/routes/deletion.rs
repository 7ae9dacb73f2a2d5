//! `/api/v1/account/deletion`: an admin asks to delete the account and all its data; after
//! the confirmation delay the deletion job removes it (`crate::deletion`). Until then an
//! admin can cancel.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use localspace_core::api::{DeletionRequest, DeletionView, Role};
use serde_json::json;

use super::body::Body;
use super::passwords::verify;
use super::views;
use crate::audit::{self, event};
use crate::auth::extract::{Admin, Authed};
use crate::error::{ApiError, ApiResult};
use crate::mail::templates;
use crate::notify;
use crate::state::AppState;
use crate::store::ScheduledDeletion;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

fn view(state: &AppState, scheduled: Option<ScheduledDeletion>) -> DeletionView {
    let config = &state.config;
    DeletionView {
        requested_at: scheduled.map(|s| views::time(s.requested_at)),
        deletes_at: scheduled.map(|s| views::time(s.due)),
        backups_gone_at: scheduled
            .map(|s| views::time(s.due + i64::from(config.backup.keep_days) * DAY_MS)),
        delay_days: config.deletion_delay_days,
        backup_days: i64::from(config.backup.keep_days),
    }
}

/// `GET /api/v1/account/deletion`: whether a deletion is scheduled, and when.
pub async fn show(State(state): State<AppState>, me: Authed) -> ApiResult<Json<DeletionView>> {
    let account = me.account.id;
    let scheduled = state.db(move |s| s.scheduled_deletion(account)).await?;
    Ok(Json(view(&state, scheduled)))
}

/// `POST /api/v1/account/deletion`: schedules the deletion; asking again keeps the date.
pub async fn request(
    State(state): State<AppState>,
    Admin(me): Admin,
    Body(req): Body<DeletionRequest>,
) -> ApiResult<(StatusCode, Json<DeletionView>)> {
    if !verify(&state, req.password.clone(), me.user.password_hash.clone()).await? {
        let mut e = ApiError::forbidden("wrong_password", "The password is not right.");
        e.field = Some("password".into());
        return Err(e);
    }
    if req.account_name.trim() != me.account.name {
        return Err(ApiError::invalid(
            "account_name",
            "Type the account's name exactly as it is shown.",
        ));
    }
    let (account, now) = (me.account.id, state.now());
    let due = now + state.config.deletion_delay_days * DAY_MS;
    let scheduled = state
        .db(move |s| s.schedule_deletion(account, now, due))
        .await?;
    if scheduled.requested_at == now {
        audit::record(
            &state,
            account,
            Some(me.user.id),
            event::DELETION_REQUESTED,
            json!({ "deletes_at": views::time(scheduled.due) }),
        )
        .await?;
        let admins = state.db(move |s| s.users(account)).await?;
        for admin in admins.iter().filter(|u| u.role == Role::Admin && u.active) {
            let (subject, text) = templates::deletion_scheduled(
                notify::lang(&admin.lang),
                &me.account.name,
                &me.user.name,
                &views::time(scheduled.due),
            );
            notify::send(&state, &admin.email, &admin.name, subject, text).await;
        }
    }
    Ok((StatusCode::ACCEPTED, Json(view(&state, Some(scheduled)))))
}

/// `DELETE /api/v1/account/deletion`: cancels a scheduled deletion.
pub async fn cancel(
    State(state): State<AppState>,
    Admin(me): Admin,
) -> ApiResult<Json<DeletionView>> {
    let account = me.account.id;
    if state.db(move |s| s.cancel_deletion(account)).await? {
        audit::record(
            &state,
            account,
            Some(me.user.id),
            event::DELETION_CANCELLED,
            json!({}),
        )
        .await?;
    }
    Ok(Json(view(&state, None)))
}
