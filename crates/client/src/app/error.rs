//! Every error that reaches the UI becomes an [`AppError`]: the layer's stable code plus a
//! message fit to show.

use super::contract::AppError;
use crate::api::ApiError;
use crate::sync::SyncError;

impl AppError {
    /// An error with a code and a message.
    pub fn new(code: &str, message: impl Into<String>) -> AppError {
        AppError {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// Nobody is signed in on this device.
    pub fn signed_out() -> AppError {
        AppError::new("signed_out", "Sign in first.")
    }
}

impl From<crate::Error> for AppError {
    fn from(e: crate::Error) -> AppError {
        AppError::new(e.code(), e.to_string())
    }
}

impl From<ApiError> for AppError {
    fn from(e: ApiError) -> AppError {
        AppError::new(e.code(), e.to_string())
    }
}

impl From<SyncError> for AppError {
    fn from(e: SyncError) -> AppError {
        AppError::new(e.code(), e.to_string())
    }
}

impl From<crate::export::ExportError> for AppError {
    fn from(e: crate::export::ExportError) -> AppError {
        AppError::new(e.code(), e.to_string())
    }
}

impl From<crate::import::ImportError> for AppError {
    fn from(e: crate::import::ImportError) -> AppError {
        AppError::new(e.code(), e.to_string())
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> AppError {
        AppError::new("local_storage", format!("local files: {e}"))
    }
}

/// Results of the app's service calls.
pub type AppResult<T> = Result<T, AppError>;
