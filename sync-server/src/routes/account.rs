//! Sign-up (a new account with its admin and a 14-day trial), the account and the profile.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use localspace_core::UserId;
use localspace_core::api::{AccountView, Me, ProfileUpdate, Role, SessionCreated, SignUp};
use serde_json::json;

use super::body::Body;
use super::sessions::open_session;
use super::views;
use crate::audit::{self, event};
use crate::auth::extract::Authed;
use crate::auth::{password, token};
use crate::error::{ApiError, ApiResult};
use crate::mail::templates;
use crate::notify;
use crate::state::AppState;
use crate::store::{Account, AccountStatus, User, UserChange};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// `POST /api/v1/signup`.
pub async fn sign_up(
    State(state): State<AppState>,
    Body(req): Body<SignUp>,
) -> ApiResult<(StatusCode, Json<SessionCreated>)> {
    let company = views::name("company", &req.company)?;
    let name = views::name("name", &req.name)?;
    let email = views::email(&req.email)?;
    password::check_strength(&req.password, &email, &name)?;
    let lang = views::lang(req.lang.as_deref());
    let hash = super::passwords::hash(&state, req.password.clone()).await?;
    let now = state.now();
    let account = Account {
        id: token::new_id(),
        name: company,
        status: AccountStatus::Trial,
        created_at: now,
        trial_ends: now + state.config.trial_days * DAY_MS,
        seats: state.config.trial_seats,
    };
    let admin = User {
        id: UserId(token::new_id()),
        account: account.id,
        email,
        name,
        password_hash: hash,
        role: Role::Admin,
        seat: true,
        active: true,
        lang,
        created_at: now,
    };
    let (a, u) = (account.clone(), admin.clone());
    state.db(move |s| s.create_account(&a, &u)).await?;
    audit::record(
        &state,
        account.id,
        Some(admin.id),
        event::ACCOUNT_CREATED,
        json!({ "name": account.name }),
    )
    .await?;

    let trial_ends = chrono::DateTime::from_timestamp_millis(account.trial_ends)
        .map(|t| t.date_naive())
        .unwrap_or_default();
    let (subject, text) = templates::welcome(notify::lang(&admin.lang), &account.name, trial_ends);
    notify::send(&state, &admin.email, &admin.name, subject, text).await;

    let device = views::device(req.device.as_deref());
    let created = open_session(&state, admin, account, device).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET /api/v1/me`.
pub async fn me(State(state): State<AppState>, me: Authed) -> ApiResult<Json<Me>> {
    let account = account_view(&state, &me).await?;
    Ok(Json(Me {
        user: views::user(&me.user),
        account,
    }))
}

/// `GET /api/v1/account`.
pub async fn account(State(state): State<AppState>, me: Authed) -> ApiResult<Json<AccountView>> {
    Ok(Json(account_view(&state, &me).await?))
}

async fn account_view(state: &AppState, me: &Authed) -> ApiResult<AccountView> {
    let id = me.account.id;
    let used = state.db(move |s| s.seats_used(id)).await?;
    view(state, &me.account, used).await
}

/// The account's view with its settings and last paid day, given the seats in use.
pub async fn view(state: &AppState, account: &Account, seats_used: u32) -> ApiResult<AccountView> {
    let id = account.id;
    let settings = super::account_settings::read(state, id).await?;
    let paid_until = state
        .billing_db(move |s| s.plan_state(id))
        .await?
        .paid_until;
    Ok(views::account(
        account,
        seats_used,
        settings.basic_export,
        paid_until,
    ))
}

/// `PATCH /api/v1/me`: name and language.
pub async fn update_profile(
    State(state): State<AppState>,
    me: Authed,
    Body(req): Body<ProfileUpdate>,
) -> ApiResult<Json<Me>> {
    let name = req
        .name
        .as_deref()
        .map(|n| views::name("name", n))
        .transpose()?;
    if let Some(lang) = &req.lang
        && !matches!(lang.as_str(), "pl" | "en")
    {
        return Err(ApiError::invalid("lang", "`lang` must be `pl` or `en`"));
    }
    let change = UserChange::Profile {
        name,
        lang: req.lang.clone(),
    };
    let (account, id) = (me.account.id, me.user.id);
    let user = state
        .db(move |s| s.change_user(account, id, &change))
        .await?;
    let account = account_view(&state, &me).await?;
    Ok(Json(Me {
        user: views::user(&user),
        account,
    }))
}
