//! `cargo xtask dev`: will start the desktop app against a local sync server.

use anyhow::{Result, bail};

pub fn run() -> Result<()> {
    bail!(
        "`cargo xtask dev` cannot run yet: the desktop app arrives with its own issue. \
         The sync server runs on its own with `cargo run -p localspace-server` \
         (see docs/api.md for its configuration)"
    )
}
