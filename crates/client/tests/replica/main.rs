//! Integration tests of the local replica: real SQLite files in temp dirs, an injected clock.

mod basics;
mod merge;
mod queries;
mod robustness;
mod support;
mod sync_api;
