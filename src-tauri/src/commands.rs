//! The commands the web view calls: one-line adapters over `App`, named and typed as in
//! `ui/src/platform/contract.ts` (generated from `localspace_client::app::typescript`, whose
//! `COMMANDS` table a test checks against this file). Every command is async so no query
//! runs on the window's thread.

use std::sync::Arc;

use localspace_client::app::contract::*;
use localspace_client::app::{App, AppResult};
use localspace_client::sync::SyncStatus;
use tauri::State;
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_notification::NotificationExt;

type Shared<'a> = State<'a, Arc<App>>;

#[tauri::command]
async fn app_state(app: Shared<'_>) -> AppResult<AppState> {
    Ok(app.app_state())
}

#[tauri::command]
async fn set_locale(app: Shared<'_>, req: SetLocaleRequest) -> AppResult<AppState> {
    app.set_locale(req)
}

#[tauri::command]
async fn sign_in(app: Shared<'_>, req: SignInRequest) -> AppResult<SessionInfo> {
    app.sign_in(req).await
}

#[tauri::command]
async fn sign_up(app: Shared<'_>, req: SignUpRequest) -> AppResult<SessionInfo> {
    app.sign_up(req).await
}

#[tauri::command]
async fn accept_invitation(
    app: Shared<'_>,
    req: AcceptInvitationRequest,
) -> AppResult<SessionInfo> {
    app.accept_invitation(req).await
}

#[tauri::command]
async fn request_password_reset(app: Shared<'_>, req: ResetRequest) -> AppResult<()> {
    app.request_password_reset(req).await
}

#[tauri::command]
async fn confirm_password_reset(app: Shared<'_>, req: ResetConfirmRequest) -> AppResult<()> {
    app.confirm_password_reset(req).await
}

#[tauri::command]
async fn change_password(app: Shared<'_>, req: PasswordChangeRequest) -> AppResult<()> {
    app.change_password(req).await
}

#[tauri::command]
async fn sign_out(app: Shared<'_>) -> AppResult<()> {
    app.sign_out().await
}

#[tauri::command]
async fn coworkers(app: Shared<'_>) -> AppResult<Coworkers> {
    app.coworkers().await
}

#[tauri::command]
async fn sync_status(app: Shared<'_>) -> AppResult<SyncStatus> {
    Ok(app.sync_status())
}

#[tauri::command]
async fn sync_now(app: Shared<'_>) -> AppResult<SyncStatus> {
    Ok(app.sync_now().await)
}

#[tauri::command]
async fn schema(app: Shared<'_>, req: SchemaRequest) -> AppResult<SchemaResponse> {
    Ok(app.schema(req))
}

#[tauri::command]
async fn list(app: Shared<'_>, req: ListRequest) -> AppResult<ListResponse> {
    app.list(req)
}

#[tauri::command]
async fn search(app: Shared<'_>, req: SearchRequest) -> AppResult<SearchResponse> {
    app.search(req)
}

#[tauri::command]
async fn open_record(app: Shared<'_>, req: IdRequest) -> AppResult<RecordPage> {
    app.open_record(req)
}

#[tauri::command]
async fn create_record(app: Shared<'_>, req: CreateRequest) -> AppResult<IdRequest> {
    app.create_record(req)
}

#[tauri::command]
async fn update_record(app: Shared<'_>, req: UpdateRequest) -> AppResult<()> {
    app.update_record(req)
}

#[tauri::command]
async fn bulk_update(app: Shared<'_>, req: BulkUpdateRequest) -> AppResult<()> {
    app.bulk_update(req)
}

#[tauri::command]
async fn delete_records(app: Shared<'_>, req: IdsRequest) -> AppResult<()> {
    app.delete_records(req)
}

#[tauri::command]
async fn restore_records(app: Shared<'_>, req: IdsRequest) -> AppResult<()> {
    app.restore_records(req)
}

#[tauri::command]
async fn add_activity(app: Shared<'_>, req: AddActivityRequest) -> AppResult<IdRequest> {
    app.add_activity(req)
}

#[tauri::command]
async fn resolve_conflict(app: Shared<'_>, req: ResolveConflictRequest) -> AppResult<()> {
    app.resolve_conflict(req)
}

#[tauri::command]
async fn reapply_refusal(app: Shared<'_>, req: IdRequest) -> AppResult<()> {
    app.reapply_refusal(req)
}

#[tauri::command]
async fn dismiss_refusal(app: Shared<'_>, req: IdRequest) -> AppResult<()> {
    app.dismiss_refusal(req)
}

