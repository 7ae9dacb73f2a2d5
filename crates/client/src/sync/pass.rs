//! One sync pass: push every dirty document (acknowledged changes leave the outbox; a
//! missing-dependency answer re-sends the whole chain; a refusal keeps the user's values and
//! records the reason; an erasure drops the record), then pull log entries after the stored
//! cursor and apply them, page by page. Pushes and pulls carry the account epoch of the
//! device's bootstrap; when the account was restored since (`409 epoch_changed`), the device
//! rebases onto the restored state (`rebase_on_restore`) and runs the pass again.

use std::collections::{BTreeMap, HashSet, VecDeque};

use automerge::ChangeHash;

use localspace_core::RecordId;
use localspace_core::sync::{DocStatus, EntryBody, PushRequest, PushResponse};

use crate::api::{ApiClient, ApiError};
use crate::replica::{Applied, Outgoing, Prepared, Replica, prepare_saved};

/// Documents per push request, and the change bytes one request carries at most (one
/// document more than that still goes alone): well under the server's 32 MiB body limit.
const PUSH_BATCH: usize = 1_000;
const PUSH_BYTES: usize = 4 * 1024 * 1024;
/// Push requests on their way at once.
const PUSH_WINDOW: usize = 2;
const PULL_PAGE: u32 = 1_000;
const CURSOR_KEY: &str = "sync.cursor";
const EPOCH_KEY: &str = "sync.epoch";
/// The server's answer to a push or pull made in an epoch the account has left.
const EPOCH_CHANGED: &str = "epoch_changed";
const BOOTSTRAP_PAGE: u32 = 1_000;
const ERASED_PAGE: u32 = 5_000;
/// The server's answer to a push to a blocked account, and the code of a pass that found
/// the account blocked.
const BLOCKED: &str = "account_blocked";
/// The server's answer to a pull from below its compacted log.
const RESYNC: &str = "resync_required";

/// The log cursor this replica has pulled up to (0 before its first bootstrap).
pub fn synced_cursor(replica: &Replica) -> u64 {
    replica
        .sync_state(CURSOR_KEY)
        .ok()
        .flatten()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// What a pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Documents the server accepted.
    pub pushed: usize,
    /// Changes the server had not seen before.
    pub appended: u64,
    /// Documents refused: id, code, reason.
    pub refused: Vec<(RecordId, String, String)>,
    /// Log entries applied.
    pub pulled: usize,
    /// Documents loaded by a bootstrap (a device with no cursor yet).
    pub bootstrapped: usize,
    /// Records this user may now see (grants) and may no longer see (revokes, and records
    /// missing from a fresh bootstrap after a long absence).
    pub granted: usize,
    pub revoked: usize,
    /// Records whose incoming changes could not be applied: id and reason.
    pub damaged: Vec<(RecordId, String)>,
    /// The cursor after the pass.
    pub cursor: u64,
    /// The account was restored from a backup: the device loaded it again and rebased its
    /// unpushed edits onto it.
    pub rebased: bool,
    /// The server said the account is blocked (pulls work, pushes wait for the renewal).
    pub blocked: bool,
}

/// Why a pass stopped.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Replica(#[from] crate::Error),
    /// The account's epoch moved while the device was loading it.
    #[error("the account was restored while this device was loading it")]
    EpochChanged,
    /// The account is blocked until its plan is renewed; the pass pulled, nothing waited to
    /// be pushed.
    #[error("the account is blocked until its plan is renewed")]
    Blocked,
}

impl SyncError {
    /// A stable code for the status line (`offline`, `account_blocked`, `invalid_session`, …).
    pub fn code(&self) -> &str {
        match self {
            SyncError::Api(e) => e.code(),
            SyncError::Replica(e) => e.code(),
            SyncError::EpochChanged => EPOCH_CHANGED,
            SyncError::Blocked => BLOCKED,
        }
    }
}

