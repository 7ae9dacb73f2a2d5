//! `cargo xtask test`: every check CI runs, in order, stopping at the first failure.

use anyhow::Result;

use crate::bench::{self, Recording};
use crate::cli::{BenchRequest, TestOptions};
use crate::{shell, step, workspace};

/// Enough records to prove the bench still runs end to end, in seconds rather than minutes.
const SMOKE_BENCH_RECORDS: u64 = 2000;

pub fn run(options: TestOptions) -> Result<()> {
    step::run("format check", format_check)?;
    step::run("clippy", clippy)?;
    step::run("rust tests", rust_tests)?;
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
    let request = BenchRequest {
        scenario: "local".into(),
        records: Some(SMOKE_BENCH_RECORDS),
    };
    bench::run_with(&request, Recording::Discard)
}
