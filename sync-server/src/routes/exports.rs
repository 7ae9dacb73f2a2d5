//! `/api/v1/exports`: admins start an advanced export of the whole account (a background
//! job, `crate::export`), follow its progress and download the archive while it is kept.
//! One job runs at a time per account; blocked accounts may export. Every query is scoped
//! to the caller's account, so another account's job is "not found".

use std::time::Duration;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use localspace_core::api::{ExportJobView, ExportState};
use serde_json::json;
use tokio_util::io::ReaderStream;
use uuid::Uuid;

use super::body::{Body, path_id};
use super::views;
use crate::audit::{self, event};
use crate::auth::extract::Admin;
use crate::error::{ApiError, ApiResult};
use crate::export::{self, ExportJob, JobState};
use crate::state::AppState;

/// The longest a status request waits for the job to move.
const MAX_WAIT_S: u64 = 20;

fn view(job: &ExportJob) -> ExportJobView {
    ExportJobView {
        id: job.id.to_string(),
        state: match job.state {
            JobState::Running => ExportState::Running,
            JobState::Ready => ExportState::Ready,
            JobState::Failed => ExportState::Failed,
            JobState::Expired => ExportState::Expired,
        },
        phase: job.phase.clone(),
        done: job.done,
        total: job.total,
        size: job.size,
        started_at: views::time(job.started_at),
        finished_at: job.finished_at.map(views::time),
        expires_at: job.expires_at.map(views::time),
        error: job.error.clone(),
    }
}

/// A job, with a ready archive whose time is up removed first (the expiry job does the
/// same every ten minutes; this keeps the answer exact in between).
async fn job(state: &AppState, account: Uuid, id: Uuid) -> ApiResult<ExportJob> {
    let exports = state.exports.clone();
    let mut job = tokio::task::spawn_blocking(move || exports.export_job(account, id))
        .await
        .map_err(|e| ApiError::internal("export storage task", e))??;
    if job.state == JobState::Ready && job.expires_at.is_some_and(|t| t <= state.now()) {
        export::forget_archive(state, account, id).await;
        job.state = JobState::Expired;
    }
    Ok(job)
}

/// The body of `POST /api/v1/exports`: `{}` (no options yet; unknown fields are refused).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartExport {}

/// `POST /api/v1/exports`: starts a job; 202 with it, `409 export_running` while one runs.
pub async fn start(
    State(state): State<AppState>,
    Admin(me): Admin,
    Body(StartExport {}): Body<StartExport>,
) -> ApiResult<(StatusCode, Json<ExportJobView>)> {
    let job = export::job::start(&state, me.account.id, me.user.id).await?;
    audit::record(
        &state,
        me.account.id,
        Some(me.user.id),
        event::EXPORT_STARTED,
        json!({ "export": job.id.to_string() }),
    )
    .await?;
    Ok((StatusCode::ACCEPTED, Json(view(&job))))
}

/// `GET /api/v1/exports`: the account's latest jobs, newest first.
pub async fn list(
    State(state): State<AppState>,
    Admin(me): Admin,
) -> ApiResult<Json<Vec<ExportJobView>>> {
    let account = me.account.id;
    let exports = state.exports.clone();
    let jobs = tokio::task::spawn_blocking(move || exports.export_jobs(account, 10))
        .await
        .map_err(|e| ApiError::internal("export storage task", e))??;
    let mut out = Vec::with_capacity(jobs.len());
    for j in jobs {
        out.push(view(&job(&state, account, j.id).await?));
    }
    Ok(Json(out))
}

fn wait_seconds(query: Option<&str>) -> u64 {
    query
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("wait="))
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        .min(MAX_WAIT_S)
}

/// `GET /api/v1/exports/{id}[?wait=N]`: the job. With `wait`, a running job is answered
/// when it moves (phase, count or state) or after N seconds (at most 20), so the app
/// follows progress without polling in a tight loop.
pub async fn show(
    State(state): State<AppState>,
    Admin(me): Admin,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<ExportJobView>> {
    let (account, id) = (me.account.id, path_id(&id)?);
    let mut changes = state.export_changes.subscribe();
    let first = job(&state, account, id).await?;
    let wait = wait_seconds(query.as_deref());
    if first.state != JobState::Running || wait == 0 {
        return Ok(Json(view(&first)));
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(wait);
    loop {
        match tokio::time::timeout_at(deadline, changes.changed()).await {
            Ok(Ok(())) => {
                let now = job(&state, account, id).await?;
                if (&now.phase, now.done, now.state) != (&first.phase, first.done, first.state) {
                    return Ok(Json(view(&now)));
                }
            }
            _ => return Ok(Json(view(&job(&state, account, id).await?))),
        }
    }
}

/// `GET /api/v1/exports/{id}/archive`: the tar.gz, streamed. `409 export_not_ready` while
/// it is built or when it failed, `404 export_expired` once removed.
pub async fn archive(
    State(state): State<AppState>,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (account, id) = (me.account.id, path_id(&id)?);
    let found = job(&state, account, id).await?;
    match found.state {
        JobState::Ready => {}
        JobState::Expired => {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "export_expired",
                "This export was kept its time and removed; start a new one.",
            ));
        }
        JobState::Running | JobState::Failed => {
            return Err(ApiError::conflict(
                "export_not_ready",
                "This export has no archive to download (it is being built or it failed).",
            ));
        }
    }
    let path = export::job::archive_path(&state.config, account, id);
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| ApiError::internal("opening an export archive", e))?;
    let len = file
        .metadata()
        .await
        .map_err(|e| ApiError::internal("reading an export archive", e))?
        .len();
    audit::record(
        &state,
        account,
        Some(me.user.id),
        event::EXPORT_DOWNLOADED,
        json!({ "export": id.to_string(), "size": len }),
    )
    .await?;
    let name = format!(
        "localspace-export-{}.tar.gz",
        views::time(found.started_at).get(..10).unwrap_or("archive")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/gzip".to_owned()),
            (header::CONTENT_LENGTH, len.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        axum::body::Body::from_stream(ReaderStream::new(file)),
    )
        .into_response())
}
