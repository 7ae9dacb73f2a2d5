//! A push: for each document, drop the changes the server already has (a retry after a lost
//! answer appends nothing), refuse changes whose dependencies are missing (automerge would
//! queue them silently), refuse changes made under another user's actor id, check that the
//! merged document is still a readable record of the declared kind that the pusher may see
//! and change, then store it, append the new changes to the log and settle who sees it.
//! A pushed deal then runs the account's automation rules on its merged before/after state
//! (`crate::automation`), in the same transaction.

use std::collections::HashSet;

use automerge::{AutoCommit, Change, ChangeHash};
use localspace_core::api::Role;
use localspace_core::sync::{DocPush, DocResult, DocStatus};
use localspace_core::{UserId, doc};

use super::hot::{Fingerprint, HotDoc, HotDocs};
use super::{permissions, stored, visibility};
use crate::automation::{Automation, DealPush, made};
use crate::store::{StoreError, StoreResult, SyncTx};

/// Who pushes: the signed-in user and their role.
#[derive(Clone, Copy, Debug)]
pub struct Pusher {
    pub user: UserId,
    pub role: Role,
}

/// The code of a change made under an actor id another user's device owns.
pub const FORGED_ACTOR: &str = "forged_actor";
/// The code of a change to a private record the pusher may not see.
pub const NOT_VISIBLE: &str = "not_visible";

fn refused(code: &str, reason: impl Into<String>) -> DocStatus {
    DocStatus::Refused {
        code: code.to_owned(),
        reason: reason.into(),
    }
}

/// The documents one push works on: taken from the server's hot documents when they match
/// storage, and handed back (`written`) once the push's transaction has committed.
#[derive(Debug)]
pub struct Checkout<'a> {
    pub hot: &'a HotDocs,
    pub account: uuid::Uuid,
    pub written: Vec<(uuid::Uuid, HotDoc)>,
}

impl Checkout<'_> {
    /// The merged document stored as `bytes`: the hot copy, or loaded.
    fn document(
        &self,
        id: uuid::Uuid,
        bytes: &[u8],
    ) -> Result<AutoCommit, automerge::AutomergeError> {
        match self.hot.take(self.account, id, Fingerprint::of(bytes)) {
            Some(document) => Ok(document),
            None => AutoCommit::load(bytes),
        }
    }
}

/// Whether the document holds a change (a look-up in its change graph; `get_change_by_hash`
/// would rebuild the change from the document's operations).
fn has_change(document: &mut AutoCommit, hash: &ChangeHash) -> bool {
    document
        .get_missing_deps(std::slice::from_ref(hash))
        .is_empty()
}

/// A document's pushed changes, read (or why they cannot be): done before the push's
/// transaction, so parsing and checking change bytes never holds the writer.
pub type Parsed = Result<Vec<Change>, String>;

/// One document of a push, with its changes as read.
#[derive(Clone, Copy, Debug)]
pub struct Pushed<'a> {
    pub doc: &'a DocPush,
    pub changes: &'a Parsed,
}

