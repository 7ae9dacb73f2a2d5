//! Where the app keeps its data, and which server it talks to: the per-OS data directory
//! (`~/.local/share/localspace` on Linux, `~/Library/Application Support/app.localspace.desktop`
//! on macOS, `%APPDATA%\Localspace\Localspace\data` on Windows) unless `LOCALSPACE_APP_DATA_DIR`
//! names another (tests, several profiles); the server from `LOCALSPACE_SERVER_URL`.

use std::path::PathBuf;

use anyhow::Context;

/// The server a fresh install signs in to unless the form says otherwise.
const DEFAULT_SERVER: &str = "https://sync.localspace.app";

pub fn data_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("LOCALSPACE_APP_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("app", "Localspace", "Localspace")
        .context("no home directory to keep the app's data in")?;
    Ok(dirs.data_dir().to_path_buf())
}

pub fn server_url() -> String {
    std::env::var("LOCALSPACE_SERVER_URL")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_SERVER.to_owned())
}
