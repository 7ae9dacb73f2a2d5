//! Every failure of the HTTP API maps here to one status, a stable `code` and a human
//! message. Internal details go to the log, never to the client; never 200 with an error.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use localspace_core::api::ApiErrorBody;

use crate::auth::password::Weakness;
use crate::store::StoreError;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub retry_after: Option<u64>,
    pub field: Option<String>,
    /// Bytes still free in the file quota (`quota_exceeded`).
    pub free_bytes: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after: None,
            field: None,
            free_bytes: None,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let mut e = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message);
        e.field = Some(field.to_owned());
        e
    }

    pub fn not_found() -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "There is no such thing here.",
        )
    }

    pub fn unauthorized(code: &'static str, message: &str) -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, code, message)
    }

    pub fn forbidden(code: &'static str, message: &str) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, code, message)
    }

    pub fn conflict(code: &'static str, message: &str) -> Self {
        ApiError::new(StatusCode::CONFLICT, code, message)
    }

    pub fn too_many(retry_after: u64) -> Self {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("Too many attempts. Try again in {retry_after} s."),
        );
        e.retry_after = Some(retry_after);
        e
    }

    /// An upload larger than the account's free file space: refused before any byte is
    /// stored, with the free space in the body.
    pub fn quota_exceeded(free: u64) -> Self {
        let mut e = ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "quota_exceeded",
            format!(
                "This file does not fit in the account's file storage: {free} bytes are free. \
                 Delete files or add storage when renewing."
            ),
        );
        e.free_bytes = Some(free);
        e
    }

    /// A failure that is ours, not the caller's: logged in full, answered in general.
    pub fn internal(context: &str, error: impl std::fmt::Display) -> Self {
        tracing::error!(%error, "{context}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on our side.",
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::EmailTaken => ApiError::conflict(
                "email_taken",
                "This e-mail address already belongs to a Localspace user.",
            ),
            StoreError::LastAdmin => ApiError::conflict(
                "last_admin",
                "The account needs at least one active admin with a seat; make someone else admin first.",
            ),
            StoreError::NoFreeSeat => ApiError::conflict(
                "no_free_seat",
                "Every seat is taken. Free a seat or buy more.",
            ),
            StoreError::TokenUsed => ApiError::new(
                StatusCode::GONE,
                "token_used",
                "This link was already used.",
            ),
            StoreError::TokenExpired => {
                ApiError::new(StatusCode::GONE, "token_expired", "This link has expired.")
            }
            StoreError::QuotaExceeded { free } => ApiError::quota_exceeded(free),
            StoreError::ChangePending => ApiError::conflict(
                "change_pending",
                "Another change of the plan waits for its payment; it has to be paid or expire (14 days) first.",
            ),
            StoreError::ChangeStale => ApiError::conflict(
                "change_stale",
                "The plan changed after this change was priced, so it was not applied. Contact us about the payment.",
            ),
            StoreError::Backend(detail) => ApiError::internal("storage", detail),
        }
    }
}

impl From<Weakness> for ApiError {
    fn from(w: Weakness) -> Self {
        let mut e = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "weak_password",
            w.to_string(),
        );
        e.field = Some("password".into());
        e
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ApiErrorBody {
            code: self.code.to_owned(),
            message: self.message,
            retry_after: self.retry_after,
            field: self.field,
            free_bytes: self.free_bytes,
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
