//! `[files]` in the server configuration: upload limits and how long a reservation holds.

use serde::{Deserialize, Serialize};

/// File storage settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilesConfig {
    /// Largest single upload, in bytes (refused with `too_large` before any byte is sent).
    pub max_upload_bytes: u64,
    /// Bytes in one GB of the quota. 10⁹ in production; tests shrink it so a quota of a few
    /// GB becomes a few kilobytes.
    pub gb_bytes: u64,
    /// A reservation whose bytes never arrived frees its space after this many minutes.
    pub reservation_minutes: i64,
    /// Blob folder; relative to `data_dir`, default `blobs`.
    pub blob_dir: Option<std::path::PathBuf>,
}

impl Default for FilesConfig {
    fn default() -> Self {
        FilesConfig {
            max_upload_bytes: 2 * 1024 * 1024 * 1024,
            gb_bytes: localspace_core::billing::GB_BYTES,
            reservation_minutes: 6 * 60,
            blob_dir: None,
        }
    }
}
