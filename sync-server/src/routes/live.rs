//! `GET /sync/v1/live`: a WebSocket per device. The server sends the account's log cursor when
//! the socket opens and after every push that appended to the log, as binary frames holding
//! a [`LiveMessage`]; the device pulls when the cursor passes its own. Pings keep idle
//! connections (and the proxies between) alive; a device that hears nothing for a while
//! reconnects.

use std::time::Duration;

use axum::extract::State;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::Response;
use localspace_core::sync::{LiveMessage, encode};
use tokio::sync::broadcast;

use crate::auth::extract::Authed;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Between pings on an idle socket.
pub const PING_EVERY: Duration = Duration::from_secs(25);

/// Upgrades a signed-in device's request to the live socket.
pub async fn live(
    State(state): State<AppState>,
    me: Authed,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> ApiResult<Response> {
    let upgrade = upgrade.map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "websocket_required",
            format!("This endpoint speaks WebSocket only: {e}"),
        )
    })?;
    let account = me.account.id;
    // Subscribe before reading the cursor, so no push falls between the two.
    let announcements = state.live.subscribe(account);
    let cursor = state
        .db(move |s| {
            let mut cursor = 0;
            s.sync_tx(account, &mut |tx| {
                cursor = tx.cursor()?;
                Ok(())
            })?;
            Ok(cursor)
        })
        .await?;
    Ok(upgrade.on_upgrade(move |socket| serve(socket, announcements, cursor)))
}

async fn serve(mut socket: WebSocket, mut announcements: broadcast::Receiver<u64>, cursor: u64) {
    if send(&mut socket, cursor).await.is_err() {
        return;
    }
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    loop {
        tokio::select! {
            announced = announcements.recv() => {
                let cursor = match announced {
                    Ok(cursor) => cursor,
                    // Fell behind: the next announcement carries the newest cursor anyway.
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return,
                };
                if send(&mut socket, cursor).await.is_err() {
                    return;
                }
            }
            _ = ping.tick() => {
                if socket.send(Message::Ping(Vec::new().into())).await.is_err() {
                    return;
                }
            }
            incoming = socket.recv() => match incoming {
                // The device says nothing but pongs and close frames.
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
        }
    }
}

async fn send(socket: &mut WebSocket, cursor: u64) -> Result<(), axum::Error> {
    let frame = encode(&LiveMessage::Cursor(cursor));
    socket.send(Message::Binary(frame.into())).await
}
