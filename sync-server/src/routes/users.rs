//! Coworkers: the list, and the admin's changes of roles, seats and activity. Every change
//! goes through `Store::change_user`, which refuses to leave the account without an active
//! admin with a seat or to use more seats than the account has.

use axum::Json;
use axum::extract::{Path, State};
use localspace_core::UserId;
use localspace_core::api::{RoleChange, SeatChange, UserView};
use serde_json::json;

use super::body::{Body, path_id};
use super::views;
use crate::audit::{self, event};
use crate::auth::extract::{Admin, Authed};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::{User, UserChange};

/// `GET /api/v1/users`: the account's coworkers.
pub async fn list(State(state): State<AppState>, me: Authed) -> ApiResult<Json<Vec<UserView>>> {
    let account = me.account.id;
    let users = state.db(move |s| s.users(account)).await?;
    Ok(Json(users.iter().map(views::user).collect()))
}

/// Applies one change to a user of the admin's account and ends the user's sessions when
/// they may no longer sign in.
async fn change(state: &AppState, me: &Admin, raw_id: &str, change: UserChange) -> ApiResult<User> {
    let id = UserId(path_id(raw_id)?);
    let account = me.0.account.id;
    state
        .db(move |s| {
            let user = s.change_user(account, id, &change)?;
            if !user.active || !user.seat {
                s.delete_sessions_of(user.id, None)?;
            }
            Ok(user)
        })
        .await
}

/// `PUT /api/v1/users/{id}/role` (admin).
pub async fn set_role(
    State(state): State<AppState>,
    me: Admin,
    Path(id): Path<String>,
    Body(req): Body<RoleChange>,
) -> ApiResult<Json<UserView>> {
    let user = change(&state, &me, &id, UserChange::Role(req.role)).await?;
    audit::record(
        &state,
        user.account,
        Some(me.0.user.id),
        event::ROLE_CHANGED,
        json!({ "user": user.id, "role": user.role.as_str() }),
    )
    .await?;
    Ok(Json(views::user(&user)))
}

/// `PUT /api/v1/users/{id}/seat` (admin): assign or take away a seat.
pub async fn set_seat(
    State(state): State<AppState>,
    me: Admin,
    Path(id): Path<String>,
    Body(req): Body<SeatChange>,
) -> ApiResult<Json<UserView>> {
    let user = change(&state, &me, &id, UserChange::Seat(req.seat)).await?;
    audit::record(
        &state,
        user.account,
        Some(me.0.user.id),
        event::SEAT_CHANGED,
        json!({ "user": user.id, "seat": user.seat }),
    )
    .await?;
    Ok(Json(views::user(&user)))
}

/// `POST /api/v1/users/{id}/deactivate` (admin): the user can no longer sign in; their seat
/// is freed.
pub async fn deactivate(
    State(state): State<AppState>,
    me: Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<UserView>> {
    let user = change(&state, &me, &id, UserChange::Active(false)).await?;
    audit::record(
        &state,
        user.account,
        Some(me.0.user.id),
        event::USER_DEACTIVATED,
        json!({ "user": user.id }),
    )
    .await?;
    Ok(Json(views::user(&user)))
}

/// `POST /api/v1/users/{id}/activate` (admin): the user is back, without a seat until one
/// is assigned.
pub async fn activate(
    State(state): State<AppState>,
    me: Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<UserView>> {
    let user = change(&state, &me, &id, UserChange::Active(true)).await?;
    audit::record(
        &state,
        user.account,
        Some(me.0.user.id),
        event::USER_ACTIVATED,
        json!({ "user": user.id }),
    )
    .await?;
    Ok(Json(views::user(&user)))
}
