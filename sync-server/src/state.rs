//! What every request handler shares: storage, mail, the clock, configuration and limits.

use std::sync::Arc;

use localspace_core::Clock;

use crate::auth::password::Cost;
use crate::auth::rate_limit::{Limit, RateLimiter};
use crate::automation::AutomationStore;
use crate::billing::{BillingStore, PaymentProvider};
use crate::config::Config;
use crate::error::{ApiError, ApiResult};
use crate::files::{BlobStore, FileStore};
use crate::mail::Mailer;
use crate::store::{Store, StoreError};

const FIFTEEN_MINUTES: i64 = 15 * 60 * 1000;

/// Shared server state.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// Plans, orders and invoices (the same SQLite file as `store`).
    pub billing: Arc<dyn BillingStore>,
    /// Takes online payments.
    pub payments: Arc<dyn PaymentProvider>,
    /// Blob bookkeeping: references, reservations, usage (the same SQLite file as `store`).
    pub files: Arc<dyn FileStore>,
    /// Automation rules (the same SQLite file as `store`).
    pub automation: Arc<dyn AutomationStore>,
    /// Advanced export jobs and the basic-export switch (the same SQLite file as `store`).
    pub exports: Arc<dyn crate::export::ExportStore>,
    /// Bumped whenever an export job moves, so status requests can wait for a change.
    pub export_changes: Arc<tokio::sync::watch::Sender<u64>>,
    /// Blob bytes (a folder by default).
    pub blobs: Arc<dyn BlobStore>,
    /// Held while a blob's bytes and its row change together (commit, removal), so a
    /// removal never deletes bytes an upload of the same content has just recorded.
    pub blob_lock: Arc<tokio::sync::Mutex<()>>,
    pub mailer: Arc<dyn Mailer>,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub limits: Arc<Limits>,
    /// A password hash of this server's cost that matches no password: unknown e-mails are
    /// checked against it so sign-in takes as long whether or not the address exists.
    pub dummy_hash: Arc<str>,
    /// The devices listening for new cursors.
    pub live: Arc<crate::sync::live::Live>,
    /// Recently pushed documents, kept merged in memory (`crate::sync::hot`).
    pub hot: Arc<crate::sync::hot::HotDocs>,
    /// Permits for storage work on blocking threads (`crate::STORAGE_THREADS`).
    pub storage: Arc<tokio::sync::Semaphore>,
    /// Permits for password hashing (`crate::PASSWORD_HASHES`): each argon2id hash holds
    /// 19 MiB while it runs.
    pub hashing: Arc<tokio::sync::Semaphore>,
    /// The clock's switch in dev and test builds (`clock` reads through it).
    #[cfg(debug_assertions)]
    pub shifted: Arc<crate::dev_clock::ShiftedClock>,
}

/// The rate limiters.
#[derive(Debug)]
pub struct Limits {
    /// Failed sign-ins per e-mail.
    pub sign_in_email: RateLimiter,
    /// Sign-in and recovery requests per IP.
    pub ip: RateLimiter,
    /// Recovery requests per e-mail.
    pub recovery_email: RateLimiter,
}

impl Limits {
    pub fn new(config: &Config) -> Self {
        Limits {
            sign_in_email: RateLimiter::new(Limit {
                max: config.sign_in_per_email,
                window_ms: FIFTEEN_MINUTES,
            }),
            ip: RateLimiter::new(Limit {
                max: config.requests_per_ip,
                window_ms: FIFTEEN_MINUTES,
            }),
            recovery_email: RateLimiter::new(Limit {
                max: 3,
                window_ms: FIFTEEN_MINUTES,
            }),
        }
    }
}

impl AppState {
    /// Runs blocking storage work off the async threads.
    pub async fn db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
    ) -> ApiResult<T> {
        let store = self.store.clone();
        self.storage_task("storage task", move || work(store.as_ref()))
            .await
    }

    /// Runs blocking billing storage work off the async threads.
    pub async fn billing_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&dyn BillingStore) -> Result<T, StoreError> + Send + 'static,
    ) -> ApiResult<T> {
        let store = self.billing.clone();
        self.storage_task("billing storage task", move || work(store.as_ref()))
            .await
    }

    /// Runs blocking file storage work off the async threads.
    pub async fn files_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&dyn FileStore) -> Result<T, StoreError> + Send + 'static,
    ) -> ApiResult<T> {
        let store = self.files.clone();
        self.storage_task("file storage task", move || work(store.as_ref()))
            .await
    }

    /// Runs blocking automation storage work off the async threads.
    pub async fn automation_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&dyn AutomationStore) -> Result<T, StoreError> + Send + 'static,
    ) -> ApiResult<T> {
        let store = self.automation.clone();
        self.storage_task("automation storage task", move || work(store.as_ref()))
            .await
    }

    /// Hashes or checks a password on a blocking thread once a hashing permit is free:
    /// twenty devices signing in at once held 20 × 19 MiB (the server peaked at 620 MB);
    /// the permits bound that, and a sign-in storm waits instead of exhausting memory.
    pub async fn password_task<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> ApiResult<T> {
        let permit = self
            .hashing
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| ApiError::internal("password task", e))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|e| ApiError::internal("password task", e))
    }

    /// Runs `work` on a blocking thread once a storage permit is free. The store writes
    /// through one connection, so more threads would only wait on its lock; each would keep
    /// its own allocator caches.
    /// The permit moves into the task, so it is held until the work ends even if the request
    /// is dropped meanwhile.
    async fn storage_task<T: Send + 'static>(
        &self,
        what: &'static str,
        work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
    ) -> ApiResult<T> {
        let permit = self
            .storage
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| ApiError::internal(what, e))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|e| ApiError::internal(what, e))?
        .map_err(ApiError::from)
    }

    /// Now, on the injected clock.
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// The password hashing cost this server runs with.
    pub fn hash_cost(&self) -> Cost {
        hash_cost_of(&self.config)
    }
}

/// The password hashing cost a configuration asks for.
pub fn hash_cost_of(config: &Config) -> Cost {
    if config.fast_hashing {
        Cost::Test
    } else {
        Cost::Production
    }
}
