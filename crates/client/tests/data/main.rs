//! Integration tests of data ownership: XLSX export read back by a real reader. Real SQLite
//! files in temp dirs, an injected clock.

mod export;
mod support;
