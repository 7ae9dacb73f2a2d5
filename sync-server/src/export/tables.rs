//! Writes the CSV files of an advanced export into a scratch folder, one kind at a time and
//! one page of documents at a time: a document is loaded, read, written as a row and
//! dropped, so memory stays flat however many records the account holds. Erased records
//! have no document any more, so they are simply absent; records in the trash are written
//! with their `deleted_at`.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use localspace_core::schema::{self, FieldType};
use localspace_core::{Kind, Record, RecordId, Value, doc};
use uuid::Uuid;

use super::columns::{CustomColumn, Layout, decimal, moment};
use super::store::ExportStore;
use crate::files::FileStore;
use crate::store::{Store, StoreError};

/// Documents read per page.
const PAGE: u32 = 256;

use localspace_core::archive::{COWORKER_COLUMNS, LINE_COLUMNS, LINK_COLUMNS, STAGE_COLUMNS};
pub use localspace_core::archive::{COWORKERS, LINES, LINKS, RECORD_FILES, STAGES};

/// Why a build stopped.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("storage: {0}")]
    Store(#[from] StoreError),
    #[error("writing the archive: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing a CSV file: {0}")]
    Csv(#[from] csv::Error),
}

/// Where the build reads from: one account's documents, users and blobs.
#[derive(Debug)]
pub struct Source<'a> {
    pub account: Uuid,
    pub store: &'a dyn Store,
    pub exports: &'a dyn ExportStore,
    pub files: &'a dyn FileStore,
}

/// The bytes the archive will carry: its path inside the archive and the blob's hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobEntry {
    pub path: String,
    pub hash: String,
}

/// What the tables need of the archive afterwards.
#[derive(Debug, Default)]
pub struct Written {
    /// The CSV files, in order.
    pub files: Vec<&'static str>,
    pub blobs: Vec<BlobEntry>,
    /// The custom field columns by kind (for the README).
    pub custom: Vec<(Kind, CustomColumn)>,
}

type Csv = csv::Writer<BufWriter<File>>;

fn create(dir: &Path, name: &str) -> Result<Csv, BuildError> {
    Ok(csv::Writer::from_writer(BufWriter::new(File::create(
        dir.join(name),
    )?)))
}

/// Kinds whose documents the export reads.
pub fn exported_kinds() -> Vec<&'static str> {
    RECORD_FILES.iter().map(|(k, _)| k.as_str()).collect()
}

/// Writes every CSV into `dir`. `progress(phase, records done)` is called as pages finish.
pub fn write_tables(
    src: &Source<'_>,
    dir: &Path,
    progress: &mut dyn FnMut(&str, u64),
) -> Result<Written, BuildError> {
    let mut written = Written::default();
    let mut done = 0u64;

    let mut coworkers = create(dir, COWORKERS)?;
    coworkers.write_record(COWORKER_COLUMNS)?;
    for u in src.store.users(src.account)? {
        coworkers.write_record([
            u.id.0.to_string(),
            u.name,
            u.email,
            u.role.as_str().to_owned(),
            u.seat.to_string(),
            u.active.to_string(),
            u.lang,
            moment(u.created_at),
        ])?;
    }
    coworkers.flush()?;
    written.files.push(COWORKERS);

    let definitions = custom_columns(src)?;
    written.custom = definitions.clone();
    let mut lines = create(dir, LINES)?;
    lines.write_record(LINE_COLUMNS)?;
    let mut stages = create(dir, STAGES)?;
    stages.write_record(STAGE_COLUMNS)?;
    let mut links = create(dir, LINKS)?;
    links.write_record(LINK_COLUMNS)?;

    for (kind, name) in RECORD_FILES {
        let layout = Layout {
            kind,
            custom: definitions
                .iter()
                .filter(|(target, _)| *target == kind)
                .map(|(_, c)| c.clone())
                .collect(),
        };
        let mut out = create(dir, name)?;
        let mut header = layout.header();
        if kind == Kind::File {
            header.push("archive_path".to_owned());
        }
        out.write_record(&header)?;
        let mut after = None;
        loop {
            let page = src
                .exports
                .docs_of_kind(src.account, kind.as_str(), after, PAGE)?;
            let Some((last, _)) = page.last() else {
                break;
            };
            after = Some(*last);
            for (id, bytes) in page {
                done += 1;
                let Some(record) = load(id, &bytes) else {
                    continue;
                };
                let mut row = layout.row(&record);
                if kind == Kind::File {
                    row.push(blob_entry(src, &record, &mut written.blobs)?);
                }
                out.write_record(&row)?;
                write_side_rows(src, &record, &mut lines, &mut stages, &mut links)?;
            }
            progress(kind.as_str(), done);
        }
        out.flush()?;
        written.files.push(name);
    }
    for (mut w, name) in [(lines, LINES), (stages, STAGES), (links, LINKS)] {
        w.flush()?;
        written.files.push(name);
    }
    Ok(written)
}

