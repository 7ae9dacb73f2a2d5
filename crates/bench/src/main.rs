//! The benchmark binary `cargo xtask bench` runs in release mode. Each scenario prints a
//! table and writes its metrics as a flat JSON object to the path given with `--json`.

mod advanced_export;
mod data;
mod local;
mod measure;
mod restore;
mod sync;

// The allocator the desktop app ships with: automerge and SQLite allocate a lot of small
// objects, and mimalloc serves them faster than glibc on both cores at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

struct Args {
    scenario: String,
    records: Option<usize>,
    json: Option<PathBuf>,
}

fn parse_args() -> Result<Args> {
    let mut args = std::env::args().skip(1);
    let scenario = args
        .next()
        .context("usage: localspace-bench <scenario> [--records N] [--json PATH]")?;
    let mut parsed = Args {
        scenario,
        records: None,
        json: None,
    };
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--records" => {
                let n = args.next().context("--records needs a number")?;
                parsed.records = Some(
                    n.parse()
                        .with_context(|| format!("--records: `{n}` is not a number"))?,
                );
            }
            "--json" => parsed.json = Some(args.next().context("--json needs a path")?.into()),
            other => bail!("unknown argument `{other}`"),
        }
    }
    Ok(parsed)
}

fn main() -> Result<()> {
    // The sync scenario's own processes: the server, and device B's bootstrap.
    let raw: Vec<String> = std::env::args().skip(1).collect();
    match raw
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [sync::SERVER_PROCESS, dir] => return sync::server_process(std::path::Path::new(dir)),
        [sync::BOOTSTRAP_PROCESS, url, replica] => {
            return sync::bootstrap_process(url, std::path::Path::new(replica));
        }
        _ => {}
    }
    let args = parse_args()?;
    let metrics = match args.scenario.as_str() {
        "local" => local::run(args.records.unwrap_or(100_000))?,
        "data" => data::run(args.records.unwrap_or(100_000))?,
        "sync" => sync::run(args.records.unwrap_or(100_000))?,
        other => bail!("unknown scenario `{other}` (known: local, sync, data)"),
    };
    measure::print_table(&args.scenario, &metrics);
    if let Some(path) = args.json {
        let object: serde_json::Map<String, serde_json::Value> = metrics
            .iter()
            .map(|m| (m.key.to_owned(), serde_json::json!(m.value)))
            .collect();
        std::fs::write(&path, serde_json::to_string_pretty(&object)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(failed) = metrics.iter().find(|m| m.failed) {
        bail!("{} failed its check", failed.key);
    }
    Ok(())
}
