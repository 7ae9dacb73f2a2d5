//! The types that cross between the desktop UI and Rust. Declared once here and exported to
//! `ui/src/platform/contract.ts` (see [`super::typescript`]); CI regenerates that file and
//! fails on a difference, so the UI and the commands cannot drift apart.

use localspace_core::api::{AccountView, UserView};
use localspace_core::{Kind, Money, Patch, RecordId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::query::{Filter, Hit, PipelineSummary, RecordView, Row, Sort, TaskBucket};
use crate::sync::SyncStatus;

pub use super::automation::{RuleIdRequest, RuleUpdateRequest};
pub use super::data_contract::*;
pub use super::file_types::*;

/// An error as the UI sees it: a stable `code` to branch on and a human message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct AppError {
    pub code: String,
    pub message: String,
}

/// The interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    Pl,
    En,
}

/// What the app knows when it starts: who is signed in (if anyone) and the settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct AppState {
    pub session: Option<SessionInfo>,
    /// The language the user chose; `None`: follow the system.
    pub locale: Option<Locale>,
    /// The server the sign-in form uses.
    pub server_url: String,
}

/// The signed-in user, kept on disk (never the token: that lives in the OS keychain).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct SessionInfo {
    pub server_url: String,
    pub user: UserView,
    pub account: AccountView,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignInRequest {
    /// `None`: the server in the app's settings.
    pub server_url: Option<String>,
    pub email: String,
    pub password: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignUpRequest {
    pub server_url: Option<String>,
    pub company: String,
    pub name: String,
    pub email: String,
    pub password: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResetRequest {
    pub server_url: Option<String>,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResetConfirmRequest {
    pub server_url: Option<String>,
    pub token: String,
    pub password: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AcceptInvitationRequest {
    pub server_url: Option<String>,
    pub token: String,
    pub name: String,
    pub password: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PasswordChangeRequest {
    pub current: String,
    pub new: String,
}

/// A page of a list, for a virtual scroller: rows from `offset`, or after `after`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ListRequest {
    pub kind: Kind,
    pub filter: Filter,
    pub sort: Sort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ListResponse {
    pub rows: Vec<Row>,
    /// How many rows the whole list holds.
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchRequest {
    pub text: String,
    pub limit: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchResponse {
    pub hits: Vec<Hit>,
}

/// A record page: the record with its links, timeline, tasks and files, plus the server's
/// refusal (if it refused the last edit) so the page can show the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct RecordPage {
    pub view: RecordView,
    pub refusal: Option<Refusal>,
}

/// Why the server did not accept a record's changes. The record shows the server's state;
/// the user's values it did not take are kept here until the user applies them again or
/// dismisses them (empty when the server refused the record itself, which then stays on the
/// device as the user made it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Refusal {
    pub code: String,
    pub reason: String,
    pub not_accepted: Patch,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct CreateRequest {
    pub kind: Kind,
    pub patch: Patch,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct UpdateRequest {
    pub id: RecordId,
    pub patch: Patch,
}

/// The same change applied to many records at once (bulk edit), in one transaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct BulkUpdateRequest {
    pub ids: Vec<RecordId>,
    pub patch: Patch,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IdsRequest {
    pub ids: Vec<RecordId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IdRequest {
    pub id: RecordId,
}

/// A note, call or meeting added to a record's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddActivityRequest {
    pub record: RecordId,
    /// `note`, `call`, `meeting` or `email`.
    pub activity_type: String,
    pub subject: Option<String>,
    pub body: String,
}

/// Picks one of a conflicting field's values; the conflict is gone everywhere once synced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ResolveConflictRequest {
    pub id: RecordId,
    pub field: String,
    pub value: localspace_core::Value,
}

/// A pipeline with its stages in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct PipelineView {
    pub id: RecordId,
    pub name: String,
    pub stages: Vec<localspace_core::Stage>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct BoardRequest {
    pub pipeline: RecordId,
    /// Only this salesperson's deals.
    pub owner: Option<uuid::Uuid>,
}

/// The pipeline board: open deals per stage with the stage totals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Board {
    pub pipeline: PipelineView,
    pub summary: PipelineSummary,
    pub columns: Vec<BoardColumn>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct BoardColumn {
    pub stage: String,
    pub deals: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MoveDealRequest {
    pub id: RecordId,
    pub stage: String,
}

/// Marks a deal won or lost (with the reason when lost), or reopens it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloseDealRequest {
    pub id: RecordId,
    /// `won`, `lost` or `open`.
    pub status: String,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TasksRequest {
    pub bucket: TaskBucket,
    /// Only tasks of this assignee.
    pub assignee: Option<uuid::Uuid>,
    pub limit: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct TasksResponse {
    pub tasks: Vec<crate::query::TaskRow>,
    /// Open tasks per bucket, for the counters beside the bucket names.
    pub counts: TaskCounts,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskCounts {
    pub inbox: u32,
    pub today: u32,
    pub overdue: u32,
    pub upcoming: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskDoneRequest {
    pub id: RecordId,
    pub done: bool,
}

/// A desktop notification (a task reminder), shown by the operating system's notification
/// service through the shell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NotificationRequest {
    pub title: String,
    pub body: String,
}

/// The manager's dashboard for one pipeline, in the account's main currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    pub currency: String,
    pub by_stage: Vec<StageValue>,
    /// Open deals' value × probability by expected close month (`YYYY-MM`), next 12 months
    /// plus deals overdue or without a date.
    pub forecast: Vec<MonthValue>,
    pub won: Tally,
    pub lost: Tally,
    pub per_owner: Vec<OwnerStats>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct StageValue {
    pub stage: String,
    pub name: String,
    pub count: u32,
    pub value: Money,
    pub weighted: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct MonthValue {
    /// `YYYY-MM`, or `none` for deals without an expected close date.
    pub month: String,
    pub weighted: Money,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Tally {
    pub count: u32,
    pub value: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct OwnerStats {
    pub owner: Option<uuid::Uuid>,
    pub name: String,
    pub open: Tally,
    pub won: Tally,
    pub lost: Tally,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DashboardRequest {
    pub pipeline: RecordId,
}

/// The coworkers of the account (cached for offline use).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Coworkers {
    pub users: Vec<UserView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetLocaleRequest {
    pub locale: Option<Locale>,
}

/// Bootstrap progress of a new device: documents loaded so far out of the announced total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

/// Something the UI should react to, pushed from Rust as an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AppEvent {
    /// The sync indicator changed.
    SyncStatus { status: SyncStatus },
    /// Records changed under the UI (pulled from other devices): lists and pages refresh.
    RecordsChanged { kinds: Vec<Kind> },
    /// Bootstrap progress.
    Bootstrap { progress: Progress },
    /// The session ended on the server (revoked, expired, deactivated): sign-in again.
    SignedOut,
    /// Someone signed in or out (also when the app signed itself in, e.g. in `xtask dev`).
    /// Boxed: the session is the largest payload, and events move by value.
    Session { session: Option<Box<SessionInfo>> },
    /// A file's bytes moving to or from the server: `done` of `total` bytes.
    FileProgress {
        file: RecordId,
        direction: TransferDirection,
        done: u64,
        total: u64,
    },
    /// An XLSX export's rows written so far out of the list's total.
    Export { progress: Progress },
    /// An import's rows written so far out of the rows it writes.
    Import { progress: Progress },
    /// An advanced export archive being saved: `done` of `total` bytes.
    ExportDownload { done: u64, total: u64 },
}

/// One field of a kind, so forms are built from the same schema validation uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldInfo {
    pub key: String,
    /// `text`, `enum`, `long_text`, `int`, `bool`, `money`, `date`, `timestamp`, `ref`,
    /// `user_ref`, `ref_set`, `user_set`, `emails`, `phones`, `list`, `lines`, `stages`, `nip`.
    pub field_type: String,
    pub required: bool,
    /// The allowed values of an `enum` field.
    pub options: Vec<String>,
    /// The kind a `ref`/`ref_set` field points to (`None`: any kind).
    pub ref_kind: Option<Kind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SchemaRequest {
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SchemaResponse {
    pub fields: Vec<FieldInfo>,
}

/// A custom field definition (a `custom_field` record) as forms and tables need it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomFieldView {
    pub id: RecordId,
    /// The kind it applies to (`company`, `person`, `deal`, `task`, `space`).
    pub target: String,
    pub key: String,
    pub label: String,
    /// `text`, `number`, `money`, `date`, `select`, `multiselect` or `bool`.
    pub field_type: String,
    pub options: Vec<String>,
    pub position: i64,
}

/// Definitions for one kind, or for every kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomFieldsRequest {
    pub target: Option<Kind>,
}

/// A saved filter (a `saved_filter` record): a name and the list query it stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedFilterView {
    pub id: RecordId,
    pub name: String,
    pub target: String,
    /// The filter as JSON, as the UI saved it.
    pub query: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedFiltersRequest {
    pub target: Kind,
}

/// Invites a coworker by e-mail (admins).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InviteRequest {
    pub email: String,
    pub role: localspace_core::api::Role,
    /// Give the new user a seat when they accept.
    pub seat: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Invitations {
    pub invitations: Vec<localspace_core::api::InvitationView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvitationIdRequest {
    pub id: String,
}

/// Changes a coworker (admins): role, seat, or active; `None` leaves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UserChangeRequest {
    pub user: localspace_core::UserId,
    pub role: Option<localspace_core::api::Role>,
    pub seat: Option<bool>,
    pub active: Option<bool>,
}

/// What became of a renewal: paid with its VAT invoice, waiting for the money with a
/// pro-forma, or declined (nothing issued) with the server's code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RenewalOutcome {
    Paid {
        /// `FV/YYYY/MM/NNNN`.
        invoice_number: String,
        /// The new last paid day, `YYYY-MM-DD`.
        paid_until: Option<String>,
        gross: Money,
    },
    Pending {
        /// `PF/YYYY/MM/NNNN`.
        proforma_number: String,
        gross: Money,
    },
    Failed {
        code: String,
        message: String,
    },
}

/// The answer to a plan change: an upgrade's payment (paid, pending or declined), or a
/// downgrade scheduled for `effective`; the plan as it stands afterwards (none when the
/// payment was declined).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChangeOutcome {
    pub kind: localspace_core::billing::ChangeKind,
    /// Europe/Warsaw `YYYY-MM-DD`; empty when the payment was declined.
    pub effective: String,
    pub payment: Option<RenewalOutcome>,
    pub plan: Option<localspace_core::api::PlanView>,
}

/// The invoices shown under Payments → History, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvoiceList {
    pub invoices: Vec<localspace_core::api::InvoiceSummary>,
}

/// Saves one invoice's PDF.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvoicePdfRequest {
    pub id: String,
}

/// Where a file was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedFile {
    pub path: String,
}
