//! Running an archive import: the records are written in batches (one transaction each,
//! created under their planned ids, records from the trash put back in the trash) and every
//! batch is logged, so `undo_import` takes a whole archive import back. File records follow
//! one at a time, after their bytes went through the caller's upload path
//! ([`ArchiveRun::attach`]), so the account's storage quota applies.

use std::path::{Path, PathBuf};

use localspace_core::{Kind, RecordId, Value};
use serde::{Deserialize, Serialize};

use super::error::{ArchiveError, ArchiveResult};
use super::plan::{AccountUsers, ExistingDefinition, Plan, Planned, PlannedFile, plan};
use super::read::{Limits, read_raw};
use super::tables::read_tables;
use crate::Replica;
use crate::import::ImportProgress;
use crate::import::log::{BatchLog, ImportRecord, save_batch, save_header};

/// Records per transaction.
const BATCH: usize = 2_000;

/// How many records of one kind an import created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct KindCount {
    pub kind: Kind,
    pub count: u32,
}

/// What an archive import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ArchiveReport {
    /// The id to undo it with.
    pub import: String,
    /// Records created, by kind (files included).
    pub created: Vec<KindCount>,
    /// Of them, put back in the trash as they were.
    pub trashed: u32,
    /// Files whose bytes were uploaded.
    pub files_uploaded: u32,
    /// File records whose bytes the archive did not hold (links, files never uploaded).
    pub files_without_bytes: u32,
    /// Custom field definitions this account already had (same target, key and type).
    pub reused_definitions: u32,
    /// Links to records the archive did not hold, left out.
    pub dropped_links: u32,
}

impl ArchiveReport {
    fn count(&mut self, kind: Kind) {
        match self.created.iter_mut().find(|c| c.kind == kind) {
            Some(c) => c.count += 1,
            None => self.created.push(KindCount { kind, count: 1 }),
        }
    }
}

/// A file whose bytes wait for the upload path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingFile {
    /// The id the file record will have (reserve the upload under it).
    pub id: RecordId,
    pub name: String,
    /// The bytes, copied out of the archive.
    pub path: PathBuf,
    pub size: u64,
}

