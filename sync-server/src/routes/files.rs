//! Files: reserve space and stream an upload, stream a download, drop a file's reference to
//! its blob, and the account's storage usage. The flow is in `crate::files::upload`; every
//! query is scoped to the caller's account, so another account's upload, blob or file is
//! "not found" even when its id or hash is known.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use localspace_core::api::{
    BlobStored, Role, StorageUsage, UploadRequest, UploadStarted, is_sha256_hex,
};
use tokio_util::io::ReaderStream;

use super::body::{Body, path_id};
use crate::auth::extract::Authed;
use crate::error::{ApiError, ApiResult};
use crate::files::upload;
use crate::state::AppState;

/// `GET /api/v1/storage`: used, reserved, quota and free bytes of the account's pool.
pub async fn usage(State(state): State<AppState>, me: Authed) -> ApiResult<Json<StorageUsage>> {
    let (account, gb, now) = (me.account.id, state.config.files.gb_bytes, state.now());
    Ok(Json(
        state.files_db(move |s| s.usage(account, gb, now)).await?,
    ))
}

/// `POST /api/v1/uploads`: reserve space for a file's bytes. 201 with the upload id, or 200
/// without one when the account already holds these bytes.
pub async fn reserve(
    State(state): State<AppState>,
    me: Authed,
    Body(req): Body<UploadRequest>,
) -> ApiResult<(StatusCode, Json<UploadStarted>)> {
    let started = upload::reserve(&state, &me, req).await?;
    let status = if started.upload_id.is_some() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(started)))
}

/// `PUT /api/v1/uploads/{id}`: the bytes, streamed.
pub async fn receive(
    State(state): State<AppState>,
    me: Authed,
    Path(id): Path<String>,
    body: axum::body::Body,
) -> ApiResult<Json<BlobStored>> {
    let id = path_id(&id)?;
    Ok(Json(upload::receive(&state, &me, id, body).await?))
}

/// `DELETE /api/v1/uploads/{id}`: give up an upload and free its space.
pub async fn abort(
    State(state): State<AppState>,
    me: Authed,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id)?;
    let account = me.account.id;
    state.files_db(move |s| s.release(account, id)).await?;
    if let Err(e) = state.blobs.discard(account, id).await {
        tracing::error!(%e, "discarding an aborted upload");
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/blobs/{hash}`: the bytes, streamed; blocked accounts may download.
pub async fn download(
    State(state): State<AppState>,
    me: Authed,
    Path(hash): Path<String>,
) -> ApiResult<Response> {
    if !is_sha256_hex(&hash) {
        return Err(ApiError::not_found());
    }
    let account = me.account.id;
    let owned = hash.clone();
    state
        .files_db(move |s| s.blob_size(account, &owned))
        .await?;
    let (reader, len) = state
        .blobs
        .open(account, &hash)
        .await
        .map_err(|e| ApiError::internal("opening a blob", e))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_LENGTH, len.to_string()),
            (header::ETAG, format!("\"{hash}\"")),
        ],
        axum::body::Body::from_stream(ReaderStream::new(reader)),
    )
        .into_response())
}

/// `DELETE /api/v1/files/{id}`: the file record no longer needs its bytes. The user who
/// attached it, managers and admins may; the last reference frees the space.
pub async fn unref(
    State(state): State<AppState>,
    me: Authed,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let file = path_id(&id)?;
    let account = me.account.id;
    let (_, attached_by) = state.files_db(move |s| s.reference(account, file)).await?;
    if attached_by != me.user.id && me.user.role == Role::User {
        return Err(ApiError::forbidden(
            "not_yours",
            "Only the person who attached this file, a manager or an admin can delete it.",
        ));
    }
    if let Some(hash) = state.files_db(move |s| s.unref(account, file)).await? {
        upload::remove_blob(&state, account, &hash).await;
    }
    Ok(StatusCode::NO_CONTENT)
}
