//! The half of a push that needs no writer: reading the pushed changes (or loading a
//! document sent whole, which for a new record becomes the stored document as it came),
//! dropping the changes the server has (a retry), finding missing dependencies, merging the
//! rest into the stored document, checking the result is a readable record of the declared
//! kind the pusher may produce, and saving it. It works from the stored document as it was read before the
//! push's transaction, on several threads at once (`prepare_all`); the transaction then
//! checks each document is still stored as read (`Prepared::base`) and merges again only
//! when another push got there first.

use std::collections::HashSet;

use automerge::{AutoCommit, Change, ChangeHash};
use localspace_core::sync::{DocPush, DocStatus};
use localspace_core::{Record, doc};
use uuid::Uuid;

use super::hot::{Fingerprint, HotDoc, HotDocs};
use super::push::{Pusher, refused};
use super::{permissions, stored};
use crate::store::{Store, StoreResult, StoredDoc};

/// Documents per thread below which a push is prepared on one thread.
const PER_THREAD: usize = 32;
/// Threads a push prepares on at most.
const THREADS: usize = 4;
/// Pushes of more documents keep none of them hot: a device sending its whole outbox would
/// only churn the hot documents, and holding every merged document of a large push until its
/// transaction commits costs the memory of all of them at once.
const HOT_PUSH: usize = 64;

/// One document of a push, merged (or answered) against the stored bytes `base`.
#[derive(Debug)]
pub struct Prepared {
    /// The stored bytes it was prepared against; `None` for a record not stored.
    pub base: Option<Fingerprint>,
    pub outcome: Outcome,
}

#[derive(Debug)]
pub enum Outcome {
    /// The stored document does not load: the server's damage, not the device's (the push
    /// fails with 500, the device keeps its changes and retries).
    Broken(String),
    /// Answered before the checks against storage (unreadable changes, the wrong kind,
    /// missing dependencies).
    Settled(DocStatus),
    /// Every change was known (a retry): the stored document, to stay hot.
    Known(Option<Box<HotDoc>>),
    /// New changes merged; the transaction checks actors and visibility, then writes.
    Merged(Box<Merged>),
}

/// New changes merged into a document.
#[derive(Debug)]
pub struct Merged {
    /// The merged document, kept when the push is small enough to keep it hot or an
    /// automation rule reads it.
    pub document: Option<AutoCommit>,
    pub new: Vec<Change>,
    /// The distinct actor ids of the new changes.
    pub actors: Vec<Vec<u8>>,
    pub before: Option<Record>,
    /// The merged record with its bytes to store, or why it is refused (answered only after
    /// the actor and visibility checks, which come first).
    pub after: Result<(Record, Vec<u8>), DocStatus>,
}

/// What preparing needs besides the document.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub pusher: Pusher,
    /// Whether automation rules watch this push's deals (they need the record before).
    pub automation_watches_deals: bool,
    pub hot: &'a HotDocs,
    pub account: Uuid,
    /// Whether merged documents are kept (to stay hot): small pushes only.
    pub keep: bool,
}

