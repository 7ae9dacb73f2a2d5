//! The advanced export (the server builds a tar.gz of CSV files and file bytes for an admin)
//! and the account's export settings (whether users and managers may use basic export).

use serde::{Deserialize, Serialize};

/// Where an advanced export job is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportState {
    /// Being built; `phase`, `done` and `total` tell how far.
    Running,
    /// The archive can be downloaded until `expires_at`.
    Ready,
    /// The build failed (`error`); start another.
    Failed,
    /// The archive was kept its time and removed.
    Expired,
}

/// `GET /api/v1/exports/{id}`: one advanced export job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExportJobView {
    pub id: String,
    pub state: ExportState,
    /// What is being written: `companies`, `people`, … `files`, `readme`, `done`.
    pub phase: String,
    /// Records (and files) written so far, out of `total`.
    pub done: u64,
    pub total: u64,
    /// The archive's size in bytes, once ready.
    pub size: Option<u64>,
    /// RFC 3339.
    pub started_at: String,
    pub finished_at: Option<String>,
    /// When the archive is removed (ready jobs).
    pub expires_at: Option<String>,
    /// Why it failed (failed jobs), in general terms.
    pub error: Option<String>,
}

/// `GET/PUT /api/v1/account/settings`: account-wide switches admins control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AccountSettings {
    /// Whether users and managers may export lists to XLSX (admins always may).
    pub basic_export: bool,
}
