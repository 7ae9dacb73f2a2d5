//! Small JSON files in the data directory: the signed-in session (no token) and the user's
//! settings. Written to a temporary file and renamed, so a crash never leaves half a file.

use std::path::Path;

use serde::{Serialize, de::DeserializeOwned};

use super::contract::{AppError, Locale};
use super::error::AppResult;

const SETTINGS_FILE: &str = "settings.json";

/// What the user set on this device.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Settings {
    pub locale: Option<Locale>,
    pub server_url: Option<String>,
}

pub(super) fn read_json<T: DeserializeOwned>(dir: &Path, name: &str) -> AppResult<Option<T>> {
    let path = dir.join(name);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            AppError::new(
                "corrupt_settings",
                format!(
                    "{} cannot be read ({e}); it will be replaced",
                    path.display()
                ),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub(super) fn write_json<T: Serialize>(dir: &Path, name: &str, value: &T) -> AppResult<()> {
    let bytes = serde_json::to_vec_pretty(value)
        .map_err(|e| AppError::new("local_storage", e.to_string()))?;
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, dir.join(name))?;
    Ok(())
}

pub(super) fn remove_json(dir: &Path, name: &str) -> AppResult<()> {
    match std::fs::remove_file(dir.join(name)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// The settings; a damaged file counts as no settings (they are preferences, not data).
pub(super) fn load_settings(dir: &Path) -> Settings {
    read_json(dir, SETTINGS_FILE)
        .ok()
        .flatten()
        .unwrap_or_default()
}

pub(super) fn save_settings(dir: &Path, settings: &Settings) -> AppResult<()> {
    write_json(dir, SETTINGS_FILE, settings)
}
