//! What an export can fail with; each error has a stable code for the UI.

use thiserror::Error;

/// Everything an export can fail with. A failed export leaves no partial file behind.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{0}")]
    Replica(#[from] crate::Error),
    #[error("a {0} list cannot be exported (people, companies, deals and coworkers can)")]
    UnsupportedKind(localspace_core::Kind),
    #[error("the list has {rows} rows; a worksheet holds at most 1,048,575")]
    TooManyRows { rows: u64 },
    #[error("could not write the spreadsheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("could not write the file: {0}")]
    Io(#[from] std::io::Error),
}

impl ExportError {
    /// A stable machine code for the UI and logs.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Replica(e) => e.code(),
            ExportError::UnsupportedKind(_) => "export_unsupported_kind",
            ExportError::TooManyRows { .. } => "export_too_many_rows",
            ExportError::Xlsx(_) => "export_xlsx",
            ExportError::Io(_) => "export_io",
        }
    }
}

/// Result of export calls.
pub type ExportResult<T> = std::result::Result<T, ExportError>;
