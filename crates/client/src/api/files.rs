//! File bytes to and from the server, streamed: reserve space, send a file from disk while
//! reporting progress, download a blob to a path (written as `.part`, checked against its
//! SHA-256, then renamed), drop a file's reference, and the account's storage usage.

use std::path::Path;

use futures_util::StreamExt;
use localspace_core::api::{API_PREFIX, BlobStored, StorageUsage, UploadRequest, UploadStarted};
use reqwest::Method;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::{ApiClient, ApiError, error_for_status};

/// Called with (bytes done, bytes in all) as a transfer advances.
pub type Progress = std::sync::Arc<dyn Fn(u64, u64) + Send + Sync>;

/// Lowercase hex of a SHA-256 digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn local(e: std::io::Error) -> ApiError {
    ApiError::BadResponse(format!("local file: {e}"))
}

impl ApiClient {
    pub(super) fn authed(
        &self,
        method: Method,
        path: &str,
    ) -> Result<reqwest::RequestBuilder, ApiError> {
        let url = self
            .base
            .join(&format!("{API_PREFIX}{path}"))
            .map_err(|e| ApiError::BadResponse(e.to_string()))?;
        let mut request = self.http.request(method, url);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        Ok(request)
    }

    /// `GET /api/v1/storage`: used, reserved, quota and free bytes.
    pub async fn storage_usage(&self) -> Result<StorageUsage, ApiError> {
        self.call::<(), _>(Method::GET, "/storage", None).await
    }

    /// `POST /api/v1/uploads`: reserves space (`QuotaExceeded` with the free space when the
    /// file does not fit). No upload id means the account holds these bytes already.
    pub async fn reserve_upload(&self, req: &UploadRequest) -> Result<UploadStarted, ApiError> {
        self.call(Method::POST, "/uploads", Some(req)).await
    }

    /// `PUT /api/v1/uploads/{id}`: streams `path` to a reserved upload.
    pub async fn send_upload(
        &self,
        upload_id: &str,
        path: &Path,
        progress: Progress,
    ) -> Result<BlobStored, ApiError> {
        let file = tokio::fs::File::open(path).await.map_err(local)?;
        let total = file.metadata().await.map_err(local)?.len();
        let mut done = 0u64;
        progress(0, total);
        let stream = tokio_util::io::ReaderStream::new(file).map(move |chunk| {
            if let Ok(bytes) = &chunk {
                done += bytes.len() as u64;
                progress(done, total);
            }
            chunk
        });
        let response = self
            .authed(Method::PUT, &format!("/uploads/{upload_id}"))?
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .header(reqwest::header::CONTENT_LENGTH, total)
            .body(reqwest::Body::wrap_stream(stream))
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        error_for_status(response)
            .await?
            .json()
            .await
            .map_err(|e| ApiError::BadResponse(e.to_string()))
    }

    /// `DELETE /api/v1/uploads/{id}`: gives an upload up and frees its space.
    pub async fn abort_upload(&self, upload_id: &str) -> Result<(), ApiError> {
        self.call_empty::<()>(Method::DELETE, &format!("/uploads/{upload_id}"), None)
            .await
    }

    /// `DELETE /api/v1/files/{id}`: the file no longer needs its bytes.
    pub async fn drop_file_bytes(&self, file: &str) -> Result<(), ApiError> {
        self.call_empty::<()>(Method::DELETE, &format!("/files/{file}"), None)
            .await
    }

    /// `GET /api/v1/blobs/{hash}` streamed to `dest`: written beside it as `.part`, its
    /// SHA-256 checked, then renamed, so `dest` never holds a partial or wrong file.
    pub async fn download_blob(
        &self,
        hash: &str,
        dest: &Path,
        progress: Progress,
    ) -> Result<u64, ApiError> {
        let response = self
            .authed(Method::GET, &format!("/blobs/{hash}"))?
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let mut response = error_for_status(response).await?;
        let total = response.content_length().unwrap_or(0);
        let part = dest.with_extension(match dest.extension() {
            Some(ext) => format!("{}.part", ext.to_string_lossy()),
            None => "part".to_owned(),
        });
        if let Some(dir) = dest.parent() {
            tokio::fs::create_dir_all(dir).await.map_err(local)?;
        }
        let mut file = tokio::fs::File::create(&part).await.map_err(local)?;
        let mut hasher = Sha256::new();
        let mut done = 0u64;
        progress(0, total);
        let received = async {
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| ApiError::Network(e.to_string()))?
            {
                hasher.update(&chunk);
                file.write_all(&chunk).await.map_err(local)?;
                done += chunk.len() as u64;
                progress(done, total);
            }
            file.sync_all().await.map_err(local)?;
            Ok::<_, ApiError>(())
        }
        .await;
        drop(file);
        let checked = received.and_then(|()| {
            if hex(&hasher.finalize()) == hash {
                Ok(())
            } else {
                Err(ApiError::BadResponse(
                    "the downloaded bytes do not match the file's hash".into(),
                ))
            }
        });
        if let Err(e) = checked {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(e);
        }
        tokio::fs::rename(&part, dest).await.map_err(local)?;
        Ok(done)
    }
}
