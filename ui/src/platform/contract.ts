// Generated from crates/client/src/app/contract.rs by `cargo xtask contract`.
// Do not edit: CI regenerates this file and fails on a difference.

export type RecordId = string;

export type UserId = string;

export type Kind = "company" | "person" | "deal" | "task" | "activity" | "space" | "file" | "pipeline" | "custom_field" | "saved_filter";

export type Money = { 
/**
 * Amount in minor units (1 PLN = 100).
 */
minor: number, 
/**
 * The currency of the amount.
 */
currency: string, };

export type Value = { "type": "text", "value": string } | { "type": "long_text", "value": string } | { "type": "int", "value": number } | { "type": "bool", "value": boolean } | { "type": "money", "value": Money } | { "type": "date", "value": string } | { "type": "timestamp", "value": number } | { "type": "ref", "value": string } | { "type": "ref_set", "value": Array<string> } | { "type": "list", "value": Array<string> } | { "type": "text_set", "value": Array<string> } | { "type": "lines", "value": Array<Line> } | { "type": "stages", "value": Array<Stage> };

export type Line = { id: RecordId, name: string, quantity: number, unit_price: Money, 
/**
 * Position in the list; ties break by id so every device shows the same order.
 */
position: number, };

export type Stage = { id: RecordId, name: string, 
/**
 * Order on the board, ascending; ties break by id.
 */
position: number, 
/**
 * Chance of winning a deal in this stage, 0–100.
 */
probability: number, };

export type FieldRead = { 
/**
 * The value every device shows (automerge's deterministic winner).
 */
value: Value, 
/**
 * The other values written concurrently; empty when there is no conflict.
 */
conflicts: Array<Value>, };

export type CrmRecord = { id: RecordId, kind: Kind, 
/**
 * Schema version of the document (may be newer than this app's).
 */
schema: number, fields: { [key in string]: FieldRead }, custom: { [key in RecordId]: FieldRead }, 
/**
 * When the record went to the trash (ms since epoch); `None` when it is live.
 */
deleted_at: number | null, };

export type Patch = { fields: { [key in string]: Value | null }, custom: { [key in RecordId]: Value | null }, };

export type Role = "user" | "manager" | "admin";

export type UserView = { id: UserId, name: string, email: string, role: Role, seat: boolean, active: boolean, lang: string, };

export type AccountView = { id: string, name: string, 
/**
 * `trial`, `active`, `blocked`.
 */
status: string, 
/**
 * End of the trial, RFC 3339.
 */
trial_ends: string, seats: number, seats_used: number, 
/**
 * Whether users and managers may export lists (admins always may). Older servers do
 * not send it: export is allowed.
 */
basic_export: boolean, 
/**
 * The last paid day, `YYYY-MM-DD` (Europe/Warsaw); none before the first payment, so a
 * blocked account with it has an expired term and one without it an ended trial.
 */
paid_until: string | null, 
/**
 * While blocked: the last day with access, `YYYY-MM-DD` (Europe/Warsaw) — the trial's
 * last day or the last paid day.
 */
access_ended: string | null, 
/**
 * While blocked: the day the account and all its data are deleted unless the plan is
 * renewed, `YYYY-MM-DD` (Europe/Warsaw), from the same plan the lifecycle job follows.
 */
deletion_on: string | null, };

export type DeletionRequest = { password: string, 
/**
 * The account's name, typed again.
 */
account_name: string, };

