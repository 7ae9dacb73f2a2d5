//! `export_xlsx`: streams a list from the replica's projections into a worksheet page by
//! page (keyset paging, the list's own filter and sort), reporting progress as it goes.

use std::path::Path;

use localspace_core::Kind;
use localspace_core::api::UserView;
use rust_xlsxwriter::Workbook;

use super::cell::Cell;
use super::columns::{
    Language, Names, all_headers, company_cells, coworker_cells, custom_cells, deal_cells,
    person_cells,
};
use super::definitions::{CustomDefinition, definitions, record_id_at};
use super::error::{ExportError, ExportResult};
use super::sheet::{Formats, add_sheet, write_row};
use crate::Replica;
use crate::query::{ListQuery, Row};

/// Rows read from the replica per page.
const PAGE: usize = 2_000;
/// Data rows a worksheet holds (one row is the header).
const MAX_ROWS: u64 = 1_048_575;
/// Where the app caches the coworker list (see `app::session`).
const COWORKERS_KEY: &str = "app.coworkers";

/// Which list to export.
#[derive(Clone, Debug)]
pub enum ExportList {
    /// People, companies or deals as a list query shows them (its filter, sort and
    /// direction; its paging fields are ignored: the whole list is exported).
    Records(Box<ListQuery>),
    /// The account's coworkers as last cached from the server.
    Coworkers,
}

/// How far an export is: rows written out of the list's total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportProgress {
    pub done: u64,
    pub total: u64,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSummary {
    pub rows: u64,
    /// Header of every column, in order.
    pub columns: Vec<String>,
}

/// Exports a list to an XLSX file at `path`. The file is written beside `path` first and
/// moved into place when complete, so a failed export never leaves half a file.
pub fn export_xlsx(
    replica: &Replica,
    list: &ExportList,
    language: Language,
    path: &Path,
    progress: &mut dyn FnMut(ExportProgress),
) -> ExportResult<ExportSummary> {
    let partial = path.with_extension("xlsx.part");
    let result = write_file(replica, list, language, &partial, progress).and_then(|summary| {
        std::fs::rename(&partial, path)?;
        Ok(summary)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

fn write_file(
    replica: &Replica,
    list: &ExportList,
    language: Language,
    path: &Path,
    progress: &mut dyn FnMut(ExportProgress),
) -> ExportResult<ExportSummary> {
    let mut workbook = Workbook::new();
    let mut formats = Formats::new();
    let coworkers = cached_coworkers(replica)?;
    let summary = match list {
        ExportList::Coworkers => {
            let columns = all_headers(None, &[], language);
            let sheet = add_sheet(
                &mut workbook,
                sheet_name(None, language),
                &columns,
                &formats,
            )?;
            let total = coworkers.len() as u64;
            for (i, user) in coworkers.iter().enumerate() {
                write_row(sheet, i as u32 + 1, coworker_cells(user), &mut formats)?;
            }
            progress(ExportProgress { done: total, total });
            ExportSummary {
                rows: total,
                columns,
            }
        }
        ExportList::Records(query) => {
            let kind = query.kind;
            if !matches!(kind, Kind::Person | Kind::Company | Kind::Deal) {
                return Err(ExportError::UnsupportedKind(kind));
            }
            let total = replica.count(kind, &query.filter)?;
            if total > MAX_ROWS {
                return Err(ExportError::TooManyRows { rows: total });
            }
            let (custom, names) = {
                let conn = replica.lock();
                (definitions(&conn, kind)?, names(&conn, kind, &coworkers)?)
            };
            let columns = all_headers(Some(kind), &custom, language);
            let sheet = add_sheet(
                &mut workbook,
                sheet_name(Some(kind), language),
                &columns,
                &formats,
            )?;
            let mut page_query = ListQuery {
                after: None,
                offset: 0,
                limit: PAGE,
                ..(**query).clone()
            };
            let mut done = 0u64;
            progress(ExportProgress { done, total });
            loop {
                let page = replica.list(&page_query)?;
                for row in &page.rows {
                    done += 1;
                    let cells = row_cells(row, &names, &custom);
                    write_row(sheet, done as u32, cells, &mut formats)?;
                }
                progress(ExportProgress {
                    done,
                    total: total.max(done),
                });
                match page.next {
                    Some(next) if done < MAX_ROWS => page_query.after = Some(next),
                    _ => break,
                }
            }
            ExportSummary {
                rows: done,
                columns,
            }
        }
    };
    workbook.save(path)?;
    Ok(summary)
}

fn row_cells(row: &Row, names: &Names, custom: &[CustomDefinition]) -> Vec<Cell> {
    let (mut cells, json) = match row {
        Row::Person(r) => (person_cells(r, names), r.custom.as_deref()),
        Row::Company(r) => (company_cells(r, names), r.custom.as_deref()),
        Row::Deal(r) => (deal_cells(r, names), r.custom.as_deref()),
        Row::Task(_) | Row::Other(_) => (Vec::new(), None),
    };
    cells.extend(custom_cells(json, custom));
    cells
}

fn sheet_name(kind: Option<Kind>, language: Language) -> &'static str {
    let (pl, en) = match kind {
        Some(Kind::Person) => ("Osoby", "People"),
        Some(Kind::Company) => ("Firmy", "Companies"),
        Some(Kind::Deal) => ("Szanse sprzedaży", "Deals"),
        _ => ("Współpracownicy", "Coworkers"),
    };
    match language {
        Language::Polish => pl,
        Language::English => en,
    }
}

/// The coworker list the app last cached (empty before the first sign-in online).
pub(crate) fn cached_coworkers(replica: &Replica) -> crate::Result<Vec<UserView>> {
    Ok(replica
        .sync_state(COWORKERS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

fn names(conn: &rusqlite::Connection, kind: Kind, coworkers: &[UserView]) -> crate::Result<Names> {
    let mut names = Names {
        users: coworkers.iter().map(|u| (u.id.0, u.name.clone())).collect(),
        ..Names::default()
    };
    match kind {
        Kind::Deal => {
            let mut stmt =
                conn.prepare("SELECT d.id, p.name FROM pipelines p JOIN docs d ON d.n = p.n")?;
            let rows = stmt.query_map([], |r| {
                Ok((record_id_at(r, 0)?, r.get::<_, Option<String>>(1)?))
            })?;
            for row in rows {
                let (id, name) = row?;
                names.pipelines.insert(id, name.unwrap_or_default());
            }
            let mut stmt = conn.prepare(
                "SELECT d.id, s.stage, s.name FROM stages s JOIN docs d ON d.n = s.pipeline",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((record_id_at(r, 0)?, r.get::<_, String>(1)?, r.get(2)?))
            })?;
            for row in rows {
                let (pipeline, stage, name) = row?;
                names.stages.insert((pipeline, stage), name);
            }
        }
        Kind::Company => {
            let mut stmt = conn.prepare(
                "SELECT d.id, c.regon, c.website FROM companies c JOIN docs d ON d.n = c.n
                 WHERE c.regon IS NOT NULL OR c.website IS NOT NULL",
            )?;
            let rows = stmt.query_map([], |r| Ok((record_id_at(r, 0)?, r.get(1)?, r.get(2)?)))?;
            for row in rows {
                let (id, regon, website) = row?;
                names.company_extra.insert(id, (regon, website));
            }
        }
        _ => {}
    }
    Ok(names)
}
