//! Import of people and companies from CSV and XLSX into the local replica: read the file
//! (encoding and delimiter found, garbage refused with a typed error), map its columns to
//! fields and custom fields, preview the first rows with their problems and duplicate
//! matches, run it in batches with a decision per match (skip, update, create), and undo a
//! whole import later.
//!
//! ```text
//! let table = read_file(path)?;
//! let mapping = suggest_mapping(&replica, &table, Kind::Person)?;
//! let preview = preview(&replica, &table, Kind::Person, &mapping, 20)?;
//! let report = run_import(&replica, &table, Kind::Person, &mapping, &options, &mut |_| {})?;
//! undo_import(&replica, &report.import)?;
//! ```

mod apply;
pub mod archive;
mod convert;
mod error;
mod log;
mod mapping;
mod plan;
mod source;
mod undo;

pub use apply::{Decision, ImportOptions, ImportProgress, ImportReport, run_import};
pub use convert::RowIssue;
pub use error::{ImportError, ImportResult};
pub use log::{ImportRecord, import_record, imports};
pub use mapping::{Mapping, Target, importable_fields};
pub use plan::{MatchedWith, Preview, PreviewRow, RowMatch, preview, suggest_mapping};
pub use source::{MAX_FILE_BYTES, RawCell, SourceFormat, Table, read_file, read_table};
pub use undo::{UndoReport, undo_import};
