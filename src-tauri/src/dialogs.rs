//! The native file dialogs, opened from Rust so the web view needs no dialog or file system
//! permission: it only ever receives the path the user chose. `LOCALSPACE_PICK_FILE` and
//! `LOCALSPACE_SAVE_DIR` answer them without a window in debug builds (the desktop E2E cannot click a GTK
//! dialog).

use tauri_plugin_dialog::DialogExt;

/// A file to attach, or `None` when the user cancelled.
pub fn pick_file(window: &tauri::Window) -> Option<String> {
    if cfg!(debug_assertions)
        && let Ok(path) = std::env::var("LOCALSPACE_PICK_FILE")
    {
        return Some(path);
    }
    window
        .dialog()
        .file()
        .blocking_pick_file()
        .map(|p| p.to_string())
}

/// Where to save a file named `name`, or `None` when the user cancelled.
pub fn pick_save_path(window: &tauri::Window, name: &str) -> Option<String> {
    if cfg!(debug_assertions)
        && let Ok(dir) = std::env::var("LOCALSPACE_SAVE_DIR")
    {
        return Some(std::path::Path::new(&dir).join(name).display().to_string());
    }
    window
        .dialog()
        .file()
        .set_file_name(name)
        .blocking_save_file()
        .map(|p| p.to_string())
}
