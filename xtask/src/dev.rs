//! `cargo xtask dev`: installs what a fresh Debian/Ubuntu machine lacks, builds the UI, the
//! server and the app, starts the sync server on 127.0.0.1:8787 with embedded SQLite and a
//! seeded demo account (kept in `target/dev`, seeded once), and opens the app signed in to
//! it. Closing the window stops the server.

use std::process::Command;

use anyhow::{Context, Result};

use crate::server::Server;
use crate::{demo, e2e, setup, ui, workspace};

const PORT: u16 = 8787;

pub fn run() -> Result<()> {
    setup::ensure_packages(false)?;
    ui::build()?;
    e2e::build_binaries()?;
    let root = workspace::root();
    let dev = root.join("target/dev");
    let server_dir = dev.join("server");
    let server = Server::start(&server_dir, PORT)
        .with_context(|| format!("is port {PORT} taken by another server?"))?;
    println!(
        "sync server: {} (data in {})",
        server.url,
        server_dir.display()
    );
    demo::seed(&server.url, &server_dir, false)?;
    println!("demo account: {} / {}", demo::EMAIL, demo::PASSWORD);
    let status = Command::new(root.join("target/debug/localspace-desktop"))
        .env("LOCALSPACE_SERVER_URL", &server.url)
        .env("LOCALSPACE_APP_DATA_DIR", dev.join("app"))
        .env("LOCALSPACE_DEMO_EMAIL", demo::EMAIL)
        .env("LOCALSPACE_DEMO_PASSWORD", demo::PASSWORD)
        .status()
        .context("starting the desktop app")?;
    println!("the app exited ({status}); stopping the server");
    drop(server);
    Ok(())
}
