//! The `[backup]` section of the configuration: where snapshots go, how often, how long
//! they are kept.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// `[backup]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupConfig {
    /// Whether the server takes backups on its own.
    pub enabled: bool,
    /// The local folder; `<data_dir>/backups` when unset.
    pub dir: Option<PathBuf>,
    /// The off-site folder (a mounted disk or share of another machine);
    /// `<data_dir>/backups-offsite` when unset.
    pub offsite_dir: Option<PathBuf>,
    /// Hours between local snapshots.
    pub every_hours: u32,
    /// Hours between off-site copies.
    pub offsite_every_hours: u32,
    /// Snapshots older than this many days are deleted (the newest one always stays).
    pub keep_days: u32,
}

impl Default for BackupConfig {
    fn default() -> Self {
        BackupConfig {
            enabled: true,
            dir: None,
            offsite_dir: None,
            every_hours: 12,
            offsite_every_hours: 24,
            keep_days: 30,
        }
    }
}

impl BackupConfig {
    /// The local folder, under `data_dir` unless configured.
    pub fn local_dir(&self, data_dir: &Path) -> PathBuf {
        self.dir.clone().unwrap_or_else(|| data_dir.join("backups"))
    }

    /// The off-site folder, under `data_dir` unless configured (configure it: a folder on
    /// the same disk protects against mistakes, not against losing the disk).
    pub fn offsite_dir(&self, data_dir: &Path) -> PathBuf {
        self.offsite_dir
            .clone()
            .unwrap_or_else(|| data_dir.join("backups-offsite"))
    }
}