/// A document read as a record; a damaged one is logged and left out.
fn load(id: Uuid, bytes: &[u8]) -> Option<Record> {
    let read = automerge::Automerge::load(bytes)
        .map_err(|e| e.to_string())
        .and_then(|d| doc::read_record(&d, RecordId(id)).map_err(|e| e.to_string()));
    match read {
        Ok(record) => Some(record),
        Err(error) => {
            tracing::warn!(%id, %error, "a damaged document is left out of an export");
            None
        }
    }
}

/// The live custom field definitions by target kind, in their order.
fn custom_columns(src: &Source<'_>) -> Result<Vec<(Kind, CustomColumn)>, BuildError> {
    let mut found = Vec::new();
    let mut after = None;
    loop {
        let page =
            src.exports
                .docs_of_kind(src.account, Kind::CustomField.as_str(), after, PAGE)?;
        let Some((last, _)) = page.last() else {
            break;
        };
        after = Some(*last);
        for (id, bytes) in page {
            let Some(record) = load(id, &bytes) else {
                continue;
            };
            let Ok(target) = record.text("target").parse::<Kind>() else {
                continue;
            };
            if record.is_deleted() {
                continue;
            }
            let position = match record.get("position") {
                Some(Value::Int(n)) => *n,
                _ => 0,
            };
            found.push((
                target,
                position,
                CustomColumn {
                    id,
                    key: record.text("key").to_owned(),
                    label: record.text("label").to_owned(),
                    field_type: record.text("field_type").to_owned(),
                },
            ));
        }
    }
    found.sort_by_key(|(kind, position, c)| (*kind, *position, c.id));
    Ok(found.into_iter().map(|(k, _, c)| (k, c)).collect())
}

/// Where a file record's bytes go in the archive, when the server holds them.
fn blob_entry(
    src: &Source<'_>,
    record: &Record,
    blobs: &mut Vec<BlobEntry>,
) -> Result<String, BuildError> {
    let hash = record.text("content_hash");
    if hash.is_empty() {
        return Ok(String::new());
    }
    match src.files.blob_size(src.account, hash) {
        Ok(_) => {}
        // Not uploaded (yet): the row stays, without bytes.
        Err(StoreError::NotFound) => return Ok(String::new()),
        Err(e) => return Err(e.into()),
    }
    let path = format!("files/{}/{}", record.id.0, safe_name(record.text("name")));
    blobs.push(BlobEntry {
        path: path.clone(),
        hash: hash.to_owned(),
    });
    Ok(path)
}

/// A file name that stays one path segment: no separators, no `..`, not empty.
pub fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

/// Revenue and cost lines, pipeline stages and record links: one row each.
fn write_side_rows(
    src: &Source<'_>,
    record: &Record,
    lines: &mut Csv,
    stages: &mut Csv,
    links: &mut Csv,
) -> Result<(), BuildError> {
    let id = record.id.0.to_string();
    for spec in schema::fields(record.kind) {
        match (spec.ty, record.get(spec.key)) {
            (FieldType::Lines, Some(Value::Lines(items))) => {
                let kind = if spec.key == "costs" {
                    "cost"
                } else {
                    "revenue"
                };
                for line in items {
                    let total = line.total().map(|t| decimal(&t)).unwrap_or_default();
                    lines.write_record([
                        line.id.0.to_string(),
                        id.clone(),
                        kind.to_owned(),
                        line.name.clone(),
                        line.quantity.to_string(),
                        decimal(&line.unit_price),
                        line.unit_price.currency.code().to_owned(),
                        total,
                        line.position.to_string(),
                    ])?;
                }
            }
            (FieldType::Stages, Some(Value::Stages(items))) => {
                for stage in items {
                    stages.write_record([
                        stage.id.0.to_string(),
                        id.clone(),
                        stage.name.clone(),
                        stage.position.to_string(),
                        stage.probability.to_string(),
                    ])?;
                }
            }
            (FieldType::RefSet(target), Some(Value::RefSet(ids))) => {
                for other in ids {
                    let kind = match target {
                        Some(k) => k.as_str().to_owned(),
                        None => src
                            .exports
                            .doc_kind(src.account, *other)?
                            .unwrap_or_default(),
                    };
                    links.write_record([
                        id.clone(),
                        record.kind.as_str().to_owned(),
                        spec.key.to_owned(),
                        other.to_string(),
                        kind,
                    ])?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}
