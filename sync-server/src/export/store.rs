//! The bookkeeping of advanced exports behind one trait: one row per job (who asked, how far
//! it got, where its archive is and when it goes), the account's basic-export switch, and the
//! documents the build reads one kind and one page at a time.

use localspace_core::UserId;
use uuid::Uuid;

use crate::store::StoreResult;

/// Where a job is, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobState {
    Running,
    Ready,
    Failed,
    Expired,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Running => "running",
            JobState::Ready => "ready",
            JobState::Failed => "failed",
            JobState::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> JobState {
        match s {
            "running" => JobState::Running,
            "ready" => JobState::Ready,
            "expired" => JobState::Expired,
            _ => JobState::Failed,
        }
    }
}

/// One advanced export job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportJob {
    pub id: Uuid,
    pub account: Uuid,
    pub user: UserId,
    pub state: JobState,
    pub phase: String,
    pub done: u64,
    pub total: u64,
    pub size: Option<u64>,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub error: Option<String>,
}

/// Storage of export jobs and settings. Every call is scoped to one account.
pub trait ExportStore: Send + Sync + std::fmt::Debug {
    /// Stores a new running job unless the account has one running: then `Busy` with its id.
    fn begin_export(&self, job: &ExportJob) -> StoreResult<Result<(), Uuid>>;
    /// Records how far a running job got.
    fn export_progress(
        &self,
        account: Uuid,
        id: Uuid,
        phase: &str,
        done: u64,
        total: u64,
    ) -> StoreResult<()>;
    /// Ends a job: ready (with its size and expiry) or failed (with the reason).
    fn end_export(
        &self,
        account: Uuid,
        id: Uuid,
        outcome: Result<(u64, i64), String>,
        at: i64,
    ) -> StoreResult<()>;
    /// One job of the account (`NotFound` for another account's).
    fn export_job(&self, account: Uuid, id: Uuid) -> StoreResult<ExportJob>;
    /// The account's jobs, newest first, at most `limit`.
    fn export_jobs(&self, account: Uuid, limit: u32) -> StoreResult<Vec<ExportJob>>;
    /// Ready jobs whose archive expired at `now`, of every account.
    fn expired_exports(&self, now: i64) -> StoreResult<Vec<(Uuid, Uuid)>>;
    /// Marks a job's archive removed.
    fn expire_export(&self, account: Uuid, id: Uuid) -> StoreResult<()>;
    /// Jobs left running by a server that stopped are failed at start (their build is gone).
    fn fail_interrupted_exports(&self, at: i64) -> StoreResult<u64>;
    /// Forgets every job of an account (its deletion).
    fn forget_exports(&self, account: Uuid) -> StoreResult<()>;

    /// Whether users and managers may use basic export.
    fn basic_export(&self, account: Uuid) -> StoreResult<bool>;
    fn set_basic_export(&self, account: Uuid, allowed: bool) -> StoreResult<()>;

    /// How many documents of these kinds the account holds.
    fn count_docs(&self, account: Uuid, kinds: &[&str]) -> StoreResult<u64>;
    /// Up to `limit` merged documents of one kind with ids after `after`, in id order.
    fn docs_of_kind(
        &self,
        account: Uuid,
        kind: &str,
        after: Option<Uuid>,
        limit: u32,
    ) -> StoreResult<Vec<(Uuid, Vec<u8>)>>;
    /// The kind of a record of the account, if it exists.
    fn doc_kind(&self, account: Uuid, id: Uuid) -> StoreResult<Option<String>>;
}