/// An archive import under way: records written, files to attach.
#[derive(Debug)]
pub struct ArchiveRun {
    record: ImportRecord,
    report: ArchiveReport,
    files: Vec<PlannedFile>,
    batch: usize,
    done: usize,
    total: usize,
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn write_one(b: &mut crate::replica::Batch<'_>, p: &Planned) -> crate::Result<()> {
    b.create_with_id(p.id, p.kind, &p.patch)?;
    if p.trashed {
        b.soft_delete(p.id)?;
    }
    Ok(())
}

impl ArchiveRun {
    /// Reads the archive at `path` (file bytes are copied into `scratch`, which must exist
    /// and outlive the run), plans it and writes every record but the files. Nothing is
    /// written unless the whole archive reads and plans cleanly.
    pub fn start(
        replica: &Replica,
        path: &Path,
        scratch: &Path,
        users: &AccountUsers,
        limits: Limits,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> ArchiveResult<ArchiveRun> {
        let raw = read_raw(path, scratch, limits)?;
        let tables = read_tables(&raw)?;
        let existing = existing_definitions(replica)?;
        let now = replica.now_ms();
        let plan: Plan = plan(&tables, &raw.blobs, users, &existing, &mut || {
            crate::replica::new_id(now)
        })?;
        let mut run = ArchiveRun {
            record: ImportRecord {
                id: uuid::Uuid::new_v4().to_string(),
                kind: Kind::Company,
                created: 0,
                updated: 0,
                complete: false,
                undone: false,
                archive: Some(true),
            },
            report: ArchiveReport {
                reused_definitions: u32_of(plan.reused_definitions),
                dropped_links: u32_of(plan.dropped_links),
                ..ArchiveReport::default()
            },
            files: Vec::new(),
            batch: 0,
            done: 0,
            total: plan.records.len() + plan.files.len(),
        };
        run.report.import = run.record.id.clone();
        save_header(replica, &run.record)?;
        progress(run.progress());
        for chunk in plan.records.chunks(BATCH) {
            replica.write(|b| chunk.iter().try_for_each(|p| write_one(b, p)))?;
            for p in chunk {
                run.created(p);
            }
            run.log(replica, chunk.iter().map(|p| p.id).collect())?;
            run.done += chunk.len();
            progress(run.progress());
        }
        run.files = plan.files;
        Ok(run)
    }

    fn progress(&self) -> ImportProgress {
        ImportProgress {
            done: self.done,
            total: self.total,
        }
    }

    fn created(&mut self, p: &Planned) {
        self.report.count(p.kind);
        if p.trashed {
            self.report.trashed += 1;
        }
    }

    fn log(&mut self, replica: &Replica, created: Vec<RecordId>) -> ArchiveResult<()> {
        self.record.created += created.len();
        let log = BatchLog {
            created,
            updated: Vec::new(),
        };
        save_batch(replica, &self.record.id, self.batch, &log)?;
        save_header(replica, &self.record)?;
        self.batch += 1;
        Ok(())
    }

    /// The files whose bytes are in the archive, still to upload.
    pub fn pending_files(&self) -> Vec<PendingFile> {
        self.files
            .iter()
            .filter_map(|f| {
                f.blob.as_ref().map(|b| PendingFile {
                    id: f.record.id,
                    name: f.name.clone(),
                    path: b.path.clone(),
                    size: b.size,
                })
            })
            .collect()
    }

    /// Creates the record of file `id` once its bytes (`hash`, `size`) went through the
    /// upload path; `None` for a file without bytes in the archive.
    fn write_file(
        &mut self,
        replica: &Replica,
        id: RecordId,
        bytes: Option<(&str, u64)>,
    ) -> ArchiveResult<()> {
        let Some(i) = self.files.iter().position(|f| f.record.id == id) else {
            return Ok(());
        };
        let mut file = self.files.remove(i);
        if let Some((hash, size)) = bytes {
            file.record.patch = file
                .record
                .patch
                .text("content_hash", hash)
                .set("size", Value::Int(i64::try_from(size).unwrap_or(i64::MAX)));
            if !file.record.patch.fields.contains_key("mime") {
                file.record.patch = file
                    .record
                    .patch
                    .text("mime", crate::files::mime_for(&file.name));
            }
            self.report.files_uploaded += 1;
        } else {
            self.report.files_without_bytes += 1;
        }
        replica.write(|b| write_one(b, &file.record))?;
        self.created(&file.record);
        self.log(replica, vec![file.record.id])?;
        self.done += 1;
        Ok(())
    }

    /// Creates a file's record after its bytes were uploaded (or stashed to upload later).
    pub fn attach(
        &mut self,
        replica: &Replica,
        id: RecordId,
        hash: &str,
        size: u64,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> ArchiveResult<()> {
        self.write_file(replica, id, Some((hash, size)))?;
        progress(self.progress());
        Ok(())
    }

    /// The upload path refused a file for the quota: the import stops here, the records and
    /// files before it stay (and can be undone).
    pub fn quota_exceeded(&mut self, replica: &Replica, file: &str, free: u64) -> ArchiveError {
        if let Err(e) = save_header(replica, &self.record) {
            return e.into();
        }
        ArchiveError::QuotaExceeded {
            file: file.to_owned(),
            free,
            imported: Box::new(self.report.clone()),
        }
    }

    /// Writes the file records without bytes and marks the import complete.
    pub fn finish(
        mut self,
        replica: &Replica,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> ArchiveResult<ArchiveReport> {
        let without: Vec<RecordId> = self
            .files
            .iter()
            .filter(|f| f.blob.is_none())
            .map(|f| f.record.id)
            .collect();
        for id in without {
            self.write_file(replica, id, None)?;
        }
        if let Some(left) = self.files.first() {
            return Err(ArchiveError::MissingBytes(left.name.clone()));
        }
        self.record.complete = true;
        save_header(replica, &self.record)?;
        progress(self.progress());
        Ok(self.report)
    }
}

/// The custom field definitions the account has (live ones).
fn existing_definitions(replica: &Replica) -> ArchiveResult<Vec<ExistingDefinition>> {
    let conn = replica.lock();
    let mut out = Vec::new();
    for target in localspace_core::schema::CUSTOM_FIELD_KINDS {
        let Ok(kind) = target.parse::<Kind>() else {
            continue;
        };
        for d in crate::export::definitions(&conn, kind)? {
            out.push(ExistingDefinition {
                id: d.id,
                target: kind,
                key: d.key,
                field_type: d.field_type,
            });
        }
    }
    Ok(out)
}
