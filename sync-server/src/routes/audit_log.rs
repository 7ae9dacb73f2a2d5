//! The audit log, for admins, newest first, paged by id.

use axum::Json;
use axum::extract::{Query, State};
use localspace_core::api::{AuditEntry, AuditPage};
use serde::Deserialize;

use super::views;
use crate::auth::extract::Admin;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Raw query parameters, parsed by hand so a bad value is an API error with a code.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    before: Option<String>,
    limit: Option<String>,
}

fn number<T: std::str::FromStr>(field: &str, raw: Option<&str>) -> ApiResult<Option<T>> {
    raw.map(|v| {
        v.parse()
            .map_err(|_| ApiError::invalid(field, format!("`{field}` must be a whole number")))
    })
    .transpose()
}

/// `GET /api/v1/audit?before=&limit=` (admin).
pub async fn list(
    State(state): State<AppState>,
    Admin(me): Admin,
    Query(q): Query<PageQuery>,
) -> ApiResult<Json<AuditPage>> {
    let limit = number::<u32>("limit", q.limit.as_deref())?
        .unwrap_or(100)
        .clamp(1, 500);
    let before = number::<i64>("before", q.before.as_deref())?;
    let account = me.account.id;
    let records = state.db(move |s| s.audit(account, before, limit)).await?;
    let next_before = (records.len() as u32 == limit)
        .then(|| records.last().map(|r| r.id))
        .flatten();
    let entries = records
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: views::time(r.at),
            actor: r.actor,
            event: r.event,
            detail: r.detail,
        })
        .collect();
    Ok(Json(AuditPage {
        entries,
        next_before,
    }))
}
