//! Integration tests of data ownership: XLSX export read back by a real reader, CSV and XLSX
//! import with duplicate matching and undo, duplicate merging. Real SQLite files in temp dirs,
//! an injected clock.

mod app;
mod duplicates;
mod export;
mod import;
mod support;
