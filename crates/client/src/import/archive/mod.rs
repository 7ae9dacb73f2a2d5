//! Import of an advanced-export archive (the server's tar.gz of CSV files and file bytes)
//! into the account: every record is created again under a new id with its links, custom
//! values, revenue and cost lines, stages, trash state and files, and the whole import can
//! be undone with [`crate::import::undo_import`].
//!
//! ```text
//! let mut run = ArchiveRun::start(&replica, path, scratch, &users, Limits::default(), &mut |_| {})?;
//! for file in run.pending_files() {
//!     // upload file.path as file.id through the app's upload path, then:
//!     run.attach(&replica, file.id, &hash, size, &mut |_| {})?;
//! }
//! let report = run.finish(&replica, &mut |_| {})?;
//! ```

mod error;
mod plan;
mod read;
mod run;
mod tables;

pub use error::{ArchiveError, ArchiveResult};
pub use plan::{AccountUsers, ExistingDefinition};
pub use read::Limits;
pub use run::{ArchiveReport, ArchiveRun, KindCount, PendingFile};