/// Prepares every document of a push from the stored documents as committed now, on up to
/// [`THREADS`] threads.
pub fn prepare_all(
    store: &dyn Store,
    docs: &[DocPush],
    cx: Context<'_>,
) -> StoreResult<Vec<Prepared>> {
    let cx = Context {
        keep: docs.len() <= HOT_PUSH,
        ..cx
    };
    let ids: Vec<Uuid> = docs.iter().map(|d| d.id.0).collect();
    let stored = store.stored_docs(cx.account, &ids)?;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(THREADS)
        .min(docs.len() / PER_THREAD)
        .max(1);
    if threads == 1 {
        return Ok(docs
            .iter()
            .zip(&stored)
            .map(|(push, stored)| prepare(stored.as_ref(), push, cx))
            .collect());
    }
    let chunk = docs.len().div_ceil(threads);
    Ok(std::thread::scope(|scope| {
        let running: Vec<_> = docs
            .chunks(chunk)
            .zip(stored.chunks(chunk))
            .map(|(docs, stored)| {
                scope.spawn(move || {
                    docs.iter()
                        .zip(stored)
                        .map(|(push, stored)| prepare(stored.as_ref(), push, cx))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        running
            .into_iter()
            .flat_map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    }))
}

/// Whether the document holds a change (a look-up in its change graph; `get_change_by_hash`
/// would rebuild the change from the document's operations).
fn has_change(document: &mut AutoCommit, hash: &ChangeHash) -> bool {
    document
        .get_missing_deps(std::slice::from_ref(hash))
        .is_empty()
}

/// Prepares one document against `stored` (its kind and bytes; `None` when not stored).
pub fn prepare(stored: Option<&StoredDoc>, push: &DocPush, cx: Context<'_>) -> Prepared {
    let base = stored.map(|(_, bytes)| Fingerprint::of(bytes));
    Prepared {
        base,
        outcome: outcome(stored, base, push, cx),
    }
}

fn outcome(
    stored: Option<&StoredDoc>,
    base: Option<Fingerprint>,
    push: &DocPush,
    cx: Context<'_>,
) -> Outcome {
    let (changes, saved) = match carried(push) {
        Ok(carried) => carried,
        Err(status) => return Outcome::Settled(status),
    };
    // A new record sent whole: its document is the one just loaded, stored as it came.
    if stored.is_none()
        && let (Some(document), Some(bytes)) = (saved, &push.saved)
    {
        return fresh(document, changes, bytes, push, cx);
    }
    let mut document = match (stored, base) {
        (Some((_, bytes)), Some(base)) => match cx.hot.take(cx.account, push.id.0, base) {
            Some(document) => document,
            None => match AutoCommit::load(bytes) {
                Ok(document) => document,
                Err(e) => {
                    return Outcome::Broken(format!(
                        "stored document {} does not load: {e}",
                        push.id
                    ));
                }
            },
        },
        _ => AutoCommit::new(),
    };
    if let Some((kind, _)) = stored
        && kind != push.kind.as_str()
    {
        return Outcome::Settled(refused(
            "wrong_kind",
            format!("the record is a {kind}, not a {}", push.kind),
        ));
    }

    // Keep only new changes; every dependency must be known or come in this push.
    let mut new: Vec<Change> = Vec::new();
    let mut incoming: HashSet<ChangeHash> = HashSet::new();
    for change in changes {
        if !has_change(&mut document, &change.hash()) && incoming.insert(change.hash()) {
            new.push(change);
        }
    }
    if new.is_empty() {
        // A retry: nothing changes, the document stays hot.
        let hot = base
            .filter(|_| cx.keep)
            .map(|stored| Box::new(HotDoc { document, stored }));
        return Outcome::Known(hot);
    }
    let missing: Vec<[u8; 32]> = new
        .iter()
        .flat_map(|c| c.deps().to_vec())
        .filter(|dep| !incoming.contains(dep) && !has_change(&mut document, dep))
        .map(|h| h.0)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if !missing.is_empty() {
        return Outcome::Settled(DocStatus::MissingDeps { missing });
    }
    let actors = distinct_actors(&new);
    let watched = cx.automation_watches_deals && push.kind == localspace_core::Kind::Deal;
    let before = match stored {
        Some(_) if permissions::needs_before(cx.pusher.role) || watched => {
            doc::read_record(&document, push.id).ok()
        }
        _ => None,
    };
    let after = merge(stored, push, cx, &mut document, &new, before.as_ref());
    Outcome::Merged(Box::new(Merged {
        document: (cx.keep || watched).then_some(document),
        new,
        actors,
        before,
        after,
    }))
}

/// The changes a push carries, read; with the document when it came in its saved form.
fn carried(push: &DocPush) -> Result<(Vec<Change>, Option<AutoCommit>), DocStatus> {
    let Some(saved) = &push.saved else {
        let changes = push
            .changes
            .iter()
            .map(|bytes| Change::try_from(bytes.as_slice()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| refused("bad_change", format!("a change cannot be read: {e}")))?;
        return Ok((changes, None));
    };
    if !push.changes.is_empty() {
        return Err(refused(
            "bad_change",
            "a push carries a document's changes or its saved form, not both",
        ));
    }
    let mut document = AutoCommit::load(saved)
        .map_err(|e| refused("bad_change", format!("the document cannot be read: {e}")))?;
    let changes = document.get_changes(&[]);
    Ok((changes, Some(document)))
}

/// A new record that came whole: nothing to merge it into, so it is checked as loaded and
/// stored as it came.
fn fresh(
    document: AutoCommit,
    new: Vec<Change>,
    bytes: &[u8],
    push: &DocPush,
    cx: Context<'_>,
) -> Outcome {
    if new.is_empty() {
        return Outcome::Known(None);
    }
    let actors = distinct_actors(&new);
    let after = check(&document, push, cx, None).map(|after| (after, bytes.to_vec()));
    let watched = cx.automation_watches_deals && push.kind == localspace_core::Kind::Deal;
    Outcome::Merged(Box::new(Merged {
        document: (cx.keep || watched).then_some(document),
        new,
        actors,
        before: None,
        after,
    }))
}

fn distinct_actors(changes: &[Change]) -> Vec<Vec<u8>> {
    changes
        .iter()
        .map(|c| c.actor_id().to_bytes().to_vec())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect()
}

/// Checks a merged document: a readable record of the declared kind the pusher may produce
/// from `before`.
fn check(
    document: &AutoCommit,
    push: &DocPush,
    cx: Context<'_>,
    before: Option<&Record>,
) -> Result<Record, DocStatus> {
    match doc::record_kind(document) {
        Ok(kind) if kind == push.kind => {}
        Ok(kind) => {
            return Err(refused(
                "wrong_kind",
                format!("the changes make a {kind}, not a {}", push.kind),
            ));
        }
        Err(e) => return Err(refused("invalid_document", e.to_string())),
    }
    let after = doc::read_record(document, push.id)
        .map_err(|e| refused("invalid_document", e.to_string()))?;
    permissions::check(cx.pusher.role, cx.pusher.user, push.kind, before, &after)
        .map_err(|denied| refused(denied.code, denied.reason))?;
    Ok(after)
}

/// Applies the new changes and checks the result; returns the record and the bytes to store.
fn merge(
    stored: Option<&StoredDoc>,
    push: &DocPush,
    cx: Context<'_>,
    document: &mut AutoCommit,
    new: &[Change],
    before: Option<&Record>,
) -> Result<(Record, Vec<u8>), DocStatus> {
    document
        .apply_changes(new.to_vec())
        .map_err(|e| refused("bad_change", format!("the changes do not apply: {e}")))?;
    let after = check(document, push, cx, before)?;
    let bytes = stored::next_bytes(stored.map(|(_, b)| b.as_slice()), new, document);
    Ok((after, bytes))
}
