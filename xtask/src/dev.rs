//! `cargo xtask dev`: will start the desktop app against a local sync server.

use anyhow::{Result, bail};

pub fn run() -> Result<()> {
    bail!(
        "`cargo xtask dev` cannot run yet: the desktop app and the sync server arrive with \
         later issues"
    )
}
