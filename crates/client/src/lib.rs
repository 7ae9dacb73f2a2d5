//! The device side of Localspace: the local replica — one SQLite file holding every record's
//! automerge document plus typed projections for fast lists, search and summaries — and
//! (with the sync issue) the engine that exchanges changes with the server.
//!
//! The replica is headless: tests, benchmarks, a CLI and the desktop app all use this API.

pub mod api;
pub mod app;
pub mod duplicates;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod query;
pub mod replica;
pub mod sync;

pub use error::{Error, Result};
pub use replica::Replica;
