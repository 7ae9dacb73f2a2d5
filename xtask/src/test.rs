//! `cargo xtask test`: every check CI runs, in order, stopping at the first failure.

use anyhow::Result;

use crate::bench::{self, Recording};
use crate::cli::{BenchRequest, TestOptions};
use crate::{e2e, setup, shell, step, ui, workspace};

/// Enough records to prove the bench still runs end to end, in seconds rather than minutes.
const SMOKE_BENCH_RECORDS: u64 = 2000;

pub fn run(options: TestOptions) -> Result<()> {
    step::run("system packages", || setup::ensure_packages(options.e2e))?;
    step::run("format check", format_check)?;
    // The desktop binary embeds ui/dist, so the UI builds before anything compiles the app.
    step::run("ui build (type check + bundle)", ui::build)?;
    step::run("ui tests", ui::test)?;
    step::run("clippy", clippy)?;
    step::run("rust tests", rust_tests)?;
    if options.e2e {
        step::run("desktop e2e", || {
            setup::ensure_tauri_driver()?;
            e2e::build_binaries()?;
            e2e::run_built()
        })?;
    }
    if options.bench {
        step::run("smoke bench", smoke_bench)?;
    }
    println!("\nall checks passed");
    Ok(())
}

fn format_check() -> Result<()> {
    shell::run(&mut workspace::cargo(["fmt", "--all", "--", "--check"]))
}

fn clippy() -> Result<()> {
    shell::run(&mut workspace::cargo([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))
}

fn rust_tests() -> Result<()> {
    if shell::succeeds(&mut workspace::cargo(["nextest", "--version"])) {
        shell::run(&mut workspace::cargo([
            "nextest",
            "run",
            "--workspace",
            "--locked",
            "--no-fail-fast",
        ]))
    } else {
        println!("cargo-nextest is not installed: falling back to `cargo test`");
        shell::run(&mut workspace::cargo(["test", "--workspace", "--locked"]))
    }
}

/// Smoke figures from a small run would mislead, so they stay out of `bench/results.json`.
fn smoke_bench() -> Result<()> {
    for scenario in ["local", "data"] {
        let request = BenchRequest {
            scenario: scenario.into(),
            records: Some(SMOKE_BENCH_RECORDS),
        };
        bench::run_with(&request, Recording::Discard)?;
    }
    Ok(())
}
