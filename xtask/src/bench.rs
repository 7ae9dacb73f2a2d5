//! `cargo xtask bench`: runs a scenario of the release bench binary and records its figures.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

use crate::cli::BenchRequest;
use crate::{results, shell, workspace};

/// What to do with the figures once the bench binary has written them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recording {
    /// Merge them into `bench/results.json`.
    Keep,
    /// Check they were written, then drop them.
    Discard,
}

pub fn run(request: &BenchRequest) -> Result<()> {
    run_with(request, Recording::Keep)
}

pub fn run_with(request: &BenchRequest, recording: Recording) -> Result<()> {
    let output = TempJson::new(&request.scenario);
    shell::run(&mut bench_command(request, output.path()))?;
    let metrics = read_metrics(output.path())?;
    match recording {
        Recording::Keep => record(&request.scenario, metrics),
        Recording::Discard => {
            println!("bench output is well formed; figures not recorded");
            Ok(())
        }
    }
}

fn bench_command(request: &BenchRequest, json: &Path) -> std::process::Command {
    let mut command = workspace::cargo([
        "run",
        "--release",
        "--locked",
        "-p",
        "localspace-bench",
        "--",
    ]);
    command.arg(&request.scenario);
    if let Some(records) = request.records {
        command.arg("--records").arg(records.to_string());
    }
    command.arg("--json").arg(json);
    command
}

fn read_metrics(path: &Path) -> Result<Map<String, Value>> {
    let text = fs::read_to_string(path)
        .with_context(|| format!("the bench binary did not write {}", path.display()))?;
    match serde_json::from_str(&text)
        .with_context(|| format!("the bench output {} is not JSON", path.display()))?
    {
        Value::Object(metrics) => Ok(metrics),
        other => bail!(
            "the bench output {} should be an object of metrics, found {other}",
            path.display()
        ),
    }
}

fn record(scenario: &str, metrics: Map<String, Value>) -> Result<()> {
    let folder = workspace::bench_dir();
    let path = folder.join("results.json");
    let existing = match fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => {
            return Err(error).with_context(|| format!("could not read {}", path.display()));
        }
    };
    let merged = results::merge(existing.as_deref(), scenario, metrics)
        .with_context(|| format!("could not update {}", path.display()))?;
    fs::create_dir_all(&folder)
        .with_context(|| format!("could not create {}", folder.display()))?;
    fs::write(&path, merged).with_context(|| format!("could not write {}", path.display()))?;
    println!("recorded `{scenario}` in {}", path.display());
    Ok(())
}

/// A scratch file for the bench binary's JSON, removed when dropped.
#[derive(Debug)]
struct TempJson(PathBuf);

impl TempJson {
    fn new(scenario: &str) -> Self {
        let slug: String = scenario
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let name = format!("localspace-bench-{slug}-{}.json", std::process::id());
        let path = std::env::temp_dir().join(name);
        // A leftover from an earlier run must not pass for this run's output.
        let _ = fs::remove_file(&path);
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempJson {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}
