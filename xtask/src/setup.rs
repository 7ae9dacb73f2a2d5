//! What a fresh Debian/Ubuntu machine lacks for building, running and testing the desktop
//! app: system packages (installed with apt when missing), the UI's npm packages and
//! tauri-driver. Elsewhere it says what to install instead of guessing.

use std::path::Path;
use std::process::Command;

use anyhow::{Result, bail};

use crate::{shell, workspace};

/// Packages for building the Tauri app (WebKitGTK and friends) and the keychain client.
const BUILD_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libssl-dev",
    "libdbus-1-dev",
    "libwebkit2gtk-4.1-dev",
    "libxdo-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "file",
    // pdftotext: the server's tests read the invoice PDF back as text.
    "poppler-utils",
];

/// Packages for running the app headless in tests: X server, WebDriver, D-Bus, keychain.
const E2E_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "dbus",
    "dbus-x11",
    "gnome-keyring",
    "libsecret-tools",
    // A notification service on the test desktop: task reminders reach it over D-Bus and
    // `dbus-monitor` (package dbus-bin, pulled in by dbus) records them for the checks.
    "dunst",
];

fn missing(packages: &[&str]) -> Vec<String> {
    packages
        .iter()
        .filter(|p| !shell::succeeds(Command::new("dpkg").args(["-s", p])))
        .map(|p| (*p).to_owned())
        .collect()
}

/// Installs the missing packages with apt (as root, or through sudo).
pub fn ensure_packages(e2e: bool) -> Result<()> {
    let mut wanted: Vec<&str> = BUILD_PACKAGES.to_vec();
    if e2e {
        wanted.extend_from_slice(E2E_PACKAGES);
    }
    if !shell::succeeds(Command::new("dpkg").arg("--version")) {
        println!(
            "not a Debian/Ubuntu system: make sure these (or your system's equivalents) are \
             installed: {}",
            wanted.join(" ")
        );
        return Ok(());
    }
    let missing = missing(&wanted);
    if missing.is_empty() {
        return Ok(());
    }
    println!("installing system packages: {}", missing.join(" "));
    let root = shell::succeeds(Command::new("sh").args(["-c", "test \"$(id -u)\" = 0"]));
    let apt = |args: &[&str]| -> Command {
        let mut c = if root {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        };
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    shell::run(&mut apt(&["update", "-q"]))?;
    let mut install = apt(&["install", "-y", "-q", "--no-install-recommends"]);
    install.args(&missing);
    shell::run(&mut install)
}

/// `npm ci` in `dir` when its packages are missing or older than its lock file.
pub fn ensure_npm(dir: &Path) -> Result<()> {
    if !shell::succeeds(Command::new("npm").arg("--version")) {
        bail!(
            "npm is not installed: install Node.js 20 or newer (Debian: `apt-get install nodejs npm`)"
        );
    }
    let modules = dir.join("node_modules/.package-lock.json");
    let lock = dir.join("package-lock.json");
    let fresh = match (modules.metadata(), lock.metadata()) {
        (Ok(m), Ok(l)) => m.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    shell::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir),
    )
}

/// `tauri-driver` (the WebDriver bridge for Tauri apps), installed with cargo when missing.
pub fn ensure_tauri_driver() -> Result<()> {
    if shell::succeeds(Command::new("tauri-driver").arg("--help")) {
        return Ok(());
    }
    shell::run(&mut workspace::cargo([
        "install",
        "tauri-driver",
        "--locked",
        "--version",
        "^2",
    ]))
}
