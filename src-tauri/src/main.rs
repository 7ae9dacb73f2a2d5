//! Localspace desktop: one window over the local replica. Everything the app does is a method
//! of `localspace_client::app::App`; this binary only wires it to Tauri (commands, events,
//! the background sync loop) and picks the per-OS data directory.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dialogs;
mod paths;
mod setup;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LOCALSPACE_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    tauri::Builder::default()
        // Dialogs open from Rust commands only: the web view gets no dialog permission.
        .plugin(tauri_plugin_dialog::init())
        // Reminders go through a Rust command too: no notification permission for the web view.
        .plugin(tauri_plugin_notification::init())
        .setup(|app| Ok(setup::start(app)?))
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .map_err(|e| anyhow::anyhow!("the window could not run: {e}"))
}
