//! `localspace-server [--config FILE]`: runs the sync server until Ctrl+C or SIGTERM.
//!
//! Operator commands (audited, docs/operations.md):
//! - `localspace-server backup [--config FILE]`: takes and checks a snapshot now;
//! - `localspace-server restore-account --account ID --at "2026-11-20 14:00" [--config FILE]`:
//!   puts one account back as it was in the nearest verified backup at or before that
//!   Europe/Warsaw moment.

// The allocator the bench measures the server with (crates/bench runs it in-process): the
// merge path allocates many small automerge objects, which mimalloc serves faster than glibc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use localspace_core::{Clock, SystemClock};
use localspace_server::Config;
use localspace_server::backup::restore::restore_account;
use localspace_server::backup::schedule::Backups;
use localspace_server::backup::warsaw;
use localspace_server::store::SqliteStore;
use tracing_subscriber::EnvFilter;

const USAGE: &str = "usage: localspace-server [--config FILE]
       localspace-server backup [--config FILE]
       localspace-server restore-account --account ID --at \"YYYY-MM-DD HH:MM\" [--config FILE]";

/// What the command line asks for.
enum Command {
    Serve,
    Backup,
    RestoreAccount { account: uuid::Uuid, at_ms: i64 },
}

fn parse_args(args: Vec<String>) -> anyhow::Result<(Command, Option<PathBuf>)> {
    let mut args = args.into_iter().peekable();
    let command = match args.peek().map(String::as_str) {
        Some("backup") | Some("restore-account") => args.next(),
        _ => None,
    };
    let (mut config, mut account, mut at) = (None, None, None);
    while let Some(flag) = args.next() {
        let value = args.next().context(USAGE)?;
        match flag.as_str() {
            "--config" => config = Some(PathBuf::from(value)),
            "--account" => account = Some(value),
            "--at" => at = Some(value),
            _ => anyhow::bail!(USAGE),
        }
    }
    let command = match command.as_deref() {
        None if account.is_none() && at.is_none() => Command::Serve,
        Some("backup") if account.is_none() && at.is_none() => Command::Backup,
        Some("restore-account") => {
            let account = account.context("restore-account needs --account ID")?;
            let account = uuid::Uuid::parse_str(&account)
                .with_context(|| format!("`{account}` is not an account id"))?;
            let at = at.context("restore-account needs --at \"YYYY-MM-DD HH:MM\"")?;
            let at_ms = warsaw::parse(&at).map_err(anyhow::Error::msg)?;
            Command::RestoreAccount { account, at_ms }
        }
        _ => anyhow::bail!(USAGE),
    };
    if config.is_none() {
        config = std::env::var_os("LOCALSPACE_CONFIG").map(PathBuf::from);
    }
    Ok((command, config))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

fn main() -> anyhow::Result<()> {
    localspace_server::runtime()
        .context("starting the runtime")?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("LOCALSPACE_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let (command, config_path) = parse_args(std::env::args().skip(1).collect())?;
    let config = Config::load(config_path.as_deref(), std::env::vars())
        .context("reading the configuration")?;
    match command {
        Command::Serve => {
            let listener = std::net::TcpListener::bind(config.listen)
                .with_context(|| format!("listening on {}", config.listen))?;
            localspace_server::serve(listener, config, Arc::new(SystemClock), shutdown_signal())
                .await
        }
        Command::Backup => {
            let manifest = Backups::of(&config)
                .take_now(SystemClock.now_ms())
                .context("taking a backup")?;
            println!(
                "{} taken at {}: {} bytes, sha256 {}, verified: {}{}",
                manifest.file,
                manifest.taken_at,
                manifest.size,
                manifest.sha256,
                manifest.verified,
                manifest
                    .problem
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default()
            );
            Ok(())
        }
        Command::RestoreAccount { account, at_ms } => {
            let store = SqliteStore::open(&config.database_path())
                .with_context(|| format!("opening {}", config.database_path().display()))?;
            let done = restore_account(
                &Backups::of(&config),
                &store,
                account,
                at_ms,
                SystemClock.now_ms(),
            )
            .context("restoring the account")?;
            println!(
                "account {account} restored from {} (taken {}, kept in {}); epoch {}",
                done.snapshot.file, done.snapshot.taken_at, done.target, done.restored.epoch
            );
            for (table, rows) in &done.restored.rows {
                println!("  {table}: {rows} rows");
            }
            Ok(())
        }
    }
}
