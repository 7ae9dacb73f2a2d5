//! The sync server in a process of its own (this binary, hidden scenario `__sync_server`), so
//! its peak memory is its own and the devices' work is not counted against it. It serves on a
//! loopback port until its standard input closes; the first line it prints is its URL.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use localspace_core::SystemClock;

/// The hidden scenario's name.
pub const SCENARIO: &str = "__sync_server";

/// Runs the server with its data under `dir` (the child side).
pub fn serve(dir: &Path) -> Result<()> {
    let runtime = localspace_server::runtime()?;
    runtime.block_on(async {
        let mut config = localspace_server::Config {
            data_dir: dir.join("server"),
            // The bench signs in 22 devices from one address.
            requests_per_ip: 1_000,
            ..localspace_server::Config::default()
        };
        config.mail.outbox_dir = dir.join("outbox");
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        println!("http://{}", listener.local_addr()?);
        let stdin_closed = tokio::task::spawn_blocking(|| {
            let _ = std::io::stdin().read_to_end(&mut Vec::new());
        });
        localspace_server::serve(listener, config, Arc::new(SystemClock), async move {
            let _ = stdin_closed.await;
        })
        .await
        .context("server")
    })
}

/// The running server process (the parent side).
pub struct ServerProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    pub url: String,
}

impl ServerProcess {
    /// Starts the server with its data under `dir` and waits for its URL.
    pub fn start(dir: &Path) -> Result<ServerProcess> {
        let mut child = Command::new(std::env::current_exe()?)
            .arg(SCENARIO)
            .arg(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .context("starting the server process")?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().context("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let url = line.trim().to_owned();
        if !url.starts_with("http://") {
            let _ = child.kill();
            bail!("the server process did not print its URL (got `{url}`)");
        }
        Ok(ServerProcess { child, stdin, url })
    }

    /// The process's peak resident memory so far, in MB.
    pub fn peak_rss_mb(&self) -> f64 {
        crate::measure::peak_rss_mb_of(&format!("/proc/{}/status", self.child.id()))
    }

    /// Closes its input (a graceful shutdown) and waits for it.
    pub fn stop(mut self) -> Result<()> {
        drop(self.stdin.take());
        let status = self.child.wait()?;
        if !status.success() {
            bail!("the server process ended with {status}");
        }
        Ok(())
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if self.stdin.is_some() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
