//! The Files section of record pages: attach a file (its bytes are first copied to the
//! device's pending folder, so going offline never loses them), add a link (no storage),
//! list, download to a path the user picks (fetched on demand, progress as events), delete,
//! and the account's storage usage. Waiting files upload after each sync pass.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use localspace_core::api::{StorageUsage, UploadRequest};
use localspace_core::{Kind, Patch, RecordId, Value};

use super::App;
use super::contract::{
    AddLinkRequest, AppError, AttachFileRequest, AttachOutcome, DownloadFileRequest, FileList,
    FileState, FileView, IdRequest, SavedFile, TransferDirection,
};
use super::error::AppResult;
use super::links;
use crate::api::{ApiClient, ApiError, Progress};
use crate::files::{LocalFiles, mime_for};
use crate::query::FileRow;

/// Record kinds with a Files section.
const WITH_FILES: [Kind; 4] = [Kind::Person, Kind::Company, Kind::Deal, Kind::Space];

/// What one upload attempt came to.
pub(super) enum Sent {
    Done,
    /// Not now (offline, server trouble): the bytes stay waiting.
    Later(String),
    Quota(u64),
}

impl App {
    /// The signed-in user's file folders.
    pub(super) fn local_files(&self) -> AppResult<LocalFiles> {
        let user = self
            .current()
            .map(|s| s.info.user.id.0)
            .ok_or_else(AppError::signed_out)?;
        Ok(LocalFiles::new(
            self.data_dir().join("files").join(user.to_string()),
        ))
    }

