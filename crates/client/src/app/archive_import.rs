//! Settings → Data → "Import a Localspace archive" (admins): an advanced-export tar.gz is
//! read and its records created again in this account under new ids; the files' bytes go
//! through the same upload path as an attached file, so the storage quota applies (a file
//! over it stops the import with what went in listed, and that part can be undone). The
//! whole import is in the import history and undone like a CSV import. `import` events
//! report records and files done out of the total.

use std::path::{Path, PathBuf};

use localspace_core::api::Role;

use super::App;
use super::contract::{AppError, AppEvent, ImportArchiveRequest, Progress};
use super::error::AppResult;
use super::files::Sent;
use crate::import::ImportProgress;
use crate::import::archive::{AccountUsers, ArchiveError, ArchiveReport, ArchiveRun, Limits};

impl From<ArchiveError> for AppError {
    fn from(e: ArchiveError) -> AppError {
        let message = match &e {
            ArchiveError::QuotaExceeded { imported, .. } => {
                let created: Vec<String> = imported
                    .created
                    .iter()
                    .map(|c| format!("{} {}", c.count, c.kind))
                    .collect();
                format!(
                    "{e}: {} (import {}, which can be undone)",
                    created.join(", "),
                    imported.import
                )
            }
            _ => e.to_string(),
        };
        AppError::new(e.code(), message)
    }
}

/// Removes the scratch folder however the import ends.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl App {
    /// Imports an advanced-export archive into this account (admins only).
    pub async fn import_archive(&self, req: ImportArchiveRequest) -> AppResult<ArchiveReport> {
        let signed = self.current().ok_or_else(AppError::signed_out)?;
        if signed.info.user.role != Role::Admin {
            return Err(AppError::new(
                "forbidden",
                "only an administrator can import an archive",
            ));
        }
        let replica = self.editable()?;
        let me = signed.info.user.id.0;
        let users = AccountUsers::new(
            me,
            self.coworkers()
                .await?
                .users
                .into_iter()
                .map(|u| (u.id.0, u.email)),
        );
        let scratch = Scratch(
            self.data_dir()
                .join("import-scratch")
                .join(uuid::Uuid::new_v4().to_string()),
        );
        std::fs::create_dir_all(&scratch.0)?;
        let mut progress = |p: ImportProgress| {
            self.emit(AppEvent::Import {
                progress: Progress {
                    done: u32::try_from(p.done).unwrap_or(u32::MAX),
                    total: u32::try_from(p.total).unwrap_or(u32::MAX),
                },
            });
        };
        let mut run = ArchiveRun::start(
            &replica,
            Path::new(&req.path),
            &scratch.0,
            &users,
            Limits::default(),
            &mut progress,
        )?;
        self.wake_sync();
        let local = self.local_files()?;
        let api = signed.api.clone();
        for file in run.pending_files() {
            let stashed = local.stash(&file.path, file.id)?;
            let sent = match &api {
                Some(api) => {
                    self.send(api, &local, file.id, &stashed.hash, stashed.size)
                        .await
                }
                None => Sent::Later("signed_out".into()),
            };
            if let Sent::Quota(free) = sent {
                local.drop_pending(file.id)?;
                return Err(run.quota_exceeded(&replica, &file.name, free).into());
            }
            // Bytes not sent now wait on this device and upload after a sync pass, like an
            // attachment made offline.
            run.attach(
                &replica,
                file.id,
                &stashed.hash,
                stashed.size,
                &mut progress,
            )?;
        }
        let report = run.finish(&replica, &mut progress)?;
        self.wake_sync();
        self.emit(AppEvent::RecordsChanged {
            kinds: localspace_core::archive::RECORD_FILES
                .iter()
                .map(|(k, _)| *k)
                .collect(),
        });
        self.remember_import(&report.import, &req.path)?;
        Ok(report)
    }
}
