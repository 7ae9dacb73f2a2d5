//! `cargo xtask e2e`: the desktop app as a person uses it. A real server on a free loopback
//! port with a seeded account, the debug app in WebKitGTK under Xvfb through tauri-driver,
//! a throwaway D-Bus session with an unlocked Secret Service keychain, and a WebdriverIO
//! script (`tests/desktop/e2e.mjs`) that clicks and types. Screenshots land in
//! `target/e2e/screenshots` (kept by CI as artifacts).

use std::process::Command;

use anyhow::Result;

use crate::server::{Server, free_port};
use crate::{demo, setup, shell, ui, workspace};

pub fn run() -> Result<()> {
    setup::ensure_packages(true)?;
    setup::ensure_tauri_driver()?;
    ui::build()?;
    build_binaries()?;
    run_built()
}

/// The app, the server and the seeder, in one cargo call.
pub fn build_binaries() -> Result<()> {
    shell::run(&mut workspace::cargo([
        "build",
        "--locked",
        "-p",
        "localspace-desktop",
        "-p",
        "localspace-server",
        "-p",
        "localspace-demo",
    ]))
}

/// Runs the scenario against binaries already built.
pub fn run_built() -> Result<()> {
    let root = workspace::root();
    let scratch = root.join("target/e2e");
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)?;
    }
    let server_dir = scratch.join("server");
    let server = Server::start(&server_dir, free_port()?)?;
    demo::seed(&server.url, &server_dir, true)?;
    let desktop = root.join("tests/desktop");
    setup::ensure_npm(&desktop)?;
    shell::run(
        Command::new("dbus-run-session")
            .args(["--", "bash"])
            .arg(desktop.join("run.sh"))
            .current_dir(&desktop)
            .env("APP", root.join("target/debug/localspace-desktop"))
            .env("SCRATCH", &scratch)
            .env("SHOTS", scratch.join("screenshots"))
            .env("DRIVER_PORT", free_port()?.to_string())
            .env("LOCALSPACE_SERVER_URL", &server.url)
            .env("LOCALSPACE_APP_DATA_DIR", scratch.join("app"))
            .env("DEMO_EMAIL", demo::EMAIL)
            .env("DEMO_PASSWORD", demo::PASSWORD),
    )?;
    drop(server);
    println!("screenshots: {}", scratch.join("screenshots").display());
    Ok(())
}
