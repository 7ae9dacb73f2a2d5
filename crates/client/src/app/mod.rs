//! The desktop app's service layer. Every Tauri command is a one-line adapter over a method
//! of [`App`], so what the app does is tested without a window. The types that cross to the
//! UI are in [`contract`] and are exported to TypeScript by [`typescript`].

mod advanced_export;
mod archive_import;
mod automation;
mod billing;
mod blocked;
pub mod contract;
mod coworkers;
mod dashboard;
mod data_contract;
mod deals;
mod deletion;
mod duplicates;
mod error;
mod export;
mod file_types;
mod files;
mod import;
mod keychain;
mod links;
mod live_loop;
mod records;
mod session;
mod settings;
mod settings_records;
mod sync_loop;
mod tasks;
pub mod typescript;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use localspace_core::Clock;

pub use contract::{AppError, AppEvent, Locale};
pub use dashboard::dashboard_of;
pub use error::AppResult;
pub use keychain::{KEYCHAIN_SERVICE, OsKeychain, TokenStore};

use crate::Replica;
use crate::api::ApiClient;
use crate::sync::SyncStatus;

/// Receives the events the UI listens to.
pub type EventSink = Box<dyn Fn(AppEvent) + Send + Sync>;

/// How the app is set up by its host (the Tauri shell, a test).
pub struct AppConfig {
    /// Where the session file, settings and replicas live.
    pub data_dir: PathBuf,
    /// The server a new sign-in uses unless the form names another.
    pub default_server: String,
    /// Where session tokens are kept.
    pub tokens: Arc<dyn TokenStore>,
    /// The time source (due dates, "today", sync timestamps).
    pub clock: Arc<dyn Clock>,
    /// The name of this device, shown in the user's session list.
    pub device: String,
    /// Between sync passes while in sync ([`DEFAULT_POLL`]); the live socket wakes the loop
    /// sooner when another device pushed.
    pub poll_every: std::time::Duration,
}

/// The desktop app's poll interval.
pub const DEFAULT_POLL: std::time::Duration = std::time::Duration::from_secs(15);

impl std::fmt::Debug for AppConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppConfig")
            .field("data_dir", &self.data_dir)
            .field("default_server", &self.default_server)
            .field("device", &self.device)
            .finish_non_exhaustive()
    }
}

/// The signed-in state: who, their replica and an API client holding the token (if the
/// keychain still has it: without a token the app works offline and asks for a sign-in).
struct Signed {
    info: contract::SessionInfo,
    replica: Arc<Replica>,
    api: Option<ApiClient>,
}

/// The app: one per window. Cheap to share (`Arc<App>`); every method is safe to call from
/// any thread while the sync loop runs.
pub struct App {
    config: AppConfig,
    signed: RwLock<Option<Arc<Signed>>>,
    status: Mutex<SyncStatus>,
    wake: tokio::sync::Notify,
    /// One sync pass at a time (the loop and a "sync now" click share it).
    pass: tokio::sync::Mutex<()>,
    /// Bumped on every sign-in and sign-out, so the live socket follows the session.
    session_changes: tokio::sync::watch::Sender<u64>,
    /// One upload of waiting files at a time.
    uploads: tokio::sync::Mutex<()>,
    events: EventSink,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl App {
    /// Starts the app: a session saved by an earlier run is resumed from disk and the
    /// keychain, with no network needed.
    pub fn start(config: AppConfig, events: EventSink) -> AppResult<App> {
        std::fs::create_dir_all(&config.data_dir)?;
        let app = App {
            config,
            signed: RwLock::new(None),
            status: Mutex::new(SyncStatus::SignedOut),
            wake: tokio::sync::Notify::new(),
            pass: tokio::sync::Mutex::new(()),
            session_changes: tokio::sync::watch::Sender::new(0),
            uploads: tokio::sync::Mutex::new(()),
            events,
        };
        // A session that cannot be resumed (a damaged session file, a replica from a newer
        // app) leaves the app signed out: the window opens, and signing in again shows the
        // coded reason. Nothing on disk is changed or removed.
        if let Ok(Some(info)) = session::load_session(&app.config.data_dir) {
            let _ = app.resume(info);
        }
        Ok(app)
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.config.data_dir
    }

    fn current(&self) -> Option<Arc<Signed>> {
        self.signed
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// The signed-in user's replica, or `signed_out`.
    pub fn replica(&self) -> AppResult<Arc<Replica>> {
        self.current()
            .map(|s| s.replica.clone())
            .ok_or_else(AppError::signed_out)
    }

    /// The replica for a change the user makes: refused with `account_blocked` while the
    /// account is blocked (the app is read-only then; edits made before stay in the outbox).
    pub fn editable(&self) -> AppResult<Arc<Replica>> {
        let replica = self.replica()?;
        if matches!(self.sync_status(), SyncStatus::Blocked { .. }) || blocked::known(&replica) {
            return Err(AppError::new(
                "account_blocked",
                "The account is blocked: the data is read-only until the plan is renewed.",
            ));
        }
        Ok(replica)
    }

    fn set_signed(&self, signed: Option<Arc<Signed>>) {
        match self.signed.write() {
            Ok(mut guard) => *guard = signed,
            Err(e) => *e.into_inner() = signed,
        }
        self.session_changes.send_modify(|n| *n = n.wrapping_add(1));
    }

    fn emit(&self, event: AppEvent) {
        (self.events)(event);
    }

    /// Asks the sync loop to run a pass now (after a local write, on "sync now").
    pub fn wake_sync(&self) {
        self.wake.notify_one();
    }

    /// Today in the user's time zone, from the injected clock.
    fn today(&self) -> chrono::NaiveDate {
        let now = chrono::DateTime::from_timestamp_millis(self.config.clock.now_ms())
            .unwrap_or_default()
            .with_timezone(&chrono::Local);
        now.date_naive()
    }
}