/// Reads a document's pushed changes.
pub fn parse(push: &DocPush) -> Parsed {
    push.changes
        .iter()
        .map(|bytes| Change::try_from(bytes.as_slice()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("a change cannot be read: {e}"))
}

/// Applies one document's changes; writes only when everything checks out. `claimed` holds
/// the actor ids already confirmed as the pusher's during this push (one lookup per actor,
/// not per document).
pub fn push_doc(
    tx: &mut dyn SyncTx,
    pushed: Pushed<'_>,
    pusher: Pusher,
    claimed: &mut HashSet<Vec<u8>>,
    automation: &mut Automation,
    docs: &mut Checkout<'_>,
    now: i64,
) -> StoreResult<DocResult> {
    let status = push_status(tx, pushed, pusher, claimed, automation, docs, now)?;
    Ok(DocResult {
        id: pushed.doc.id,
        status,
    })
}

fn push_status(
    tx: &mut dyn SyncTx,
    Pushed {
        doc: push,
        changes: parsed,
    }: Pushed<'_>,
    pusher: Pusher,
    claimed: &mut HashSet<Vec<u8>>,
    automation: &mut Automation,
    docs: &mut Checkout<'_>,
    now: i64,
) -> StoreResult<DocStatus> {
    let id = push.id.0;
    if tx.is_erased(id)? {
        return Ok(DocStatus::Erased);
    }
    let changes = match parsed {
        Ok(changes) => changes,
        Err(reason) => return Ok(refused("bad_change", reason.clone())),
    };
    let stored = tx.doc(id)?;
    let mut document = match &stored {
        Some((_, bytes)) => match docs.document(id, bytes) {
            Ok(d) => d,
            // Our damage, not the device's: fail the push (500) so the device keeps its
            // changes and retries once an operator has repaired the record.
            Err(e) => {
                return Err(StoreError::Backend(format!(
                    "stored document {} does not load: {e}",
                    push.id
                )));
            }
        },
        None => AutoCommit::new(),
    };
    if let Some((kind, _)) = &stored
        && kind != push.kind.as_str()
    {
        return Ok(refused(
            "wrong_kind",
            format!("the record is a {kind}, not a {}", push.kind),
        ));
    }

    // Keep only new changes; every dependency must be known or come in this push.
    let mut new: Vec<Change> = Vec::new();
    let mut incoming: HashSet<ChangeHash> = HashSet::new();
    for change in changes {
        if !has_change(&mut document, &change.hash()) && incoming.insert(change.hash()) {
            new.push(change.clone());
        }
    }
    if new.is_empty() {
        // A retry: nothing changed, the document stays hot.
        if let Some((_, bytes)) = &stored {
            let stored = Fingerprint::of(bytes);
            docs.written.push((id, HotDoc { document, stored }));
        }
        return Ok(DocStatus::Accepted { appended: 0 });
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
        return Ok(DocStatus::MissingDeps { missing });
    }
    // Every new change must come from an actor id of the pusher's own devices: the first
    // push under an actor id binds it to the pusher for good.
    let actors: HashSet<Vec<u8>> = new
        .iter()
        .map(|c| c.actor_id().to_bytes().to_vec())
        .collect();
    for actor in actors {
        // Only the server writes as an automation rule.
        if made::is_automation_actor(&actor) {
            return Ok(refused(
                FORGED_ACTOR,
                "a change carries the actor id of an automation rule",
            ));
        }
        if claimed.contains(&actor) {
            continue;
        }
        if tx.claim_actor(&actor, pusher.user, now)? != pusher.user {
            return Ok(refused(
                FORGED_ACTOR,
                "a change carries the actor id of another user's device",
            ));
        }
        claimed.insert(actor);
    }
    // A salesperson changes only records they can see.
    if stored.is_some() && pusher.role == Role::User && !tx.access(id)?.lets(pusher.user) {
        return Ok(refused(
            NOT_VISIBLE,
            "This record is private and you are not among its people.",
        ));
    }
    let before = match &stored {
        Some(_) if permissions::needs_before(pusher.role) || automation.watches(push.kind) => {
            doc::read_record(&document, push.id).ok()
        }
        _ => None,
    };

    if let Err(e) = document.apply_changes(new.clone()) {
        return Ok(refused(
            "bad_change",
            format!("the changes do not apply: {e}"),
        ));
    }
    match doc::record_kind(&document) {
        Ok(kind) if kind == push.kind => {}
        Ok(kind) => {
            return Ok(refused(
                "wrong_kind",
                format!("the changes make a {kind}, not a {}", push.kind),
            ));
        }
        Err(e) => return Ok(refused("invalid_document", e.to_string())),
    }
    let after = match doc::read_record(&document, push.id) {
        Ok(record) => record,
        Err(e) => return Ok(refused("invalid_document", e.to_string())),
    };
    if let Err(denied) =
        permissions::check(pusher.role, pusher.user, push.kind, before.as_ref(), &after)
    {
        return Ok(refused(denied.code, denied.reason));
    }
    let bytes = stored::next_bytes(
        stored.as_ref().map(|(_, b)| b.as_slice()),
        &new,
        &mut document,
    );
    tx.put_doc(id, push.kind.as_str(), &bytes)?;
    visibility::settle(tx, id, push.kind, &after, stored.is_none(), now)?;
    for change in &new {
        tx.append(
            id,
            push.kind.as_str(),
            &change.hash().0,
            change.raw_bytes(),
            pusher.user,
            now,
        )?;
    }
    if automation.watches(push.kind) {
        let deal = DealPush {
            before: before.as_ref(),
            after: &after,
            document: &document,
            new: &new,
        };
        automation.run(tx, deal, pusher.user, now)?;
    }
    let stored = Fingerprint::of(&bytes);
    docs.written.push((id, HotDoc { document, stored }));
    Ok(DocStatus::Accepted {
        appended: new.len() as u32,
    })
}