#[tauri::command]
async fn pipelines(app: Shared<'_>) -> AppResult<Vec<PipelineView>> {
    app.pipelines()
}

#[tauri::command]
async fn board(app: Shared<'_>, req: BoardRequest) -> AppResult<Board> {
    app.board(req)
}

#[tauri::command]
async fn move_deal(app: Shared<'_>, req: MoveDealRequest) -> AppResult<()> {
    app.move_deal(req)
}

#[tauri::command]
async fn close_deal(app: Shared<'_>, req: CloseDealRequest) -> AppResult<()> {
    app.close_deal(req)
}

#[tauri::command]
async fn tasks(app: Shared<'_>, req: TasksRequest) -> AppResult<TasksResponse> {
    app.tasks(req)
}

#[tauri::command]
async fn set_task_done(app: Shared<'_>, req: TaskDoneRequest) -> AppResult<()> {
    app.set_task_done(req)
}

/// A desktop notification through the operating system's service (D-Bus notifications on
/// Linux, Notification Center on macOS, toasts on Windows): task reminders.
#[tauri::command]
fn notify(window: tauri::Window, req: NotificationRequest) -> AppResult<()> {
    window
        .notification()
        .builder()
        .title(req.title)
        .body(req.body)
        .show()
        .map_err(|e| AppError::new("notification_failed", e.to_string()))
}

#[tauri::command]
async fn dashboard(app: Shared<'_>, req: DashboardRequest) -> AppResult<Dashboard> {
    app.dashboard(req)
}

#[tauri::command]
async fn custom_fields(
    app: Shared<'_>,
    req: CustomFieldsRequest,
) -> AppResult<Vec<CustomFieldView>> {
    app.custom_fields(req)
}

#[tauri::command]
async fn saved_filters(
    app: Shared<'_>,
    req: SavedFiltersRequest,
) -> AppResult<Vec<SavedFilterView>> {
    app.saved_filters(req)
}

#[tauri::command]
async fn invite(app: Shared<'_>, req: InviteRequest) -> AppResult<Invitations> {
    app.invite(req).await
}

#[tauri::command]
async fn invitations(app: Shared<'_>) -> AppResult<Invitations> {
    app.invitations().await
}

#[tauri::command]
async fn revoke_invitation(app: Shared<'_>, req: InvitationIdRequest) -> AppResult<Invitations> {
    app.revoke_invitation(req).await
}

#[tauri::command]
async fn change_user(
    app: Shared<'_>,
    req: UserChangeRequest,
) -> AppResult<localspace_core::api::UserView> {
    app.change_user(req).await
}

#[tauri::command]
async fn account(app: Shared<'_>) -> AppResult<localspace_core::api::AccountView> {
    app.account().await
}

#[tauri::command]
async fn billing_plan(app: Shared<'_>) -> AppResult<localspace_core::api::PlanView> {
    app.billing_plan().await
}

#[tauri::command]
async fn billing_quote(
    app: Shared<'_>,
    req: localspace_core::api::QuoteRequest,
) -> AppResult<localspace_core::billing::Quote> {
    app.billing_quote(req).await
}

#[tauri::command]
async fn renew(
    app: Shared<'_>,
    req: localspace_core::api::RenewalRequest,
) -> AppResult<RenewalOutcome> {
    app.renew(req).await
}

#[tauri::command]
async fn billing_change_quote(
    app: Shared<'_>,
    req: localspace_core::api::ChangeRequest,
) -> AppResult<localspace_core::api::ChangeQuote> {
    app.billing_change_quote(req).await
}

#[tauri::command]
async fn change_plan(
    app: Shared<'_>,
    req: localspace_core::api::PlanChangeRequest,
) -> AppResult<ChangeOutcome> {
    app.change_plan(req).await
}

#[tauri::command]
async fn invoices(app: Shared<'_>) -> AppResult<InvoiceList> {
    app.invoices().await
}

#[tauri::command]
async fn save_invoice_pdf(app: Shared<'_>, req: InvoicePdfRequest) -> AppResult<SavedFile> {
    app.save_invoice_pdf(req).await
}

#[tauri::command]
async fn automation_rules(app: Shared<'_>) -> AppResult<localspace_core::api::AutomationRules> {
    app.automation_rules().await
}

#[tauri::command]
async fn add_automation_rule(
    app: Shared<'_>,
    req: localspace_core::api::NewRule,
) -> AppResult<localspace_core::api::AutomationRule> {
    app.add_automation_rule(req).await
}

#[tauri::command]
async fn update_automation_rule(
    app: Shared<'_>,
    req: RuleUpdateRequest,
) -> AppResult<localspace_core::api::AutomationRule> {
    app.update_automation_rule(req).await
}