/// Pushes the outbox, then pulls and applies the log; a device with no cursor yet first
/// bootstraps from saved documents. A blocked account still pulls (its people can read and
/// export their data); the outbox waits and the pass reports `account_blocked`, whether or
/// not anything waited to be pushed.
pub async fn sync_once(replica: &Replica, api: &ApiClient) -> Result<SyncReport, SyncError> {
    sync_with_progress(replica, api, &mut |_, _| {}).await
}

/// [`sync_once`], reporting bootstrap progress as `(documents loaded, total)`.
pub async fn sync_with_progress(
    replica: &Replica,
    api: &ApiClient,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    match pass(replica, api, &mut report, progress).await {
        Err(e) if e.code() == EPOCH_CHANGED => {
            rebase_on_restore(replica, api, &mut report, progress).await?;
            pass(replica, api, &mut report, progress).await?;
        }
        other => other?,
    }
    Ok(report)
}

/// The epoch this replica bootstrapped in: `None` before its first bootstrap; 0 for a
/// replica that synced before epochs existed.
fn stored_epoch(replica: &Replica) -> Result<Option<u64>, SyncError> {
    if let Some(epoch) = replica.sync_state(EPOCH_KEY)? {
        return Ok(Some(epoch.parse().unwrap_or(0)));
    }
    Ok(replica.sync_state(CURSOR_KEY)?.map(|_| 0))
}

