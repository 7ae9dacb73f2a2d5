//! The body of every error answer: a stable machine code and a human message.

use serde::{Deserialize, Serialize};

/// `{"code": "invalid_credentials", "message": "…", "retry_after": 30}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    /// Stable code the app branches on (never on the message).
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// Seconds to wait, on 429.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// The field a validation error is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Bytes still free in the account's file quota, on `quota_exceeded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_bytes: Option<u64>,
}