#[tauri::command]
async fn delete_automation_rule(app: Shared<'_>, req: RuleIdRequest) -> AppResult<()> {
    app.delete_automation_rule(req).await
}

#[tauri::command]
async fn account_deletion(app: Shared<'_>) -> AppResult<localspace_core::api::DeletionView> {
    app.account_deletion().await
}

#[tauri::command]
async fn request_deletion(
    app: Shared<'_>,
    req: localspace_core::api::DeletionRequest,
) -> AppResult<localspace_core::api::DeletionView> {
    app.request_deletion(req).await
}

#[tauri::command]
async fn cancel_deletion(app: Shared<'_>) -> AppResult<localspace_core::api::DeletionView> {
    app.cancel_deletion().await
}

#[tauri::command]
async fn remove_local_data(app: Shared<'_>) -> AppResult<()> {
    app.remove_local_data().await
}

#[tauri::command]
async fn record_files(app: Shared<'_>, req: IdRequest) -> AppResult<FileList> {
    app.record_files(req)
}

#[tauri::command]
async fn attach_file(app: Shared<'_>, req: AttachFileRequest) -> AppResult<AttachOutcome> {
    app.attach_file(req).await
}

#[tauri::command]
async fn add_link(app: Shared<'_>, req: AddLinkRequest) -> AppResult<IdRequest> {
    app.add_link(req)
}

#[tauri::command]
async fn download_file(app: Shared<'_>, req: DownloadFileRequest) -> AppResult<SavedFile> {
    app.download_file(req).await
}

#[tauri::command]
async fn delete_file(app: Shared<'_>, req: IdRequest) -> AppResult<()> {
    app.delete_file(req).await
}

#[tauri::command]
async fn storage_usage(app: Shared<'_>) -> AppResult<localspace_core::api::StorageUsage> {
    app.storage_usage().await
}

#[tauri::command]
async fn pick_file(window: tauri::Window) -> AppResult<Option<String>> {
    Ok(crate::dialogs::pick_file(&window))
}

#[tauri::command]
async fn pick_download_path(
    window: tauri::Window,
    req: SavePathRequest,
) -> AppResult<Option<String>> {
    Ok(crate::dialogs::pick_save_path(&window, &req.name))
}

/// Runs a long local job (an export, an import, a merge) off the async runtime's workers, so
/// the sync loop and other commands keep going meanwhile.
async fn blocking<T: Send + 'static>(
    app: &Arc<App>,
    job: impl FnOnce(&App) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || job(&app))
        .await
        .map_err(|e| AppError::new("internal", e.to_string()))?
}

#[tauri::command]
async fn export_list(app: Shared<'_>, req: ExportRequest) -> AppResult<ExportDone> {
    blocking(&app, move |app| app.export_list(req)).await
}

#[tauri::command]
async fn import_preview(
    app: Shared<'_>,
    req: ImportPreviewRequest,
) -> AppResult<ImportPreviewResponse> {
    blocking(&app, move |app| app.import_preview(req)).await
}

#[tauri::command]
async fn run_import(
    app: Shared<'_>,
    req: RunImportRequest,
) -> AppResult<localspace_client::import::ImportReport> {
    blocking(&app, move |app| app.run_import(req)).await
}

#[tauri::command]
async fn imports(app: Shared<'_>) -> AppResult<Vec<ImportEntry>> {
    app.imports()
}

#[tauri::command]
async fn undo_import(
    app: Shared<'_>,
    req: ImportIdRequest,
) -> AppResult<localspace_client::import::UndoReport> {
    blocking(&app, move |app| app.undo_import(req)).await
}

#[tauri::command]
async fn import_archive(
    app: Shared<'_>,
    req: ImportArchiveRequest,
) -> AppResult<localspace_client::import::archive::ArchiveReport> {
    // Reading the archive and writing the records block; the file uploads are async: the
    // whole import runs on a blocking thread of its own.
    let app = app.inner().clone();
    tauri::async_runtime::spawn_blocking(move || {
        tauri::async_runtime::block_on(app.import_archive(req))
    })
    .await
    .map_err(|e| AppError::new("internal", e.to_string()))?
}

#[tauri::command]
async fn duplicates(app: Shared<'_>, req: DuplicatesRequest) -> AppResult<DuplicateCandidates> {
    blocking(&app, move |app| app.duplicates(req)).await
}

#[tauri::command]
async fn merge_records(
    app: Shared<'_>,
    req: MergeRequest,
) -> AppResult<localspace_client::duplicates::MergeReport> {
    blocking(&app, move |app| app.merge_records(req)).await
}

