//! Undoing a whole import as new automerge changes (so the undo syncs like any edit): what
//! it created goes to the trash, what it updated gets its old values back — but only the
//! fields still holding what the import wrote, so a later edit by a person is never lost.

use localspace_core::{Patch, Record};
use serde::{Deserialize, Serialize};

use super::error::{ImportError, ImportResult};
use super::log::{Updated, batches, import_record, save_header};
use crate::Replica;
use crate::error::Error;
use crate::export::{date_fields, definitions, typed_dates};

/// Records per undo transaction.
const BATCH: usize = 2_000;

/// What an undo did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct UndoReport {
    /// Created records moved to the trash.
    pub removed: usize,
    /// Updated records given their old values back.
    pub restored: usize,
    /// Fields left alone because they were edited after the import.
    pub kept_fields: usize,
}

/// Undoes import `id`.
pub fn undo_import(replica: &Replica, id: &str) -> ImportResult<UndoReport> {
    let mut record = import_record(replica, id)?;
    if record.undone {
        return Err(ImportError::AlreadyUndone(id.to_owned()));
    }
    let logs = batches(replica, id)?;
    let dates = date_fields(&definitions(&replica.lock(), record.kind)?);
    let mut report = UndoReport::default();
    let created: Vec<_> = logs
        .iter()
        .flat_map(|l| l.created.iter().copied())
        .collect();
    for chunk in created.chunks(BATCH) {
        report.removed += replica.write(|b| {
            let mut removed = 0;
            for id in chunk {
                match b.soft_delete(*id) {
                    Ok(()) => removed += 1,
                    Err(Error::NotFound(_) | Error::Erased(_)) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(removed)
        })?;
    }
    // Newest first, so a record updated twice ends with its oldest values.
    let updated: Vec<&Updated> = logs
        .iter()
        .rev()
        .flat_map(|l| l.updated.iter().rev())
        .collect();
    for chunk in updated.chunks(BATCH) {
        let (restored, kept) = replica.write(|b| {
            let (mut restored, mut kept) = (0, 0);
            for u in chunk {
                let mut current = match b.get(u.id) {
                    Ok(r) => r,
                    Err(Error::NotFound(_) | Error::Erased(_)) => continue,
                    Err(e) => return Err(e),
                };
                typed_dates(&mut current, &dates);
                let (patch, left) = restoring(&current, u);
                kept += left;
                if !patch.is_empty() {
                    b.update(u.id, &patch)?;
                    restored += 1;
                }
            }
            Ok((restored, kept))
        })?;
        report.restored += restored;
        report.kept_fields += kept;
    }
    record.undone = true;
    save_header(replica, &record)?;
    Ok(report)
}

/// The old values of fields that still hold what the import wrote; and how many fields
/// were changed since and are left alone.
fn restoring(current: &Record, u: &Updated) -> (Patch, usize) {
    let mut patch = Patch::new();
    let mut kept = 0;
    for (key, written) in &u.written.fields {
        if current.get(key) == written.as_ref() {
            let old = u.previous.fields.get(key).cloned().flatten();
            patch.fields.insert(key.clone(), old);
        } else {
            kept += 1;
        }
    }
    for (id, written) in &u.written.custom {
        if current.custom.get(id).map(|f| &f.value) == written.as_ref() {
            let old = u.previous.custom.get(id).cloned().flatten();
            patch.custom.insert(*id, old);
        } else {
            kept += 1;
        }
    }
    (patch, kept)
}
