//! A background job of the server (billing lifecycle, log compaction): a task that runs until
//! the server stops, so tests that start many servers in one process leave none behind.

/// The running job; stops when dropped.
#[derive(Debug)]
pub struct Job(tokio::task::JoinHandle<()>);

impl Job {
    /// Runs `work` as a job.
    pub fn spawn(work: impl std::future::Future<Output = ()> + Send + 'static) -> Job {
        Job(tokio::spawn(work))
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs long blocking work (an export build, a backup) on a thread of its own, so it never
/// holds one of the runtime's few blocking threads (`crate::BLOCKING_THREADS`) that requests
/// need for storage work. Fails when the work panicked.
pub async fn on_own_thread<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let (done, result) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _ = done.send(work());
        })
        .map_err(|e| format!("starting the {name} thread: {e}"))?;
    result
        .await
        .map_err(|_| format!("the {name} thread stopped without an answer"))
}
