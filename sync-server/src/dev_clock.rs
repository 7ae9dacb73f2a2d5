//! Moving time for the whole server, in dev and test builds only: this module is compiled
//! only with debug assertions, so a release build has no such switch. `cargo xtask dev`
//! users (and tests) fast-forward to the end of the trial, the warning e-mails or the
//! deletion without waiting weeks: `POST /dev/v1/clock {"advance_days": 14}` from this
//! machine moves the server's clock and runs the lifecycle and deletion passes at once.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::Json;
use axum::extract::{ConnectInfo, State};
use localspace_core::Clock;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::routes::body::Body;
use crate::state::AppState;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// A clock running `shift` ahead of another.
#[derive(Debug)]
pub struct ShiftedClock {
    inner: Arc<dyn Clock>,
    shift_ms: AtomicI64,
}

impl ShiftedClock {
    pub fn new(inner: Arc<dyn Clock>) -> ShiftedClock {
        ShiftedClock {
            inner,
            shift_ms: AtomicI64::new(0),
        }
    }

    /// Moves time forward (never back: what happened stays in the past).
    pub fn advance(&self, ms: i64) {
        self.shift_ms.fetch_add(ms.max(0), Ordering::SeqCst);
    }
}

impl Clock for ShiftedClock {
    fn now_ms(&self) -> i64 {
        self.inner.now_ms() + self.shift_ms.load(Ordering::SeqCst)
    }
}

/// `POST /dev/v1/clock`: `{"advance_days": N}` and/or `{"advance_ms": N}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advance {
    #[serde(default)]
    advance_days: i64,
    #[serde(default)]
    advance_ms: i64,
}

pub async fn advance(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Body(req): Body<Advance>,
) -> ApiResult<Json<Value>> {
    if !peer.ip().is_loopback() {
        return Err(ApiError::forbidden(
            "loopback_only",
            "Time can be moved only from the server's own machine.",
        ));
    }
    let ms = req
        .advance_days
        .checked_mul(DAY_MS)
        .and_then(|d| d.checked_add(req.advance_ms))
        .filter(|ms| *ms >= 0)
        .ok_or_else(|| ApiError::invalid("advance_days", "Move time forward, by a sane amount."))?;
    state.shifted.advance(ms);
    let steps = crate::billing::lifecycle::run_once(&state).await?;
    let deleted = crate::deletion::run_once(&state).await?;
    Ok(Json(json!({
        "now": crate::routes::views::time(state.now()),
        "lifecycle_steps": steps.len(),
        "deleted_on_request": deleted.len(),
    })))
}
