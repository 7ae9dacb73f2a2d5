//! The client of the server's JSON REST API (`docs/api.md`): accounts, sessions, coworkers,
//! passwords, audit log, billing. The desktop app calls these; the token it gets lives in the OS
//! keychain, never here.

mod automation;
mod billing;
mod calls;
mod error;
mod exports;
mod files;
mod live;

pub use error::ApiError;
pub use files::Progress;
pub use live::{LiveSocket, SILENCE};

use localspace_core::api::{API_PREFIX, ApiErrorBody};
use reqwest::{Method, StatusCode, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A connection to one server, optionally signed in.
#[derive(Clone)]
pub struct ApiClient {
    base: Url,
    http: reqwest::Client,
    token: Option<String>,
}

impl std::fmt::Debug for ApiClient {
    /// The session token never reaches logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClient")
            .field("base", &self.base.as_str())
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// Plain HTTP is allowed only to this machine: anything else must be HTTPS.
fn check_transport(url: &Url) -> Result<(), ApiError> {
    let host = url.host_str().unwrap_or("");
    let loopback = host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(ApiError::InsecureUrl(url.to_string())),
    }
}

impl ApiClient {
    /// A client of the server at `base_url` (`https://…`, or `http://` to loopback only).
    pub fn new(base_url: &str) -> Result<ApiClient, ApiError> {
        ApiClient::with_http(base_url, reqwest::Client::new())
    }

    /// A client using a prepared `reqwest::Client` (custom roots, timeouts).
    pub fn with_http(base_url: &str, http: reqwest::Client) -> Result<ApiClient, ApiError> {
        let base =
            Url::parse(base_url).map_err(|e| ApiError::InsecureUrl(format!("{base_url}: {e}")))?;
        check_transport(&base)?;
        Ok(ApiClient {
            base,
            http,
            token: None,
        })
    }

    /// The same client, signed in with `token`.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The session token in use, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, ApiError> {
        let response = self.send(method, path, body).await?;
        response
            .json::<T>()
            .await
            .map_err(|e| ApiError::BadResponse(e.to_string()))
    }

    async fn call_empty<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<(), ApiError> {
        self.send(method, path, body).await.map(drop)
    }

    async fn send<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<reqwest::Response, ApiError> {
        let url = self
            .base
            .join(&format!("{API_PREFIX}{path}"))
            .map_err(|e| ApiError::BadResponse(e.to_string()))?;
        let mut request = self.http.request(method, url);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        error_for_status(response).await
    }

    /// Sends a binary sync message to `path` (under the server root) and decodes the answer.
    pub(crate) async fn sync_call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<T, ApiError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| ApiError::BadResponse(e.to_string()))?;
        let mut request = self
            .http
            .request(method, url)
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream");
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let response = error_for_status(response).await?;
        let bytes = response
            .bytes()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        localspace_core::sync::decode(&bytes).map_err(|e| ApiError::BadResponse(e.to_string()))
    }
}

/// The response when it is a success, else the server's coded error.
async fn error_for_status(response: reqwest::Response) -> Result<reqwest::Response, ApiError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let body: Option<ApiErrorBody> = response.json().await.ok();
    Err(match body {
        Some(b) if b.code == "quota_exceeded" => ApiError::QuotaExceeded {
            free: b.free_bytes.unwrap_or(0),
            message: b.message,
        },
        Some(b) => ApiError::Server {
            status: status.as_u16(),
            code: b.code,
            message: b.message,
            retry_after: b.retry_after.or(retry_after),
        },
        None => ApiError::Server {
            status: status.as_u16(),
            code: default_code(status).to_owned(),
            message: status.canonical_reason().unwrap_or("error").to_owned(),
            retry_after,
        },
    })
}

fn default_code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 => "signed_out",
        404 => "not_found",
        408 => "timeout",
        413 => "too_large",
        429 => "rate_limited",
        500..=599 => "server_error",
        _ => "http_error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let client = ApiClient::new("http://127.0.0.1:1")
            .unwrap()
            .with_token("sekretny-token");
        assert!(!format!("{client:?}").contains("sekretny"));
    }

    #[test]
    fn plain_http_only_to_this_machine() {
        for ok in [
            "https://crm.example.pl",
            "http://127.0.0.1:8787",
            "http://localhost:1",
            "http://[::1]:80",
        ] {
            assert!(ApiClient::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://crm.example.pl",
            "http://10.0.0.1",
            "ftp://127.0.0.1",
            "not a url",
        ] {
            assert_eq!(
                ApiClient::new(bad).unwrap_err().code(),
                "insecure_url",
                "{bad}"
            );
        }
    }
}
