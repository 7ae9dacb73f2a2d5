//! The live socket (`GET /sync/v1/live`): the server announces its log cursor when the socket
//! opens and after every push that appended to the log. The WebSocket handshake goes through
//! the same `reqwest` client as every other call, so it uses the same TLS roots, proxy
//! settings, HTTPS-only rule and session token.

use std::time::Duration;

use futures_util::StreamExt;
use localspace_core::sync::{LiveMessage, decode};
use reqwest::Method;
use reqwest::header::{CONNECTION, HeaderValue, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, UPGRADE};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::client::generate_key;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

use super::{ApiClient, ApiError, error_for_status};

/// The server pings every 25 s; silence for this long means the connection is gone.
pub const SILENCE: Duration = Duration::from_secs(60);

/// An open live socket.
pub struct LiveSocket {
    socket: WebSocketStream<reqwest::Upgraded>,
}

impl std::fmt::Debug for LiveSocket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LiveSocket")
    }
}

impl ApiClient {
    /// Opens the live socket of the signed-in user's account.
    pub async fn open_live(&self) -> Result<LiveSocket, ApiError> {
        let url = self
            .base
            .join("/sync/v1/live")
            .map_err(|e| ApiError::BadResponse(e.to_string()))?;
        let key = generate_key();
        let mut request = self
            .http
            .request(Method::GET, url)
            .header(CONNECTION, "Upgrade")
            .header(UPGRADE, "websocket")
            .header("Sec-WebSocket-Version", "13")
            .header(SEC_WEBSOCKET_KEY, &key);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let response = if response.status() == reqwest::StatusCode::SWITCHING_PROTOCOLS {
            response
        } else {
            error_for_status(response).await?
        };
        let expected = derive_accept_key(key.as_bytes());
        if response.status() != reqwest::StatusCode::SWITCHING_PROTOCOLS
            || response.headers().get(SEC_WEBSOCKET_ACCEPT)
                != HeaderValue::from_str(&expected).ok().as_ref()
        {
            return Err(ApiError::BadResponse(format!(
                "the live socket was not opened (HTTP {})",
                response.status()
            )));
        }
        let upgraded = response
            .upgrade()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let socket = WebSocketStream::from_raw_socket(upgraded, Role::Client, None).await;
        Ok(LiveSocket { socket })
    }
}

impl LiveSocket {
    /// The next cursor the server announces. `Network` when the connection closed, broke or
    /// stayed silent past [`SILENCE`]; `BadResponse` for a frame this client cannot read.
    pub async fn next_cursor(&mut self) -> Result<u64, ApiError> {
        loop {
            let frame = tokio::time::timeout(SILENCE, self.socket.next())
                .await
                .map_err(|_| ApiError::Network("the live socket went silent".into()))?;
            match frame {
                None => return Err(ApiError::Network("the live socket closed".into())),
                Some(Err(e)) => return Err(ApiError::Network(e.to_string())),
                Some(Ok(Message::Binary(bytes))) => {
                    return match decode::<LiveMessage>(&bytes) {
                        Ok(LiveMessage::Cursor(cursor)) => Ok(cursor),
                        Err(e) => Err(ApiError::BadResponse(e.to_string())),
                    };
                }
                Some(Ok(Message::Close(_))) => {
                    return Err(ApiError::Network(
                        "the server closed the live socket".into(),
                    ));
                }
                // Pings are answered by the socket itself; other frames carry nothing.
                Some(Ok(_)) => {}
            }
        }
    }
}
