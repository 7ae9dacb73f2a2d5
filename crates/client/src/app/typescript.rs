//! Writes the UI's contract: every type in [`super::contract`] (and the domain types they
//! carry) as TypeScript, plus the table of commands with their request and response types.
//! `ui/src/platform/contract.ts` is this output; a test fails when the two differ
//! (`cargo xtask contract` rewrites the file).

use ts_rs::{Config, TS};

use super::contract::*;
use crate::duplicates::{MatchRule, MergeReport};
use crate::import::archive::{ArchiveReport, KindCount};
use crate::import::{
    Decision, ImportRecord, ImportReport, Mapping, MatchedWith, Preview, PreviewRow, RowIssue,
    RowMatch, SourceFormat, Target, UndoReport,
};
use crate::query::{
    CompanyRow, DealRow, Filter, Hit, Linked, PersonRow, PipelineSummary, RecordView, Row,
    SimpleRow, Sort, StageSummary, TaskBucket, TaskRow, TimelineEntry, Totals,
};
use crate::sync::SyncStatus;
use localspace_core::api::{
    AccountView, AutomationRule, AutomationRules, Buyer, ChangeQuote, ChangeRequest,
    DeletionRequest, DeletionView, ExportJobView, ExportState, InvitationView, InvoiceSummary,
    NewRule, PaymentMethod, PlanChangeRequest, PlanView, QuoteRequest, RenewalRequest, Role,
    RuleSpec, RuleUpdate, ScheduledChange, StorageUsage, TestOutcome, UserView,
};
use localspace_core::billing::{ChangeFacts, ChangeKind, LineKind, Plan, Quote, QuoteLine};
use localspace_core::{
    FieldRead, Kind, Line, Money, Patch, Record, RecordId, Stage, UserId, Value,
};

/// Each command: its name (the Tauri command and the `invoke` name), the request type (the
/// command's one argument, `req`) and the response type. `null`: no request.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    ("app_state", "null", "AppState"),
    ("set_locale", "SetLocaleRequest", "AppState"),
    ("sign_in", "SignInRequest", "SessionInfo"),
    ("sign_up", "SignUpRequest", "SessionInfo"),
    (
        "accept_invitation",
        "AcceptInvitationRequest",
        "SessionInfo",
    ),
    ("request_password_reset", "ResetRequest", "null"),
    ("confirm_password_reset", "ResetConfirmRequest", "null"),
    ("change_password", "PasswordChangeRequest", "null"),
    ("sign_out", "null", "null"),
    ("coworkers", "null", "Coworkers"),
    ("sync_status", "null", "SyncStatus"),
    ("sync_now", "null", "SyncStatus"),
    ("schema", "SchemaRequest", "SchemaResponse"),
    ("list", "ListRequest", "ListResponse"),
    ("search", "SearchRequest", "SearchResponse"),
    ("open_record", "IdRequest", "RecordPage"),
    ("create_record", "CreateRequest", "IdRequest"),
    ("update_record", "UpdateRequest", "null"),
    ("bulk_update", "BulkUpdateRequest", "null"),
    ("delete_records", "IdsRequest", "null"),
    ("restore_records", "IdsRequest", "null"),
    ("add_activity", "AddActivityRequest", "IdRequest"),
    ("resolve_conflict", "ResolveConflictRequest", "null"),
    ("reapply_refusal", "IdRequest", "null"),
    ("dismiss_refusal", "IdRequest", "null"),
    ("pipelines", "null", "Array<PipelineView>"),
    ("board", "BoardRequest", "Board"),
    ("move_deal", "MoveDealRequest", "null"),
    ("close_deal", "CloseDealRequest", "null"),
    ("tasks", "TasksRequest", "TasksResponse"),
    ("set_task_done", "TaskDoneRequest", "null"),
    ("notify", "NotificationRequest", "null"),
    ("dashboard", "DashboardRequest", "Dashboard"),
    (
        "custom_fields",
        "CustomFieldsRequest",
        "Array<CustomFieldView>",
    ),
    (
        "saved_filters",
        "SavedFiltersRequest",
        "Array<SavedFilterView>",
    ),
    ("invite", "InviteRequest", "Invitations"),
    ("invitations", "null", "Invitations"),
    ("revoke_invitation", "InvitationIdRequest", "Invitations"),
    ("change_user", "UserChangeRequest", "UserView"),
    ("account", "null", "AccountView"),
    ("billing_plan", "null", "PlanView"),
    ("billing_quote", "QuoteRequest", "Quote"),
    ("renew", "RenewalRequest", "RenewalOutcome"),
    ("billing_change_quote", "ChangeRequest", "ChangeQuote"),
    ("change_plan", "PlanChangeRequest", "ChangeOutcome"),
    ("invoices", "null", "InvoiceList"),
    ("save_invoice_pdf", "InvoicePdfRequest", "SavedFile"),
    ("automation_rules", "null", "AutomationRules"),
    ("add_automation_rule", "NewRule", "AutomationRule"),
    (
        "update_automation_rule",
        "RuleUpdateRequest",
        "AutomationRule",
    ),
    ("delete_automation_rule", "RuleIdRequest", "null"),
    ("account_deletion", "null", "DeletionView"),
    ("request_deletion", "DeletionRequest", "DeletionView"),
    ("cancel_deletion", "null", "DeletionView"),
    ("remove_local_data", "null", "null"),
    ("record_files", "IdRequest", "FileList"),
    ("attach_file", "AttachFileRequest", "AttachOutcome"),
    ("add_link", "AddLinkRequest", "IdRequest"),
    ("download_file", "DownloadFileRequest", "SavedFile"),
    ("delete_file", "IdRequest", "null"),
    ("storage_usage", "null", "StorageUsage"),
    ("pick_file", "null", "string | null"),
    ("pick_download_path", "SavePathRequest", "string | null"),
    ("export_list", "ExportRequest", "ExportDone"),
    (
        "import_preview",
        "ImportPreviewRequest",
        "ImportPreviewResponse",
    ),
    ("run_import", "RunImportRequest", "ImportReport"),
    ("imports", "null", "Array<ImportEntry>"),
    ("undo_import", "ImportIdRequest", "UndoReport"),
    ("import_archive", "ImportArchiveRequest", "ArchiveReport"),
    ("duplicates", "DuplicatesRequest", "DuplicateCandidates"),
    ("merge_records", "MergeRequest", "MergeReport"),
    ("pick_save_path", "SaveDialogRequest", "PickedPath"),
    ("pick_open_path", "OpenDialogRequest", "PickedPath"),
    ("start_advanced_export", "null", "ExportJobView"),
    ("advanced_exports", "null", "ExportJobs"),
    ("advanced_export", "ExportJobRequest", "ExportJobView"),
    ("save_advanced_export", "SaveArchiveRequest", "ArchiveSaved"),
    ("set_basic_export", "BasicExportRequest", "SessionInfo"),
    ("refresh_session", "null", "SessionInfo"),
];

