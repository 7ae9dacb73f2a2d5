//! The upload flow. Space is reserved first (`reserve`: one transaction against the pooled
//! quota, before any byte is sent); then the bytes stream to a staging place while their
//! size and SHA-256 are checked (`receive`); only verified bytes move to their address and
//! are counted. Any failure discards the staged bytes and frees the reservation.

use axum::http::StatusCode;
use futures_util::StreamExt;
use localspace_core::api::{BlobStored, UploadRequest, UploadStarted, is_sha256_hex};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

use super::store::{Reservation, Reserved};
use crate::auth::extract::Authed;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::AccountStatus;

const MINUTE_MS: i64 = 60 * 1000;

/// Blocked accounts keep reading their files but store no new ones.
pub fn ensure_writable(me: &Authed) -> ApiResult<()> {
    if me.account.status == AccountStatus::Blocked {
        return Err(ApiError::new(
            StatusCode::PAYMENT_REQUIRED,
            "account_blocked",
            "The account is blocked until its plan is renewed: files can be downloaded, not uploaded.",
        ));
    }
    Ok(())
}

/// Checks an upload request and reserves its space (or refers the file to bytes the account
/// already holds).
pub async fn reserve(
    state: &AppState,
    me: &Authed,
    req: UploadRequest,
) -> ApiResult<UploadStarted> {
    ensure_writable(me)?;
    let file = Uuid::parse_str(&req.file)
        .map_err(|_| ApiError::invalid("file", "`file` is the id of the file record."))?;
    if !is_sha256_hex(&req.hash) {
        return Err(ApiError::invalid(
            "hash",
            "`hash` is the SHA-256 of the bytes in 64 lowercase hex digits.",
        ));
    }
    let max = state.config.files.max_upload_bytes;
    if req.size > max {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("A single file may have at most {max} bytes."),
        ));
    }
    let now = state.now();
    let reservation = Reservation {
        id: Uuid::now_v7(),
        account: me.account.id,
        file,
        hash: req.hash.clone(),
        size: req.size,
        user: me.user.id,
        created_at: now,
        expires_at: now + state.config.files.reservation_minutes * MINUTE_MS,
    };
    let gb = state.config.files.gb_bytes;
    let reserved = state
        .files_db(move |s| s.reserve(&reservation, gb, now))
        .await?;
    Ok(UploadStarted {
        upload_id: match reserved {
            Reserved::Upload(r) => Some(r.id.to_string()),
            Reserved::Existing => None,
        },
        hash: req.hash,
        size: req.size,
    })
}

fn size_mismatch(expected: u64) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "size_mismatch",
        format!(
            "The upload was declared as {expected} bytes and that is not what arrived. Nothing was stored."
        ),
    )
}

/// Receives the bytes of a reserved upload, streamed, and stores them when they match.
pub async fn receive(
    state: &AppState,
    me: &Authed,
    id: Uuid,
    body: axum::body::Body,
) -> ApiResult<BlobStored> {
    ensure_writable(me)?;
    let (account, now) = (me.account.id, state.now());
    let r = state
        .files_db(move |s| s.reservation(account, id, now))
        .await?;
    let result = stage(state, &r, body).await;
    if let Err(error) = result {
        if let Err(e) = state.blobs.discard(account, id).await {
            tracing::error!(%e, "discarding a failed upload");
        }
        state.files_db(move |s| s.release(account, id)).await?;
        return Err(error);
    }
    let orphan = {
        let _held = state.blob_lock.lock().await;
        state
            .blobs
            .commit(account, id, &r.hash)
            .await
            .map_err(|e| ApiError::internal("storing an upload", e))?;
        let now = state.now();
        state
            .files_db(move |s| s.complete(account, id, now))
            .await?
    };
    if let Some(hash) = orphan {
        remove_blob(state, account, &hash).await;
    }
    Ok(BlobStored {
        hash: r.hash,
        size: r.size,
    })
}

/// Writes the body to the staging place, checking its size as it comes and its hash at
/// the end.
async fn stage(state: &AppState, r: &Reservation, body: axum::body::Body) -> ApiResult<()> {
    let mut writer = state
        .blobs
        .stage(r.account, r.id)
        .await
        .map_err(|e| ApiError::internal("staging an upload", e))?;
    let mut stream = body.into_data_stream();
    let mut hasher = Sha256::new();
    let mut received: u64 = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "upload_interrupted",
                "The upload stopped before all its bytes arrived. Nothing was stored.",
            )
        })?;
        received += chunk.len() as u64;
        if received > r.size {
            return Err(size_mismatch(r.size));
        }
        hasher.update(&chunk);
        writer
            .write_all(&chunk)
            .await
            .map_err(|e| ApiError::internal("writing an upload", e))?;
    }
    writer
        .shutdown()
        .await
        .map_err(|e| ApiError::internal("finishing an upload", e))?;
    if received != r.size {
        return Err(size_mismatch(r.size));
    }
    if hex(&hasher.finalize()) != r.hash {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "hash_mismatch",
            "The bytes that arrived do not have the declared SHA-256. Nothing was stored.",
        ));
    }
    Ok(())
}

/// Deletes the bytes of a blob whose row is gone, unless an upload recorded the same
/// content again meanwhile.
pub async fn remove_blob(state: &AppState, account: Uuid, hash: &str) {
    let _held = state.blob_lock.lock().await;
    let owned = hash.to_owned();
    let again = state
        .files_db(move |s| s.blob_size(account, &owned))
        .await
        .is_ok();
    if again {
        return;
    }
    if let Err(e) = state.blobs.remove(account, hash).await {
        tracing::error!(%e, %account, "removing a blob's bytes");
    }
}

/// Lowercase hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
