//! Password change in the profile and recovery by an e-mailed single-use token.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use localspace_core::api::{PasswordChange, ResetConfirm, ResetRequest};
use serde_json::json;

use super::body::Body;
use super::views;
use crate::audit::{self, event};
use crate::auth::extract::Authed;
use crate::auth::{password, token};
use crate::error::{ApiError, ApiResult};
use crate::mail::templates;
use crate::notify;
use crate::state::AppState;
use crate::store::UserChange;

const HOUR_MS: i64 = 60 * 60 * 1000;

/// Hashes a password off the async threads (argon2id is deliberately slow).
pub async fn hash(state: &AppState, password: String) -> ApiResult<String> {
    let cost = state.hash_cost();
    state
        .password_task(move || password::hash(&password, cost))
        .await?
        .map_err(|e| ApiError::internal("hashing", e))
}

/// Checks a password off the async threads.
pub async fn verify(state: &AppState, password: String, stored: String) -> ApiResult<bool> {
    state
        .password_task(move || password::verify(&password, &stored))
        .await
}

/// `PUT /api/v1/me/password`: needs the current password; ends every other session.
pub async fn change(
    State(state): State<AppState>,
    me: Authed,
    Body(req): Body<PasswordChange>,
) -> ApiResult<StatusCode> {
    if !verify(&state, req.current.clone(), me.user.password_hash.clone()).await? {
        let mut e = ApiError::forbidden("wrong_password", "The current password is not right.");
        e.field = Some("current".into());
        return Err(e);
    }
    password::check_strength(&req.new, &me.user.email, &me.user.name).map_err(|w| {
        let mut e = ApiError::from(w);
        e.field = Some("new".into());
        e
    })?;
    let new_hash = hash(&state, req.new).await?;
    let (keep, account, id) = (me.session.id, me.account.id, me.user.id);
    let (user, ended) = state
        .db(move |s| {
            let user = s.change_user(account, id, &UserChange::PasswordHash(new_hash))?;
            Ok((user, s.delete_sessions_of(id, Some(keep))?))
        })
        .await?;
    audit::record(
        &state,
        user.account,
        Some(user.id),
        event::PASSWORD_CHANGED,
        json!({ "sessions_ended": ended }),
    )
    .await?;
    let (subject, text) =
        templates::password_changed(notify::lang(&user.lang), &views::time(state.now()));
    notify::send(&state, &user.email, &user.name, subject, text).await;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/password-resets`: always 202, whether or not the e-mail exists.
pub async fn request_reset(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Body(req): Body<ResetRequest>,
) -> ApiResult<StatusCode> {
    let now = state.now();
    let email = req.email.trim().to_lowercase();
    let ip = peer.ip().to_string();
    state
        .limits
        .ip
        .check(&ip, now)
        .map_err(ApiError::too_many)?;
    state
        .limits
        .recovery_email
        .check(&email, now)
        .map_err(ApiError::too_many)?;
    state.limits.ip.hit(&ip, now);
    state.limits.recovery_email.hit(&email, now);

    let lookup = email.clone();
    let Some(user) = state
        .db(move |s| s.user_by_email(&lookup))
        .await?
        .filter(|u| u.active)
    else {
        return Ok(StatusCode::ACCEPTED);
    };
    let secret = token::new_token();
    let (hash, id) = (token::hash(&secret), user.id);
    state
        .db(move |s| s.insert_reset(id, &hash, now, now + HOUR_MS))
        .await?;
    audit::record(
        &state,
        user.account,
        Some(user.id),
        event::PASSWORD_RESET_REQUESTED,
        json!({ "ip": ip }),
    )
    .await?;
    let link = format!(
        "{}/reset-password?token={secret}",
        state.config.public_url.trim_end_matches('/')
    );
    let (subject, text) = templates::password_reset(notify::lang(&user.lang), &link);
    notify::send(&state, &user.email, &user.name, subject, text).await;
    Ok(StatusCode::ACCEPTED)
}

/// `POST /api/v1/password-resets/confirm`: sets the new password and ends every session.
pub async fn confirm_reset(
    State(state): State<AppState>,
    Body(req): Body<ResetConfirm>,
) -> ApiResult<StatusCode> {
    let now = state.now();
    let invalid = |e: ApiError| {
        if e.code == "not_found" {
            ApiError::new(StatusCode::GONE, "token_invalid", "This link is not valid.")
        } else {
            e
        }
    };
    // Check the new password before the token is used up, so a weak one costs no new link.
    let peek = token::hash(&req.token);
    let owner = state
        .db(move |s| {
            let id = s.peek_reset(&peek, now)?;
            s.user_by_id(id)
        })
        .await
        .map_err(invalid)?;
    password::check_strength(&req.password, &owner.email, &owner.name)?;
    let new_hash = hash(&state, req.password).await?;
    let used = token::hash(&req.token);
    state
        .db(move |s| s.use_reset(&used, now))
        .await
        .map_err(invalid)?;
    let (account, id) = (owner.account, owner.id);
    let user = state
        .db(move |s| {
            let user = s.change_user(account, id, &UserChange::PasswordHash(new_hash))?;
            s.delete_sessions_of(id, None)?;
            Ok(user)
        })
        .await?;
    audit::record(
        &state,
        user.account,
        Some(user.id),
        event::PASSWORD_RESET,
        json!({}),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