export type DeletionView = { 
/**
 * Asked for, RFC 3339; `None` when no deletion is scheduled.
 */
requested_at: string | null, 
/**
 * When the server removes the data, RFC 3339: until then an admin can cancel.
 */
deletes_at: string | null, 
/**
 * When the last backup holding the data ages out, RFC 3339.
 */
backups_gone_at: string | null, 
/**
 * Days between the request and the deletion, and that backups are kept.
 */
delay_days: number, backup_days: number, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

export type Filter = { 
/**
 * Records of one owner.
 */
owner: string | null, 
/**
 * People of one company.
 */
company: RecordId | null, 
/**
 * Deals of one pipeline.
 */
pipeline: RecordId | null, 
/**
 * Deals in one stage (stage id).
 */
stage: string | null, 
/**
 * Deals with this status (`open`, `won`, `lost`).
 */
status: string | null, 
/**
 * Records in this city (people, companies).
 */
city: string | null, 
/**
 * Records matching this search text.
 */
text: string | null, 
/**
 * Records whose custom value equals the given JSON value.
 */
custom: Array<[RecordId, JsonValue]>, 
/**
 * The trash instead of live records.
 */
trash: boolean, };

export type Sort = "name" | "created" | "value" | "close_date" | "due";

export type Row = { "kind": "person" } & PersonRow | { "kind": "company" } & CompanyRow | { "kind": "deal" } & DealRow | { "kind": "task" } & TaskRow | SimpleRow;

export type PersonRow = { id: RecordId, first_name: string | null, last_name: string | null, company: RecordId | null, company_name: string | null, position: string | null, email: string | null, phone: string | null, city: string | null, owner: string | null, custom: string | null, };

export type CompanyRow = { id: RecordId, name: string | null, nip: string | null, industry: string | null, city: string | null, email: string | null, phone: string | null, owner: string | null, custom: string | null, };

export type DealRow = { id: RecordId, title: string | null, pipeline: RecordId | null, stage: string | null, value: Money | null, close_date: string | null, probability: number | null, status: string, owner: string | null, custom: string | null, };

export type TaskRow = { id: RecordId, title: string | null, due: string | null, done: boolean, assignee: string | null, };

export type SimpleRow = { id: RecordId, kind: Kind, title: string, };

export type Hit = { id: RecordId, kind: Kind, title: string, };

export type Linked = { id: RecordId, kind: Kind, title: string, 
/**
 * The field that links them (`company`, `people`, …).
 */
relation: string, 
/**
 * True when the other record points here (a person of this company).
 */
incoming: boolean, };

export type TimelineEntry = { id: RecordId, activity_type: string, subject: string | null, at: number | null, preview: string | null, author: string | null, };

export type RecordView = { record: CrmRecord, linked: Array<Linked>, timeline: Array<TimelineEntry>, tasks: Array<TaskRow>, files: Array<SimpleRow>, };

export type StageSummary = { stage: string, name: string, probability: number, count: number, 
/**
 * Sum of deal values, one entry per currency.
 */
sum: Array<Money>, 
/**
 * Sum of values × probability, rounded per deal, one entry per currency.
 */
weighted: Array<Money>, };

export type Totals = { count: number, sum: Array<Money>, };

export type PipelineSummary = { stages: Array<StageSummary>, won: Totals, lost: Totals, };

export type TaskBucket = "inbox" | "today" | "overdue" | "upcoming";

export type SyncStatus = { "state": "offline", pending: number, } | { "state": "syncing", pending: number, } | { "state": "synced", at: number, } | { "state": "blocked", pending: number, } | { "state": "signed_out" } | { "state": "upgrade_required" } | { "state": "failed", code: string, pending: number, };

export type AppError = { code: string, message: string, };

export type Locale = "pl" | "en";

export type AppState = { session: SessionInfo | null, 
/**
 * The language the user chose; `None`: follow the system.
 */
locale: Locale | null, 
/**
 * The server the sign-in form uses.
 */
server_url: string, };

export type SessionInfo = { server_url: string, user: UserView, account: AccountView, };

export type SignInRequest = { 
/**
 * `None`: the server in the app's settings.
 */
server_url: string | null, email: string, password: string, };

export type SignUpRequest = { server_url: string | null, company: string, name: string, email: string, password: string, };

export type ResetRequest = { server_url: string | null, email: string, };

export type ResetConfirmRequest = { server_url: string | null, token: string, password: string, };

export type AcceptInvitationRequest = { server_url: string | null, token: string, name: string, password: string, };

export type PasswordChangeRequest = { current: string, new: string, };

export type ListRequest = { kind: Kind, filter: Filter, sort: Sort, descending: boolean, offset: number, limit: number, };

export type ListResponse = { rows: Array<Row>, 
/**
 * How many rows the whole list holds.
 */
total: number, };

export type SearchRequest = { text: string, limit: number, };

export type SearchResponse = { hits: Array<Hit>, };

export type RecordPage = { view: RecordView, refusal: Refusal | null, };

export type Refusal = { code: string, reason: string, not_accepted: Patch, };

export type CreateRequest = { kind: Kind, patch: Patch, };

export type UpdateRequest = { id: RecordId, patch: Patch, };

export type BulkUpdateRequest = { ids: Array<RecordId>, patch: Patch, };

export type IdsRequest = { ids: Array<RecordId>, };

export type IdRequest = { id: RecordId, };

export type AddActivityRequest = { record: RecordId, 
/**
 * `note`, `call`, `meeting` or `email`.
 */
activity_type: string, subject: string | null, body: string, };

export type ResolveConflictRequest = { id: RecordId, field: string, value: Value, };

export type PipelineView = { id: RecordId, name: string, stages: Array<Stage>, };

export type BoardRequest = { pipeline: RecordId, 
/**
 * Only this salesperson's deals.
 */
owner: string | null, };

export type Board = { pipeline: PipelineView, summary: PipelineSummary, columns: Array<BoardColumn>, };

export type BoardColumn = { stage: string, deals: Array<Row>, };

export type MoveDealRequest = { id: RecordId, stage: string, };

export type CloseDealRequest = { id: RecordId, 
/**
 * `won`, `lost` or `open`.
 */
status: string, reason: string | null, };

export type TasksRequest = { bucket: TaskBucket, 
/**
 * Only tasks of this assignee.
 */
assignee: string | null, limit: number, };

export type TasksResponse = { tasks: Array<TaskRow>, 
/**
 * Open tasks per bucket, for the counters beside the bucket names.
 */
counts: TaskCounts, };

export type TaskCounts = { inbox: number, today: number, overdue: number, upcoming: number, };

export type TaskDoneRequest = { id: RecordId, done: boolean, };

export type NotificationRequest = { title: string, body: string, };

export type Dashboard = { currency: string, by_stage: Array<StageValue>, 
/**
 * Open deals' value × probability by expected close month (`YYYY-MM`), next 12 months
 * plus deals overdue or without a date.
 */
forecast: Array<MonthValue>, won: Tally, lost: Tally, per_owner: Array<OwnerStats>, };

export type StageValue = { stage: string, name: string, count: number, value: Money, weighted: Money, };

export type MonthValue = { 
/**
 * `YYYY-MM`, or `none` for deals without an expected close date.
 */
month: string, weighted: Money, count: number, };

export type Tally = { count: number, value: Money, };

export type OwnerStats = { owner: string | null, name: string, open: Tally, won: Tally, lost: Tally, };

export type DashboardRequest = { pipeline: RecordId, };

export type Coworkers = { users: Array<UserView>, };

export type SetLocaleRequest = { locale: Locale | null, };

export type Progress = { done: number, total: number, };

export type AppEvent = { "type": "sync_status", status: SyncStatus, } | { "type": "records_changed", kinds: Array<Kind>, } | { "type": "bootstrap", progress: Progress, } | { "type": "signed_out" } | { "type": "session", session: SessionInfo | null, } | { "type": "file_progress", file: RecordId, direction: TransferDirection, done: number, total: number, } | { "type": "export", progress: Progress, } | { "type": "import", progress: Progress, } | { "type": "export_download", done: number, total: number, };

export type FieldInfo = { key: string, 
/**
 * `text`, `enum`, `long_text`, `int`, `bool`, `money`, `date`, `timestamp`, `ref`,
 * `user_ref`, `ref_set`, `user_set`, `emails`, `phones`, `list`, `lines`, `stages`, `nip`.
 */
field_type: string, required: boolean, 
/**
 * The allowed values of an `enum` field.
 */
options: Array<string>, 
/**
 * The kind a `ref`/`ref_set` field points to (`None`: any kind).
 */
ref_kind: Kind | null, };

export type SchemaRequest = { kind: Kind, };

export type SchemaResponse = { fields: Array<FieldInfo>, };

export type CustomFieldView = { id: RecordId, 
/**
 * The kind it applies to (`company`, `person`, `deal`, `task`, `space`).
 */
target: string, key: string, label: string, 
/**
 * `text`, `number`, `money`, `date`, `select`, `multiselect` or `bool`.
 */
field_type: string, options: Array<string>, position: number, };

export type CustomFieldsRequest = { target: Kind | null, };

export type SavedFilterView = { id: RecordId, name: string, target: string, 
/**
 * The filter as JSON, as the UI saved it.
 */
query: string, };

export type SavedFiltersRequest = { target: Kind, };

export type InviteRequest = { email: string, role: Role, 
/**
 * Give the new user a seat when they accept.
 */
seat: boolean, };

export type Invitations = { invitations: Array<InvitationView>, };

export type InvitationIdRequest = { id: string, };

export type UserChangeRequest = { user: UserId, role: Role | null, seat: boolean | null, active: boolean | null, };

export type InvitationView = { id: string, email: string, role: Role, seat: boolean, expires_at: string, accepted: boolean, };

export type Plan = "crm" | "crm_automation";

export type Buyer = { 
/**
 * Company name as registered.
 */
company: string, 
/**
 * Street, postcode and town; line breaks allowed.
 */
address: string, 
/**
 * Polish tax id; separators and a `PL` prefix are accepted, the checksum is verified.
 */
nip: string, 
/**
 * Where the invoice is e-mailed.
 */
invoice_email: string, };

export type QuoteRequest = { plan: Plan, 
/**
 * Seats to pay for: at least the number of users holding a seat.
 */
seats: number, 
/**
 * Term in months, 1–36.
 */
months: number, 
/**
 * Extra storage packs of 10 GB.
 */
packs: number, buyer: Buyer, };

export type PaymentMethod = "online" | "transfer";

export type TestOutcome = "success" | "failure" | "pending";

export type RenewalRequest = { plan: Plan, seats: number, months: number, packs: number, buyer: Buyer, method: PaymentMethod, 
/**
 * Only with the test provider: the outcome it should report.
 */
test_outcome: TestOutcome | null, 
/**
 * Language of the invoice e-mail, `pl` (default) or `en`.
 */
lang: string | null, };

export type LineKind = "plan" | "discount" | "storage" | "upgrade" | "seats";

export type QuoteLine = { kind: LineKind, 
/**
 * What the line is, e.g. `Localspace CRM – 5 stanowisk × 12 miesięcy`.
 */
name_pl: string, name_en: string, 
/**
 * Units priced: seat-months, pack-months, or 1 for the discount.
 */
quantity: number, 
/**
 * Net price of one unit (for the discount: the amount it is taken from).
 */
unit_net: Money, net: Money, vat: Money, gross: Money, 
/**
 * How the line's amounts come about, e.g. `59,00 zł × 5 × 12 = 3 540,00 zł netto; …`.
 */
arithmetic_pl: string, arithmetic_en: string, };

export type Quote = { plan: Plan, seats: number, months: number, packs: number, discount_percent: number, vat_percent: number, 
/**
 * The pooled file quota the order buys, in GB.
 */
quota_gb: number, lines: Array<QuoteLine>, 
/**
 * Sums of the lines' rounded amounts.
 */
net: Money, vat: Money, gross: Money, 
/**
 * The rounding rule.
 */
rounding_pl: string, rounding_en: string, 
/**
 * Set when the quote prices a change during a paid term rather than a new term.
 */
change: ChangeFacts | null, };

export type PlanView = { plan: Plan | null, seats: number, packs: number, 
/**
 * Last paid day, Europe/Warsaw, `YYYY-MM-DD`; none before the first payment.
 */
paid_until: string | null, quota_gb: number, 
/**
 * A downgrade waiting for the end of the paid term.
 */
scheduled: ScheduledChange | null, };

export type ScheduledChange = { plan: Plan, seats: number, packs: number, 
/**
 * Europe/Warsaw, `YYYY-MM-DD`.
 */
from: string, };

export type ChangeKind = "upgrade" | "downgrade";

export type ChangeFacts = { kind: ChangeKind, from_plan: Plan, from_seats: number, from_packs: number, 
/**
 * The paid term priced against, Europe/Warsaw `YYYY-MM-DD`, inclusive.
 */
term_first_day: string, term_last_day: string, 
/**
 * The day the change takes effect: today for an upgrade, the day after the paid term
 * for a downgrade.
 */
effective: string, 
/**
 * Days from the effective day through the term's last day (an upgrade), and the
 * term's days.
 */
days_left: number, days_in_term: number, };

export type ChangeRequest = { plan: Plan, seats: number, packs: number, };

export type ChangeQuote = { kind: ChangeKind, 
/**
 * The day it takes effect, Europe/Warsaw `YYYY-MM-DD`: today for an upgrade, the day
 * after the paid term for a downgrade.
 */
effective: string, 
/**
 * The prorated charge of an upgrade; none for a downgrade (nothing is charged).
 */
quote: Quote | null, };

export type PlanChangeRequest = { plan: Plan, seats: number, packs: number, 
/**
 * Required for an upgrade (the invoice's buyer); ignored for a downgrade.
 */
buyer: Buyer | null, method: PaymentMethod, 
/**
 * Only with the test provider: the outcome it should report.
 */
test_outcome: TestOutcome | null, 
/**
 * Language of the invoice e-mail, `pl` (default) or `en`.
 */
lang: string | null, };

export type ChangeOutcome = { kind: ChangeKind, 
/**
 * Europe/Warsaw `YYYY-MM-DD`; empty when the payment was declined.
 */
effective: string, payment: RenewalOutcome | null, plan: PlanView | null, };

export type InvoiceSummary = { id: string, 
/**
 * `FV/2026/03/0001` or `PF/2026/03/0001`.
 */
number: string, 
/**
 * `vat` or `proforma`.
 */
kind: string, 
/**
 * Issue date, Europe/Warsaw, `YYYY-MM-DD`.
 */
issue_date: string, gross: Money, 
/**
 * `paid` (a VAT invoice), `awaiting_payment` or `settled` (a pro-forma whose VAT invoice
 * was issued).
 */
status: string, };

export type RenewalOutcome = { "status": "paid", 
/**
 * `FV/YYYY/MM/NNNN`.
 */
invoice_number: string, 
/**
 * The new last paid day, `YYYY-MM-DD`.
 */
paid_until: string | null, gross: Money, } | { "status": "pending", 
/**
 * `PF/YYYY/MM/NNNN`.
 */
proforma_number: string, gross: Money, } | { "status": "failed", code: string, message: string, };

export type InvoiceList = { invoices: Array<InvoiceSummary>, };

export type InvoicePdfRequest = { id: string, };

export type SavedFile = { path: string, };

export type RuleSpec = { "type": "stage_task", 
/**
 * The pipeline record's id.
 */
pipeline: string, 
/**
 * The stage's id within the pipeline.
 */
stage: string, title: string, due_in_days: number, } | { "type": "won_note", note: string, };

export type AutomationRule = { id: string, spec: RuleSpec, enabled: boolean, 
/**
 * RFC 3339.
 */
created_at: string, updated_at: string, };

export type AutomationRules = { 
/**
 * False on the `crm` plan: rules are kept but never fire, and none can be enabled.
 */
available: boolean, 
/**
 * Oldest first.
 */
rules: Array<AutomationRule>, };

export type NewRule = { spec: RuleSpec, 
/**
 * On when left out.
 */
enabled: boolean, };

export type RuleUpdate = { spec?: RuleSpec, enabled?: boolean, };

export type RuleUpdateRequest = { id: string, update: RuleUpdate, };

export type RuleIdRequest = { id: string, };

export type StorageUsage = { 
/**
 * Bytes of stored blobs (each distinct content counted once).
 */
used: number, 
/**
 * Bytes reserved by uploads in progress.
 */
reserved: number, 
/**
 * The pooled quota: seats × plan GB + extra packs.
 */
quota: number, 
/**
 * What a new upload may still take: quota − used − reserved.
 */
free: number, };

export type AttachFileRequest = { 
/**
 * The person, company, deal or space.
 */
record: RecordId, 
/**
 * The file the user picked.
 */
path: string, };

export type AddLinkRequest = { record: RecordId, name: string, url: string, };

export type AttachOutcome = { "status": "uploaded", file: RecordId, } | { "status": "waiting", file: RecordId, code: string, } | { "status": "quota_exceeded", free: number, size: number, };

export type FileState = "link" | "waiting" | "here" | "server";

export type FileView = { id: RecordId, name: string, size: number, mime: string | null, url: string | null, 
/**
 * When it was attached (ms since epoch).
 */
added_at: number, state: FileState, };

export type FileList = { files: Array<FileView>, };

export type DownloadFileRequest = { id: RecordId, path: string, };

export type TransferDirection = "upload" | "download";

export type SavePathRequest = { name: string, };

export type ExportListName = "people" | "companies" | "deals" | "coworkers";

export type ExportRequest = { list: ExportListName, filter: Filter, sort: Sort, descending: boolean, 
/**
 * Where to write the file (the save dialog's answer).
 */
path: string, 
/**
 * The language of the headers and sheet name.
 */
locale: Locale, };

export type ExportDone = { path: string, rows: number, columns: number, };

export type Target = { "to": "ignore" } | { "to": "field", "key": string } | { "to": "custom", "key": RecordId };

export type Mapping = { columns: Array<Target>, };

export type SourceFormat = { "format": "xlsx", sheet: string, } | { "format": "csv", delimiter: string, encoding: string, };

export type MatchRule = "nip" | "regon" | "name" | "email" | "name_and_company";

export type MatchedWith = { "with": "record", "id": RecordId } | { "with": "row", "id": number };

export type RowMatch = { with: MatchedWith, rule: MatchRule, };

export type RowIssue = { 
/**
 * The line of the file, as a spreadsheet numbers it (the header is line 1).
 */
line: number, 
/**
 * The column header, when one cell is at fault.
 */
column: string | null, message: string, warning: boolean, };

export type PreviewRow = { line: number, patch: Patch, matched: RowMatch | null, issues: Array<RowIssue>, };

export type Preview = { format: SourceFormat, headers: Array<string>, mapping: Mapping, 
/**
 * Data rows in the file.
 */
total_rows: number, 
/**
 * Rows of the whole file that match a record or an earlier row.
 */
matched: number, 
/**
 * Rows of the whole file that cannot be imported.
 */
failed: number, rows: Array<PreviewRow>, };

export type ImportPreviewRequest = { path: string, 
/**
 * `person` or `company`.
 */
kind: Kind, mapping: Mapping | null, 
/**
 * Rows of the preview.
 */
limit: number, };

export type ImportTarget = { target: Target, 
/**
 * A custom field's label; built-in fields are named by the UI (`field.<key>`).
 */
label: string | null, };

export type ImportPreviewResponse = { file_name: string, preview: Preview, 
/**
 * The first rows' cells as the file has them, column by column (for the mapping table).
 */
samples: Array<Array<string>>, targets: Array<ImportTarget>, };

export type Decision = "skip" | "update" | "create";

export type LineDecision = { line: number, decision: Decision, };

export type RunImportRequest = { path: string, kind: Kind, mapping: Mapping, 
/**
 * What happens to a matched row without its own decision.
 */
on_match: Decision, decisions: Array<LineDecision>, };

export type ImportReport = { 
/**
 * The id to undo it with.
 */
import: string, created: number, updated: number, 
/**
 * Matched rows left alone, and rows that changed nothing.
 */
skipped: number, 
/**
 * Rows not imported, with their line and reason.
 */
errors: Array<RowIssue>, 
/**
 * Imported rows with a problem worth knowing (an unknown company or owner).
 */
warnings: Array<RowIssue>, };

export type ImportRecord = { id: string, kind: Kind, created: number, updated: number, 
/**
 * All batches were written.
 */
complete: boolean, undone: boolean, 
/**
 * An advanced-export archive's import (records of every kind; `kind` is not used).
 */
archive?: boolean, };

export type ImportEntry = { record: ImportRecord, 
/**
 * The file's name (without its folder).
 */
file: string | null, 
/**
 * When it ran (ms since the epoch).
 */
at_ms: number | null, };

export type ImportIdRequest = { id: string, };

export type UndoReport = { 
/**
 * Created records moved to the trash.
 */
removed: number, 
/**
 * Updated records given their old values back.
 */
restored: number, 
/**
 * Fields left alone because they were edited after the import.
 */
kept_fields: number, };

export type ImportArchiveRequest = { path: string, };

export type KindCount = { kind: Kind, count: number, };

export type ArchiveReport = { 
/**
 * The id to undo it with.
 */
import: string, 
/**
 * Records created, by kind (files included).
 */
created: Array<KindCount>, 
/**
 * Of them, put back in the trash as they were.
 */
trashed: number, 
/**
 * Files whose bytes were uploaded.
 */
files_uploaded: number, 
/**
 * File records whose bytes the archive did not hold (links, files never uploaded).
 */
files_without_bytes: number, 
/**
 * Custom field definitions this account already had (same target, key and type).
 */
reused_definitions: number, 
/**
 * Links to records the archive did not hold, left out.
 */
dropped_links: number, };

export type DuplicatesRequest = { 
/**
 * `person` or `company`.
 */
kind: Kind, };

export type DuplicateCandidate = { rule: MatchRule, rows: Array<Row>, };

export type DuplicateCandidates = { groups: Array<DuplicateCandidate>, 
/**
 * Groups found in all (the screen shows the first ones).
 */
total: number, };

export type MergeRequest = { winner: RecordId, loser: RecordId, locale: Locale, };

export type MergeReport = { winner: RecordId, loser: RecordId, 
/**
 * Records whose links now point at the winner instead of the loser.
 */
repointed: Array<RecordId>, 
/**
 * Fields of the winner filled or combined from the loser.
 */
fields: Array<string>, 
/**
 * The note recording the merge.
 */
note: RecordId, };

export type PickedPath = { path: string | null, };

export type ExportState = "running" | "ready" | "failed" | "expired";

export type ExportJobView = { id: string, state: ExportState, 
/**
 * What is being written: `companies`, `people`, … `files`, `readme`, `done`.
 */
phase: string, 
/**
 * Records (and files) written so far, out of `total`.
 */
done: number, total: number, 
/**
 * The archive's size in bytes, once ready.
 */
size: number | null, 
/**
 * RFC 3339.
 */
started_at: string, finished_at: string | null, 
/**
 * When the archive is removed (ready jobs).
 */
expires_at: string | null, 
/**
 * Why it failed (failed jobs), in general terms.
 */
error: string | null, };

export type ExportJobRequest = { id: string, 
/**
 * Answer when the job moves (or after a few seconds) instead of at once.
 */
wait: boolean, };

export type ExportJobs = { jobs: Array<ExportJobView>, };

export type SaveArchiveRequest = { id: string, path: string, };

export type ArchiveSaved = { path: string, size: number, };

export type BasicExportRequest = { allowed: boolean, };

export type SaveDialogRequest = { 
/**
 * The name the dialog proposes (`osoby.xlsx`).
 */
file_name: string, filter_name: string, 
/**
 * Extensions without the dot.
 */
extensions: Array<string>, };

export type OpenDialogRequest = { filter_name: string, extensions: Array<string>, };

/** Every command: `req` is its one argument, `res` what it returns. */
export type Commands = {
  app_state: { req: null; res: AppState };
  set_locale: { req: SetLocaleRequest; res: AppState };
  sign_in: { req: SignInRequest; res: SessionInfo };
  sign_up: { req: SignUpRequest; res: SessionInfo };
  accept_invitation: { req: AcceptInvitationRequest; res: SessionInfo };
  request_password_reset: { req: ResetRequest; res: null };
  confirm_password_reset: { req: ResetConfirmRequest; res: null };
  change_password: { req: PasswordChangeRequest; res: null };
  sign_out: { req: null; res: null };
  coworkers: { req: null; res: Coworkers };
  sync_status: { req: null; res: SyncStatus };
  sync_now: { req: null; res: SyncStatus };
  schema: { req: SchemaRequest; res: SchemaResponse };
  list: { req: ListRequest; res: ListResponse };
  search: { req: SearchRequest; res: SearchResponse };
  open_record: { req: IdRequest; res: RecordPage };
  create_record: { req: CreateRequest; res: IdRequest };
  update_record: { req: UpdateRequest; res: null };
  bulk_update: { req: BulkUpdateRequest; res: null };
  delete_records: { req: IdsRequest; res: null };
  restore_records: { req: IdsRequest; res: null };
  add_activity: { req: AddActivityRequest; res: IdRequest };
  resolve_conflict: { req: ResolveConflictRequest; res: null };
  reapply_refusal: { req: IdRequest; res: null };
  dismiss_refusal: { req: IdRequest; res: null };
  pipelines: { req: null; res: Array<PipelineView> };
  board: { req: BoardRequest; res: Board };
  move_deal: { req: MoveDealRequest; res: null };
  close_deal: { req: CloseDealRequest; res: null };
  tasks: { req: TasksRequest; res: TasksResponse };
  set_task_done: { req: TaskDoneRequest; res: null };
  notify: { req: NotificationRequest; res: null };
  dashboard: { req: DashboardRequest; res: Dashboard };
  custom_fields: { req: CustomFieldsRequest; res: Array<CustomFieldView> };
  saved_filters: { req: SavedFiltersRequest; res: Array<SavedFilterView> };
  invite: { req: InviteRequest; res: Invitations };
  invitations: { req: null; res: Invitations };
  revoke_invitation: { req: InvitationIdRequest; res: Invitations };
  change_user: { req: UserChangeRequest; res: UserView };
  account: { req: null; res: AccountView };
  billing_plan: { req: null; res: PlanView };
  billing_quote: { req: QuoteRequest; res: Quote };
  renew: { req: RenewalRequest; res: RenewalOutcome };
  billing_change_quote: { req: ChangeRequest; res: ChangeQuote };
  change_plan: { req: PlanChangeRequest; res: ChangeOutcome };
  invoices: { req: null; res: InvoiceList };
  save_invoice_pdf: { req: InvoicePdfRequest; res: SavedFile };
  automation_rules: { req: null; res: AutomationRules };
  add_automation_rule: { req: NewRule; res: AutomationRule };
  update_automation_rule: { req: RuleUpdateRequest; res: AutomationRule };
  delete_automation_rule: { req: RuleIdRequest; res: null };
  account_deletion: { req: null; res: DeletionView };
  request_deletion: { req: DeletionRequest; res: DeletionView };
  cancel_deletion: { req: null; res: DeletionView };
  remove_local_data: { req: null; res: null };
  record_files: { req: IdRequest; res: FileList };
  attach_file: { req: AttachFileRequest; res: AttachOutcome };
  add_link: { req: AddLinkRequest; res: IdRequest };
  download_file: { req: DownloadFileRequest; res: SavedFile };
  delete_file: { req: IdRequest; res: null };
  storage_usage: { req: null; res: StorageUsage };
  pick_file: { req: null; res: string | null };
  pick_download_path: { req: SavePathRequest; res: string | null };
  export_list: { req: ExportRequest; res: ExportDone };
  import_preview: { req: ImportPreviewRequest; res: ImportPreviewResponse };
  run_import: { req: RunImportRequest; res: ImportReport };
  imports: { req: null; res: Array<ImportEntry> };
  undo_import: { req: ImportIdRequest; res: UndoReport };
  import_archive: { req: ImportArchiveRequest; res: ArchiveReport };
  duplicates: { req: DuplicatesRequest; res: DuplicateCandidates };
  merge_records: { req: MergeRequest; res: MergeReport };
  pick_save_path: { req: SaveDialogRequest; res: PickedPath };
  pick_open_path: { req: OpenDialogRequest; res: PickedPath };
  start_advanced_export: { req: null; res: ExportJobView };
  advanced_exports: { req: null; res: ExportJobs };
  advanced_export: { req: ExportJobRequest; res: ExportJobView };
  save_advanced_export: { req: SaveArchiveRequest; res: ArchiveSaved };
  set_basic_export: { req: BasicExportRequest; res: SessionInfo };
  refresh_session: { req: null; res: SessionInfo };
};

/** The event channel; every payload is an `AppEvent`. */
export const EVENT_NAME = "localspace://event";
