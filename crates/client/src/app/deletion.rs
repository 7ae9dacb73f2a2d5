//! Deleting the account on request (admins ask, the server deletes after a delay) and
//! removing a user's data from this device: after the account is deleted or the session
//! revoked, once the user has had the chance to export.

use localspace_core::api::{DeletionRequest, DeletionView};

use super::App;
use super::error::AppResult;

impl App {
    /// Whether the account's deletion is scheduled, and when.
    pub async fn account_deletion(&self) -> AppResult<DeletionView> {
        Ok(self.online_api()?.deletion().await?)
    }

    /// Asks the server to delete the account and all its data after the delay (admins).
    pub async fn request_deletion(&self, req: DeletionRequest) -> AppResult<DeletionView> {
        Ok(self.online_api()?.request_deletion(&req).await?)
    }

    /// Cancels a scheduled deletion (admins).
    pub async fn cancel_deletion(&self) -> AppResult<DeletionView> {
        Ok(self.online_api()?.cancel_deletion().await?)
    }

    /// Signs out and deletes the signed-in user's replica file from this device, with its
    /// write-ahead log. Unpushed edits go with it: the UI says how many before asking.
    pub async fn remove_local_data(&self) -> AppResult<()> {
        let Some(path) = self.replica_file() else {
            return Ok(());
        };
        self.sign_out().await?;
        for suffix in ["", "-wal", "-shm"] {
            let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }
}
