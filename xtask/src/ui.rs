//! The React UI: its npm packages, type check, component tests and production build (the
//! desktop binary embeds `ui/dist`, so the build comes before any Rust build of the app).

use std::path::PathBuf;
use std::process::Command;

use anyhow::Result;

use crate::{setup, shell, workspace};

pub fn dir() -> PathBuf {
    workspace::root().join("ui")
}

fn npm(script: &str) -> Result<()> {
    setup::ensure_npm(&dir())?;
    shell::run(Command::new("npm").args(["run", script]).current_dir(dir()))
}

/// `tsc -b` and `vite build` into `ui/dist`.
pub fn build() -> Result<()> {
    npm("build")
}

/// The component tests (Vitest, against the in-memory platform).
pub fn test() -> Result<()> {
    npm("test")
}
