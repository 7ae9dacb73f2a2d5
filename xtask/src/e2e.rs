//! `cargo xtask e2e`: the desktop app as a person uses it. The real server binary with a
//! seeded account, the debug app in WebKitGTK under Xvfb through tauri-driver, a throwaway
//! D-Bus session with an unlocked Secret Service keychain, and a WebdriverIO script
//! (`tests/desktop/e2e.mjs`) that clicks and types. The script starts, stops and restarts
//! the server itself (offline work, then sync), from the binary, port and data folder
//! passed here, so a restart keeps the data. Screenshots land in `target/e2e/screenshots`
//! (kept by CI as artifacts).
//!
//! `cargo xtask e2e --perf [--people N]`: the performance run instead — the app on a
//! replica of N people (100,000 by default), cold start and search as you type, figures
//! merged into `bench/results.json` as `desktop` (WebKit's compositing off, see `run_perf`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use serde_json::{Map, Value};

use crate::server::{Server, free_port};
use crate::{demo, results, setup, shell, ui, workspace};

/// The account of the performance run (signed up on a throwaway server).
const PERF_EMAIL: &str = "perf@localspace.test";

pub fn run(perf: Option<u64>) -> Result<()> {
    setup::ensure_packages(true)?;
    setup::ensure_tauri_driver()?;
    ui::build()?;
    match perf {
        None => {
            build_binaries()?;
            run_built()
        }
        Some(people) => {
            // Figures are taken on what users run: an optimized app (the throwaway server
            // that signs the perf account up is the debug one).
            build_binaries()?;
            build(Profile::Release)?;
            run_perf(people)
        }
    }
}

/// Which build the binaries come from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    Debug,
    Release,
}

/// The app, the server and the seeder, in one cargo call (debug build).
pub fn build_binaries() -> Result<()> {
    build(Profile::Debug)
}

fn build(profile: Profile) -> Result<()> {
    let mut args = vec!["build", "--locked"];
    if profile == Profile::Release {
        args.push("--release");
    }
    args.extend([
        "-p",
        "localspace-desktop",
        "-p",
        "localspace-server",
        "-p",
        "localspace-demo",
    ]);
    shell::run(&mut workspace::cargo(args))
}

fn fresh(dir: &Path) -> Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}

fn binary(name: &str) -> PathBuf {
    binary_of(Profile::Debug, name)
}

fn binary_of(profile: Profile, name: &str) -> PathBuf {
    let dir = match profile {
        Profile::Debug => "target/debug",
        Profile::Release => "target/release",
    };
    workspace::root().join(dir).join(name)
}

/// `run.sh` inside a throwaway D-Bus session, with what every desktop script needs.
fn desktop_script(script: &str, scratch: &Path) -> Result<Command> {
    desktop_script_of(Profile::Debug, script, scratch)
}

fn desktop_script_of(profile: Profile, script: &str, scratch: &Path) -> Result<Command> {
    let desktop = workspace::root().join("tests/desktop");
    setup::ensure_npm(&desktop)?;
    let mut command = Command::new("dbus-run-session");
    command
        .args(["--", "bash"])
        .arg(desktop.join("run.sh"))
        .current_dir(&desktop)
        .env("E2E_SCRIPT", script)
        .env("APP", binary_of(profile, "localspace-desktop"))
        .env("SCRATCH", scratch)
        .env("SHOTS", scratch.join("screenshots"))
        .env("DRIVER_PORT", free_port()?.to_string())
        .env("LOCALSPACE_APP_DATA_DIR", scratch.join("app"))
        // The debug app's file picker answers this path (the E2E cannot click a GTK dialog);
        // the scenario writes the file before it attaches it.
        .env("LOCALSPACE_PICK_FILE", scratch.join("over-quota.bin"));
    Ok(command)
}

/// Runs the scenario against binaries already built.
pub fn run_built() -> Result<()> {
    let scratch = workspace::root().join("target/e2e");
    fresh(&scratch)?;
    let server_dir = scratch.join("server");
    let port = free_port()?;
    // Seeded here, then stopped: the scenario runs the server itself.
    let server = Server::start(&server_dir, port)?;
    demo::seed(&server.url, &server_dir, true)?;
    let url = server.url.clone();
    drop(server);
    shell::run(
        desktop_script("e2e.mjs", &scratch)?
            .env("SERVER_BIN", binary("localspace-server"))
            .env("SERVER_PORT", port.to_string())
            .env("SERVER_DIR", &server_dir)
            .env("DEMO_BIN", binary("localspace-demo"))
            .env("LOCALSPACE_SERVER_URL", url)
            .env("DEMO_EMAIL", demo::EMAIL)
            .env("DEMO_PASSWORD", demo::PASSWORD),
    )?;
    println!("screenshots: {}", scratch.join("screenshots").display());
    Ok(())
}

/// The performance run: a replica of `people` people, then `tests/desktop/perf.mjs`.
fn run_perf(people: u64) -> Result<()> {
    let root = workspace::root();
    let scratch = root.join("target/e2e-perf");
    fresh(&scratch)?;
    let server_dir = scratch.join("server");
    let server = Server::start(&server_dir, free_port()?)?;
    let mut written = Command::new(binary_of(Profile::Release, "localspace-demo"));
    written
        .args(["--server", &server.url, "--email", PERF_EMAIL])
        .args(["--password", demo::PASSWORD, "--seed", "7"])
        .arg("--perf-replica")
        .arg(scratch.join("app"))
        .args(["--people", &people.to_string()]);
    shell::run(&mut written)?;
    // The app has no token for this account: it works offline and never calls the server.
    drop(server);
    let out = scratch.join("perf.json");
    let mut script = desktop_script_of(Profile::Release, "perf.mjs", &scratch)?;
    // Xvfb has no GPU: WebKitGTK's accelerated compositing then runs through software GL
    // (llvmpipe) and adds about 100 ms to every frame on this kind of machine, which a
    // desktop with a GPU does not pay. The run measures the app, so it turns compositing off
    // unless the caller set the variable themselves.
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        script.env("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    shell::run(
        script
            .env("PEOPLE", people.to_string())
            .env("PERF_OUT", &out)
            .env("LOCALSPACE_SERVER_URL", "http://127.0.0.1:9"),
    )?;
    let text =
        std::fs::read_to_string(&out).with_context(|| format!("reading {}", out.display()))?;
    let metrics: Map<String, Value> =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", out.display()))?;
    let file = root.join("bench/results.json");
    let existing = std::fs::read_to_string(&file).ok();
    std::fs::write(
        &file,
        results::merge(existing.as_deref(), "desktop", metrics)?,
    )
    .with_context(|| format!("writing {}", file.display()))?;
    println!("desktop figures merged into {}", file.display());
    Ok(())
}
