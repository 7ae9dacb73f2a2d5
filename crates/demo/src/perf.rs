//! A big replica for the desktop performance run (`localspace-demo --perf-replica DIR`):
//! signs an account up through the app service with `DIR` as the app's data directory,
//! then fills that account's replica with generated records. The token is not kept (a
//! token store that forgets), so the desktop app started on `DIR` resumes the session
//! offline and never pushes the records: it measures the replica, not the network.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use localspace_client::app::contract::SignUpRequest;
use localspace_client::app::{App, AppConfig, AppError, TokenStore};
use localspace_core::{Clock, SystemClock};

use crate::account::DemoLogin;
use crate::records::{self, Now};
use crate::sizes::DemoSizes;

/// A token store that keeps nothing.
#[derive(Debug)]
struct Forget;

impl TokenStore for Forget {
    fn save(&self, _key: &str, _token: &str) -> Result<(), AppError> {
        Ok(())
    }
    fn load(&self, _key: &str) -> Result<Option<String>, AppError> {
        Ok(None)
    }
    fn delete(&self, _key: &str) -> Result<(), AppError> {
        Ok(())
    }
}

/// The records of a replica with `people` contacts: a company per ten people and a few
/// hundred deals, tasks and notes.
pub fn perf_sizes(people: usize) -> DemoSizes {
    DemoSizes {
        people,
        companies: (people / 10).max(1),
        deals: 200,
        tasks: 200,
        notes: 200,
    }
}

/// Signs `login` up at `server_url` as the desktop app would with `app_dir` as its data
/// directory and writes `sizes` records into the account's replica there. Returns how many
/// records were written.
pub async fn perf_replica(
    server_url: &str,
    app_dir: &Path,
    login: &DemoLogin,
    sizes: DemoSizes,
    seed: u64,
) -> Result<usize> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let now_ms = clock.now_ms();
    let today = crate::local_date(now_ms)?;
    let app = App::start(
        AppConfig {
            data_dir: app_dir.to_owned(),
            default_server: server_url.to_owned(),
            tokens: Arc::new(Forget),
            clock,
            device: "localspace-demo perf replica".to_owned(),
            poll_every: localspace_client::app::DEFAULT_POLL,
        },
        Box::new(|_| {}),
    )
    .map_err(|e| anyhow::anyhow!("{}: {}", e.code, e.message))
    .context("starting the app service")?;
    let session = app
        .sign_up(SignUpRequest {
            server_url: Some(server_url.to_owned()),
            company: login.company.clone(),
            name: login.name.clone(),
            email: login.email.clone(),
            password: login.password.clone(),
        })
        .await
        .map_err(|e| anyhow::anyhow!("{}: {}", e.code, e.message))
        .with_context(|| format!("signing up {} at {server_url}", login.email))?;
    let replica = app
        .replica()
        .map_err(|e| anyhow::anyhow!("{}: {}", e.code, e.message))?;
    let owners = vec![session.user.id];
    let now = Now { ms: now_ms, today };
    tokio::task::spawn_blocking(move || records::create(&replica, sizes, seed, &owners, now))
        .await
        .context("the record generator stopped")?
        .context("writing the records into the replica")
}
