//! The bookkeeping of file storage behind one trait: which blobs an account holds, which file
//! records refer to them, and the space reserved by uploads in progress. The quota check and
//! the reservation are one transaction, so two concurrent uploads cannot both take the last
//! free space.

use localspace_core::UserId;
use localspace_core::api::StorageUsage;
use uuid::Uuid;

use crate::store::StoreResult;

/// Space held for one upload until its bytes arrive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reservation {
    pub id: Uuid,
    pub account: Uuid,
    /// The file record the bytes belong to.
    pub file: Uuid,
    pub hash: String,
    pub size: u64,
    pub user: UserId,
    pub created_at: i64,
    pub expires_at: i64,
}

/// What a reservation request got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reserved {
    /// Space is held; send the bytes.
    Upload(Reservation),
    /// The account already holds these bytes: the file now refers to them, nothing to send.
    Existing,
}

/// Storage of blobs, references and reservations. Every call is scoped to one account.
pub trait FileStore: Send + Sync + std::fmt::Debug {
    /// In one transaction: drops the account's expired reservations; when the blob exists,
    /// refers `file` to it (`Existing`); otherwise checks used + reserved + size against the
    /// pooled quota (`gb_bytes` bytes per GB of the plan catalogue) and stores the
    /// reservation, or refuses with `QuotaExceeded` and the free space.
    fn reserve(&self, reservation: &Reservation, gb_bytes: u64, now: i64) -> StoreResult<Reserved>;
    /// A live reservation of the account (`NotFound` for another account's or an expired one).
    fn reservation(&self, account: Uuid, id: Uuid, now: i64) -> StoreResult<Reservation>;
    /// Frees a reservation's space (a failed or aborted upload).
    fn release(&self, account: Uuid, id: Uuid) -> StoreResult<()>;
    /// The bytes arrived and were verified: the blob is recorded (once), the file refers to
    /// it and the reservation is gone. Returns a blob that lost its last reference because
    /// the file referred to other bytes before.
    fn complete(&self, account: Uuid, id: Uuid, now: i64) -> StoreResult<Option<String>>;
    /// Whether the account holds this blob, and its size.
    fn blob_size(&self, account: Uuid, hash: &str) -> StoreResult<u64>;
    /// The blob a file refers to and the user who attached it.
    fn reference(&self, account: Uuid, file: Uuid) -> StoreResult<(String, UserId)>;
    /// Drops a file's reference; returns the blob's hash when that was its last reference
    /// (its row is gone and its bytes are to be deleted). `NotFound` when the file refers
    /// to nothing.
    fn unref(&self, account: Uuid, file: Uuid) -> StoreResult<Option<String>>;
    /// Used, reserved, quota and free bytes.
    fn usage(&self, account: Uuid, gb_bytes: u64, now: i64) -> StoreResult<StorageUsage>;
}
