//! Sign-in, sign-out and the user's own sessions.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use localspace_core::api::{SessionCreated, SessionView, SignIn};
use serde_json::json;

use super::body::{Body, path_id};
use super::views;
use crate::audit::{self, event};
use crate::auth::extract::Authed;
use crate::auth::token;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{Account, Session, User};

/// Opens a session for a user and returns its token (shown once).
pub async fn open_session(
    state: &AppState,
    user: User,
    account: Account,
    device: String,
) -> ApiResult<SessionCreated> {
    let secret = token::new_token();
    let now = state.now();
    let session = Session {
        id: token::new_id(),
        user: user.id,
        account: account.id,
        device,
        created_at: now,
        last_used: now,
    };
    let (hash, stored) = (token::hash(&secret), session.clone());
    let account_id = account.id;
    let used = state
        .db(move |s| {
            s.insert_session(&stored, &hash)?;
            s.seats_used(account_id)
        })
        .await?;
    Ok(SessionCreated {
        token: secret,
        session_id: session.id.to_string(),
        user: views::user(&user),
        account: super::account::view(state, &account, used).await?,
    })
}

/// `POST /api/v1/sessions`.
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Body(req): Body<SignIn>,
) -> ApiResult<(StatusCode, Json<SessionCreated>)> {
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
        .sign_in_email
        .check(&email, now)
        .map_err(ApiError::too_many)?;
    // Count the attempt before the slow check, so parallel guesses cannot all slip under the
    // limit; a success clears it.
    state.limits.ip.hit(&ip, now);
    state.limits.sign_in_email.hit(&email, now);

    let lookup = email.clone();
    let user = state.db(move |s| s.user_by_email(&lookup)).await?;
    // An unknown e-mail is checked against a dummy hash, so the answer takes as long.
    let stored_hash = user
        .as_ref()
        .map_or_else(|| state.dummy_hash.to_string(), |u| u.password_hash.clone());
    let password_ok = super::passwords::verify(&state, req.password.clone(), stored_hash).await?
        && user.is_some();
    let Some(user) = user.filter(|_| password_ok) else {
        if let Some(known) = state.db(move |s| s.user_by_email(&email)).await? {
            audit::record(
                &state,
                known.account,
                Some(known.id),
                event::SIGN_IN_FAILED,
                json!({ "ip": ip }),
            )
            .await?;
        }
        return Err(ApiError::unauthorized(
            "invalid_credentials",
            "Wrong e-mail or password.",
        ));
    };
    // Only someone who knows the password learns why they cannot get in.
    if !user.active {
        return Err(ApiError::forbidden(
            "user_deactivated",
            "This user was deactivated by an admin.",
        ));
    }
    if !user.seat {
        return Err(ApiError::forbidden(
            "no_seat",
            "This user has no seat. Ask an admin to assign one.",
        ));
    }
    state.limits.sign_in_email.clear(&email);
    let account_id = user.account;
    let account = state.db(move |s| s.account(account_id)).await?;
    let device = views::device(req.device.as_deref());
    audit::record(
        &state,
        account.id,
        Some(user.id),
        event::SIGN_IN,
        json!({ "ip": ip, "device": device }),
    )
    .await?;
    let created = open_session(&state, user, account, device).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET /api/v1/sessions`: the caller's own sessions.
pub async fn list(State(state): State<AppState>, me: Authed) -> ApiResult<Json<Vec<SessionView>>> {
    let user = me.user.id;
    let sessions = state.db(move |s| s.sessions_of(user)).await?;
    Ok(Json(
        sessions
            .iter()
            .map(|s| SessionView {
                id: s.id.to_string(),
                device: s.device.clone(),
                created_at: views::time(s.created_at),
                last_used: views::time(s.last_used),
                current: s.id == me.session.id,
            })
            .collect(),
    ))
}

/// `DELETE /api/v1/sessions/current`: sign out.
pub async fn sign_out(State(state): State<AppState>, me: Authed) -> ApiResult<StatusCode> {
    let (user, id) = (me.user.id, me.session.id);
    state.db(move |s| s.delete_session(user, id)).await?;
    audit::record(
        &state,
        me.account.id,
        Some(user),
        event::SIGN_OUT,
        json!({ "device": me.session.device }),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/v1/sessions/{id}`: end one of the caller's own sessions.
pub async fn revoke(
    State(state): State<AppState>,
    me: Authed,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id)?;
    let user = me.user.id;
    state.db(move |s| s.delete_session(user, id)).await?;
    audit::record(
        &state,
        me.account.id,
        Some(user),
        event::SESSION_REVOKED,
        json!({ "session": id.to_string() }),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
