//! Settings → Data → Advanced export (admins): the server builds the archive as a job; the
//! app starts it, follows it (the status call can wait for the job to move, so the UI needs
//! no tight polling) and saves the archive where the native save dialog pointed, reporting
//! bytes as `export_download` events. And the admin switch for basic export, whose value
//! the app keeps with the session so it holds offline.

use std::path::Path;
use std::sync::Arc;

use localspace_core::api::{AccountSettings, ExportJobView, Role};

use super::contract::{
    AppEvent, ArchiveSaved, BasicExportRequest, ExportJobRequest, ExportJobs, SaveArchiveRequest,
    SessionInfo,
};
use super::error::AppResult;
use super::{App, AppError};

/// How long a status call waits for the job to move.
const WAIT_S: u32 = 10;

impl App {
    /// Starts an advanced export on the server (admins; `export_running` while one runs).
    pub async fn start_advanced_export(&self) -> AppResult<ExportJobView> {
        Ok(self.online_api()?.start_export().await?)
    }

    /// The latest advanced exports, newest first.
    pub async fn advanced_exports(&self) -> AppResult<ExportJobs> {
        Ok(ExportJobs {
            jobs: self.online_api()?.exports().await?,
        })
    }

    /// One job; with `wait` the answer comes when it moves (or after ~10 s).
    pub async fn advanced_export(&self, req: ExportJobRequest) -> AppResult<ExportJobView> {
        let wait = if req.wait { WAIT_S } else { 0 };
        Ok(self.online_api()?.export_job(&req.id, wait).await?)
    }

    /// Downloads a ready archive to `req.path`; a failed download leaves no file there.
    /// Bytes received go out as `export_download` events (at most one per percent).
    pub async fn save_advanced_export(&self, req: SaveArchiveRequest) -> AppResult<ArchiveSaved> {
        let api = self.online_api()?;
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(u64, u64)>();
        let progress: crate::api::Progress = Arc::new(move |done, total| {
            let _ = tx.send((done, total));
        });
        let path = req.path.clone();
        let download = async move {
            api.download_export(&req.id, Path::new(&path), progress)
                .await
        };
        tokio::pin!(download);
        let mut last = None;
        let size = loop {
            tokio::select! {
                out = &mut download => {
                    while let Ok((done, total)) = rx.try_recv() {
                        self.report_download(done, total, &mut last);
                    }
                    break out?;
                }
                Some((done, total)) = rx.recv() => self.report_download(done, total, &mut last),
            }
        };
        Ok(ArchiveSaved {
            path: req.path,
            size,
        })
    }

    fn report_download(&self, done: u64, total: u64, last: &mut Option<u64>) {
        let percent = done.saturating_mul(100).checked_div(total).unwrap_or(100);
        if *last != Some(percent) {
            *last = Some(percent);
            self.emit(AppEvent::ExportDownload { done, total });
        }
    }

    /// Switches basic export for users and managers (admins); returns the refreshed session.
    pub async fn set_basic_export(&self, req: BasicExportRequest) -> AppResult<SessionInfo> {
        self.online_api()?
            .set_account_settings(&AccountSettings {
                basic_export: req.allowed,
            })
            .await?;
        self.refresh_session().await
    }

    /// Reads who the user is and the account (role, plan status, switches) from the server
    /// and keeps it with the session, so rules such as the export switch hold offline.
    pub async fn refresh_session(&self) -> AppResult<SessionInfo> {
        let me = self.online_api()?.me().await?;
        let signed = self.current().ok_or_else(AppError::signed_out)?;
        if signed.info.user == me.user && signed.info.account == me.account {
            return Ok(signed.info.clone());
        }
        self.update_session(|info| {
            info.user = me.user;
            info.account = me.account;
        })
    }

    /// Whether the signed-in user may use basic export: admins always, users and managers
    /// while the account allows it (as last seen from the server).
    pub fn basic_export_allowed(&self) -> AppResult<bool> {
        let signed = self.current().ok_or_else(AppError::signed_out)?;
        Ok(signed.info.user.role == Role::Admin || signed.info.account.basic_export)
    }

    /// Refuses basic export with `export_disabled` when an admin switched it off.
    pub(super) fn check_basic_export(&self) -> AppResult<()> {
        if self.basic_export_allowed()? {
            Ok(())
        } else {
            Err(AppError::new(
                "export_disabled",
                "An admin of the account has switched list export off for users and managers.",
            ))
        }
    }
}
