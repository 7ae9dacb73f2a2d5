//! `/api/v1/automation/rules`: everyone signed in lists the account's rules (and whether its
//! plan runs them); admins add, change and delete them. On a plan without automation a rule
//! cannot be added or switched on (`402 plan_lacks_automation`); switching one off and
//! deleting always work.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use localspace_core::api::{AutomationRule, AutomationRules, NewRule, RuleUpdate};
use uuid::Uuid;

use super::body::{Body, path_id};
use super::views;
use crate::auth::extract::{Admin, Authed};
use crate::automation::{StoredRule, available, check_spec};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

fn view(r: &StoredRule) -> AutomationRule {
    AutomationRule {
        id: r.id.to_string(),
        spec: r.spec.clone(),
        enabled: r.enabled,
        created_at: views::time(r.created_at),
        updated_at: views::time(r.updated_at),
    }
}

async fn plan_allows(state: &AppState, account: Uuid) -> ApiResult<bool> {
    let today = localspace_core::billing::warsaw_date(state.now());
    let plan = state
        .billing_db(move |s| s.plan_state(account))
        .await?
        .as_of(today);
    Ok(available(&plan))
}

fn plan_lacks_automation() -> ApiError {
    ApiError::new(
        StatusCode::PAYMENT_REQUIRED,
        "plan_lacks_automation",
        "Automation rules need the CRM + Automation plan. An admin can change the plan under Settings → Payments.",
    )
}

/// `GET /api/v1/automation/rules`.
pub async fn list(State(state): State<AppState>, me: Authed) -> ApiResult<Json<AutomationRules>> {
    let account = me.account.id;
    let available = plan_allows(&state, account).await?;
    let rules = state.automation_db(move |s| s.rules(account)).await?;
    Ok(Json(AutomationRules {
        available,
        rules: rules.iter().map(view).collect(),
    }))
}

/// `POST /api/v1/automation/rules` (admin).
pub async fn create(
    State(state): State<AppState>,
    Admin(me): Admin,
    Body(req): Body<NewRule>,
) -> ApiResult<(StatusCode, Json<AutomationRule>)> {
    check_spec(&req.spec)?;
    let account = me.account.id;
    if !plan_allows(&state, account).await? {
        return Err(plan_lacks_automation());
    }
    let now = state.now();
    let rule = StoredRule {
        id: Uuid::now_v7(),
        account,
        spec: req.spec,
        enabled: req.enabled,
        created_at: now,
        updated_at: now,
    };
    let stored = rule.clone();
    state.automation_db(move |s| s.insert_rule(&stored)).await?;
    Ok((StatusCode::CREATED, Json(view(&rule))))
}

/// `PATCH /api/v1/automation/rules/{id}` (admin).
pub async fn update(
    State(state): State<AppState>,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(req): Body<RuleUpdate>,
) -> ApiResult<Json<AutomationRule>> {
    let id = path_id(&id)?;
    if let Some(spec) = &req.spec {
        check_spec(spec)?;
    }
    let account = me.account.id;
    let existing = state.automation_db(move |s| s.rules(account)).await?;
    let Some(current) = existing.into_iter().find(|r| r.id == id) else {
        return Err(ApiError::not_found());
    };
    let stays_on = req.enabled.unwrap_or(current.enabled);
    let changes_rule = req.spec.is_some() || req.enabled == Some(true);
    if stays_on && changes_rule && !plan_allows(&state, account).await? {
        return Err(plan_lacks_automation());
    }
    let now = state.now();
    let rule = state
        .automation_db(move |s| s.update_rule(account, id, req.spec.as_ref(), req.enabled, now))
        .await?;
    Ok(Json(view(&rule)))
}

/// `DELETE /api/v1/automation/rules/{id}` (admin).
pub async fn delete(
    State(state): State<AppState>,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id)?;
    let account = me.account.id;
    state
        .automation_db(move |s| s.delete_rule(account, id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
