//! The advanced export (admins): start the server's job, follow it, download the archive to
//! a path (written as `.part`, then renamed); and the account settings (the basic-export
//! switch).

use std::path::Path;

use localspace_core::api::{AccountSettings, ExportJobView};
use reqwest::Method;
use tokio::io::AsyncWriteExt;

use super::files::Progress;
use super::{ApiClient, ApiError, error_for_status};

fn local(e: std::io::Error) -> ApiError {
    ApiError::BadResponse(format!("local file: {e}"))
}

impl ApiClient {
    /// `POST /api/v1/exports`.
    pub async fn start_export(&self) -> Result<ExportJobView, ApiError> {
        self.call(Method::POST, "/exports", Some(&serde_json::json!({})))
            .await
    }

    /// `GET /api/v1/exports`: the latest jobs, newest first.
    pub async fn exports(&self) -> Result<Vec<ExportJobView>, ApiError> {
        self.call::<(), _>(Method::GET, "/exports", None).await
    }

    /// `GET /api/v1/exports/{id}`; with `wait_s` the server answers when the job moves.
    pub async fn export_job(&self, id: &str, wait_s: u32) -> Result<ExportJobView, ApiError> {
        let path = if wait_s > 0 {
            format!("/exports/{id}?wait={wait_s}")
        } else {
            format!("/exports/{id}")
        };
        self.call::<(), _>(Method::GET, &path, None).await
    }

    /// `GET /api/v1/exports/{id}/archive` streamed to `dest`; returns the bytes written.
    pub async fn download_export(
        &self,
        id: &str,
        dest: &Path,
        progress: Progress,
    ) -> Result<u64, ApiError> {
        let response = self
            .authed(Method::GET, &format!("/exports/{id}/archive"))?
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let mut response = error_for_status(response).await?;
        let total = response.content_length().unwrap_or(0);
        let mut name = dest.as_os_str().to_owned();
        name.push(".part");
        let part = std::path::PathBuf::from(name);
        let mut file = tokio::fs::File::create(&part).await.map_err(local)?;
        let mut done = 0u64;
        progress(0, total);
        let received = async {
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| ApiError::Network(e.to_string()))?
            {
                file.write_all(&chunk).await.map_err(local)?;
                done += chunk.len() as u64;
                progress(done, total);
            }
            file.sync_all().await.map_err(local)?;
            if total > 0 && done != total {
                return Err(ApiError::Network("the download stopped early".into()));
            }
            Ok::<_, ApiError>(())
        }
        .await;
        drop(file);
        if let Err(e) = received {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(e);
        }
        tokio::fs::rename(&part, dest).await.map_err(local)?;
        Ok(done)
    }

    /// `GET /api/v1/account/settings`.
    pub async fn account_settings(&self) -> Result<AccountSettings, ApiError> {
        self.call::<(), _>(Method::GET, "/account/settings", None)
            .await
    }

    /// `PUT /api/v1/account/settings` (admins).
    pub async fn set_account_settings(
        &self,
        settings: &AccountSettings,
    ) -> Result<AccountSettings, ApiError> {
        self.call(Method::PUT, "/account/settings", Some(settings))
            .await
    }
}
