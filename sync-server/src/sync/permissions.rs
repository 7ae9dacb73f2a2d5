//! Who may change what. Every pushed document is checked on the server's merged state before
//! and after the push, against the pusher's role (DESIGN.md, "Roles"):
//!
//! - pipelines and custom field definitions are account settings: admins only;
//! - a salesperson (`user`) changes the companies, people and deals they own or take part in,
//!   and records nobody owns; only a manager or an admin gives a record to someone else (a
//!   salesperson may only claim an unowned record for themselves);
//! - managers and admins change every record.
//!
//! The checks read merged states, so they hold whatever order devices push in.

use localspace_core::api::Role;
use localspace_core::{Kind, Record, UserId, Value};

/// Why a push is not allowed: a stable code and a sentence for the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Denied {
    pub code: &'static str,
    pub reason: &'static str,
}

/// The code of a change to settings by someone who is not an admin.
pub const ADMIN_ONLY: &str = "admin_only";
/// The code of a change to someone else's record.
pub const NOT_OWNER: &str = "not_owner";
/// The code of a change of owner a salesperson may not make.
pub const OWNER_CHANGE: &str = "owner_change";

/// Whether [`check`] needs the record as it was before the push (reading it costs time, so
/// roles that do not need it skip it).
pub fn needs_before(role: Role) -> bool {
    role == Role::User
}

/// Whether the pusher may turn `before` (absent for a new record) into `after`.
pub fn check(
    role: Role,
    me: UserId,
    kind: Kind,
    before: Option<&Record>,
    after: &Record,
) -> Result<(), Denied> {
    if matches!(kind, Kind::Pipeline | Kind::CustomField) && role != Role::Admin {
        return Err(Denied {
            code: ADMIN_ONLY,
            reason: "Only an admin can change pipelines and custom fields.",
        });
    }
    if role != Role::User || !matches!(kind, Kind::Company | Kind::Person | Kind::Deal) {
        return Ok(());
    }
    let me = me.0;
    if let Some(before) = before
        && let Some(owner) = owner(before)
        && owner != me
        && !takes_part(before, me)
    {
        return Err(Denied {
            code: NOT_OWNER,
            reason: "Only the owner of this record, its participants, a manager or an admin can change it.",
        });
    }
    let (old, new) = (before.and_then(owner), owner(after));
    if old != new && !(old.is_none() && new == Some(me)) {
        return Err(Denied {
            code: OWNER_CHANGE,
            reason: "Only a manager or an admin can change who owns a record.",
        });
    }
    Ok(())
}

fn owner(record: &Record) -> Option<uuid::Uuid> {
    match record.get("owner") {
        Some(Value::Ref(id)) => Some(*id),
        _ => None,
    }
}

fn takes_part(record: &Record, me: uuid::Uuid) -> bool {
    matches!(record.get("participants"), Some(Value::RefSet(ids)) if ids.contains(&me))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use localspace_core::{FieldRead, RecordId};

    use super::*;

    fn record(kind: Kind, owner: Option<uuid::Uuid>, participants: &[uuid::Uuid]) -> Record {
        let mut fields = BTreeMap::new();
        if let Some(owner) = owner {
            fields.insert(
                "owner".to_owned(),
                FieldRead {
                    value: Value::Ref(owner),
                    conflicts: Vec::new(),
                },
            );
        }
        if !participants.is_empty() {
            fields.insert(
                "participants".to_owned(),
                FieldRead {
                    value: Value::RefSet(participants.iter().copied().collect()),
                    conflicts: Vec::new(),
                },
            );
        }
        Record {
            id: RecordId(uuid::Uuid::nil()),
            kind,
            schema: 1,
            fields,
            custom: BTreeMap::new(),
            deleted_at: None,
        }
    }

    fn ids() -> (UserId, uuid::Uuid) {
        (UserId(uuid::Uuid::from_u128(1)), uuid::Uuid::from_u128(2))
    }

    #[test]
    fn settings_are_for_admins() {
        let (me, _) = ids();
        let pipeline = record(Kind::Pipeline, None, &[]);
        for role in [Role::User, Role::Manager] {
            let denied = check(role, me, Kind::Pipeline, None, &pipeline).unwrap_err();
            assert_eq!(denied.code, ADMIN_ONLY);
            let field = record(Kind::CustomField, None, &[]);
            assert!(check(role, me, Kind::CustomField, None, &field).is_err());
        }
        assert!(check(Role::Admin, me, Kind::Pipeline, None, &pipeline).is_ok());
    }

    #[test]
    fn a_salesperson_changes_own_and_shared_records_only() {
        let (me, other) = ids();
        let mine = record(Kind::Deal, Some(me.0), &[]);
        assert!(check(Role::User, me, Kind::Deal, Some(&mine), &mine).is_ok());
        let theirs = record(Kind::Deal, Some(other), &[]);
        let denied = check(Role::User, me, Kind::Deal, Some(&theirs), &theirs).unwrap_err();
        assert_eq!(denied.code, NOT_OWNER);
        let shared = record(Kind::Deal, Some(other), &[me.0]);
        assert!(check(Role::User, me, Kind::Deal, Some(&shared), &shared).is_ok());
        let unowned = record(Kind::Company, None, &[]);
        assert!(check(Role::User, me, Kind::Company, Some(&unowned), &unowned).is_ok());
        for role in [Role::Manager, Role::Admin] {
            assert!(check(role, me, Kind::Deal, Some(&theirs), &theirs).is_ok());
        }
    }

    #[test]
    fn only_managers_and_admins_hand_records_over() {
        let (me, other) = ids();
        let mine = record(Kind::Person, Some(me.0), &[]);
        let given = record(Kind::Person, Some(other), &[]);
        let denied = check(Role::User, me, Kind::Person, Some(&mine), &given).unwrap_err();
        assert_eq!(denied.code, OWNER_CHANGE);
        let unowned = record(Kind::Person, None, &[]);
        assert_eq!(
            check(Role::User, me, Kind::Person, Some(&mine), &unowned)
                .unwrap_err()
                .code,
            OWNER_CHANGE
        );
        // Creating a record for someone else is handing it over too; claiming one is not.
        assert!(check(Role::User, me, Kind::Person, None, &given).is_err());
        assert!(check(Role::User, me, Kind::Person, None, &mine).is_ok());
        assert!(check(Role::User, me, Kind::Person, Some(&unowned), &mine).is_ok());
        // A participant may edit, not take the record.
        let shared = record(Kind::Deal, Some(other), &[me.0]);
        let taken = record(Kind::Deal, Some(me.0), &[me.0]);
        assert!(check(Role::User, me, Kind::Deal, Some(&shared), &taken).is_err());
        assert!(check(Role::Manager, me, Kind::Deal, Some(&mine), &given).is_ok());
    }

    #[test]
    fn tasks_activities_and_spaces_are_open_to_everyone() {
        let (me, other) = ids();
        for kind in [Kind::Task, Kind::Activity, Kind::Space, Kind::File] {
            let theirs = record(kind, Some(other), &[]);
            assert!(check(Role::User, me, kind, Some(&theirs), &theirs).is_ok());
        }
    }
}
