//! Locates the workspace and the cargo to drive, so every command runs from the root.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root: xtask lives one level below it.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask's manifest directory has a parent")
}

/// The folder holding `results.json`, where `cargo xtask bench` records its figures.
pub fn bench_dir() -> PathBuf {
    root().join("bench")
}

/// A cargo command started at the workspace root, using the same cargo that runs xtask.
pub fn cargo<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    let program = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(program);
    command
        .args(args.into_iter().map(Into::into))
        .current_dir(root());
    command
}
