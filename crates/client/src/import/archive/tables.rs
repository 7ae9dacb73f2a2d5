//! The archive's CSV files read into rows: the custom field definitions first (they give the
//! custom columns of the other files), then every record file through the shared column
//! layout, the deal lines, the pipeline stages and the coworkers. A missing file, a header
//! that does not fit or a cell that is not its column's type refuses the whole archive.

use std::collections::BTreeMap;

use localspace_core::archive::cells::read_money;
use localspace_core::archive::columns::{CustomColumn, Layout, RowRead};
use localspace_core::archive::{
    ARCHIVE_PATH, COWORKER_COLUMNS, COWORKERS, LINE_COLUMNS, LINES, RECORD_FILES, STAGE_COLUMNS,
    STAGES,
};
use localspace_core::{Kind, Line, RecordId, Stage, Value};
use uuid::Uuid;

use super::error::{ArchiveError, ArchiveResult};
use super::read::Raw;

/// A user of the exporting account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Coworker {
    pub id: Uuid,
    pub email: String,
}

/// An archive's tables, read and checked.
#[derive(Debug, Default)]
pub(super) struct Tables {
    pub coworkers: Vec<Coworker>,
    /// Rows of every record file, in the order of [`RECORD_FILES`].
    pub records: Vec<(Kind, Vec<RowRead>)>,
    /// Stages by pipeline id.
    pub stages: BTreeMap<Uuid, Vec<Stage>>,
    /// Revenue and cost lines by deal id.
    pub revenues: BTreeMap<Uuid, Vec<Line>>,
    pub costs: BTreeMap<Uuid, Vec<Line>>,
}

struct Csv {
    file: &'static str,
    header: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

fn bad_csv(file: &str, line: u64, reason: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::BadCsv {
        file: file.to_owned(),
        line,
        reason: reason.to_string(),
    }
}

fn bad_header(file: &str, reason: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::BadHeader {
        file: file.to_owned(),
        reason: reason.to_string(),
    }
}

fn parse(raw: &Raw, file: &'static str) -> ArchiveResult<Csv> {
    let bytes = raw.tables.get(file).ok_or(ArchiveError::Missing(file))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let header = reader
        .headers()
        .map_err(|e| bad_csv(file, 1, e))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad_csv(file, line, e)
        })?;
        let line = row.position().map_or(0, |p| p.line());
        rows.push((line, row));
    }
    Ok(Csv { file, header, rows })
}

/// A side file's header must be exactly the one the export writes.
fn exact(csv: &Csv, want: &[&str]) -> ArchiveResult<()> {
    if csv
        .header
        .iter()
        .map(String::as_str)
        .ne(want.iter().copied())
    {
        return Err(bad_header(csv.file, format!("expected {}", want.join(","))));
    }
    Ok(())
}

fn records(csv: &Csv, layout: &Layout, extra: &[&str]) -> ArchiveResult<Vec<RowRead>> {
    let reader = layout
        .reader(&csv.header, extra)
        .map_err(|e| bad_header(csv.file, e))?;
    csv.rows
        .iter()
        .map(|(line, row)| {
            let cells: Vec<&str> = row.iter().collect();
            reader.read(&cells).map_err(|e| bad_csv(csv.file, *line, e))
        })
        .collect()
}

fn text(row: &RowRead, key: &str) -> String {
    match row.fields.get(key) {
        Some(Value::Text(s) | Value::LongText(s)) => s.clone(),
        _ => String::new(),
    }
}

/// The live custom field definitions of the archive, as columns by target kind.
fn custom_columns(definitions: &[RowRead]) -> Vec<(Kind, CustomColumn)> {
    definitions
        .iter()
        .filter(|d| d.deleted_at.is_none())
        .filter_map(|d| {
            let target = text(d, "target").parse().ok()?;
            Some((
                target,
                CustomColumn {
                    id: d.id,
                    key: text(d, "key"),
                    label: text(d, "label"),
                    field_type: text(d, "field_type"),
                },
            ))
        })
        .collect()
}

fn number<T: std::str::FromStr>(file: &str, line: u64, column: &str, s: &str) -> ArchiveResult<T> {
    s.parse()
        .map_err(|_| bad_csv(file, line, format!("`{column}` is not a number: `{s}`")))
}

fn id(file: &str, line: u64, column: &str, s: &str) -> ArchiveResult<Uuid> {
    Uuid::parse_str(s).map_err(|_| bad_csv(file, line, format!("`{column}` is not an id: `{s}`")))
}

/// Reads every table of an archive.
pub(super) fn read_tables(raw: &Raw) -> ArchiveResult<Tables> {
    let mut tables = Tables::default();
    let coworkers = parse(raw, COWORKERS)?;
    exact(&coworkers, &COWORKER_COLUMNS)?;
    for (line, row) in &coworkers.rows {
        tables.coworkers.push(Coworker {
            id: id(COWORKERS, *line, "id", &row[0])?,
            email: row[2].to_owned(),
        });
    }

    let (_, definitions_file) = RECORD_FILES[0];
    let definitions = records(
        &parse(raw, definitions_file)?,
        &Layout {
            kind: Kind::CustomField,
            custom: Vec::new(),
        },
        &[],
    )?;
    let custom = custom_columns(&definitions);
    tables.records.push((Kind::CustomField, definitions));
    for (kind, file) in RECORD_FILES.into_iter().skip(1) {
        let layout = Layout {
            kind,
            custom: custom
                .iter()
                .filter(|(target, _)| *target == kind)
                .map(|(_, c)| c.clone())
                .collect(),
        };
        let extra: &[&str] = if kind == Kind::File {
            &[ARCHIVE_PATH]
        } else {
            &[]
        };
        let rows = records(&parse(raw, file)?, &layout, extra)?;
        tables.records.push((kind, rows));
    }

    let stages = parse(raw, STAGES)?;
    exact(&stages, &STAGE_COLUMNS)?;
    for (line, row) in &stages.rows {
        let pipeline = id(STAGES, *line, "pipeline_id", &row[1])?;
        tables.stages.entry(pipeline).or_default().push(Stage {
            id: RecordId(id(STAGES, *line, "id", &row[0])?),
            name: row[2].to_owned(),
            position: number(STAGES, *line, "position", &row[3])?,
            probability: number(STAGES, *line, "probability", &row[4])?,
        });
    }

    let lines = parse(raw, LINES)?;
    exact(&lines, &LINE_COLUMNS)?;
    for (line, row) in &lines.rows {
        let deal = id(LINES, *line, "deal_id", &row[1])?;
        let unit_price = match read_money(&row[5], &row[6]) {
            Ok(Some(Value::Money(m))) => m,
            Ok(_) => return Err(bad_csv(LINES, *line, "`unit_price` is empty")),
            Err(e) => return Err(bad_csv(LINES, *line, e)),
        };
        let item = Line {
            id: RecordId(id(LINES, *line, "id", &row[0])?),
            name: row[3].to_owned(),
            quantity: number(LINES, *line, "quantity", &row[4])?,
            unit_price,
            position: number(LINES, *line, "position", &row[8])?,
        };
        let into = match &row[2] {
            "revenue" => &mut tables.revenues,
            "cost" => &mut tables.costs,
            other => {
                return Err(bad_csv(
                    LINES,
                    *line,
                    format!("`type` is `{other}`, not revenue or cost"),
                ));
            }
        };
        into.entry(deal).or_default().push(item);
    }
    Ok(tables)
}
