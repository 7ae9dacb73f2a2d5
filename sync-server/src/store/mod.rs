//! Storage of accounts, users, sessions, invitations, reset tokens and the audit log behind
//! one trait, so a PostgreSQL backend can sit beside the embedded SQLite one. Only domain
//! types cross the trait; no SQL type leaks past it.

mod sqlite;

pub use sqlite::SqliteStore;
pub use sqlite::restore::{ACCOUNT_TABLES, Restored};

use std::collections::BTreeSet;

use localspace_core::UserId;
use localspace_core::api::Role;
use uuid::Uuid;

/// Where an account is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountStatus {
    Trial,
    Active,
    Blocked,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Trial => "trial",
            AccountStatus::Active => "active",
            AccountStatus::Blocked => "blocked",
        }
    }

    pub fn parse(s: &str) -> AccountStatus {
        match s {
            "active" => AccountStatus::Active,
            "blocked" => AccountStatus::Blocked,
            _ => AccountStatus::Trial,
        }
    }
}

/// A customer company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: Uuid,
    pub name: String,
    pub status: AccountStatus,
    pub created_at: i64,
    pub trial_ends: i64,
    /// Seats paid for (or granted by the trial).
    pub seats: u32,
}

/// A person in an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub account: Uuid,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: Role,
    pub seat: bool,
    pub active: bool,
    pub lang: String,
    pub created_at: i64,
}

/// One change to a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserChange {
    Profile {
        name: Option<String>,
        lang: Option<String>,
    },
    PasswordHash(String),
    Role(Role),
    Seat(bool),
    /// Deactivating also frees the seat.
    Active(bool),
}

/// A signed-in device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: Uuid,
    pub user: UserId,
    pub account: Uuid,
    pub device: String,
    pub created_at: i64,
    pub last_used: i64,
}

/// An invitation to join an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub id: Uuid,
    pub account: Uuid,
    pub email: String,
    pub role: Role,
    pub seat: bool,
    pub lang: String,
    pub invited_by: UserId,
    pub created_at: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
}

/// One audit log entry.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditRecord {
    pub id: i64,
    pub account: Uuid,
    pub at: i64,
    pub actor: Option<UserId>,
    pub event: String,
    pub detail: serde_json::Value,
}

/// Why storage refused.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("this e-mail address already has an account")]
    EmailTaken,
    #[error("the change would leave the account without an active admin with a seat")]
    LastAdmin,
    #[error("every seat is taken")]
    NoFreeSeat,
    #[error("the token was already used")]
    TokenUsed,
    #[error("the token has expired")]
    TokenExpired,
    #[error("the file does not fit: {free} bytes of the quota are free")]
    QuotaExceeded { free: u64 },
    /// Another plan change of the account waits for its payment.
    #[error("another plan change waits for its payment")]
    ChangePending,
    /// The account's plan moved since the change was priced: it is not applied.
    #[error("the plan changed since this change was priced")]
    ChangeStale,
    #[error("storage backend: {0}")]
    Backend(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// An entry of the log as a reader gets it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedChange {
    pub cursor: u64,
    pub doc: Uuid,
    pub kind: String,
    pub body: LoggedBody,
}

/// What a log entry carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoggedBody {
    /// An encoded automerge change.
    Change(Vec<u8>),
    /// The record was erased for good.
    Erased,
    /// The reader may now see the record: its merged document as it is now.
    Granted(Vec<u8>),
    /// The reader may no longer see the record.
    Revoked,
}

/// A page of the log for one reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogPage {
    /// The entries the reader may see, oldest first.
    pub entries: Vec<LoggedChange>,
    /// The account's log cursor, read with the entries: when the page is not full, the
    /// reader has seen everything up to it (entries hidden from them included).
    pub cursor: u64,
    /// The account's epoch, read with the entries (it moves when the account is restored).
    pub epoch: u64,
}

/// Who may see a record. Managers and admins see every record; this decides for
/// salespeople (role `user`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Access {
    /// Everyone in the account.
    #[default]
    Public,
    /// Only these users (owner, participants or members, and for a child record the people
    /// who see its private parents).
    Restricted(BTreeSet<UserId>),
}

impl Access {
    /// Whether a salesperson sees the record.
    pub fn lets(&self, user: UserId) -> bool {
        match self {
            Access::Public => true,
            Access::Restricted(readers) => readers.contains(&user),
        }
    }
}

/// A page of merged documents for bootstrap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedPage {
    /// `(id, kind, saved bytes)` in id order.
    pub docs: Vec<(Uuid, String, Vec<u8>)>,
    pub total: u64,
    pub cursor: u64,
    /// The account's epoch, read with the page.
    pub epoch: u64,
}

/// A deletion an admin asked for: the data goes at `due` unless cancelled before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScheduledDeletion {
    pub requested_at: i64,
    pub due: i64,
}

