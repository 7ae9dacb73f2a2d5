//! `localspace-server [--config FILE]`: runs the sync server until Ctrl+C or SIGTERM.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use localspace_core::SystemClock;
use localspace_server::Config;
use tracing_subscriber::EnvFilter;

fn config_path() -> anyhow::Result<Option<PathBuf>> {
    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next()) {
        (None, _) => Ok(std::env::var_os("LOCALSPACE_CONFIG").map(PathBuf::from)),
        (Some("--config"), Some(path)) => Ok(Some(PathBuf::from(path))),
        _ => anyhow::bail!("usage: localspace-server [--config FILE]"),
    }
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

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("LOCALSPACE_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let config = Config::load(config_path()?.as_deref(), std::env::vars())
        .context("reading the configuration")?;
    let listener = std::net::TcpListener::bind(config.listen)
        .with_context(|| format!("listening on {}", config.listen))?;
    localspace_server::serve(listener, config, Arc::new(SystemClock), shutdown_signal()).await
}
