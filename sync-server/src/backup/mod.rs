//! Backups of the server's data (DESIGN.md, "Data safety"): a consistent snapshot of the
//! database every 12 hours to a local folder, every 24 hours a copy to a second, off-site
//! target; each snapshot is verified by restoring it into a scratch file, old ones are pruned
//! after `keep_days`, and one account can be put back to a chosen hour from them.
//!
//! A snapshot is the SQLite file (`VACUUM INTO` from a separate read connection, so the
//! server keeps serving) plus a manifest (`<name>.json`: time, size, sha256, row counts,
//! verified). Blobs, once the server stores files, become more entries of the same
//! manifest: content-addressed files are immutable, so a snapshot can list the blob hashes
//! it refers to and a target copy only those it lacks.

pub mod config;
pub mod job;
pub mod manifest;
pub mod restore;
pub mod schedule;
pub mod snapshot;
pub mod target;
pub mod verify;
pub mod warsaw;

pub use config::BackupConfig;
pub use manifest::Manifest;

/// Why a backup or restore step failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("{context}: {source}")]
    Sqlite {
        context: String,
        source: rusqlite::Error,
    },
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    #[error("manifest {file}: {message}")]
    Manifest { file: String, message: String },
    #[error("{0}")]
    Refused(String),
}

pub type BackupResult<T> = Result<T, BackupError>;

pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> BackupError {
    let context = context.into();
    move |source| BackupError::Io { context, source }
}

pub(crate) fn sql(context: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> BackupError {
    let context = context.into();
    move |source| BackupError::Sqlite { context, source }
}
