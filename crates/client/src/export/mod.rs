//! Basic export of a list (people, companies, deals, coworkers) to an XLSX file, from the
//! local replica alone, so it works offline. Every column the list can show is written,
//! custom fields included; money and dates are real spreadsheet numbers with number formats.

mod cell;
mod columns;
mod definitions;
mod error;
mod sheet;
mod write;

pub use cell::Cell;
pub(crate) use cell::date_from_serial;
pub use columns::Language;
pub use definitions::CustomDefinition;
pub(crate) use definitions::{date_fields, definitions, record_id_at, typed_dates};
pub use error::{ExportError, ExportResult};
pub(crate) use write::cached_coworkers;
pub use write::{ExportList, ExportProgress, ExportSummary, export_xlsx};
