//! Binary sync bodies: raw bytes, decoded by the sync frame, with every failure an API error
//! with a code (`bad_message`, `upgrade_required`, `too_large`).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use localspace_core::sync::{FrameError, decode};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

/// Largest push accepted, in bytes.
pub const MAX_PUSH_BYTES: usize = 32 * 1024 * 1024;

/// A decoded sync message.
#[derive(Debug)]
pub struct Message<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for Message<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    "The push is larger than this server accepts; send fewer documents at once.",
                )
            } else {
                ApiError::new(StatusCode::BAD_REQUEST, "bad_message", e.body_text())
            }
        })?;
        decode(&bytes).map(Message).map_err(frame_error)
    }
}

/// The API error for a frame that cannot be read.
pub fn frame_error(e: FrameError) -> ApiError {
    match e {
        FrameError::TooOld(_) => ApiError::new(
            StatusCode::UPGRADE_REQUIRED,
            "upgrade_required",
            "This version of Localspace is too old for the server. Please update the app.",
        ),
        other => ApiError::new(StatusCode::BAD_REQUEST, "bad_message", other.to_string()),
    }
}
