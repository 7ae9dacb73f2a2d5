//! The contract types of the Files section: attaching a file or a link to a record, the
//! list with each file's state on this device, downloads, and transfer progress.

use localspace_core::RecordId;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Attach a file from disk to a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachFileRequest {
    /// The person, company, deal or space.
    pub record: RecordId,
    /// The file the user picked.
    pub path: String,
}

/// Attach a link (Dropbox, an e-mail attachment by reference): it uses no storage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddLinkRequest {
    pub record: RecordId,
    pub name: String,
    pub url: String,
}

/// What became of an attached file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum AttachOutcome {
    /// The server has the bytes.
    Uploaded { file: RecordId },
    /// Attached; the bytes wait on this device and upload when the server is reachable
    /// (`code` says why not now, e.g. `offline`).
    Waiting { file: RecordId, code: String },
    /// The file (`size` bytes) does not fit in the account's storage, which has `free`
    /// bytes left; nothing was attached.
    QuotaExceeded { free: u64, size: u64 },
}

/// Where a file's bytes are, from this device's point of view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileState {
    /// A link: no bytes to store.
    Link,
    /// Only on this device, waiting for upload.
    Waiting,
    /// On the server and on this device.
    Here,
    /// On the server; downloaded when opened.
    Server,
}

/// A file or link in a record's Files section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileView {
    pub id: RecordId,
    pub name: String,
    pub size: u64,
    pub mime: Option<String>,
    pub url: Option<String>,
    /// When it was attached (ms since epoch).
    pub added_at: i64,
    pub state: FileState,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileList {
    pub files: Vec<FileView>,
}

/// Save a file's bytes to a path the user picked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DownloadFileRequest {
    pub id: RecordId,
    pub path: String,
}

/// Which way bytes move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TransferDirection {
    Upload,
    Download,
}

/// Ask the user where to save a file (the shell's native dialog), suggesting a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavePathRequest {
    pub name: String,
}
