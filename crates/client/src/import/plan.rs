//! Planning an import: every row converted, validated and matched against the replica (and
//! against earlier rows of the same file) before anything is written. The preview shows the
//! first rows of the plan; running the import carries the whole plan out.

use std::collections::HashMap;

use localspace_core::validate::{self, Mode};
use localspace_core::{Kind, Patch, RecordId, Value};
use serde::{Deserialize, Serialize};

use super::convert::{Context, RowIssue, convert};
use super::error::{ImportError, ImportResult};
use super::mapping::{Mapping, Target, importable};
use super::source::{SourceFormat, Table};
use crate::Replica;
use crate::duplicates::{Index, MatchRule, scan};
use crate::export::{CustomDefinition, definitions};

/// What a row matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "with", content = "id", rename_all = "snake_case")]
pub enum MatchedWith {
    /// A record already in the replica.
    Record(RecordId),
    /// An earlier row of the same file (its line).
    Row(usize),
}

/// A likely duplicate found for a row, and by which rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RowMatch {
    pub with: MatchedWith,
    pub rule: MatchRule,
}

/// One planned row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PlannedRow {
    pub line: usize,
    pub patch: Patch,
    pub matched: Option<RowMatch>,
    /// The row cannot be imported (an error among `issues`).
    pub failed: bool,
}

/// Every row of a file, planned.
#[derive(Debug)]
pub(crate) struct Plan {
    pub rows: Vec<PlannedRow>,
    pub issues: Vec<RowIssue>,
}

/// The first rows of a planned import, for the user to check the mapping and choose what
/// happens to each duplicate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Preview {
    pub format: SourceFormat,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    /// Data rows in the file.
    pub total_rows: usize,
    /// Rows of the whole file that match a record or an earlier row.
    pub matched: usize,
    /// Rows of the whole file that cannot be imported.
    pub failed: usize,
    pub rows: Vec<PreviewRow>,
}

/// One row of the preview: what it would write and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PreviewRow {
    pub line: usize,
    pub patch: Patch,
    pub matched: Option<RowMatch>,
    pub issues: Vec<RowIssue>,
}

/// Plans the import and returns its first `limit` rows with their problems and matches.
pub fn preview(
    replica: &Replica,
    table: &Table,
    kind: Kind,
    mapping: &Mapping,
    limit: usize,
) -> ImportResult<Preview> {
    let plan = plan(replica, table, kind, mapping)?;
    let rows = plan
        .rows
        .iter()
        .take(limit)
        .map(|r| PreviewRow {
            line: r.line,
            patch: r.patch.clone(),
            matched: r.matched,
            issues: plan
                .issues
                .iter()
                .filter(|i| i.line == r.line)
                .cloned()
                .collect(),
        })
        .collect();
    Ok(Preview {
        format: table.format.clone(),
        headers: table.headers.clone(),
        mapping: mapping.clone(),
        total_rows: table.rows.len(),
        matched: plan.rows.iter().filter(|r| r.matched.is_some()).count(),
        failed: plan.rows.iter().filter(|r| r.failed).count(),
        rows,
    })
}

/// The mapping suggested for a file's headers, with this account's custom fields.
pub fn suggest_mapping(replica: &Replica, table: &Table, kind: Kind) -> ImportResult<Mapping> {
    check_kind(kind)?;
    let custom = definitions(&replica.lock(), kind)?;
    Ok(super::mapping::suggest(kind, &table.headers, &custom))
}

fn check_kind(kind: Kind) -> ImportResult<()> {
    if matches!(kind, Kind::Person | Kind::Company) {
        Ok(())
    } else {
        Err(ImportError::UnsupportedKind(kind))
    }
}