/// What one compaction of an account's log did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Compaction {
    /// The new log floor: entries at or below it are gone.
    pub horizon: u64,
    /// How many entries were removed.
    pub removed: u64,
}

/// A record's merged document as stored: its kind and bytes.
pub type StoredDoc = (String, Vec<u8>);

/// The sync state of one account inside one transaction: merged documents, the change log
/// and erasures. The push logic (`crate::sync`) runs against it, so it stays the same for
/// every backend.
pub trait SyncTx {
    /// The merged document of a record: its kind and saved bytes.
    fn doc(&mut self, id: Uuid) -> StoreResult<Option<StoredDoc>>;
    fn put_doc(&mut self, id: Uuid, kind: &str, bytes: &[u8]) -> StoreResult<()>;
    fn is_erased(&mut self, id: Uuid) -> StoreResult<bool>;
    /// Appends a change to the log under the next cursor; returns that cursor.
    fn append(
        &mut self,
        id: Uuid,
        kind: &str,
        hash: &[u8],
        bytes: &[u8],
        user: UserId,
        at: i64,
    ) -> StoreResult<u64>;
    /// Erases a record for good: its document and its history go, a tombstone stays, and an
    /// erase entry is appended when the server knew the record (its cursor is returned).
    fn erase(&mut self, id: Uuid, user: UserId, at: i64) -> StoreResult<Option<u64>>;
    /// Binds an automerge actor id to `user` unless it is bound already; returns the user it
    /// belongs to, so a change made under someone else's actor can be refused.
    fn claim_actor(&mut self, actor: &[u8], user: UserId, at: i64) -> StoreResult<UserId>;
    /// The account's last cursor.
    fn cursor(&mut self) -> StoreResult<u64>;
    /// The account's epoch: it moves each time the account is restored from a backup.
    fn epoch(&mut self) -> StoreResult<u64>;

    /// Who may see a record (`Public` for a record with no restriction stored).
    fn access(&mut self, id: Uuid) -> StoreResult<Access>;
    fn set_access(&mut self, id: Uuid, access: &Access) -> StoreResult<()>;
    /// Replaces the records a child record (task, activity, file) hangs from.
    fn set_parents(&mut self, child: Uuid, parents: &[Uuid]) -> StoreResult<()>;
    /// The child records hanging from a record.
    fn children(&mut self, parent: Uuid) -> StoreResult<Vec<Uuid>>;
    /// The account's salespeople (role `user`): the people visibility applies to.
    fn salespeople(&mut self) -> StoreResult<Vec<UserId>>;
    /// Appends, for one user only, a grant (the record became visible to them) or a revoke.
    fn append_access(
        &mut self,
        id: Uuid,
        kind: &str,
        user: UserId,
        granted: bool,
        at: i64,
    ) -> StoreResult<u64>;
}

