//! What an import can fail with. Every failure before the first write changes nothing.

use thiserror::Error;

/// Everything reading, planning, running or undoing an import can fail with.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{0}")]
    Replica(#[from] crate::Error),
    #[error("could not read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file is {bytes} bytes; imports take files up to {limit} bytes")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("the file is empty")]
    Empty,
    #[error(
        "the file is not text in UTF-8 or Windows-1250 (binary data at byte {offset}); save it as CSV (UTF-8) or XLSX"
    )]
    NotText { offset: usize },
    #[error("the file is an old Excel .xls workbook; save it as .xlsx or CSV")]
    LegacyXls,
    #[error("the XLSX file is damaged or not a workbook: {0}")]
    BadXlsx(String),
    #[error("the CSV file cannot be read at line {line}: {reason}")]
    BadCsv { line: u64, reason: String },
    #[error("the file does not look like a table: {0}")]
    NotATable(String),
    #[error("the file has a header but no rows")]
    NoRows,
    #[error("{0} cannot be imported (people and companies can)")]
    UnsupportedKind(localspace_core::Kind),
    #[error("the mapping has {mapped} columns but the file has {columns}")]
    MappingMismatch { mapped: usize, columns: usize },
    #[error("column {column} is mapped to `{target}`, which a {kind} does not have")]
    UnknownTarget {
        column: usize,
        target: String,
        kind: localspace_core::Kind,
    },
    #[error("no import {0} on this device")]
    UnknownImport(String),
    #[error("import {0} was already undone")]
    AlreadyUndone(String),
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Replica(crate::Error::Sqlite(e))
    }
}

impl ImportError {
    /// A stable machine code for the UI and logs.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Replica(e) => e.code(),
            ImportError::Io(_) => "import_io",
            ImportError::TooLarge { .. } => "import_too_large",
            ImportError::Empty => "import_empty",
            ImportError::NotText { .. } => "import_not_text",
            ImportError::LegacyXls => "import_legacy_xls",
            ImportError::BadXlsx(_) => "import_bad_xlsx",
            ImportError::BadCsv { .. } => "import_bad_csv",
            ImportError::NotATable(_) => "import_not_a_table",
            ImportError::NoRows => "import_no_rows",
            ImportError::UnsupportedKind(_) => "import_unsupported_kind",
            ImportError::MappingMismatch { .. } => "import_mapping_mismatch",
            ImportError::UnknownTarget { .. } => "import_unknown_target",
            ImportError::UnknownImport(_) => "import_unknown",
            ImportError::AlreadyUndone(_) => "import_already_undone",
        }
    }
}

/// Result of import calls.
pub type ImportResult<T> = std::result::Result<T, ImportError>;
