//! Seeds a realistic Polish B2B demo account on a running sync server, for `cargo xtask dev`
//! and the desktop E2E tests.
//!
//! [`seed`] signs the account up (or in, when the e-mail is registered already), invites a
//! small sales team when it can read the server's mail outbox, generates the records with
//! `localspace_fixtures::Faker` into a scratch replica and pushes them with the client's
//! sync pass, exactly as a device would. An account that already holds records is left
//! alone, so it is safe to run every time a development server starts.
//!
//! ```no_run
//! # async fn run() -> anyhow::Result<()> {
//! use localspace_demo::{DemoLogin, DemoSizes, seed};
//!
//! let login = DemoLogin::new("malgorzata@drewpol.pl", "Kiełbasa-Krakowska-7")
//!     .with_outbox("localspace-data/outbox");
//! let dir = std::env::temp_dir();
//! let report = seed("http://127.0.0.1:8787", &login, DemoSizes::FULL, 42, &dir).await?;
//! println!("{} records", report.records);
//! # Ok(())
//! # }
//! ```

mod account;
mod device;
mod mail;
mod perf;
mod records;
mod sizes;
mod upload;

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use localspace_core::{Clock, SystemClock, UserId};

pub use account::DemoLogin;
pub use device::dump;
pub use perf::{perf_replica, perf_sizes};
pub use sizes::DemoSizes;

/// What [`seed`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedReport {
    /// True when records were created now; false when the account already held records and
    /// nothing was added.
    pub created: bool,
    /// The account's id.
    pub account_id: String,
    /// The signed-in admin's id.
    pub user_id: UserId,
    /// Records created now (0 when `created` is false).
    pub records: usize,
    /// E-mails of the coworkers who own records besides the admin (they sign in with the
    /// admin's password); empty without an outbox or when nothing was created.
    pub coworkers: Vec<String>,
    /// The day tasks and deals were dated against (the clock's local date).
    pub today: NaiveDate,
}

/// Seeds the demo account at `server_url` with `sizes` records drawn from `seed`, dated
/// against the system clock; the scratch replica lives in `scratch_dir` while it runs.
pub async fn seed(
    server_url: &str,
    login: &DemoLogin,
    sizes: DemoSizes,
    seed: u64,
    scratch_dir: &Path,
) -> Result<SeedReport> {
    seed_with_clock(
        server_url,
        login,
        sizes,
        seed,
        scratch_dir,
        Arc::new(SystemClock),
    )
    .await
}

/// [`seed`] with the records dated against `clock` (its local date is "today").
pub async fn seed_with_clock(
    server_url: &str,
    login: &DemoLogin,
    sizes: DemoSizes,
    seed: u64,
    scratch_dir: &Path,
    clock: Arc<dyn Clock>,
) -> Result<SeedReport> {
    let now_ms = clock.now_ms();
    let today = local_date(now_ms)?;
    let session = account::open(server_url, login).await?;
    let mut report = SeedReport {
        created: false,
        account_id: session.me.account.id.clone(),
        user_id: session.me.user.id,
        records: 0,
        coworkers: Vec::new(),
        today,
    };
    if !session.new_account && upload::holds_records(&session.api).await? {
        return Ok(report);
    }
    let team = account::team(&session, login).await?;
    let owners = account::owners(&session, &team);
    let now = records::Now { ms: now_ms, today };
    report.records = upload::create_and_push(
        &session.api,
        scratch_dir,
        &report.account_id,
        clock,
        move |replica| records::create(replica, sizes, seed, &owners, now),
    )
    .await?;
    report.created = true;
    report.coworkers = team.into_iter().map(|u| u.email).collect();
    Ok(report)
}

/// The local calendar date at `ms` since the Unix epoch.
fn local_date(ms: i64) -> Result<NaiveDate> {
    let at = chrono::DateTime::from_timestamp_millis(ms).context("the clock is out of range")?;
    Ok(at.with_timezone(&chrono::Local).date_naive())
}