/// The name of the one event channel; its payload is an `AppEvent`.
pub const EVENT_NAME: &str = "localspace://event";

macro_rules! declarations {
    ($cfg:expr, $($t:ty),* $(,)?) => {{
        let out: Vec<(String, String, Vec<String>)> = vec![$(
            (
                <$t as TS>::name($cfg),
                <$t as TS>::decl($cfg),
                <$t as TS>::dependencies($cfg).into_iter().map(|d| d.ts_name).collect(),
            ),
        )*];
        out
    }};
}

fn all(cfg: &Config) -> Vec<(String, String, Vec<String>)> {
    declarations!(
        cfg,
        // domain
        RecordId,
        UserId,
        Kind,
        Money,
        Value,
        Line,
        Stage,
        FieldRead,
        Record,
        Patch,
        Role,
        UserView,
        AccountView,
        DeletionRequest,
        DeletionView,
        // queries
        serde_json::Value,
        Filter,
        Sort,
        Row,
        PersonRow,
        CompanyRow,
        DealRow,
        TaskRow,
        SimpleRow,
        Hit,
        Linked,
        TimelineEntry,
        RecordView,
        StageSummary,
        Totals,
        PipelineSummary,
        TaskBucket,
        SyncStatus,
        // the contract
        AppError,
        Locale,
        AppState,
        SessionInfo,
        SignInRequest,
        SignUpRequest,
        ResetRequest,
        ResetConfirmRequest,
        AcceptInvitationRequest,
        PasswordChangeRequest,
        ListRequest,
        ListResponse,
        SearchRequest,
        SearchResponse,
        RecordPage,
        Refusal,
        CreateRequest,
        UpdateRequest,
        BulkUpdateRequest,
        IdsRequest,
        IdRequest,
        AddActivityRequest,
        ResolveConflictRequest,
        PipelineView,
        BoardRequest,
        Board,
        BoardColumn,
        MoveDealRequest,
        CloseDealRequest,
        TasksRequest,
        TasksResponse,
        TaskCounts,
        TaskDoneRequest,
        NotificationRequest,
        Dashboard,
        StageValue,
        MonthValue,
        Tally,
        OwnerStats,
        DashboardRequest,
        Coworkers,
        SetLocaleRequest,
        Progress,
        AppEvent,
        FieldInfo,
        SchemaRequest,
        SchemaResponse,
        CustomFieldView,
        CustomFieldsRequest,
        SavedFilterView,
        SavedFiltersRequest,
        InviteRequest,
        Invitations,
        InvitationIdRequest,
        UserChangeRequest,
        InvitationView,
        // billing
        Plan,
        Buyer,
        QuoteRequest,
        PaymentMethod,
        TestOutcome,
        RenewalRequest,
        LineKind,
        QuoteLine,
        Quote,
        PlanView,
        ScheduledChange,
        ChangeKind,
        ChangeFacts,
        ChangeRequest,
        ChangeQuote,
        PlanChangeRequest,
        ChangeOutcome,
        InvoiceSummary,
        RenewalOutcome,
        InvoiceList,
        InvoicePdfRequest,
        SavedFile,
        // automation
        RuleSpec,
        AutomationRule,
        AutomationRules,
        NewRule,
        RuleUpdate,
        RuleUpdateRequest,
        RuleIdRequest,
        // files
        StorageUsage,
        AttachFileRequest,
        AddLinkRequest,
        AttachOutcome,
        FileState,
        FileView,
        FileList,
        DownloadFileRequest,
        TransferDirection,
        SavePathRequest,
        // data: export, import, duplicates
        ExportListName,
        ExportRequest,
        ExportDone,
        Target,
        Mapping,
        SourceFormat,
        MatchRule,
        MatchedWith,
        RowMatch,
        RowIssue,
        PreviewRow,
        Preview,
        ImportPreviewRequest,
        ImportTarget,
        ImportPreviewResponse,
        Decision,
        LineDecision,
        RunImportRequest,
        ImportReport,
        ImportRecord,
        ImportEntry,
        ImportIdRequest,
        UndoReport,
        ImportArchiveRequest,
        KindCount,
        ArchiveReport,
        DuplicatesRequest,
        DuplicateCandidate,
        DuplicateCandidates,
        MergeRequest,
        MergeReport,
        PickedPath,
        ExportState,
        ExportJobView,
        ExportJobRequest,
        ExportJobs,
        SaveArchiveRequest,
        ArchiveSaved,
        BasicExportRequest,
        SaveDialogRequest,
        OpenDialogRequest,
    )
}

