//! The signed-in caller, from `Authorization: Bearer <token>`: a live session of an active
//! user with a seat. Admin-only handlers take [`Admin`] instead.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use localspace_core::api::Role;

use super::token;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{Account, Session, User};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Last use is written at most this often, so reads do not turn into writes.
const TOUCH_EVERY_MS: i64 = 60 * 1000;

/// A signed-in caller.
#[derive(Clone, Debug)]
pub struct Authed {
    pub session: Session,
    pub user: User,
    pub account: Account,
}

/// A signed-in admin.
#[derive(Clone, Debug)]
pub struct Admin(pub Authed);

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or_else(|| {
            ApiError::unauthorized(
                "signed_out",
                "Sign in first: this request carries no session token.",
            )
        })?;
        let hash = token::hash(token);
        let now = state.now();
        let idle_limit = state.config.session_idle_days * DAY_MS;
        // Three indexed look-ups on the store's read-only connection, which never waits for
        // the writer: done here, without a trip through the blocking pool. Writes (expiry,
        // the last-use stamp) go through the pool.
        let store = state.store.as_ref();
        let found = match store.session_by_token(&hash).map_err(ApiError::from)? {
            None => None,
            Some(session) if now - session.last_used > idle_limit => {
                let (user, id) = (session.user, session.id);
                state.db(move |s| s.delete_session(user, id)).await?;
                Some(Err("session_expired"))
            }
            Some(session) => {
                let user = store
                    .user(session.account, session.user)
                    .map_err(ApiError::from)?;
                let account = store.account(session.account).map_err(ApiError::from)?;
                if now - session.last_used > TOUCH_EVERY_MS {
                    let id = session.id;
                    state.db(move |s| s.touch_session(id, now)).await?;
                }
                Some(Ok(Authed {
                    session,
                    user,
                    account,
                }))
            }
        };
        match found {
            None => Err(ApiError::unauthorized(
                "invalid_session",
                "This session has ended. Sign in again.",
            )),
            Some(Err(code)) => Err(ApiError::unauthorized(
                code,
                "This session expired after a long time unused. Sign in again.",
            )),
            Some(Ok(authed)) if !authed.user.active => Err(ApiError::unauthorized(
                "user_deactivated",
                "This user was deactivated by an admin.",
            )),
            Some(Ok(authed)) if !authed.user.seat => Err(ApiError::forbidden(
                "no_seat",
                "This user has no seat. Ask an admin to assign one.",
            )),
            Some(Ok(authed)) => Ok(authed),
        }
    }
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let authed = Authed::from_request_parts(parts, state).await?;
        if authed.user.role == Role::Admin {
            Ok(Admin(authed))
        } else {
            Err(ApiError::forbidden(
                "admin_only",
                "Only an admin of the account can do this.",
            ))
        }
    }
}
