//! Support for the end-to-end scenarios in `tests/e2e`: a real server on a loopback port with
//! its own data folder and a manual clock, stopped when dropped.

use std::path::PathBuf;
use std::sync::Arc;

use localspace_core::ManualClock;
use localspace_server::Config;
use tempfile::TempDir;

/// 2026-03-02 10:00 UTC.
pub const T0: i64 = 1_772_445_600_000;

/// A server running in this process.
#[derive(Debug)]
pub struct TestServer {
    pub url: String,
    pub clock: ManualClock,
    pub dir: TempDir,
    /// The configuration the server runs with.
    pub config: Config,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl TestServer {
    /// Starts a server on 127.0.0.1:0; `adjust` may change its configuration.
    pub async fn start(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config {
            data_dir: dir.path().join("data"),
            public_url: "http://localspace.test".into(),
            fast_hashing: true,
            ..Config::default()
        };
        config.mail.outbox_dir = dir.path().join("outbox");
        adjust(&mut config);
        let scheme = if config.tls_cert.is_some() {
            "https"
        } else {
            "http"
        };
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("{scheme}://{}", listener.local_addr().expect("address"));
        let clock = ManualClock::at(T0);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server_clock = Arc::new(clock.clone());
        let kept = config.clone();
        tokio::spawn(async move {
            let shutdown = async move {
                let _ = stopped.await;
            };
            if let Err(e) = localspace_server::serve(listener, config, server_clock, shutdown).await
            {
                panic!("server failed: {e:#}");
            }
        });
        TestServer {
            url,
            clock,
            dir,
            config: kept,
            _stop: stop,
        }
    }

    /// A second handle on the server's data and clock, for running a background job's pass
    /// when the test decides (the server's own jobs tick in real time).
    pub fn state(&self) -> localspace_server::AppState {
        localspace_server::state(self.config.clone(), Arc::new(self.clock.clone()))
            .expect("server state")
    }

    /// The folder the server writes `.eml` files to.
    pub fn outbox(&self) -> PathBuf {
        self.dir.path().join("outbox")
    }

    /// The token in the last link mailed to `email`.
    pub fn last_link_token(&self, email: &str) -> Option<String> {
        let mails = localspace_server::mail::read_outbox(self.outbox()).ok()?;
        let mail = mails.into_iter().rev().find(|m| m.to.contains(email))?;
        let start = mail.text.find("token=")? + "token=".len();
        Some(
            mail.text[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect(),
        )
    }
}