/// The contract as TypeScript source.
pub fn contract_ts() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = all(&cfg);
    let mut out = String::from(
        "// Generated from crates/client/src/app/contract.rs by `cargo xtask contract`.\n\
         // Do not edit: CI regenerates this file and fails on a difference.\n\n",
    );
    for (_, decl, _) in &decls {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
    out.push_str("/** Every command: `req` is its one argument, `res` what it returns. */\n");
    out.push_str("export type Commands = {\n");
    for (name, req, res) in COMMANDS {
        out.push_str(&format!("  {name}: {{ req: {req}; res: {res} }};\n"));
    }
    out.push_str("};\n\n");
    out.push_str(&format!(
        "/** The event channel; every payload is an `AppEvent`. */\nexport const EVENT_NAME = \"{EVENT_NAME}\";\n"
    ));
    out
}

/// Names used by some declaration but not declared (the list in `all` is incomplete).
pub fn undeclared() -> Vec<String> {
    let cfg = Config::new().with_large_int("number");
    let decls = all(&cfg);
    let names: Vec<&String> = decls.iter().map(|(n, _, _)| n).collect();
    let mut missing: Vec<String> = decls
        .iter()
        .flat_map(|(_, _, deps)| deps.iter())
        .filter(|d| !names.contains(d))
        .cloned()
        .collect();
    missing.sort();
    missing.dedup();
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract_path() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/platform/contract.ts")
    }

    #[test]
    fn every_type_the_contract_uses_is_declared() {
        assert_eq!(undeclared(), Vec::<String>::new());
    }

    #[test]
    fn no_large_integers_reach_typescript_as_bigint() {
        assert!(!contract_ts().contains("bigint"));
    }

    /// The committed contract is what the Rust types say. `LOCALSPACE_WRITE_CONTRACT=1`
    /// (what `cargo xtask contract` sets) rewrites it instead.
    #[test]
    fn committed_contract_matches_the_rust_types() {
        let generated = contract_ts();
        let path = contract_path();
        if std::env::var("LOCALSPACE_WRITE_CONTRACT").as_deref() == Ok("1") {
            std::fs::write(&path, &generated).expect("write the contract");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is out of date: run `cargo xtask contract`",
            path.display()
        );
    }
}
