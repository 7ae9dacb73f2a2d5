//! The messages of the sync endpoints.

use serde::{Deserialize, Serialize};

use crate::{Kind, RecordId};

/// `POST /sync/v1/push`: the changes of dirty documents, in causal order per document, and
/// records erased for good on the device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    pub docs: Vec<DocPush>,
    pub erase: Vec<RecordId>,
    /// The account epoch the device last bootstrapped in (0 before any restore). A push from
    /// another epoch is refused with `409 epoch_changed` and nothing is stored: its history
    /// would undo a restore.
    pub epoch: u64,
}

/// The unpushed changes of one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocPush {
    pub id: RecordId,
    pub kind: Kind,
    /// Encoded automerge changes.
    pub changes: Vec<Vec<u8>>,
    /// The whole document as the device stores it (`Automerge::save` output, possibly
    /// followed by change chunks), sent instead of `changes` when the server has not
    /// acknowledged any of the document yet: the device sends its stored bytes without
    /// loading the document, and the server stores a new record's bytes as they came.
    pub saved: Option<Vec<u8>>,
}

/// The answer to a push: one result per document, in request order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub results: Vec<DocResult>,
    /// One result per erased id, in request order: `Erased`, or `Refused` (only admins
    /// erase).
    pub erased: Vec<DocResult>,
    /// The account's log cursor after this push.
    pub cursor: u64,
}

/// What became of one document's changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocResult {
    pub id: RecordId,
    pub status: DocStatus,
}

/// The outcome for one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocStatus {
    /// Stored; `appended` changes were new to the server (0 on a retry).
    Accepted { appended: u32 },
    /// Some changes depend on changes the server lacks: send the chain from these heads.
    MissingDeps { missing: Vec<[u8; 32]> },
    /// Refused for good: the device keeps the user's values marked "not accepted".
    Refused { code: String, reason: String },
    /// The record was erased; its changes are dropped and it is never recreated.
    Erased,
}

/// `GET /sync/v1/pull?after=N&limit=M`: log entries after a cursor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    pub entries: Vec<LogEntry>,
    /// Pass as `after` next time.
    pub cursor: u64,
    /// More entries wait beyond this page.
    pub more: bool,
    /// The account is blocked (its plan ran out): pulls work, pushes are refused until it is
    /// renewed. Devices with nothing to push learn it here.
    pub blocked: bool,
}

/// One entry of an account's change log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub cursor: u64,
    pub id: RecordId,
    pub kind: Kind,
    pub body: EntryBody,
}

/// What a log entry carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryBody {
    /// An encoded automerge change of the record.
    Change(Vec<u8>),
    /// The record was erased for good: drop it and its search entries, never recreate it.
    Erased,
    /// The puller may now see this record (it was made public, or they became its owner or
    /// a participant): its whole merged document, `Automerge::save` output, to merge in.
    Granted(Vec<u8>),
    /// The puller may no longer see this record: drop it from the device (no tombstone; a
    /// later grant brings it back).
    Revoked,
}

/// `GET /sync/v1/bootstrap?after=ID&limit=N`: a page of saved documents for a new or
/// far-behind device, in id order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BootstrapPage {
    pub docs: Vec<SavedDoc>,
    /// On the first page: how many documents there are for the caller, for a progress bar;
    /// 0 on later pages.
    pub total: u64,
    /// The log cursor when this page was read. After the last page the device pulls from the
    /// cursor of its FIRST page: changes made while it bootstrapped arrive from the log.
    pub cursor: u64,
    /// Pass as `after` for the next page; `None` on the last page.
    pub next: Option<RecordId>,
    /// The account's epoch when this page was read: it moves when the account is restored
    /// from a backup. A device keeps the epoch of its bootstrap and sends it with every push
    /// and pull.
    pub epoch: u64,
}

/// A record's whole merged document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDoc {
    pub id: RecordId,
    pub kind: Kind,
    /// `Automerge::save` output.
    pub bytes: Vec<u8>,
}

/// `GET /sync/v1/live` (a WebSocket): what the server tells a device, one binary frame each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LiveMessage {
    /// The account's log reached this cursor: pull if yours is lower. Sent once when the
    /// socket opens and after every push that appended to the log.
    Cursor(u64),
}

/// `GET /sync/v1/erased?after=ID&limit=N`: ids erased for good, in id order, so a device that
/// bootstraps again after being away drops records it still holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasedPage {
    pub ids: Vec<RecordId>,
    /// Pass as `after` for the next page; `None` on the last page.
    pub next: Option<RecordId>,
}
