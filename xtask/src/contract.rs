//! `cargo xtask contract`: rewrites `ui/src/platform/contract.ts` from the Rust types (the
//! test that otherwise fails on a difference writes the file when asked to).

use anyhow::Result;

use crate::{shell, workspace};

pub fn run() -> Result<()> {
    let mut command = workspace::cargo([
        "test",
        "-p",
        "localspace-client",
        "--lib",
        "app::typescript::tests::committed_contract_matches_the_rust_types",
    ]);
    command.env("LOCALSPACE_WRITE_CONTRACT", "1");
    shell::run(&mut command)
}
