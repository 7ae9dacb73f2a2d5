//! A push, in the push's transaction: for each document prepared by `super::prepare`
//! (merged from the stored document as read before the transaction), check that the
//! document is not erased and still stored as read (or prepare it again), refuse changes
//! made under another user's actor id and changes to private records the pusher may not see,
//! then store the merged document, append the new changes to the log and settle who sees it.
//! A pushed deal then runs the account's automation rules on its merged before/after state
//! (`crate::automation`), in the same transaction.

use std::collections::HashSet;

use localspace_core::UserId;
use localspace_core::api::Role;
use localspace_core::sync::{DocPush, DocResult, DocStatus};

use super::hot::{Fingerprint, HotDoc, HotDocs};
use super::prepare::{Context, Merged, Outcome, Prepared, prepare};
use super::visibility;
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

pub(super) fn refused(code: &str, reason: impl Into<String>) -> DocStatus {
    DocStatus::Refused {
        code: code.to_owned(),
        reason: reason.into(),
    }
}

/// The documents one push has written, handed to the server's hot documents once the push's
/// transaction has committed.
#[derive(Debug)]
pub struct Checkout<'a> {
    pub hot: &'a HotDocs,
    pub account: uuid::Uuid,
    pub written: Vec<(uuid::Uuid, HotDoc)>,
}

/// Writes one prepared document when everything checks out; a document stored differently
/// from what it was prepared against (another push got there first), or not prepared, is
/// prepared again from storage. `claimed` holds the actor ids already confirmed as the
/// pusher's during this push (one lookup per actor, not per document).
#[allow(clippy::too_many_arguments)]
pub fn push_doc(
    tx: &mut dyn SyncTx,
    push: &DocPush,
    prepared: Option<Prepared>,
    pusher: Pusher,
    claimed: &mut HashSet<Vec<u8>>,
    automation: &mut Automation,
    docs: &mut Checkout<'_>,
    now: i64,
) -> StoreResult<DocResult> {
    let status = push_status(tx, push, prepared, pusher, claimed, automation, docs, now)?;
    Ok(DocResult {
        id: push.id,
        status,
    })
}

#[allow(clippy::too_many_arguments)]
fn push_status(
    tx: &mut dyn SyncTx,
    push: &DocPush,
    prepared: Option<Prepared>,
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
    let stored = tx.doc(id)?;
    let base = stored.as_ref().map(|(_, bytes)| Fingerprint::of(bytes));
    let prepared = match prepared {
        Some(p) if p.base == base => p,
        _ => {
            let cx = Context {
                pusher,
                automation_watches_deals: automation.watches(localspace_core::Kind::Deal),
                hot: docs.hot,
                account: docs.account,
                keep: true,
            };
            prepare(stored.as_ref(), push, cx)
        }
    };
    drop(stored);
    let merged = match prepared.outcome {
        Outcome::Broken(reason) => return Err(StoreError::Backend(reason)),
        Outcome::Settled(status) => return Ok(status),
        Outcome::Known(hot) => {
            docs.written.extend(hot.map(|hot| (id, *hot)));
            return Ok(DocStatus::Accepted { appended: 0 });
        }
        Outcome::Merged(merged) => *merged,
    };
    let Merged {
        document,
        new,
        actors,
        before,
        after,
    } = merged;
    // Every new change must come from an actor id of the pusher's own devices: the first
    // push under an actor id binds it to the pusher for good.
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
    if base.is_some() && pusher.role == Role::User && !tx.access(id)?.lets(pusher.user) {
        return Ok(refused(
            NOT_VISIBLE,
            "This record is private and you are not among its people.",
        ));
    }
    let (after, bytes) = match after {
        Ok(after) => after,
        Err(status) => return Ok(status),
    };
    tx.put_doc(id, push.kind.as_str(), &bytes)?;
    visibility::settle(tx, id, push.kind, &after, base.is_none(), now)?;
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
    if automation.watches(push.kind)
        && let Some(document) = &document
    {
        let deal = DealPush {
            before: before.as_ref(),
            after: &after,
            document,
            new: &new,
        };
        automation.run(tx, deal, pusher.user, now)?;
    }
    if let Some(document) = document {
        let stored = Fingerprint::of(&bytes);
        docs.written.push((id, HotDoc { document, stored }));
    }
    Ok(DocStatus::Accepted {
        appended: new.len() as u32,
    })
}

#[cfg(test)]
mod tests {
    use automerge::{ActorId, AutoCommit, ReadDoc};
    use localspace_core::{Kind, Patch, RecordId, doc};

    use super::*;
    use crate::store::{Account, AccountStatus, SqliteStore, Store, User};

    const NOW: i64 = 1_780_000_000_000;

