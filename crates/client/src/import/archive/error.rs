//! What reading or importing an archive can fail with. Every failure while reading or
//! planning changes nothing; a failure while writing leaves the batches already written in
//! the import log, so the part that went in can be undone.

use thiserror::Error;

use super::ArchiveReport;

/// Everything an archive import can fail with.
#[derive(Debug, Error)]
pub enum ArchiveError {
    #[error("{0}")]
    Replica(#[from] crate::Error),
    #[error("could not read the archive: {0}")]
    Io(std::io::Error),
    #[error("the file is not a Localspace archive (not a tar.gz): {0}")]
    NotAnArchive(String),
    #[error("the archive is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the archive has no {0}")]
    Missing(&'static str),
    #[error("the archive's README is not a Localspace export's")]
    BadReadme,
    #[error("the archive is in format {0}; this version reads format {1}")]
    UnknownVersion(String, u32),
    #[error("{file}, line {line}: {reason}")]
    BadCsv {
        file: String,
        line: u64,
        reason: String,
    },
    #[error("{file}: the header does not fit: {reason}")]
    BadHeader { file: String, reason: String },
    #[error(
        "custom field `{key}` of {target} exists in this account as a `{have}` field; the archive's is `{want}`"
    )]
    CustomFieldClash {
        target: String,
        key: String,
        have: String,
        want: String,
    },
    #[error("{kind} {id} in the archive cannot be imported: {reason}")]
    Invalid {
        kind: localspace_core::Kind,
        id: uuid::Uuid,
        reason: String,
    },
    #[error("the archive names file bytes it does not hold: {0}")]
    MissingBytes(String),
    #[error(
        "the storage quota is used up at file `{file}` ({free} bytes free); the records and the files before it were imported"
    )]
    QuotaExceeded {
        file: String,
        free: u64,
        imported: Box<ArchiveReport>,
    },
}

impl From<std::io::Error> for ArchiveError {
    fn from(e: std::io::Error) -> Self {
        ArchiveError::Io(e)
    }
}

impl From<rusqlite::Error> for ArchiveError {
    fn from(e: rusqlite::Error) -> Self {
        ArchiveError::Replica(crate::Error::Sqlite(e))
    }
}

impl From<super::super::ImportError> for ArchiveError {
    fn from(e: super::super::ImportError) -> Self {
        match e {
            super::super::ImportError::Replica(e) => ArchiveError::Replica(e),
            super::super::ImportError::Io(e) => ArchiveError::Io(e),
            other => ArchiveError::Replica(crate::Error::CorruptReplica(other.to_string())),
        }
    }
}

impl ArchiveError {
    /// A stable machine code for the UI and logs.
    pub fn code(&self) -> &'static str {
        match self {
            ArchiveError::Replica(e) => e.code(),
            ArchiveError::Io(_) => "archive_io",
            ArchiveError::NotAnArchive(_) => "archive_not_an_archive",
            ArchiveError::TooLarge { .. } => "archive_too_large",
            ArchiveError::Missing(_) => "archive_missing_file",
            ArchiveError::BadReadme => "archive_bad_readme",
            ArchiveError::UnknownVersion(..) => "archive_unknown_version",
            ArchiveError::BadCsv { .. } => "archive_bad_csv",
            ArchiveError::BadHeader { .. } => "archive_bad_header",
            ArchiveError::CustomFieldClash { .. } => "archive_custom_field_clash",
            ArchiveError::Invalid { .. } => "archive_invalid_record",
            ArchiveError::MissingBytes(_) => "archive_missing_bytes",
            ArchiveError::QuotaExceeded { .. } => "quota_exceeded",
        }
    }
}

/// Result of archive import calls.
pub type ArchiveResult<T> = std::result::Result<T, ArchiveError>;