async fn pass(
    replica: &Replica,
    api: &ApiClient,
    report: &mut SyncReport,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> Result<(), SyncError> {
    if replica.sync_state(CURSOR_KEY)?.is_none() {
        bootstrap(replica, api, report, progress).await?;
    }
    let pushed = push_all(replica, api, report).await;
    if let Err(e) = &pushed
        && e.code() != BLOCKED
    {
        return Err(pushed.unwrap_err());
    }
    // A refused erasure clears the cursor: bring the record back from saved documents.
    if replica.sync_state(CURSOR_KEY)?.is_none() {
        bootstrap(replica, api, report, progress).await?;
    }
    match pull_all(replica, api, report).await {
        // Away longer than the server keeps its log: load the records again (unpushed edits
        // stay: saved documents merge into them), drop what was erased meanwhile, go on.
        Err(SyncError::Api(e)) if e.code() == RESYNC => {
            let listed = bootstrap(replica, api, report, progress).await?;
            reconcile_erasures(replica, api).await?;
            report.revoked += replica.forget_unlisted(&listed)?;
            pull_all(replica, api, report).await?;
        }
        other => other?,
    }
    // A blocked account has pulled; its outbox waits and the pass says why, also when there
    // was nothing to push (the pull said so).
    if report.blocked && pushed.is_ok() {
        return Err(SyncError::Blocked);
    }
    pushed
}

/// The next push's documents: outbox places after `after`, leaving out documents answered
/// `missing_deps` twice this pass, at most [`PUSH_BATCH`] of them and [`PUSH_BYTES`] of changes.
fn next_batch(
    replica: &Replica,
    after: i64,
    resent: &BTreeMap<RecordId, u8>,
) -> Result<Vec<Outgoing>, SyncError> {
    let mut bytes = 0;
    Ok(replica
        .unpushed_after(after, PUSH_BATCH + resent.len())?
        .into_iter()
        .filter(|o| resent.get(&o.id).copied().unwrap_or(0) < 2)
        .take(PUSH_BATCH)
        .take_while(|o| {
            let first = bytes == 0;
            bytes += o.byte_len().max(1);
            first || bytes <= PUSH_BYTES
        })
        .collect())
}

/// A push request on its way, with the heads its documents were read at.
struct Flight {
    heads: Vec<(RecordId, Vec<ChangeHash>)>,
    answer: tokio::task::JoinHandle<Result<PushResponse, ApiError>>,
}

impl Flight {
    fn send(
        api: &ApiClient,
        heads: Vec<(RecordId, Vec<ChangeHash>)>,
        request: PushRequest,
    ) -> Flight {
        let api = api.clone();
        let answer = tokio::spawn(async move { api.push(&request).await });
        Flight { heads, answer }
    }

    async fn answer(self) -> Result<(Vec<(RecordId, Vec<ChangeHash>)>, PushResponse), SyncError> {
        match self.answer.await {
            Ok(response) => Ok((self.heads, response?)),
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => Err(SyncError::Api(ApiError::Network(e.to_string()))),
        }
    }
}

/// Pushes the outbox in batches with up to [`PUSH_WINDOW`] requests on their way: the device
/// reads the next batch while the server merges one and stores another. A sweep runs
/// through the outbox in order; documents re-queued meanwhile (`missing_deps`, edits made
/// during the pass) go in the next sweep, and the pass ends with a sweep that finds nothing
/// to send. Erasures go only in a request sent while no other is on its way, so each is sent
/// once.
async fn push_all(
    replica: &Replica,
    api: &ApiClient,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let mut flights: VecDeque<Flight> = VecDeque::new();
    let pushed = push_window(replica, api, report, &mut flights).await;
    // A failed pass stops what is still on its way; the server takes a retry as a no-op.
    for flight in flights {
        flight.answer.abort();
    }
    pushed
}

async fn push_window(
    replica: &Replica,
    api: &ApiClient,
    report: &mut SyncReport,
    flights: &mut VecDeque<Flight>,
) -> Result<(), SyncError> {
    // Each round either acknowledges, refuses or re-queues every document it sends; a document
    // answered `missing_deps` twice (server and device disagree) waits for the next pass.
    let mut resent: BTreeMap<RecordId, u8> = BTreeMap::new();
    let mut after = i64::MIN;
    loop {
        while flights.len() < PUSH_WINDOW {
            // Read after the previous answer: an erasure is sent once.
            let erase = if flights.is_empty() {
                replica.unpushed_erasures()?
            } else {
                Vec::new()
            };
            let outbox = next_batch(replica, after, &resent)?;
            if outbox.is_empty() && erase.is_empty() {
                break;
            }
            after = outbox.last().map_or(after, |o| o.n);
            let heads = outbox.iter().map(|o| (o.id, o.heads.clone())).collect();
            let request = PushRequest {
                docs: outbox.into_iter().map(Outgoing::into_push).collect(),
                erase,
                epoch: stored_epoch(replica)?.unwrap_or(0),
            };
            flights.push_back(Flight::send(api, heads, request));
        }
        let Some(flight) = flights.pop_front() else {
            // Nothing on its way and nothing after `after`: a sweep that found nothing ends
            // the pass, otherwise a new sweep picks up what was re-queued.
            if after == i64::MIN {
                return Ok(());
            }
            after = i64::MIN;
            continue;
        };
        let (heads, response) = flight.answer().await?;
        settle(replica, heads, &response, &mut resent, report)?;
    }
}

/// Applies a push answer to the replica: acknowledged documents leave the outbox, refused
/// ones keep the user's values with the reason, `missing_deps` re-queues the whole history.
fn settle(
    replica: &Replica,
    heads: Vec<(RecordId, Vec<ChangeHash>)>,
    response: &PushResponse,
    resent: &mut BTreeMap<RecordId, u8>,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    report.cursor = report.cursor.max(response.cursor);
    for result in &response.erased {
        match &result.status {
            DocStatus::Erased => replica.mark_erasure_pushed(result.id)?,
            DocStatus::Refused { code, reason } => {
                // Not allowed to erase: forget the local tombstone.
                replica.forget_erasure(result.id)?;
                // Start the next pass with a bootstrap, which brings the record back.
                replica.clear_sync_state(CURSOR_KEY)?;
                report
                    .refused
                    .push((result.id, code.clone(), reason.clone()));
            }
            _ => {}
        }
    }
    let mut accepted = Vec::with_capacity(heads.len());
    for ((id, heads), result) in heads.into_iter().zip(&response.results) {
        match &result.status {
            DocStatus::Accepted { appended } => {
                accepted.push((id, heads));
                report.pushed += 1;
                report.appended += u64::from(*appended);
            }
            DocStatus::MissingDeps { .. } => {
                // Send the whole history next sweep.
                replica.mark_pushed(id, &[])?;
                *resent.entry(id).or_default() += 1;
            }
            DocStatus::Refused { code, reason } => {
                replica.record_refusal(id, &heads, code, reason)?;
                report.refused.push((id, code.clone(), reason.clone()));
            }
            DocStatus::Erased => replica.apply_remote_erase(id)?,
        }
    }
    replica.mark_pushed_many(&accepted)?;
    Ok(())
}

/// Stores a prepared bootstrap page; returns how many documents it held.
async fn store_page(
    replica: &Replica,
    page: tokio::task::JoinHandle<Vec<Prepared>>,
    report: &mut SyncReport,
) -> Result<u64, SyncError> {
    let prepared = match page.await {
        Ok(prepared) => prepared,
        // Preparing is pure work: it fails only by panicking (carried on here) or when the
        // runtime shuts down (the pass is over then anyway).
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => return Err(SyncError::Api(ApiError::Network(e.to_string()))),
    };
    let count = prepared.len();
    for (id, error) in replica.load_prepared_many(prepared)? {
        report.damaged.push((id, error.to_string()));
    }
    report.bootstrapped += count;
    Ok(count as u64)
}

/// Loads every saved document page by page (fetching the next page and reading this one
/// while the previous one is stored), then
/// sets the cursor to the FIRST page's, so
/// the log replays whatever changed meanwhile (re-applying a known change is a no-op).
/// Returns the ids the server listed.
async fn bootstrap(
    replica: &Replica,
    api: &ApiClient,
    report: &mut SyncReport,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> Result<HashSet<RecordId>, SyncError> {
    let mut listed = HashSet::new();
    let mut start_cursor = None;
    let mut total = None;
    let mut done = 0u64;
    let mut known_epoch = stored_epoch(replica)?;
    // Three pages at a time: the next one is fetched and this one is loaded and read (on a
    // blocking thread) while the previous one goes into the replica.
    let mut page = api.bootstrap(None, BOOTSTRAP_PAGE).await?;
    let mut ready: Option<tokio::task::JoinHandle<Vec<Prepared>>> = None;
    loop {
        start_cursor.get_or_insert(page.cursor);
        // Counted on the first page only (counting costs the server a scan).
        let total = *total.get_or_insert(page.total);
        // Merging documents of another epoch would bring back what a restore undid: the
        // pass rebases instead.
        if *known_epoch.get_or_insert(page.epoch) != page.epoch {
            return Err(SyncError::EpochChanged);
        }
        let docs: Vec<_> = page.docs.into_iter().map(|d| (d.id, d.bytes)).collect();
        if docs.is_empty() {
            break;
        }
        listed.extend(docs.iter().map(|(id, _)| *id));
        let count = docs.len() as u64;
        let preparing = tokio::task::spawn_blocking(move || prepare_saved(docs));
        let previous = ready.replace(preparing);
        let store = async {
            match previous {
                Some(previous) => store_page(replica, previous, report).await,
                None => Ok(0),
            }
        };
        let next = match page.next {
            Some(after) => {
                let (next, stored) =
                    tokio::join!(api.bootstrap(Some(after), BOOTSTRAP_PAGE), store);
                done += stored?;
                Some(next)
            }
            None => {
                done += store.await?;
                None
            }
        };
        progress(done, total.max(done + count));
        match next {
            Some(next) => page = next?,
            None => break,
        }
    }
    if let Some(last) = ready {
        done += store_page(replica, last, report).await?;
        progress(done, done);
    }
    let cursor = start_cursor.unwrap_or(0);
    replica.set_sync_state(CURSOR_KEY, &cursor.to_string())?;
    if let Some(epoch) = known_epoch {
        replica.set_sync_state(EPOCH_KEY, &epoch.to_string())?;
    }
    report.cursor = cursor;
    Ok(listed)
}

/// The account was restored: load every document again, replacing the device's copies with
/// the server's and re-applying the user's unpushed values on top (`Replica::
/// rebase_saved_many`), drop the records the server no longer has unless they were never
/// pushed, reconcile erasures, and start over from the new epoch's cursor. If the epoch moves
/// again while the pages are read, the whole load starts over (rebasing twice is harmless:
/// the second time the edits stand on the first restored state).
async fn rebase_on_restore(
    replica: &Replica,
    api: &ApiClient,
    report: &mut SyncReport,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> Result<(), SyncError> {
    'again: loop {
        replica.forget_acknowledged_erasures()?;
        let mut listed = HashSet::new();
        let mut after = None;
        let mut start: Option<(u64, u64)> = None;
        let mut total = None;
        let mut done = 0u64;
        loop {
            let page = api.bootstrap(after, BOOTSTRAP_PAGE).await?;
            let (_, epoch) = *start.get_or_insert((page.cursor, page.epoch));
            // Counted on the first page only.
            let total = *total.get_or_insert(page.total);
            if epoch != page.epoch {
                continue 'again;
            }
            let docs: Vec<_> = page.docs.into_iter().map(|d| (d.id, d.bytes)).collect();
            listed.extend(docs.iter().map(|(id, _)| *id));
            done += docs.len() as u64;
            for (id, error) in replica.rebase_saved_many(&docs)? {
                report.damaged.push((id, error.to_string()));
            }
            report.bootstrapped += docs.len();
            progress(done, total.max(done));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        report.revoked += replica.drop_unlisted_after_restore(&listed)?;
        reconcile_erasures(replica, api).await?;
        let (cursor, epoch) = start.unwrap_or_default();
        replica.set_sync_state(CURSOR_KEY, &cursor.to_string())?;
        replica.set_sync_state(EPOCH_KEY, &epoch.to_string())?;
        report.cursor = cursor;
        report.rebased = true;
        return Ok(());
    }
}

/// Erases the records this replica holds that the server erased for good.
async fn reconcile_erasures(replica: &Replica, api: &ApiClient) -> Result<(), SyncError> {
    let mut after = None;
    loop {
        let page = api.erased(after, ERASED_PAGE).await?;
        for id in page.ids {
            if replica.document_bytes(id).is_ok() {
                replica.apply_remote_erase(id)?;
            }
        }
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(()),
        }
    }
}

async fn pull_all(
    replica: &Replica,
    api: &ApiClient,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let mut after: u64 = replica
        .sync_state(CURSOR_KEY)?
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let epoch = stored_epoch(replica)?.unwrap_or(0);
    loop {
        let page = api.pull(after, PULL_PAGE, epoch).await?;
        let mut by_doc: BTreeMap<RecordId, Vec<Vec<u8>>> = BTreeMap::new();
        for entry in page.entries {
            report.pulled += 1;
            match entry.body {
                EntryBody::Change(change) => by_doc.entry(entry.id).or_default().push(change),
                // Changes of the page before an erasure or a revoke have nothing to apply to.
                EntryBody::Erased => {
                    by_doc.remove(&entry.id);
                    replica.apply_remote_erase(entry.id)?;
                }
                EntryBody::Revoked => {
                    by_doc.remove(&entry.id);
                    replica.apply_remote_revoke(entry.id)?;
                    report.revoked += 1;
                }
                EntryBody::Granted(saved) => match replica.load_saved(entry.id, &saved) {
                    Ok(_) => report.granted += 1,
                    Err(crate::Error::BadChange { reason, .. }) => {
                        report.damaged.push((entry.id, reason))
                    }
                    Err(e @ crate::Error::CorruptDocument { .. }) => {
                        report.damaged.push((entry.id, e.to_string()))
                    }
                    Err(e) => return Err(e.into()),
                },
            }
        }
        for (id, changes) in by_doc {
            match replica.apply_remote(id, &changes) {
                Ok(Applied::MissingDeps) => report
                    .damaged
                    .push((id, "changes arrived without their history".into())),
                Ok(_) => {}
                Err(crate::Error::BadChange { reason, .. }) => report.damaged.push((id, reason)),
                Err(e @ crate::Error::CorruptDocument { .. }) => {
                    report.damaged.push((id, e.to_string()))
                }
                Err(e) => return Err(e.into()),
            }
        }
        report.blocked |= page.blocked;
        after = page.cursor;
        replica.set_sync_state(CURSOR_KEY, &after.to_string())?;
        report.cursor = report.cursor.max(after);
        if !page.more {
            return Ok(());
        }
    }
}