/// Plans every row: convert, validate, match.
pub(crate) fn plan(
    replica: &Replica,
    table: &Table,
    kind: Kind,
    mapping: &Mapping,
) -> ImportResult<Plan> {
    check_kind(kind)?;
    if mapping.columns.len() != table.headers.len() {
        return Err(ImportError::MappingMismatch {
            mapped: mapping.columns.len(),
            columns: table.headers.len(),
        });
    }
    let (custom, existing, companies) = {
        let conn = replica.lock();
        let custom = definitions(&conn, kind)?;
        let existing = Index::new(&scan(&conn, kind)?);
        let companies = if kind == Kind::Person {
            Index::new(&scan(&conn, Kind::Company)?)
        } else {
            Index::default()
        };
        (custom, existing, companies)
    };
    check_targets(kind, mapping, &custom)?;
    let coworkers = crate::export::cached_coworkers(replica)?;
    let users = coworkers
        .iter()
        .flat_map(|u| {
            [
                (localspace_core::text::fold(&u.name), u.id.0),
                (u.email.to_lowercase(), u.id.0),
            ]
        })
        .collect();
    let ctx = Context {
        kind,
        headers: &table.headers,
        custom: custom.iter().map(|d| (d.id, d)).collect(),
        companies: if kind == Kind::Person {
            &companies
        } else {
            &existing
        },
        users,
    };
    let mut issues = Vec::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut in_file: HashMap<(MatchRule, String), usize> = HashMap::new();
    let mut claimed: HashMap<RecordId, usize> = HashMap::new();
    for (i, cells) in table.rows.iter().enumerate() {
        let line = Table::line_of(i);
        let before = issues.len();
        let patch = convert(&ctx, &mapping.columns, cells, line, &mut issues);
        let keys = row_keys(kind, &patch);
        let mut matched = existing.find(kind, &keys).map(|(id, rule)| RowMatch {
            with: MatchedWith::Record(id),
            rule,
        });
        // A record claimed by an earlier row, or a key an earlier row holds: this row
        // repeats that row.
        if let Some(RowMatch {
            with: MatchedWith::Record(id),
            rule,
        }) = matched
            && let Some(&first) = claimed.get(&id)
        {
            matched = Some(RowMatch {
                with: MatchedWith::Row(first),
                rule,
            });
        }
        if matched.is_none() {
            matched = MatchRule::ordered(kind)
                .iter()
                .find_map(|rule| {
                    keys.iter()
                        .filter(|(r, _)| r == rule)
                        .find_map(|k| in_file.get(k).map(|l| (*l, *rule)))
                })
                .map(|(l, rule)| RowMatch {
                    with: MatchedWith::Row(l),
                    rule,
                });
        }
        let mode = match matched {
            Some(RowMatch {
                with: MatchedWith::Record(_),
                ..
            }) => Mode::Update,
            _ => Mode::Create,
        };
        if let Err(e) = validate::validate(kind, &patch, mode) {
            issues.push(RowIssue {
                line,
                column: None,
                message: e.to_string(),
                warning: false,
            });
        }
        let failed = issues[before..].iter().any(|i| !i.warning);
        if !failed {
            match matched {
                Some(RowMatch {
                    with: MatchedWith::Record(id),
                    ..
                }) => {
                    claimed.insert(id, line);
                }
                Some(_) => {}
                None => {
                    for key in keys {
                        in_file.entry(key).or_insert(line);
                    }
                }
            }
        }
        rows.push(PlannedRow {
            line,
            patch,
            matched,
            failed,
        });
    }
    Ok(Plan { rows, issues })
}

fn check_targets(kind: Kind, mapping: &Mapping, custom: &[CustomDefinition]) -> ImportResult<()> {
    for (column, target) in mapping.columns.iter().enumerate() {
        let ok = match target {
            Target::Ignore => true,
            Target::Field(key) => importable(kind, key),
            Target::Custom(id) => custom.iter().any(|d| d.id == *id),
        };
        if !ok {
            return Err(ImportError::UnknownTarget {
                column,
                target: match target {
                    Target::Field(k) => k.clone(),
                    other => format!("{other:?}"),
                },
                kind,
            });
        }
    }
    Ok(())
}

/// The match keys of a planned row.
pub(crate) fn row_keys(kind: Kind, patch: &Patch) -> Vec<(MatchRule, String)> {
    let text = |key: &str| match patch.fields.get(key) {
        Some(Some(Value::Text(s))) => s.as_str(),
        _ => "",
    };
    match kind {
        Kind::Company => crate::duplicates::company_keys(text("name"), text("nip"), text("regon")),
        _ => {
            let company = match patch.fields.get("company") {
                Some(Some(Value::Ref(id))) => Some(RecordId(*id)),
                _ => None,
            };
            let emails: Vec<&str> = match patch.fields.get("emails") {
                Some(Some(Value::List(items))) => items.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            };
            crate::duplicates::person_keys(text("first_name"), text("last_name"), company, emails)
        }
    }
}