#[tauri::command]
async fn start_advanced_export(app: Shared<'_>) -> AppResult<localspace_core::api::ExportJobView> {
    app.start_advanced_export().await
}

#[tauri::command]
async fn advanced_exports(app: Shared<'_>) -> AppResult<ExportJobs> {
    app.advanced_exports().await
}

#[tauri::command]
async fn advanced_export(
    app: Shared<'_>,
    req: ExportJobRequest,
) -> AppResult<localspace_core::api::ExportJobView> {
    app.advanced_export(req).await
}

#[tauri::command]
async fn save_advanced_export(app: Shared<'_>, req: SaveArchiveRequest) -> AppResult<ArchiveSaved> {
    app.save_advanced_export(req).await
}

#[tauri::command]
async fn set_basic_export(app: Shared<'_>, req: BasicExportRequest) -> AppResult<SessionInfo> {
    app.set_basic_export(req).await
}

#[tauri::command]
async fn refresh_session(app: Shared<'_>) -> AppResult<SessionInfo> {
    app.refresh_session().await
}

/// The native save dialog (Rust side only: the web view has no dialog permission).
#[tauri::command]
async fn pick_save_path(window: tauri::Window, req: SaveDialogRequest) -> AppResult<PickedPath> {
    let extensions: Vec<&str> = req.extensions.iter().map(String::as_str).collect();
    let picked = window
        .dialog()
        .file()
        .set_parent(&window)
        .set_file_name(req.file_name)
        .add_filter(req.filter_name, &extensions)
        .blocking_save_file();
    Ok(picked_path(picked))
}

/// The native open dialog (Rust side only).
#[tauri::command]
async fn pick_open_path(window: tauri::Window, req: OpenDialogRequest) -> AppResult<PickedPath> {
    let extensions: Vec<&str> = req.extensions.iter().map(String::as_str).collect();
    let picked = window
        .dialog()
        .file()
        .set_parent(&window)
        .add_filter(req.filter_name, &extensions)
        .blocking_pick_file();
    Ok(picked_path(picked))
}

fn picked_path(picked: Option<tauri_plugin_dialog::FilePath>) -> PickedPath {
    PickedPath {
        path: picked
            .and_then(|p| p.into_path().ok())
            .map(|p| p.display().to_string()),
    }
}

/// The handler with every command; the list matches `typescript::COMMANDS` (tested).
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_state,
        set_locale,
        sign_in,
        sign_up,
        accept_invitation,
        request_password_reset,
        confirm_password_reset,
        change_password,
        sign_out,
        coworkers,
        sync_status,
        sync_now,
        schema,
        list,
        search,
        open_record,
        create_record,
        update_record,
        bulk_update,
        delete_records,
        restore_records,
        add_activity,
        resolve_conflict,
        reapply_refusal,
        dismiss_refusal,
        pipelines,
        board,
        move_deal,
        close_deal,
        tasks,
        set_task_done,
        notify,
        dashboard,
        custom_fields,
        saved_filters,
        invite,
        invitations,
        revoke_invitation,
        change_user,
        account,
        billing_plan,
        billing_quote,
        renew,
        billing_change_quote,
        change_plan,
        invoices,
        save_invoice_pdf,
        automation_rules,
        add_automation_rule,
        update_automation_rule,
        delete_automation_rule,
        account_deletion,
        request_deletion,
        cancel_deletion,
        remove_local_data,
        record_files,
        attach_file,
        add_link,
        download_file,
        delete_file,
        storage_usage,
        pick_file,
        pick_download_path,
        export_list,
        import_preview,
        run_import,
        imports,
        undo_import,
        import_archive,
        duplicates,
        merge_records,
        pick_save_path,
        pick_open_path,
        start_advanced_export,
        advanced_exports,
        advanced_export,
        save_advanced_export,
        set_basic_export,
        refresh_session,
    ]
}

#[cfg(test)]
mod tests {
    use localspace_client::app::typescript::COMMANDS;

    /// Every command of the contract is registered here, and nothing else.
    #[test]
    fn handler_lists_exactly_the_contract_commands() {
        let source = include_str!("commands.rs");
        let start = source.find("generate_handler![").expect("handler list");
        let end = start + source[start..].find(']').expect("end of list");
        let registered: Vec<&str> = source[start + "generate_handler![".len()..end]
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let contract: Vec<&str> = COMMANDS.iter().map(|(name, _, _)| *name).collect();
        assert_eq!(registered, contract);
    }
}
