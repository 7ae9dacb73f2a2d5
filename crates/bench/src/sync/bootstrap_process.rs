//! Device B's bootstrap in a process of its own (hidden scenario `__sync_bootstrap`), so its
//! peak memory is B's alone: a fresh replica file, one sync pass that loads every saved
//! document with its projections and search rows, then the log tail. It prints one JSON line.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use localspace_client::Replica;
use localspace_client::api::ApiClient;
use localspace_client::replica::{Durability, OpenOptions};
use localspace_client::sync::sync_once;
use localspace_core::SystemClock;
use serde_json::{Value, json};

/// The hidden scenario's name.
pub const SCENARIO: &str = "__sync_bootstrap";
/// The session token reaches the child in this variable, never on its command line.
const TOKEN_VAR: &str = "LOCALSPACE_BENCH_TOKEN";

/// What the child measured.
pub struct Bootstrapped {
    pub seconds: f64,
    pub records: usize,
    pub peak_rss_mb: f64,
}

/// The child side: bootstraps `replica` from `url`.
pub fn run(url: &str, replica: &Path) -> Result<()> {
    let token = std::env::var(TOKEN_VAR).context("no session token")?;
    // Multi-threaded like the app's (Tauri's) runtime: the next page's request travels
    // while this thread loads the current page into the replica.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let (seconds, records) = runtime.block_on(async {
        let api = ApiClient::new(url)?.with_token(token);
        let options = OpenOptions {
            clock: Arc::new(SystemClock),
            durability: Durability::Full,
        };
        let b = Replica::open_with(replica, options)?;
        let started = Instant::now();
        let report = sync_once(&b, &api).await.context("bootstrapping")?;
        anyhow::Ok((started.elapsed().as_secs_f64(), report.bootstrapped))
    })?;
    let line = json!({
        "seconds": seconds,
        "records": records,
        "peak_rss_mb": crate::measure::peak_rss_mb(),
    });
    println!("{line}");
    Ok(())
}

/// The parent side: runs the child and reads its figures.
pub fn measure(url: &str, token: &str, replica: &Path) -> Result<Bootstrapped> {
    let output = Command::new(std::env::current_exe()?)
        .arg(SCENARIO)
        .arg(url)
        .arg(replica)
        .env(TOKEN_VAR, token)
        .output()
        .context("starting the bootstrap process")?;
    if !output.status.success() {
        bail!(
            "the bootstrap process failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = String::from_utf8(output.stdout)?;
    let line: Value = serde_json::from_str(text.lines().last().context("no output")?)?;
    let number = |key: &str| line[key].as_f64().with_context(|| format!("no `{key}`"));
    Ok(Bootstrapped {
        seconds: number("seconds")?,
        records: number("records")? as usize,
        peak_rss_mb: number("peak_rss_mb")?,
    })
}