/// Storage of the server's account data. Every read that takes an account id is scoped to
/// that account: a row of another account is `NotFound`, exactly like a missing one.
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Creates an account with its first admin; `EmailTaken` if the admin's e-mail is in use.
    fn create_account(&self, account: &Account, admin: &User) -> StoreResult<()>;
    fn account(&self, id: Uuid) -> StoreResult<Account>;
    fn seats_used(&self, account: Uuid) -> StoreResult<u32>;

    fn user_by_email(&self, email: &str) -> StoreResult<Option<User>>;
    fn user(&self, account: Uuid, id: UserId) -> StoreResult<User>;
    /// A user by id alone, for flows that start from a token (password reset).
    fn user_by_id(&self, id: UserId) -> StoreResult<User>;
    fn users(&self, account: Uuid) -> StoreResult<Vec<User>>;
    /// Changes one thing about a user and returns the user as stored. Only the columns of
    /// that change are written, so two concurrent changes (a password change while an admin
    /// deactivates) never overwrite each other. Refused with `LastAdmin` when no active admin
    /// with a seat would remain, and `NoFreeSeat` when more seats would be used than paid for.
    fn change_user(&self, account: Uuid, id: UserId, change: &UserChange) -> StoreResult<User>;

    fn insert_session(&self, session: &Session, token_hash: &[u8]) -> StoreResult<()>;
    /// With [`Store::user`] and [`Store::account`], what authenticates every request: called
    /// on the async threads, so it must not wait for writers (the SQLite store answers from
    /// its read-only connection).
    fn session_by_token(&self, token_hash: &[u8]) -> StoreResult<Option<Session>>;
    fn touch_session(&self, id: Uuid, at: i64) -> StoreResult<()>;
    fn sessions_of(&self, user: UserId) -> StoreResult<Vec<Session>>;
    /// Deletes one of the user's sessions; `NotFound` if it is not theirs.
    fn delete_session(&self, user: UserId, id: Uuid) -> StoreResult<()>;
    /// Deletes every session of the user except `keep`; returns how many.
    fn delete_sessions_of(&self, user: UserId, keep: Option<Uuid>) -> StoreResult<u64>;

    fn insert_invitation(&self, invitation: &Invitation, token_hash: &[u8]) -> StoreResult<()>;
    fn invitations(&self, account: Uuid) -> StoreResult<Vec<Invitation>>;
    fn delete_invitation(&self, account: Uuid, id: Uuid) -> StoreResult<()>;
    /// Uses an invitation once: creates the user (with a seat if the invitation asked for
    /// one and one is free) and marks the invitation accepted, atomically.
    fn accept_invitation(
        &self,
        token_hash: &[u8],
        user: &mut User,
        now: i64,
    ) -> StoreResult<Invitation>;

    fn insert_reset(
        &self,
        user: UserId,
        token_hash: &[u8],
        created_at: i64,
        expires_at: i64,
    ) -> StoreResult<()>;
    /// The user of a valid, unused reset token, without using it.
    fn peek_reset(&self, token_hash: &[u8], now: i64) -> StoreResult<UserId>;
    /// Uses a reset token once and returns its user.
    fn use_reset(&self, token_hash: &[u8], now: i64) -> StoreResult<UserId>;

    /// The merged documents of `ids` as committed now (kind and stored bytes; `None` for a
    /// record not stored), read without the writer: a push prepares its merges from them and
    /// checks in its transaction that nothing changed meanwhile.
    fn stored_docs(&self, account: Uuid, ids: &[Uuid]) -> StoreResult<Vec<Option<StoredDoc>>>;

    /// Runs `work` in one write transaction on an account's sync state. Cursors are assigned
    /// inside it while the account's writes are serialized, so a reader never passes an entry
    /// that commits later with a lower cursor.
    fn sync_tx(
        &self,
        account: Uuid,
        work: &mut dyn FnMut(&mut dyn SyncTx) -> StoreResult<()>,
    ) -> StoreResult<()>;
    /// Up to `limit` log entries after `after`, oldest first, that `reader` may see: a
    /// salesperson (`Some`) gets the records visible to them and their own grants and
    /// revokes; `None` (managers, admins) gets every shared entry.
    fn pull(
        &self,
        account: Uuid,
        reader: Option<UserId>,
        after: u64,
        limit: u32,
    ) -> StoreResult<LogPage>;
    /// Up to `limit` merged documents `reader` may see (as in [`Store::pull`]) with ids
    /// after `after`, in id order, with the log cursor read in the same transaction, and on
    /// the first page (`after` is `None`) how many there are (0 on later pages).
    fn saved_docs(
        &self,
        account: Uuid,
        reader: Option<UserId>,
        after: Option<Uuid>,
        limit: u32,
    ) -> StoreResult<SavedPage>;
    /// Notes that a session's device pulled from `cursor` (the compaction horizon).
    fn note_pull(&self, session: Uuid, cursor: u64, at: i64) -> StoreResult<()>;
    /// The highest compacted cursor: a pull from below it cannot be served.
    fn log_floor(&self, account: Uuid) -> StoreResult<u64>;
    /// Removes log entries at or below the horizon: the lowest cursor pulled by a device seen
    /// since `seen_since` (the whole log when none was). Serialized with pushes.
    fn compact(&self, account: Uuid, seen_since: i64) -> StoreResult<Compaction>;
    /// Erased record ids of an account after `after`, in id order.
    fn erased(&self, account: Uuid, after: Option<Uuid>, limit: u32) -> StoreResult<Vec<Uuid>>;
    /// Every account (background jobs).
    fn account_ids(&self) -> StoreResult<Vec<Uuid>>;
    /// Marks an account blocked or active (billing's lifecycle; tests).
    fn set_account_status(&self, account: Uuid, status: AccountStatus) -> StoreResult<()>;

    /// Schedules the account's deletion at `due`; asking again keeps the first schedule.
    fn schedule_deletion(
        &self,
        account: Uuid,
        requested_at: i64,
        due: i64,
    ) -> StoreResult<ScheduledDeletion>;
    /// Cancels a scheduled deletion; false when none was scheduled.
    fn cancel_deletion(&self, account: Uuid) -> StoreResult<bool>;
    fn scheduled_deletion(&self, account: Uuid) -> StoreResult<Option<ScheduledDeletion>>;
    /// Accounts whose scheduled deletion is due at `now` and that still exist.
    fn deletions_due(&self, now: i64) -> StoreResult<Vec<Uuid>>;

    fn append_audit(&self, record: &AuditRecord) -> StoreResult<()>;
    /// Entries of one account, newest first, with ids below `before`.
    fn audit(
        &self,
        account: Uuid,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<AuditRecord>>;
}
