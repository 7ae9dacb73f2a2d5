//! A sync server process for `dev` and `e2e`: the real `localspace-server` binary with
//! embedded SQLite on a loopback port, stopped when dropped.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::workspace;

/// A running server.
#[derive(Debug)]
pub struct Server {
    pub url: String,
    child: Child,
}

/// A free loopback port (bound, then released for the server to take).
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

impl Server {
    /// Starts `target/debug/localspace-server` with its data and mail outbox under `dir` and the
    /// test payment provider.
    pub fn start(dir: &Path, port: u16) -> Result<Server> {
        std::fs::create_dir_all(dir)?;
        let binary = workspace::root().join("target/debug/localspace-server");
        let child = Command::new(&binary)
            .env("LOCALSPACE_LISTEN", format!("127.0.0.1:{port}"))
            .env("LOCALSPACE_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
            .env("LOCALSPACE_DATA_DIR", dir.join("data"))
            .env("LOCALSPACE_MAIL__OUTBOX_DIR", dir.join("outbox"))
            // Renewals in the app succeed without a real payment provider.
            .env("LOCALSPACE_BILLING__PROVIDER", "test")
            .env("LOCALSPACE_LOG", "warn")
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let mut server = Server {
            url: format!("http://127.0.0.1:{port}"),
            child,
        };
        server.wait_healthy(port)?;
        Ok(server)
    }

    fn wait_healthy(&mut self, port: u16) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                bail!("the sync server exited at start ({status})");
            }
            if health(port) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!("the sync server did not answer /health within 30 s")
    }
}

fn health(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let request = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    let mut answer = String::new();
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_to_string(&mut answer).is_ok()
        && answer.starts_with("HTTP/1.1 200")
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
