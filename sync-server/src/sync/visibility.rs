//! Who sees which record (DESIGN.md, "Visibility"). Managers and admins see every record; a
//! salesperson sees public records and the private ones they own or take part in. Tasks,
//! activities and files inherit from the records they hang from: one linked to a private
//! deal is seen by the people who see that deal (and by its own owner, assignee or author).
//!
//! After every stored push the record's access is worked out again. When it changes, each
//! salesperson who gains the record gets a grant in their stream (the document comes with
//! it) and each who loses it a revoke; a parent's change reaches its child records too.
//! Pulls and bootstraps then serve a salesperson only what they may see.

use std::collections::BTreeSet;

use localspace_core::{Kind, Record, RecordId, UserId, Value, schema};
use uuid::Uuid;

use crate::store::{Access, StoreResult, SyncTx};

/// The kinds whose own fields say who sees them.
fn is_parent(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Company | Kind::Person | Kind::Deal | Kind::Space
    )
}

/// The kinds that inherit from the records they link to.
fn is_child(kind: Kind) -> bool {
    matches!(kind, Kind::Task | Kind::Activity | Kind::File)
}

fn refs(record: &Record, key: &str) -> BTreeSet<Uuid> {
    match record.get(key) {
        Some(Value::Ref(id)) => BTreeSet::from([*id]),
        Some(Value::RefSet(ids)) => ids.clone(),
        _ => BTreeSet::new(),
    }
}

fn users(record: &Record, keys: &[&str]) -> BTreeSet<UserId> {
    keys.iter()
        .flat_map(|key| refs(record, key))
        .map(UserId)
        .collect()
}

/// The access a parent record's own fields give.
pub fn own_access(kind: Kind, record: &Record) -> Access {
    let private = matches!(
        record.get(schema::VISIBILITY_KEY).and_then(Value::as_text),
        Some("private")
    );
    if !private {
        return Access::Public;
    }
    let keys: &[&str] = match kind {
        Kind::Space => &["owner", "members"],
        _ => &["owner", "participants"],
    };
    Access::Restricted(users(record, keys))
}

/// The access a child record inherits: public unless a record it links to is restricted;
/// then only the people who see every restricted parent, plus the child's own people.
fn inherited(
    tx: &mut dyn SyncTx,
    parents: &BTreeSet<Uuid>,
    record: &Record,
) -> StoreResult<Access> {
    let mut readers: Option<BTreeSet<UserId>> = None;
    for parent in parents {
        if let Access::Restricted(theirs) = tx.access(*parent)? {
            readers = Some(match readers {
                None => theirs,
                Some(ours) => ours.intersection(&theirs).copied().collect(),
            });
        }
    }
    Ok(match readers {
        None => Access::Public,
        Some(mut readers) => {
            readers.extend(users(record, &["owner", "assignee", "author"]));
            Access::Restricted(readers)
        }
    })
}

/// Works out a stored record's access again and tells the salespeople who gained or lost it.
/// `new` is true for a record the server did not have before this push: nobody held it, so
/// nobody gets a grant or a revoke; its own log entries reach whoever may see them.
pub fn settle(
    tx: &mut dyn SyncTx,
    id: Uuid,
    kind: Kind,
    record: &Record,
    new: bool,
    at: i64,
) -> StoreResult<()> {
    let access = if is_parent(kind) {
        own_access(kind, record)
    } else if is_child(kind) {
        let parents = refs(record, "links");
        tx.set_parents(id, &parents.iter().copied().collect::<Vec<_>>())?;
        inherited(tx, &parents, record)?
    } else {
        return Ok(());
    };
    if !change_access(tx, id, kind, access, new, at)? || !is_parent(kind) {
        return Ok(());
    }
    for child in tx.children(id)? {
        let Some((child_kind, bytes)) = tx.doc(child)? else {
            continue;
        };
        let (Ok(child_kind), Ok(document)) = (
            child_kind.parse::<Kind>(),
            automerge::AutoCommit::load(&bytes),
        ) else {
            continue;
        };
        let Ok(child_record) = localspace_core::doc::read_record(&document, RecordId(child)) else {
            continue;
        };
        let access = inherited(tx, &refs(&child_record, "links"), &child_record)?;
        change_access(tx, child, child_kind, access, false, at)?;
    }
    Ok(())
}

/// Stores a record's access; when it changed on a record people already had, appends the
/// grants and revokes. Returns whether it changed.
fn change_access(
    tx: &mut dyn SyncTx,
    id: Uuid,
    kind: Kind,
    access: Access,
    new: bool,
    at: i64,
) -> StoreResult<bool> {
    let old = tx.access(id)?;
    if old == access {
        return Ok(false);
    }
    tx.set_access(id, &access)?;
    if new {
        return Ok(true);
    }
    for user in tx.salespeople()? {
        let (had, has) = (old.lets(user), access.lets(user));
        if had != has {
            tx.append_access(id, kind.as_str(), user, has, at)?;
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use localspace_core::FieldRead;

    use super::*;

    fn record(kind: Kind, fields: &[(&str, Value)]) -> Record {
        Record {
            id: RecordId(Uuid::nil()),
            kind,
            schema: 1,
            fields: fields
                .iter()
                .map(|(k, v)| {
                    (
                        (*k).to_owned(),
                        FieldRead {
                            value: v.clone(),
                            conflicts: Vec::new(),
                        },
                    )
                })
                .collect::<BTreeMap<_, _>>(),
            custom: BTreeMap::new(),
            deleted_at: None,
        }
    }

    #[test]
    fn private_records_are_seen_by_owner_and_participants_only() {
        let (owner, guest, other) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let public = record(Kind::Deal, &[("owner", Value::Ref(owner))]);
        assert_eq!(own_access(Kind::Deal, &public), Access::Public);
        let private = record(
            Kind::Deal,
            &[
                ("owner", Value::Ref(owner)),
                ("visibility", Value::Text("private".into())),
                ("participants", Value::RefSet(BTreeSet::from([guest]))),
            ],
        );
        let access = own_access(Kind::Deal, &private);
        assert!(access.lets(UserId(owner)) && access.lets(UserId(guest)));
        assert!(!access.lets(UserId(other)));
        let space = record(
            Kind::Space,
            &[
                ("visibility", Value::Text("private".into())),
                ("members", Value::RefSet(BTreeSet::from([guest]))),
            ],
        );
        assert!(own_access(Kind::Space, &space).lets(UserId(guest)));
        assert!(!own_access(Kind::Space, &space).lets(UserId(owner)));
    }
}
