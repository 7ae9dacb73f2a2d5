//! The Tauri 2 desktop shell. Arrives with the desktop app issue.
