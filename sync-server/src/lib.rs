//! The Localspace sync server: accounts, sessions, seats and roles, mail, the audit log and
//! the sync log, billing and file storage. `serve` runs it on a listener the caller binds, so
//! tests run many servers on port 0 in one process.

pub mod audit;
pub mod auth;
pub mod automation;
pub mod backup;
pub mod billing;
pub mod config;
pub mod deletion;
#[cfg(debug_assertions)]
pub mod dev_clock;
pub mod error;
pub mod export;
pub mod files;
pub mod job;
pub mod mail;
pub mod notify;
pub mod routes;
pub mod state;
pub mod store;
pub mod sync;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use localspace_core::Clock;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;
pub use state::AppState;

/// Storage work running at once on blocking threads (`AppState::db` and its siblings): the
/// embedded store serializes writes on one connection, so more threads only wait on its lock
/// while each keeps its own allocator caches.
pub const STORAGE_THREADS: usize = 8;

/// The runtime's blocking threads (storage, hashing, file and mail work; long jobs run on
/// threads of their own, `job::on_own_thread`). Each thread keeps its own allocator caches:
/// without a cap, 20 devices pushing at once took the server to 400–620 MB, with it 157 MB.
pub const BLOCKING_THREADS: usize = 16;

/// Password hashes computed at once (argon2id, 19 MiB each).
pub const PASSWORD_HASHES: usize = 4;

/// The runtime the server runs on (the binary and the bench's server process).
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .build()
}

/// Builds the shared state from the configuration: opens the store and the mailer.
pub fn state(config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating the data folder {}", config.data_dir.display()))?;
    let store = Arc::new(
        store::SqliteStore::open(&config.database_path())
            .with_context(|| format!("opening {}", config.database_path().display()))?,
    );
    let payments = billing::provider::from_config(&config.billing);
    let mailer = mail::mailer_from_config(&config.mail).context("setting up mail")?;
    let limits = Arc::new(state::Limits::new(&config));
    let dummy_hash = auth::password::hash(&auth::token::new_token(), state::hash_cost_of(&config))
        .map_err(|e| anyhow::anyhow!("preparing password checks: {e}"))?
        .into();
    #[cfg(debug_assertions)]
    let shifted = Arc::new(dev_clock::ShiftedClock::new(clock));
    #[cfg(debug_assertions)]
    let clock: Arc<dyn Clock> = shifted.clone();
    let blobs = Arc::new(files::FolderBlobStore::new(config.blob_dir()));
    Ok(AppState {
        store: store.clone(),
        billing: store.clone(),
        automation: store.clone(),
        exports: store.clone(),
        export_changes: Arc::new(tokio::sync::watch::Sender::new(0)),
        files: store,
        blobs,
        blob_lock: Arc::default(),
        payments,
        mailer,
        clock,
        #[cfg(debug_assertions)]
        shifted,
        config: Arc::new(config),
        limits,
        dummy_hash,
        live: Arc::default(),
        hot: Arc::default(),
        storage: Arc::new(tokio::sync::Semaphore::new(STORAGE_THREADS)),
        hashing: Arc::new(tokio::sync::Semaphore::new(PASSWORD_HASHES)),
    })
}

/// The whole HTTP application for a state.
pub fn app(state: AppState) -> axum::Router {
    let limit = state.config.max_body_bytes;
    let timeout = Duration::from_secs(state.config.request_timeout_s);
    // The timeout is per route: an upload streams for as long as its bytes take.
    let timeout = TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout);
    routes::router(state, timeout)
        .layer(DefaultBodyLimit::max(limit))
        .layer(TraceLayer::new_for_http())
}

/// Serves until `shutdown` completes, then finishes the requests in flight. HTTPS when the
/// configuration names a certificate and key.
pub async fn serve(
    listener: std::net::TcpListener,
    config: Config,
    clock: Arc<dyn Clock>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let tls = match (&config.tls_cert, &config.tls_key) {
        (Some(cert), Some(key)) => Some(
            axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .with_context(|| {
                    format!(
                        "loading the TLS certificate {} and key {}",
                        cert.display(),
                        key.display()
                    )
                })?,
        ),
        (None, None) => None,
        _ => anyhow::bail!("set both tls_cert and tls_key, or neither"),
    };
    let state = state(config, clock)?;
    let _lifecycle = billing::lifecycle::start(state.clone(), Duration::from_secs(60 * 60));
    let _compaction = sync::compaction::start(state.clone());
    let _deletion = deletion::start(state.clone(), Duration::from_secs(60 * 60));
    let _exports = export::start(state.clone(), Duration::from_secs(10 * 60));
    let _backups = state
        .config
        .backup
        .enabled
        .then(|| backup::job::start(state.clone()));
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    listener
        .set_nonblocking(true)
        .context("configuring the listener")?;
    match tls {
        None => {
            let listener =
                tokio::net::TcpListener::from_std(listener).context("using the listener")?;
            tracing::info!(address = %listener.local_addr()?, "serving HTTP");
            axum::serve(listener, service)
                .with_graceful_shutdown(shutdown)
                .await
                .context("serving")?;
        }
        Some(tls) => {
            let handle = axum_server::Handle::new();
            let stopper = handle.clone();
            tokio::spawn(async move {
                shutdown.await;
                stopper.graceful_shutdown(Some(Duration::from_secs(10)));
            });
            tracing::info!(address = %listener.local_addr()?, "serving HTTPS");
            axum_server::from_tcp_rustls(listener, tls)
                .context("using the listener")?
                .handle(handle)
                .serve(service)
                .await
                .context("serving")?;
        }
    }
    Ok(())
}
