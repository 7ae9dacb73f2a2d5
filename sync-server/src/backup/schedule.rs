//! What is due at a moment, from what the targets hold: a local snapshot when the newest is
//! `every_hours` old (or there is none), an off-site copy of the newest verified snapshot
//! when the newest off-site one is `offsite_every_hours` old, and pruning past `keep_days`.
//! It works only from the stored manifests and the clock, so a job that was down takes one
//! snapshot when it is back, not one per missed slot.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::manifest::Manifest;
use super::target::{Folder, Target};
use super::{BackupConfig, BackupResult, snapshot, verify};
use crate::config::Config;

const HOUR_MS: i64 = 60 * 60 * 1000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// One server's backups: the database, the local folder and the off-site target.
#[derive(Clone, Debug)]
pub struct Backups {
    pub db: PathBuf,
    pub local: Folder,
    pub offsite: Arc<dyn Target>,
    pub config: BackupConfig,
}

/// What one pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    /// The local snapshot taken (and checked) in this pass.
    pub taken: Option<Manifest>,
    /// The snapshot copied off site (and checked there) in this pass.
    pub offsite: Option<Manifest>,
    /// Snapshots deleted by retention, both targets together.
    pub pruned: usize,
}

/// Passes never overlap (the job and an operator's `backup` command in one process).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

impl Backups {
    /// The backups a configuration describes.
    pub fn of(config: &Config) -> Backups {
        Backups {
            db: config.database_path(),
            local: Folder(config.backup.local_dir(&config.data_dir)),
            offsite: Arc::new(Folder(config.backup.offsite_dir(&config.data_dir))),
            config: config.backup.clone(),
        }
    }

    /// Takes, copies and prunes whatever is due at `now_ms`.
    pub fn run_once(&self, now_ms: i64) -> BackupResult<Pass> {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        let mut pass = Pass::default();
        let every = i64::from(self.config.every_hours.max(1)) * HOUR_MS;
        let newest = self.local.manifests()?.last().map(|m| m.taken_at_ms);
        if newest.is_none_or(|at| now_ms - at >= every) {
            pass.taken = Some(self.take_now(now_ms)?);
        }
        pass.offsite = self.copy_off_site(now_ms)?;
        pass.pruned =
            self.prune(&self.local, now_ms)? + self.prune(self.offsite.as_ref(), now_ms)?;
        Ok(pass)
    }

    /// Takes and checks a local snapshot now (the job, or the operator's `backup` command).
    pub fn take_now(&self, now_ms: i64) -> BackupResult<Manifest> {
        let mut manifest = snapshot::take(&self.db, &self.local.0, now_ms)?;
        verify::verify_in(&self.local.0, &mut manifest, now_ms)?;
        tracing::info!(file = %manifest.file, size = manifest.size, verified = manifest.verified, "backup taken");
        Ok(manifest)
    }

    fn copy_off_site(&self, now_ms: i64) -> BackupResult<Option<Manifest>> {
        let every = i64::from(self.config.offsite_every_hours.max(1)) * HOUR_MS;
        let newest_off = self.offsite.manifests()?.last().map(|m| m.taken_at_ms);
        if newest_off.is_some_and(|at| now_ms - at < every) {
            return Ok(None);
        }
        let Some(mut manifest) = self
            .local
            .manifests()?
            .into_iter()
            .rev()
            .find(|m| m.verified)
            .filter(|m| newest_off.is_none_or(|at| m.taken_at_ms > at))
        else {
            tracing::warn!("no verified local snapshot to copy off site");
            return Ok(None);
        };
        self.offsite
            .put(&self.local.0.join(&manifest.file), &manifest)?;
        // Check the copy as it came back from the target, not the local file.
        let scratch = self.local.0.join(".scratch");
        std::fs::create_dir_all(&scratch).map_err(super::io("creating the scratch folder"))?;
        let copy = scratch.join(format!("offsite-{}", manifest.file));
        let problem = match self.offsite.fetch(&manifest, &copy) {
            Ok(()) => verify::check_copy(&copy, &manifest),
            Err(e) => Some(e.to_string()),
        };
        let _ = std::fs::remove_file(&copy);
        manifest.verified = problem.is_none();
        manifest.verified_at_ms = Some(now_ms);
        manifest.problem = problem;
        self.offsite.put_manifest(&manifest)?;
        tracing::info!(file = %manifest.file, target = %self.offsite.describe(), verified = manifest.verified, "backup copied off site");
        Ok(Some(manifest))
    }

    /// Deletes snapshots older than `keep_days`, never the newest one of the target.
    fn prune(&self, target: &dyn Target, now_ms: i64) -> BackupResult<usize> {
        let cutoff = now_ms - i64::from(self.config.keep_days) * DAY_MS;
        let mut all = target.manifests()?;
        all.pop();
        let mut pruned = 0;
        for old in all.iter().filter(|m| m.taken_at_ms < cutoff) {
            target.remove(old)?;
            pruned += 1;
        }
        Ok(pruned)
    }

    /// Every snapshot of both targets with the target holding it, oldest first.
    pub fn all(&self) -> BackupResult<Vec<(Manifest, Arc<dyn Target>)>> {
        let local: Arc<dyn Target> = Arc::new(self.local.clone());
        let mut all: Vec<_> = self
            .local
            .manifests()?
            .into_iter()
            .map(|m| (m, local.clone()))
            .chain(
                self.offsite
                    .manifests()?
                    .into_iter()
                    .map(|m| (m, self.offsite.clone())),
            )
            .collect();
        all.sort_by_key(|(m, _)| m.taken_at_ms);
        Ok(all)
    }
}
