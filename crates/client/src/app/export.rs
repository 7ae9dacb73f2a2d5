//! The lists' Export button: the people, companies or deals list exactly as on screen (its
//! filter, sort and direction), or the coworkers, to an XLSX file the user chose. It reads
//! the local replica only, so it works offline and on a blocked (read-only) account, and it
//! reports rows written as `export` events for the progress bar.

use std::path::Path;

use localspace_core::Kind;

use super::App;
use super::contract::{AppEvent, ExportDone, ExportListName, ExportRequest, Locale, Progress};
use super::error::AppResult;
use crate::export::{ExportList, Language, export_xlsx};
use crate::query::ListQuery;

impl App {
    /// Writes the list to `req.path`; a failed export leaves no file behind.
    /// Refused with `export_disabled` for users and managers when an admin switched list
    /// export off (admins always may).
    pub fn export_list(&self, req: ExportRequest) -> AppResult<ExportDone> {
        self.check_basic_export()?;
        let replica = self.replica()?;
        let list = match req.list {
            ExportListName::Coworkers => ExportList::Coworkers,
            ExportListName::People => records(Kind::Person, &req),
            ExportListName::Companies => records(Kind::Company, &req),
            ExportListName::Deals => records(Kind::Deal, &req),
        };
        let path = Path::new(&req.path);
        let summary = export_xlsx(&replica, &list, language(req.locale), path, &mut |p| {
            self.emit(AppEvent::Export {
                progress: Progress {
                    done: u32::try_from(p.done).unwrap_or(u32::MAX),
                    total: u32::try_from(p.total).unwrap_or(u32::MAX),
                },
            });
        })?;
        Ok(ExportDone {
            path: req.path,
            rows: u32::try_from(summary.rows).unwrap_or(u32::MAX),
            columns: u32::try_from(summary.columns.len()).unwrap_or(u32::MAX),
        })
    }
}

fn records(kind: Kind, req: &ExportRequest) -> ExportList {
    ExportList::Records(Box::new(ListQuery {
        kind,
        filter: req.filter.clone(),
        sort: req.sort,
        descending: req.descending,
        after: None,
        offset: 0,
        limit: 0,
    }))
}

/// The export's language follows the interface's.
pub(super) fn language(locale: Locale) -> Language {
    match locale {
        Locale::Pl => Language::Polish,
        Locale::En => Language::English,
    }
}
