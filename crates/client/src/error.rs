//! The client's one error type. Errors carry a stable `code()` the UI branches on.

use localspace_core::{DocError, Kind, RecordId, ValidationError};
use thiserror::Error;

/// Everything a replica call can fail with.
#[derive(Debug, Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    #[error("record {0} not found")]
    NotFound(RecordId),
    #[error("record {0} was erased")]
    Erased(RecordId),
    #[error("record {id} is a {found}, not a {expected}")]
    WrongKind {
        id: RecordId,
        expected: Kind,
        found: Kind,
    },
    #[error("the stored document of record {id} is damaged and cannot be read: {source}")]
    CorruptDocument {
        id: RecordId,
        #[source]
        source: Box<DocError>,
    },
    #[error("a change received for record {id} is invalid: {reason}")]
    BadChange { id: RecordId, reason: String },
    #[error("the replica file is damaged or not a Localspace replica: {0}")]
    CorruptReplica(String),
    #[error(
        "the replica was written by a newer Localspace (schema {found}; this version knows up to {supported})"
    )]
    ReplicaTooNew { found: i64, supported: i64 },
    #[error("invalid page cursor")]
    BadCursor,
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("document: {0}")]
    Doc(Box<DocError>),
}

impl From<DocError> for Error {
    fn from(e: DocError) -> Self {
        match e {
            DocError::Invalid(v) => Error::Invalid(v),
            other => Error::Doc(Box::new(other)),
        }
    }
}

impl Error {
    /// The error for a record whose stored document cannot be read.
    pub fn corrupt(id: RecordId, source: impl Into<DocError>) -> Self {
        Error::CorruptDocument {
            id,
            source: Box::new(source.into()),
        }
    }

    /// A stable machine code for the UI and logs.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotFound(_) => "not_found",
            Error::Erased(_) => "erased",
            Error::WrongKind { .. } => "wrong_kind",
            Error::CorruptDocument { .. } => "corrupt_document",
            Error::BadChange { .. } => "bad_change",
            Error::CorruptReplica(_) => "corrupt_replica",
            Error::ReplicaTooNew { .. } => "replica_too_new",
            Error::BadCursor => "bad_cursor",
            Error::Sqlite(_) => "storage",
            Error::Doc(_) => "document",
        }
    }
}

/// Result of replica calls.
pub type Result<T> = std::result::Result<T, Error>;