    /// Attaches a file from disk to a record. Online, space is reserved before the record
    /// exists, so a file over the quota attaches nothing; offline, the file is attached and
    /// its bytes wait on this device.
    pub async fn attach_file(&self, req: AttachFileRequest) -> AppResult<AttachOutcome> {
        let replica = self.editable()?;
        let parent = replica.get(req.record)?;
        if !WITH_FILES.contains(&parent.kind) {
            return Err(AppError::new(
                "invalid",
                "files attach to people, companies, deals and spaces",
            ));
        }
        let source = PathBuf::from(&req.path);
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| AppError::new("invalid", "choose a file"))?;
        let local = self.local_files()?;
        let id = crate::replica::new_id(self.config.clock.now_ms());
        let stashed = {
            let (local, source) = (local.clone(), source.clone());
            tokio::task::spawn_blocking(move || local.stash(&source, id))
                .await
                .map_err(|e| AppError::new("local_storage", e.to_string()))??
        };
        let api = self.current().and_then(|s| s.api.clone());
        let outcome = match &api {
            Some(api) => {
                self.send(api, &local, id, &stashed.hash, stashed.size)
                    .await
            }
            None => Sent::Later("signed_out".into()),
        };
        if let Sent::Quota(free) = outcome {
            local.drop_pending(id)?;
            return Ok(AttachOutcome::QuotaExceeded {
                free,
                size: stashed.size,
            });
        }
        let mut patch = Patch::new()
            .text("name", &name)
            .set(
                "size",
                Value::Int(i64::try_from(stashed.size).unwrap_or(i64::MAX)),
            )
            .text("mime", mime_for(&name))
            .text("content_hash", &stashed.hash)
            .set("links", Value::RefSet([req.record.0].into()));
        if let Some(me) = self.current().map(|s| s.info.user.id.0) {
            patch = patch.set("owner", Value::Ref(me));
        }
        if let Err(e) = replica.write(|b| b.create_with_id(id, Kind::File, &patch)) {
            // The record could not be made: the reserved or sent bytes are left to expire
            // or to the last-reference cleanup; the pending copy goes.
            local.drop_pending(id)?;
            return Err(e.into());
        }
        self.wake_sync();
        Ok(match outcome {
            Sent::Done => AttachOutcome::Uploaded { file: id },
            Sent::Later(code) => AttachOutcome::Waiting { file: id, code },
            Sent::Quota(free) => AttachOutcome::QuotaExceeded {
                free,
                size: stashed.size,
            },
        })
    }

    /// Reserves space and streams a waiting file's bytes; on success they move to the cache.
    pub(super) async fn send(
        &self,
        api: &ApiClient,
        local: &LocalFiles,
        file: RecordId,
        hash: &str,
        size: u64,
    ) -> Sent {
        let req = UploadRequest {
            file: file.0.to_string(),
            hash: hash.to_owned(),
            size,
        };
        let started = match api.reserve_upload(&req).await {
            Ok(started) => started,
            Err(ApiError::QuotaExceeded { free, .. }) => return Sent::Quota(free),
            Err(e) => return Sent::Later(e.code().to_owned()),
        };
        if let Some(upload) = &started.upload_id {
            let path = local.pending(file);
            let sent = self
                .with_progress(file, TransferDirection::Upload, |progress| {
                    api.send_upload(upload, &path, progress)
                })
                .await;
            if let Err(e) = sent {
                let _ = api.abort_upload(upload).await;
                return Sent::Later(e.code().to_owned());
            }
        }
        match local.uploaded(file, hash) {
            Ok(()) => Sent::Done,
            Err(e) => Sent::Later(format!("local_storage: {e}")),
        }
    }

    /// Uploads the files waiting on this device (after a sync pass). Files whose records
    /// went to the trash keep waiting, so a restore still has its bytes.
    pub async fn upload_waiting(&self) {
        let _one = self.uploads.lock().await;
        let (Ok(replica), Ok(local)) = (self.replica(), self.local_files()) else {
            return;
        };
        let Some(api) = self.current().and_then(|s| s.api.clone()) else {
            return;
        };
        for id in local.pending_ids() {
            let Ok(row) = replica.file(id) else { continue };
            let Some(hash) = row.content_hash.clone() else {
                continue;
            };
            if replica.get(id).is_ok_and(|r| r.is_deleted()) {
                continue;
            }
            if let Sent::Later(code) = self.send(&api, &local, id, &hash, row.size).await
                && code == "offline"
            {
                return;
            }
        }
    }

    /// A link to a file kept elsewhere, or to an e-mail (`links`); it uses no storage.
    pub fn add_link(&self, req: AddLinkRequest) -> AppResult<IdRequest> {
        let url = req.url.trim();
        if !links::allowed(url) {
            return Err(AppError::new(
                "invalid",
                "a link starts with https://, http://, mailto: or message:",
            ));
        }
        let name = match req.name.trim() {
            "" => links::default_name(url),
            name => name.to_owned(),
        };
        let mut patch = Patch::new()
            .text("name", &name)
            .text("url", url)
            .set("links", Value::RefSet([req.record.0].into()));
        if let Some(me) = self.current().map(|s| s.info.user.id.0) {
            patch = patch.set("owner", Value::Ref(me));
        }
        let id = self.editable()?.create(Kind::File, &patch)?;
        self.wake_sync();
        Ok(IdRequest { id })
    }

    /// The files and links of a record, newest first, with where their bytes are.
    pub fn record_files(&self, req: IdRequest) -> AppResult<FileList> {
        let local = self.local_files()?;
        let files = self
            .replica()?
            .files_of(req.id)?
            .into_iter()
            .map(|row| view(&local, row))
            .collect();
        Ok(FileList { files })
    }

    /// Saves a file's bytes to `path`: from this device when it has them, else downloaded
    /// (and kept, so the next time needs no network).
    pub async fn download_file(&self, req: DownloadFileRequest) -> AppResult<SavedFile> {
        let row = self.replica()?.file(req.id)?;
        let Some(hash) = row.content_hash.clone() else {
            return Err(AppError::new("invalid", "a link has no bytes to download"));
        };
        let local = self.local_files()?;
        let copy = match local.local_copy(req.id, &hash) {
            Some(path) => path,
            None => {
                let api = self.online_api()?;
                let cached = local.cached(&hash);
                let target = cached.clone();
                self.with_progress(req.id, TransferDirection::Download, |progress| async move {
                    api.download_blob(&hash, &target, progress).await
                })
                .await?;
                cached
            }
        };
        let dest = PathBuf::from(&req.path);
        copy_to(&copy, &dest).await?;
        Ok(SavedFile {
            path: dest.display().to_string(),
        })
    }

    /// Deletes a file: its bytes on the server are released (the last reference frees the
    /// space) and the record goes to the trash. A link or a file never uploaded needs no
    /// network.
    pub async fn delete_file(&self, req: IdRequest) -> AppResult<()> {
        let replica = self.editable()?;
        let row = replica.file(req.id)?;
        let local = self.local_files()?;
        if row.content_hash.is_some() {
            if local.pending(req.id).is_file() {
                local.drop_pending(req.id)?;
            } else {
                match self
                    .online_api()?
                    .drop_file_bytes(&req.id.0.to_string())
                    .await
                {
                    // Another device's upload that never finished: nothing to free.
                    Ok(()) | Err(ApiError::Server { status: 404, .. }) => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        replica.soft_delete(req.id)?;
        self.wake_sync();
        Ok(())
    }

    /// The account's pooled storage: used, reserved, quota, free.
    pub async fn storage_usage(&self) -> AppResult<StorageUsage> {
        Ok(self.online_api()?.storage_usage().await?)
    }

    /// Runs a transfer, turning its progress into `file_progress` events (at most one per
    /// percent).
    async fn with_progress<T, F, Fut>(
        &self,
        file: RecordId,
        direction: TransferDirection,
        work: F,
    ) -> T
    where
        F: FnOnce(Progress) -> Fut,
        Fut: Future<Output = T>,
    {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(u64, u64)>();
        let progress: Progress = Arc::new(move |done, total| {
            let _ = tx.send((done, total));
        });
        let transfer = work(progress);
        tokio::pin!(transfer);
        let mut last = None;
        loop {
            tokio::select! {
                out = &mut transfer => {
                    while let Ok((done, total)) = rx.try_recv() {
                        self.report(file, direction, done, total, &mut last);
                    }
                    return out;
                }
                Some((done, total)) = rx.recv() => {
                    self.report(file, direction, done, total, &mut last);
                }
            }
        }
    }

    fn report(
        &self,
        file: RecordId,
        direction: TransferDirection,
        done: u64,
        total: u64,
        last: &mut Option<u64>,
    ) {
        let percent = done.saturating_mul(100).checked_div(total).unwrap_or(100);
        if *last == Some(percent) {
            return;
        }
        *last = Some(percent);
        self.emit(super::AppEvent::FileProgress {
            file,
            direction,
            done,
            total,
        });
    }
}

fn view(local: &LocalFiles, row: FileRow) -> FileView {
    let state = match &row.content_hash {
        None => FileState::Link,
        Some(_) if local.pending(row.id).is_file() => FileState::Waiting,
        Some(hash) if local.cached(hash).is_file() => FileState::Here,
        Some(_) => FileState::Server,
    };
    FileView {
        id: row.id,
        name: row.name,
        size: row.size,
        mime: row.mime,
        url: row.url,
        added_at: row.added_at,
        state,
    }
}

/// Copies `from` to `to` through a `.part` file, so `to` is never half written.
async fn copy_to(from: &Path, to: &Path) -> AppResult<()> {
    let part = to.with_extension("part");
    if let Some(dir) = to.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    tokio::fs::copy(from, &part).await?;
    tokio::fs::rename(&part, to).await?;
    Ok(())
}
