//! Invitations: admins invite by e-mail; the single-use link sets name and password.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use localspace_core::UserId;
use localspace_core::api::{AcceptInvitation, InvitationView, Invite, SessionCreated};
use serde_json::json;

use super::body::{Body, path_id};
use super::sessions::open_session;
use super::views;
use crate::audit::{self, event};
use crate::auth::extract::Admin;
use crate::auth::{password, token};
use crate::error::{ApiError, ApiResult};
use crate::mail::templates;
use crate::notify;
use crate::state::AppState;
use crate::store::{Invitation, User};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

fn view(i: &Invitation) -> InvitationView {
    InvitationView {
        id: i.id.to_string(),
        email: i.email.clone(),
        role: i.role,
        seat: i.seat,
        expires_at: views::time(i.expires_at),
        accepted: i.accepted_at.is_some(),
    }
}

/// `POST /api/v1/invitations` (admin).
pub async fn invite(
    State(state): State<AppState>,
    Admin(me): Admin,
    Body(req): Body<Invite>,
) -> ApiResult<(StatusCode, Json<InvitationView>)> {
    let email = views::email(&req.email)?;
    let lookup = email.clone();
    if state.db(move |s| s.user_by_email(&lookup)).await?.is_some() {
        return Err(ApiError::conflict(
            "email_taken",
            "This e-mail address already belongs to a Localspace user.",
        ));
    }
    let now = state.now();
    let secret = token::new_token();
    let invitation = Invitation {
        id: token::new_id(),
        account: me.account.id,
        email,
        role: req.role,
        seat: req.seat,
        lang: views::lang(req.lang.as_deref()),
        invited_by: me.user.id,
        created_at: now,
        expires_at: now + state.config.invitation_days * DAY_MS,
        accepted_at: None,
    };
    let (stored, hash) = (invitation.clone(), token::hash(&secret));
    state
        .db(move |s| s.insert_invitation(&stored, &hash))
        .await?;
    audit::record(
        &state,
        me.account.id,
        Some(me.user.id),
        event::INVITATION_SENT,
        json!({ "email": invitation.email, "role": invitation.role.as_str(), "seat": invitation.seat }),
    )
    .await?;
    let link = format!(
        "{}/accept-invitation?token={secret}",
        state.config.public_url.trim_end_matches('/')
    );
    let (subject, text) = templates::invitation(
        notify::lang(&invitation.lang),
        &me.account.name,
        &me.user.name,
        &link,
    );
    notify::send(&state, &invitation.email, &invitation.email, subject, text).await;
    Ok((StatusCode::CREATED, Json(view(&invitation))))
}

/// `GET /api/v1/invitations` (admin).
pub async fn list(
    State(state): State<AppState>,
    Admin(me): Admin,
) -> ApiResult<Json<Vec<InvitationView>>> {
    let account = me.account.id;
    let all = state.db(move |s| s.invitations(account)).await?;
    Ok(Json(all.iter().map(view).collect()))
}

/// `DELETE /api/v1/invitations/{id}` (admin).
pub async fn revoke(
    State(state): State<AppState>,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id)?;
    let account = me.account.id;
    state.db(move |s| s.delete_invitation(account, id)).await?;
    audit::record(
        &state,
        account,
        Some(me.user.id),
        event::INVITATION_REVOKED,
        json!({ "invitation": id.to_string() }),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/invitations/accept`: the invited person sets name and password.
pub async fn accept(
    State(state): State<AppState>,
    Body(req): Body<AcceptInvitation>,
) -> ApiResult<(StatusCode, Json<SessionCreated>)> {
    let name = views::name("name", &req.name)?;
    password::check_strength(&req.password, "", &name)?;
    let now = state.now();
    let hash = super::passwords::hash(&state, req.password.clone()).await?;
    let mut user = User {
        id: UserId(token::new_id()),
        account: uuid::Uuid::nil(),
        email: String::new(),
        name,
        password_hash: hash,
        role: localspace_core::api::Role::User,
        seat: false,
        active: true,
        lang: "pl".into(),
        created_at: now,
    };
    let token_hash = token::hash(&req.token);
    let user = state
        .db(move |s| {
            s.accept_invitation(&token_hash, &mut user, now)?;
            Ok(user)
        })
        .await
        .map_err(|e| {
            if e.code == "not_found" {
                ApiError::new(
                    StatusCode::GONE,
                    "token_invalid",
                    "This invitation link is not valid.",
                )
            } else {
                e
            }
        })?;
    audit::record(
        &state,
        user.account,
        Some(user.id),
        event::INVITATION_ACCEPTED,
        json!({ "email": user.email, "seat": user.seat }),
    )
    .await?;
    if !user.seat {
        return Err(ApiError::forbidden(
            "no_seat",
            "Your account is ready, but every seat is taken. Ask an admin to assign you one.",
        ));
    }
    let account_id = user.account;
    let account = state.db(move |s| s.account(account_id)).await?;
    let created = open_session(&state, user, account, views::device(req.device.as_deref())).await?;
    Ok((StatusCode::CREATED, Json(created)))
}
