//! Starting the app: the service over the data directory, its events forwarded to the web
//! view, and the background sync loop on Tauri's async runtime.

use std::sync::Arc;

use anyhow::Context;
use localspace_client::app::typescript::EVENT_NAME;
use localspace_client::app::{App, AppConfig, OsKeychain};
use localspace_core::SystemClock;
use tauri::{Emitter, Manager};

use crate::paths;

pub fn start(tauri_app: &mut tauri::App) -> anyhow::Result<()> {
    let handle = tauri_app.handle().clone();
    let config = AppConfig {
        data_dir: paths::data_dir()?,
        default_server: paths::server_url(),
        tokens: Arc::new(OsKeychain),
        clock: Arc::new(SystemClock),
        device: format!("Localspace desktop ({})", std::env::consts::OS),
        poll_every: localspace_client::app::DEFAULT_POLL,
    };
    tracing::info!(data_dir = %config.data_dir.display(), "starting");
    let app = App::start(
        config,
        Box::new(move |event| {
            if let Err(e) = handle.emit(EVENT_NAME, event) {
                tracing::warn!("event not delivered: {e}");
            }
        }),
    )
    .context("the app could not start")?;
    let app = Arc::new(app);
    tauri_app.manage(app.clone());
    tauri::async_runtime::spawn(async move {
        demo_sign_in(&app).await;
        app.run_sync_loop().await;
    });
    Ok(())
}

/// `cargo xtask dev` starts the app signed in to its demo account: debug builds only, and
/// only when nobody is signed in yet.
#[cfg(debug_assertions)]
async fn demo_sign_in(app: &App) {
    let (Ok(email), Ok(password)) = (
        std::env::var("LOCALSPACE_DEMO_EMAIL"),
        std::env::var("LOCALSPACE_DEMO_PASSWORD"),
    ) else {
        return;
    };
    if app.app_state().session.is_some() {
        return;
    }
    let req = localspace_client::app::contract::SignInRequest {
        server_url: None,
        email,
        password,
    };
    if let Err(e) = app.sign_in(req).await {
        tracing::warn!("demo sign-in failed: {e}");
    }
}

#[cfg(not(debug_assertions))]
async fn demo_sign_in(_app: &App) {}
