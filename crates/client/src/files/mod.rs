//! The device's side of files: bytes waiting to be uploaded (never lost while offline) and
//! copies already downloaded, both in the user's data folder. Headless; the app's commands
//! (`app/files.rs`) move bytes between here and the server.

mod local;
mod mime;

pub use local::{LocalFiles, Stashed};
pub use mime::mime_for;
