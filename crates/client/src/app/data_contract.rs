//! The types of Settings → Data and the lists' Export button: XLSX export, import with a
//! mapping and a choice per duplicate, the import history with undo, and duplicate merging.
//! Re-exported by [`super::contract`], so they are part of the one generated contract.

use localspace_core::{Kind, RecordId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::contract::Locale;
use crate::duplicates::MatchRule;
use crate::import::{Decision, ImportRecord, Mapping, Preview, Target};
use crate::query::{Filter, Row, Sort};

/// A list the Export button writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportListName {
    People,
    Companies,
    Deals,
    Coworkers,
}

/// Exports a list as it is on screen (its filter, sort and direction) to an XLSX file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportRequest {
    pub list: ExportListName,
    pub filter: Filter,
    pub sort: Sort,
    pub descending: bool,
    /// Where to write the file (the save dialog's answer).
    pub path: String,
    /// The language of the headers and sheet name.
    pub locale: Locale,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportDone {
    pub path: String,
    pub rows: u32,
    pub columns: u32,
}

/// Reads an import file and plans it with a mapping (the suggested one when `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreviewRequest {
    pub path: String,
    /// `person` or `company`.
    pub kind: Kind,
    pub mapping: Option<Mapping>,
    /// Rows of the preview.
    pub limit: u32,
}

/// A field a column can go to, for the mapping's dropdowns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportTarget {
    pub target: Target,
    /// A custom field's label; built-in fields are named by the UI (`field.<key>`).
    pub label: Option<String>,
}

/// The file's columns, the mapping, the first rows as they would be written and the
/// fields a column may go to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportPreviewResponse {
    pub file_name: String,
    pub preview: Preview,
    /// The first rows' cells as the file has them, column by column (for the mapping table).
    pub samples: Vec<Vec<String>>,
    pub targets: Vec<ImportTarget>,
}

/// A decision for one line of the file (its line as a spreadsheet numbers it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineDecision {
    pub line: u32,
    pub decision: Decision,
}

/// Runs an import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunImportRequest {
    pub path: String,
    pub kind: Kind,
    pub mapping: Mapping,
    /// What happens to a matched row without its own decision.
    pub on_match: Decision,
    pub decisions: Vec<LineDecision>,
}

/// One past import, newest first in the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportEntry {
    pub record: ImportRecord,
    /// The file's name (without its folder).
    pub file: Option<String>,
    /// When it ran (ms since the epoch).
    pub at_ms: Option<i64>,
}

/// Imports an advanced-export archive (a `.tar.gz` the app saved) into this account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportArchiveRequest {
    pub path: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportIdRequest {
    pub id: String,
}

/// Likely duplicates of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuplicatesRequest {
    /// `person` or `company`.
    pub kind: Kind,
}

/// Records that are likely one and the same, side by side (oldest first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct DuplicateCandidate {
    pub rule: MatchRule,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct DuplicateCandidates {
    pub groups: Vec<DuplicateCandidate>,
    /// Groups found in all (the screen shows the first ones).
    pub total: u32,
}

/// Merges `loser` into `winner`; the note on both timelines is in `locale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeRequest {
    pub winner: RecordId,
    pub loser: RecordId,
    pub locale: Locale,
}

/// A file chosen in a save or open dialog (`None`: cancelled).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PickedPath {
    pub path: Option<String>,
}

/// Asks where to save a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaveDialogRequest {
    /// The name the dialog proposes (`osoby.xlsx`).
    pub file_name: String,
    pub filter_name: String,
    /// Extensions without the dot.
    pub extensions: Vec<String>,
}

/// Asks for a file to open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OpenDialogRequest {
    pub filter_name: String,
    pub extensions: Vec<String>,
}

/// Follows an advanced export job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportJobRequest {
    pub id: String,
    /// Answer when the job moves (or after a few seconds) instead of at once.
    pub wait: bool,
}

/// Saves a ready advanced export archive to a path from the save dialog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaveArchiveRequest {
    pub id: String,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArchiveSaved {
    pub path: String,
    pub size: u64,
}

/// The latest advanced export jobs, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportJobs {
    pub jobs: Vec<localspace_core::api::ExportJobView>,
}

/// Admins switch basic (list) export on or off for users and managers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BasicExportRequest {
    pub allowed: bool,
}
