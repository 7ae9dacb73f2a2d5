//! The import wizard: read a CSV or XLSX file and preview it with a suggested mapping (custom
//! fields included), run it with a decision per duplicate, keep a history of imports and undo
//! a whole one. Imports are local writes like any edit: they wait in the outbox while the
//! account is blocked, exactly as a typed edit does.

use std::path::Path;

use localspace_core::Kind;
use serde::{Deserialize, Serialize};

use super::App;
use super::contract::{
    AppError, AppEvent, ImportEntry, ImportIdRequest, ImportPreviewRequest, ImportPreviewResponse,
    ImportTarget, Progress, RunImportRequest,
};
use super::error::AppResult;
use crate::Replica;
use crate::export::definitions;
use crate::import::{
    self, ImportOptions, ImportReport, RawCell, Target, UndoReport, importable_fields, read_file,
    suggest_mapping,
};

/// Most preview rows a call returns.
const MAX_PREVIEW: u32 = 200;
/// Rows of raw cells shown beside the mapping.
const SAMPLES: usize = 3;

/// What the history shows beside the import's own record: the file and when it ran.
#[derive(Serialize, Deserialize)]
struct ImportInfo {
    file: String,
    at_ms: i64,
}

fn info_key(id: &str) -> String {
    format!("app.import_info.{id}")
}

impl App {
    /// Reads the file and plans the import with the given mapping, or the suggested one.
    /// Nothing is written; a file that is not a table is a coded error.
    pub fn import_preview(&self, req: ImportPreviewRequest) -> AppResult<ImportPreviewResponse> {
        let replica = self.replica()?;
        let path = Path::new(&req.path);
        let table = read_file(path)?;
        let mapping = match req.mapping {
            Some(mapping) => mapping,
            None => suggest_mapping(&replica, &table, req.kind)?,
        };
        let limit = req.limit.clamp(1, MAX_PREVIEW) as usize;
        let preview = import::preview(&replica, &table, req.kind, &mapping, limit)?;
        let samples = table
            .rows
            .iter()
            .take(SAMPLES)
            .map(|row| row.iter().map(RawCell::as_text).collect())
            .collect();
        Ok(ImportPreviewResponse {
            file_name: file_name(path),
            preview,
            samples,
            targets: targets(&replica, req.kind)?,
        })
    }

    /// Runs an import; `import` events report the rows written.
    pub fn run_import(&self, req: RunImportRequest) -> AppResult<ImportReport> {
        let replica = self.editable()?;
        let path = Path::new(&req.path);
        let table = read_file(path)?;
        let options = ImportOptions {
            on_match: req.on_match,
            decisions: req
                .decisions
                .iter()
                .map(|d| (d.line as usize, d.decision))
                .collect(),
            ..ImportOptions::default()
        };
        let result = import::run_import(
            &replica,
            &table,
            req.kind,
            &req.mapping,
            &options,
            &mut |p| {
                self.emit(AppEvent::Import {
                    progress: Progress {
                        done: u32::try_from(p.done).unwrap_or(u32::MAX),
                        total: u32::try_from(p.total).unwrap_or(u32::MAX),
                    },
                });
            },
        );
        // Batches that went in before a failure are in the outbox (and in the history).
        self.wake_sync();
        let report = result?;
        self.emit(AppEvent::RecordsChanged {
            kinds: vec![req.kind],
        });
        self.remember_import(&report.import, &req.path)?;
        Ok(report)
    }

    /// Keeps the file name and time of import `id` for the history.
    pub(super) fn remember_import(&self, id: &str, path: &str) -> AppResult<()> {
        let info = ImportInfo {
            file: file_name(Path::new(path)),
            at_ms: self.config.clock.now_ms(),
        };
        let json = serde_json::to_string(&info)
            .map_err(|e| AppError::new("local_storage", e.to_string()))?;
        self.replica()?.set_sync_state(&info_key(id), &json)?;
        Ok(())
    }

    /// The imports this device ran, newest first.
    pub fn imports(&self) -> AppResult<Vec<ImportEntry>> {
        let replica = self.replica()?;
        let mut out: Vec<ImportEntry> = import::imports(&replica)?
            .into_iter()
            .map(|record| {
                let info: Option<ImportInfo> = replica
                    .sync_state(&info_key(&record.id))
                    .ok()
                    .flatten()
                    .and_then(|json| serde_json::from_str(&json).ok());
                ImportEntry {
                    record,
                    file: info.as_ref().map(|i| i.file.clone()),
                    at_ms: info.map(|i| i.at_ms),
                }
            })
            .collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.at_ms));
        Ok(out)
    }

    /// Undoes a whole import: what it created goes to the trash, what it updated gets its
    /// old values back (fields edited since are kept).
    pub fn undo_import(&self, req: ImportIdRequest) -> AppResult<UndoReport> {
        let replica = self.editable()?;
        let kind = import::import_record(&replica, &req.id)?.kind;
        let report = import::undo_import(&replica, &req.id)?;
        self.wake_sync();
        self.emit(AppEvent::RecordsChanged { kinds: vec![kind] });
        Ok(report)
    }
}

/// Built-in fields, then the kind's custom fields by position.
fn targets(replica: &Replica, kind: Kind) -> AppResult<Vec<ImportTarget>> {
    let mut out: Vec<ImportTarget> = importable_fields(kind)
        .into_iter()
        .map(|key| ImportTarget {
            target: Target::Field(key.to_owned()),
            label: None,
        })
        .collect();
    let custom = definitions(&replica.lock(), kind)?;
    out.extend(custom.into_iter().map(|d| ImportTarget {
        target: Target::Custom(d.id),
        label: Some(d.label),
    }));
    Ok(out)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
