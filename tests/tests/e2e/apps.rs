//! Desktop app services (`localspace_client::app::App`, what every Tauri command calls) on
//! data folders of their own, as the e2e tests start them: the manual clock at `T0`, an
//! in-memory token store, and the events each app emitted.

use std::path::Path;
use std::sync::{Arc, Mutex};

use localspace_client::app::{App, AppConfig, AppEvent};
use localspace_core::ManualClock;
use localspace_e2e::T0;
use tempfile::TempDir;

use crate::devices::Tokens;

/// One app with its folder, its token store and what it emitted.
pub struct AppDevice {
    pub app: App,
    pub events: Arc<Mutex<Vec<AppEvent>>>,
    pub tokens: Arc<Tokens>,
    pub dir: TempDir,
}

/// The configuration every test app uses, over `dir` and the token store `tokens`.
pub fn config(url: &str, dir: &Path, tokens: Arc<Tokens>) -> AppConfig {
    AppConfig {
        data_dir: dir.to_path_buf(),
        default_server: url.into(),
        tokens,
        clock: Arc::new(ManualClock::at(T0)),
        device: "test laptop".into(),
        poll_every: localspace_client::app::DEFAULT_POLL,
    }
}

/// Starts an app over `dir` (a restart when the folder holds one already).
pub fn start(url: &str, dir: TempDir, tokens: Arc<Tokens>) -> AppDevice {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let app = App::start(
        config(url, dir.path(), tokens.clone()),
        Box::new(move |e| sink.lock().unwrap().push(e)),
    )
    .unwrap();
    AppDevice {
        app,
        events,
        tokens,
        dir,
    }
}

/// A new app on an empty folder with an empty token store.
pub fn fresh(url: &str) -> AppDevice {
    start(url, tempfile::tempdir().unwrap(), Arc::default())
}
