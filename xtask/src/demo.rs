//! The demo account `dev` and `e2e` sign in to, seeded by the `localspace-demo` binary
//! (idempotent: an account that already holds records is left as it is).

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::{shell, workspace};

pub const EMAIL: &str = "demo@localspace.test";
pub const PASSWORD: &str = "Zielony-Ogórek-2026";

/// Seeds the account on `server_url`; `small` for tests, the full demo otherwise.
pub fn seed(server_url: &str, server_dir: &Path, small: bool) -> Result<()> {
    let binary = workspace::root().join("target/debug/localspace-demo");
    let mut command = Command::new(binary);
    command
        .args([
            "--server",
            server_url,
            "--email",
            EMAIL,
            "--password",
            PASSWORD,
        ])
        .arg("--outbox")
        .arg(server_dir.join("outbox"))
        .arg("--scratch")
        .arg(server_dir.join("seed"));
    if small {
        command.arg("--small");
    }
    shell::run(&mut command)
}
