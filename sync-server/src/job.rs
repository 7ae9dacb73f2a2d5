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