    struct Fixture {
        _dir: tempfile::TempDir,
        store: SqliteStore,
        account: uuid::Uuid,
        pusher: Pusher,
        hot: HotDocs,
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("server.sqlite")).unwrap();
        let account = uuid::Uuid::from_u128(7);
        let user = UserId(uuid::Uuid::from_u128(8));
        store
            .create_account(
                &Account {
                    id: account,
                    name: "Pracownia".into(),
                    status: AccountStatus::Trial,
                    created_at: NOW,
                    trial_ends: NOW + 1,
                    seats: 1,
                },
                &User {
                    id: user,
                    account,
                    email: "anna@pracownia.pl".into(),
                    name: "Anna".into(),
                    password_hash: String::new(),
                    role: Role::Admin,
                    seat: true,
                    active: true,
                    lang: "pl".into(),
                    created_at: NOW,
                },
            )
            .unwrap();
        Fixture {
            _dir: dir,
            store,
            account,
            pusher: Pusher {
                user,
                role: Role::Admin,
            },
            hot: HotDocs::default(),
        }
    }

    impl Fixture {
        fn cx(&self) -> Context<'_> {
            Context {
                pusher: self.pusher,
                automation_watches_deals: false,
                hot: &self.hot,
                account: self.account,
                keep: true,
            }
        }

        fn prepare(&self, docs: &[DocPush]) -> Vec<Prepared> {
            super::super::prepare::prepare_all(&self.store, docs, self.cx()).unwrap()
        }

        /// Commits `docs` as prepared (or prepared in the transaction when `None`).
        fn commit(&self, docs: &[DocPush], prepared: Option<Vec<Prepared>>) -> Vec<DocStatus> {
            let mut prepared: Vec<Option<Prepared>> = match prepared {
                Some(p) => p.into_iter().map(Some).collect(),
                None => docs.iter().map(|_| None).collect(),
            };
            let mut results = Vec::new();
            let mut checkout = Checkout {
                hot: &self.hot,
                account: self.account,
                written: Vec::new(),
            };
            self.store
                .sync_tx(self.account, &mut |tx| {
                    let mut claimed = HashSet::new();
                    let mut automation = Automation::default();
                    for (push, prepared) in docs.iter().zip(&mut prepared) {
                        let r = push_doc(
                            tx,
                            push,
                            prepared.take(),
                            self.pusher,
                            &mut claimed,
                            &mut automation,
                            &mut checkout,
                            NOW,
                        )?;
                        results.push(r.status);
                    }
                    Ok(())
                })
                .unwrap();
            self.hot.put(self.account, checkout.written);
            results
        }

        fn stored(&self, id: RecordId) -> AutoCommit {
            let stored = self.store.stored_docs(self.account, &[id.0]).unwrap();
            AutoCommit::load(&stored[0].as_ref().unwrap().1).unwrap()
        }
    }

    fn push_of(id: RecordId, changes: &[&automerge::Change]) -> DocPush {
        DocPush {
            id,
            kind: Kind::Person,
            changes: changes.iter().map(|c| c.raw_bytes().to_vec()).collect(),
            saved: None,
        }
    }

    fn saved_push(id: RecordId, document: &mut AutoCommit) -> DocPush {
        DocPush {
            id,
            kind: Kind::Person,
            changes: Vec::new(),
            saved: Some(document.save()),
        }
    }

    fn text(document: &AutoCommit, key: &str) -> String {
        match document.get(automerge::ROOT, key).unwrap() {
            Some((value, _)) => value.as_str().unwrap_or_default().to_owned(),
            None => String::new(),
        }
    }

    #[test]
    fn a_document_stored_anew_meanwhile_is_merged_again_and_nothing_is_lost() {
        let f = fixture();
        let id = RecordId(uuid::Uuid::from_u128(42));
        let created = Patch::new()
            .text("first_name", "Anna")
            .text("last_name", "Nowak");
        let mut laptop = doc::create(ActorId::random(), Kind::Person, &created, NOW).unwrap();
        let first = laptop.get_last_local_change().unwrap();
        assert_eq!(
            f.commit(
                &[push_of(id, &[&first])],
                Some(f.prepare(&[push_of(id, &[&first])]))
            ),
            [DocStatus::Accepted { appended: 1 }]
        );

        // Two devices edit the record at once; the laptop's push is prepared first and
        // commits after the phone's.
        let mut phone = laptop.fork().with_actor(ActorId::random());
        doc::update(
            &mut laptop,
            Kind::Person,
            &Patch::new().text("city", "Gdańsk"),
            NOW,
        )
        .unwrap();
        let from_laptop = laptop.get_last_local_change().unwrap();
        doc::update(
            &mut phone,
            Kind::Person,
            &Patch::new().text("position", "CEO"),
            NOW,
        )
        .unwrap();
        let from_phone = phone.get_last_local_change().unwrap();
        let laptop_push = [push_of(id, &[&from_laptop])];
        let prepared = f.prepare(&laptop_push);
        let phone_push = [push_of(id, &[&from_phone])];
        assert_eq!(
            f.commit(&phone_push, Some(f.prepare(&phone_push))),
            [DocStatus::Accepted { appended: 1 }]
        );
        assert_eq!(
            f.commit(&laptop_push, Some(prepared)),
            [DocStatus::Accepted { appended: 1 }]
        );
        let stored = f.stored(id);
        assert_eq!(text(&stored, "city"), "Gdańsk");
        assert_eq!(
            text(&stored, "position"),
            "CEO",
            "the phone's edit survives"
        );

        // A retry prepared before its own first answer committed appends nothing.
        assert_eq!(
            f.commit(&laptop_push, Some(f.prepare(&laptop_push))),
            [DocStatus::Accepted { appended: 0 }]
        );
        assert_eq!(
            f.commit(&laptop_push, None),
            [DocStatus::Accepted { appended: 0 }]
        );
    }

    #[test]
    fn a_large_push_is_prepared_on_several_threads_in_order() {
        let f = fixture();
        let actor = ActorId::random();
        let docs: Vec<(RecordId, DocPush)> = (0..200u128)
            .map(|n| {
                let id = RecordId(uuid::Uuid::from_u128(1000 + n));
                let patch = Patch::new()
                    .text("first_name", &format!("Osoba {n}"))
                    .text("last_name", "Nowak");
                let mut d = doc::create(actor.clone(), Kind::Person, &patch, NOW).unwrap();
                let change = d.get_last_local_change().unwrap();
                (id, push_of(id, &[&change]))
            })
            .collect();
        let mut pushes: Vec<DocPush> = docs.iter().map(|(_, p)| p.clone()).collect();
        // One garbage document in the middle is answered on its own.
        pushes[101].changes = vec![b"not a change".to_vec()];
        let results = f.commit(&pushes, Some(f.prepare(&pushes)));
        for (n, status) in results.iter().enumerate() {
            if n == 101 {
                assert!(matches!(status, DocStatus::Refused { code, .. } if code == "bad_change"));
            } else {
                assert_eq!(*status, DocStatus::Accepted { appended: 1 }, "document {n}");
                assert_eq!(
                    text(&f.stored(docs[n].0), "first_name"),
                    format!("Osoba {n}")
                );
            }
        }
    }

    #[test]
    fn a_record_sent_whole_is_stored_as_it_came_and_merged_when_the_server_has_it() {
        let f = fixture();
        let id = RecordId(uuid::Uuid::from_u128(43));
        let created = Patch::new()
            .text("first_name", "Ewa")
            .text("last_name", "Lis");
        let mut laptop = doc::create(ActorId::random(), Kind::Person, &created, NOW).unwrap();
        let whole = [saved_push(id, &mut laptop)];
        assert_eq!(
            f.commit(&whole, Some(f.prepare(&whole))),
            [DocStatus::Accepted { appended: 1 }]
        );
        let stored = f.store.stored_docs(f.account, &[id.0]).unwrap();
        assert_eq!(
            stored[0].as_ref().unwrap().1,
            *whole[0].saved.as_ref().unwrap()
        );
        // A retry of it appends nothing; sent whole again after an edit, only the edit is new.
        assert_eq!(
            f.commit(&whole, None),
            [DocStatus::Accepted { appended: 0 }]
        );
        doc::update(
            &mut laptop,
            Kind::Person,
            &Patch::new().text("city", "Opole"),
            NOW,
        )
        .unwrap();
        let again = [saved_push(id, &mut laptop)];
        assert_eq!(
            f.commit(&again, Some(f.prepare(&again))),
            [DocStatus::Accepted { appended: 1 }]
        );
        assert_eq!(text(&f.stored(id), "city"), "Opole");

        // Garbage, and changes together with a saved form, are refused and store nothing.
        let other = RecordId(uuid::Uuid::from_u128(44));
        let mut garbage = saved_push(other, &mut laptop);
        garbage.saved = Some(b"not a document".to_vec());
        let mut both = saved_push(other, &mut laptop);
        both.changes = vec![laptop.get_last_local_change().unwrap().raw_bytes().to_vec()];
        let mut truncated = saved_push(other, &mut laptop);
        truncated.saved.as_mut().unwrap().truncate(20);
        for bad in [garbage, both, truncated] {
            let bad = [bad];
            let results = f.commit(&bad, Some(f.prepare(&bad)));
            assert!(
                matches!(&results[0], DocStatus::Refused { code, .. } if code == "bad_change"),
                "{results:?}"
            );
        }
        assert_eq!(f.store.stored_docs(f.account, &[other.0]).unwrap(), [None]);
    }
}
