//! Running a planned import: each row is created, used to update the record it matched,
//! or skipped, as the user chose; writes go in batches of `create_many` plus updates, one
//! transaction per batch, and each committed batch is logged for undo.

use std::collections::{BTreeMap, BTreeSet};

use localspace_core::schema::{self, FieldType};
use localspace_core::validate::{self, Mode};
use localspace_core::{Kind, Patch, Record, RecordId, Value};
use serde::{Deserialize, Serialize};

use super::convert::RowIssue;
use super::error::ImportResult;
use super::log::{BatchLog, ImportRecord, Updated, save_batch, save_header};
use super::mapping::Mapping;
use super::plan::{MatchedWith, RowMatch, plan};
use super::source::Table;
use crate::Replica;
use crate::export::{date_fields, definitions, typed_dates};
use crate::replica::Batch;

/// What to do with a row that matches an existing record or an earlier row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Leave the existing record alone.
    #[default]
    Skip,
    /// Write the row's non-empty cells into the matched record (e-mails and phones are
    /// added to its lists). A row matching an earlier row of the file is skipped.
    Update,
    /// Create a new record anyway.
    Create,
}

/// Choices for an import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOptions {
    /// The decision for matched rows without their own.
    pub on_match: Decision,
    /// Decisions per line of the file.
    pub decisions: BTreeMap<usize, Decision>,
    /// Rows per transaction.
    pub batch: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            on_match: Decision::Skip,
            decisions: BTreeMap::new(),
            batch: 5_000,
        }
    }
}

/// How far an import is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportReport {
    /// The id to undo it with.
    pub import: String,
    pub created: usize,
    pub updated: usize,
    /// Matched rows left alone, and rows that changed nothing.
    pub skipped: usize,
    /// Rows not imported, with their line and reason.
    pub errors: Vec<RowIssue>,
    /// Imported rows with a problem worth knowing (an unknown company or owner).
    pub warnings: Vec<RowIssue>,
}

enum Action {
    Create(Patch),
    Update(RecordId, Patch),
}

/// Imports a table into the replica.
pub fn run_import(
    replica: &Replica,
    table: &Table,
    kind: Kind,
    mapping: &Mapping,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> ImportResult<ImportReport> {
    let plan = plan(replica, table, kind, mapping)?;
    let dates = date_fields(&definitions(&replica.lock(), kind)?);
    let (mut errors, warnings): (Vec<RowIssue>, Vec<RowIssue>) =
        plan.issues.into_iter().partition(|i| !i.warning);
    let mut skipped = 0;
    let mut actions = Vec::with_capacity(plan.rows.len());
    for row in plan.rows {
        if row.failed {
            continue;
        }
        let decision = options
            .decisions
            .get(&row.line)
            .copied()
            .unwrap_or(options.on_match);
        let action = match (row.matched, decision) {
            (None, _) | (Some(_), Decision::Create) => Action::Create(row.patch),
            (
                Some(RowMatch {
                    with: MatchedWith::Record(id),
                    ..
                }),
                Decision::Update,
            ) => Action::Update(id, row.patch),
            _ => {
                skipped += 1;
                continue;
            }
        };
        // A matched row was checked as an update; creating it needs the required fields.
        if let Action::Create(patch) = &action
            && row.matched.is_some()
            && let Err(e) = validate::validate(kind, patch, Mode::Create)
        {
            errors.push(RowIssue {
                line: row.line,
                column: None,
                message: e.to_string(),
                warning: false,
            });
            continue;
        }
        actions.push(action);
    }

    let mut record = ImportRecord {
        id: uuid::Uuid::new_v4().to_string(),
        kind,
        created: 0,
        updated: 0,
        complete: false,
        undone: false,
        archive: None,
    };
    save_header(replica, &record)?;
    let total = actions.len();
    progress(ImportProgress { done: 0, total });
    let mut done = 0;
    let mut pending = actions.into_iter().peekable();
    let mut batch_no = 0;
    while pending.peek().is_some() {
        let chunk: Vec<Action> = pending.by_ref().take(options.batch.max(1)).collect();
        let count = chunk.len();
        let log = replica.write(|b| write_batch(b, kind, chunk, &dates))?;
        skipped += count - log.created.len() - log.updated.len();
        record.created += log.created.len();
        record.updated += log.updated.len();
        save_batch(replica, &record.id, batch_no, &log)?;
        save_header(replica, &record)?;
        batch_no += 1;
        done += count;
        progress(ImportProgress { done, total });
    }
    record.complete = true;
    save_header(replica, &record)?;
    errors.sort_by_key(|e| e.line);
    Ok(ImportReport {
        import: record.id,
        created: record.created,
        updated: record.updated,
        skipped,
        errors,
        warnings,
    })
}

fn write_batch(
    b: &mut Batch<'_>,
    kind: Kind,
    chunk: Vec<Action>,
    dates: &BTreeSet<RecordId>,
) -> crate::Result<BatchLog> {
    let mut creates = Vec::new();
    let mut updates = Vec::new();
    for action in chunk {
        match action {
            Action::Create(p) => creates.push(p),
            Action::Update(id, p) => updates.push((id, p)),
        }
    }
    let mut log = BatchLog {
        created: b.create_many(kind, &creates)?,
        updated: Vec::new(),
    };
    for (id, patch) in updates {
        let mut current = b.get(id)?;
        typed_dates(&mut current, dates);
        let written = changes(&current, patch);
        if written.is_empty() {
            continue;
        }
        let previous = previous_values(&current, &written);
        b.update(id, &written)?;
        log.updated.push(Updated {
            id,
            previous,
            written,
        });
    }
    Ok(log)
}

/// The part of `patch` that changes `current`: lists gain the new entries, equal values drop.
fn changes(current: &Record, patch: Patch) -> Patch {
    let mut out = Patch::new();
    for (key, value) in patch.fields {
        let Some(value) = value else { continue };
        let is_list = schema::field_spec(current.kind, &key)
            .is_some_and(|s| matches!(s.ty, FieldType::Emails | FieldType::Phones));
        let value = match (is_list, current.get(&key), value) {
            (true, Some(Value::List(have)), Value::List(new)) => {
                let mut all = have.clone();
                for item in new {
                    if !all.iter().any(|h| h.eq_ignore_ascii_case(&item)) {
                        all.push(item);
                    }
                }
                Value::List(all)
            }
            (_, _, v) => v,
        };
        if current.get(&key) != Some(&value) {
            out.fields.insert(key, Some(value));
        }
    }
    for (id, value) in patch.custom {
        if value.is_some() && current.custom.get(&id).map(|f| &f.value) != value.as_ref() {
            out.custom.insert(id, value);
        }
    }
    out
}

/// The values `current` has for every key `written` names (`None`: it had none).
fn previous_values(current: &Record, written: &Patch) -> Patch {
    Patch {
        fields: written
            .fields
            .keys()
            .map(|k| (k.clone(), current.get(k).cloned()))
            .collect(),
        custom: written
            .custom
            .keys()
            .map(|id| (*id, current.custom.get(id).map(|f| f.value.clone())))
            .collect(),
    }
}
