//! Why an API call failed, with the server's stable code for the UI to branch on.

/// An API call's failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with an error.
    #[error("{message}")]
    Server {
        status: u16,
        code: String,
        message: String,
        retry_after: Option<u64>,
    },
    /// The file does not fit in the account's storage; `free` bytes are left.
    #[error("{message}")]
    QuotaExceeded { free: u64, message: String },
    /// The server could not be reached (offline, DNS, TLS, timeout).
    #[error("cannot reach the server: {0}")]
    Network(String),
    /// The URL is not HTTPS and not this machine.
    #[error("refusing an unencrypted connection to {0}; use https://")]
    InsecureUrl(String),
    /// The server's answer was not what the API promises.
    #[error("unexpected answer from the server: {0}")]
    BadResponse(String),
}

impl ApiError {
    /// The stable code: the server's, or `offline`, `insecure_url`, `bad_response`.
    pub fn code(&self) -> &str {
        match self {
            ApiError::Server { code, .. } => code,
            ApiError::QuotaExceeded { .. } => "quota_exceeded",
            ApiError::Network(_) => "offline",
            ApiError::InsecureUrl(_) => "insecure_url",
            ApiError::BadResponse(_) => "bad_response",
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server { status, .. } => Some(*status),
            ApiError::QuotaExceeded { .. } => Some(413),
            _ => None,
        }
    }
}
