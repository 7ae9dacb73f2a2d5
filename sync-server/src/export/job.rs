//! Runs one advanced export: a row is stored (one running job per account), then a task
//! builds the archive off the async threads — CSVs into a scratch folder, then the tar.gz —
//! recording the phase and the records done as it goes, and ends the job ready (with the
//! archive's size and expiry) or failed. Watchers of progress are woken on every step.

use std::io::Read;
use std::path::PathBuf;
use std::pin::Pin;

use localspace_core::UserId;
use tokio::io::AsyncReadExt;
use uuid::Uuid;

use super::archive;
use super::readme::readme;
use super::store::{ExportJob, JobState};
use super::tables::{BuildError, Source, exported_kinds, write_tables};
use crate::config::Config;
use crate::error::{ApiError, ApiResult};
use crate::files::BlobReader;
use crate::routes::views;
use crate::state::AppState;
use crate::store::StoreError;

const HOUR_MS: i64 = 60 * 60 * 1000;

/// The folder of an account's archives.
pub fn account_dir(config: &Config, account: Uuid) -> PathBuf {
    config.data_dir.join("exports").join(account.to_string())
}

/// Where a job's archive lives once ready.
pub fn archive_path(config: &Config, account: Uuid, id: Uuid) -> PathBuf {
    account_dir(config, account).join(format!("{id}.tar.gz"))
}

/// Stores a new job and starts building it; `409 export_running` when one runs.
pub async fn start(state: &AppState, account: Uuid, user: UserId) -> ApiResult<ExportJob> {
    let job = ExportJob {
        id: Uuid::now_v7(),
        account,
        user,
        state: JobState::Running,
        phase: "starting".into(),
        done: 0,
        total: 0,
        size: None,
        started_at: state.now(),
        finished_at: None,
        expires_at: None,
        error: None,
    };
    let stored = job.clone();
    let exports = state.exports.clone();
    let begun = tokio::task::spawn_blocking(move || exports.begin_export(&stored))
        .await
        .map_err(|e| ApiError::internal("export storage task", e))??;
    if let Err(running) = begun {
        let mut e = ApiError::conflict(
            "export_running",
            "An export of this account is being built; wait for it to finish.",
        );
        e.field = Some(running.to_string());
        return Err(e);
    }
    tokio::spawn(run(state.clone(), job.clone()));
    Ok(job)
}

async fn run(state: AppState, job: ExportJob) {
    let handle = tokio::runtime::Handle::current();
    let worker = state.clone();
    // `build` records the outcome itself; a task that panicked is only logged here (its row
    // is failed at the next start).
    if let Err(e) = crate::job::on_own_thread("export", move || build(&worker, &job, handle)).await
    {
        tracing::error!(%e, "an export task failed");
    }
    state.export_changes.send_modify(|n| *n = n.wrapping_add(1));
}

/// Builds the archive and ends the job; returns the archive's size.
fn build(
    state: &AppState,
    job: &ExportJob,
    handle: tokio::runtime::Handle,
) -> Result<u64, BuildError> {
    let result = build_archive(state, job, &handle);
    let now = state.now();
    let outcome = match &result {
        Ok(size) => Ok((*size, now + state.config.export_keep_hours * HOUR_MS)),
        Err(e) => {
            tracing::error!(%e, account = %job.account, "an export failed");
            Err("The archive could not be built; try again.".to_owned())
        }
    };
    match state.exports.end_export(job.account, job.id, outcome, now) {
        Ok(()) => {}
        // The job's row is gone: the account was deleted while the archive was built. Its
        // bytes must not outlive it.
        Err(StoreError::NotFound) => {
            let dir = account_dir(&state.config, job.account);
            let _ = std::fs::remove_file(dir.join(format!("{}.tar.gz", job.id)));
            let _ = std::fs::remove_file(dir.join(format!("{}.tar.gz.part", job.id)));
            let _ = std::fs::remove_dir(&dir);
        }
        Err(e) => tracing::error!(%e, "recording the end of an export"),
    }
    result
}

fn build_archive(
    state: &AppState,
    job: &ExportJob,
    handle: &tokio::runtime::Handle,
) -> Result<u64, BuildError> {
    let (account, id) = (job.account, job.id);
    let exports = state.exports.as_ref();
    let name = state.store.account(account)?.name;
    let dir = account_dir(&state.config, account);
    let build = Build {
        src: Source {
            account,
            store: state.store.as_ref(),
            exports,
            files: state.files.as_ref(),
        },
        dir: &dir,
        id,
        account_name: &name,
        started_at: job.started_at,
        keep_hours: state.config.export_keep_hours,
    };
    let mut open_blob = |hash: &str| -> std::io::Result<(Box<dyn Read>, u64)> {
        let (reader, len) = handle.block_on(state.blobs.open(account, hash))?;
        Ok((
            Box::new(BlockingReader {
                reader,
                handle: handle.clone(),
            }) as Box<dyn Read>,
            len,
        ))
    };
    write_archive(&build, &mut open_blob, &mut |phase, done, total| {
        if let Err(e) = exports.export_progress(account, id, phase, done, total) {
            tracing::warn!(%e, "recording export progress");
        }
        state.export_changes.send_modify(|n| *n = n.wrapping_add(1));
    })
}

/// What one archive is built from and where it goes; usable without a running server (the
/// bench builds one straight from a store).
#[derive(Debug)]
pub struct Build<'a> {
    pub src: Source<'a>,
    /// The account's archive folder: `<id>.tar.gz` is written there.
    pub dir: &'a std::path::Path,
    pub id: Uuid,
    pub account_name: &'a str,
    pub started_at: i64,
    pub keep_hours: i64,
}

/// Writes `<dir>/<id>.tar.gz` (CSVs through a scratch folder that is removed afterwards);
/// returns its size. `report(phase, done, total)` follows the records and files written.
pub fn write_archive(
    build: &Build<'_>,
    open_blob: &mut archive::OpenBlob<'_>,
    report: &mut dyn FnMut(&str, u64, u64),
) -> Result<u64, BuildError> {
    let (dir, id) = (build.dir, build.id);
    let scratch = dir.join(format!("{id}.tmp"));
    let part = dir.join(format!("{id}.tar.gz.part"));
    std::fs::create_dir_all(&scratch)?;
    let result = (|| {
        let records = build
            .src
            .exports
            .count_docs(build.src.account, &exported_kinds())?;
        report("coworkers", 0, records);
        let written = write_tables(&build.src, &scratch, &mut |phase, done| {
            report(phase, done, records)
        })?;
        let total = records + written.blobs.len() as u64;
        report("files", records, total);
        let text = readme(
            build.account_name,
            &views::time(build.started_at),
            &written.custom,
            build.keep_hours,
        );
        let mtime = u64::try_from(build.started_at / 1000).unwrap_or(0);
        let size = archive::pack(
            &scratch,
            &written,
            &text,
            mtime,
            &part,
            open_blob,
            &mut |n| report("files", records + n, total),
        )?;
        std::fs::rename(&part, dir.join(format!("{id}.tar.gz")))?;
        Ok(size)
    })();
    if let Err(e) = std::fs::remove_dir_all(&scratch) {
        tracing::warn!(%e, "removing an export's scratch folder");
    }
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

/// A blob reader used from the export's blocking thread.
struct BlockingReader {
    reader: BlobReader,
    handle: tokio::runtime::Handle,
}

impl Read for BlockingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let reader: &mut Pin<Box<_>> = &mut self.reader;
        self.handle.block_on(reader.read(buf))
    }
}
