//! What a rule makes, built deterministically: the record id comes from (rule, deal,
//! triggering change), the automerge actor from the rule, the time from the triggering
//! change. Two firings for one trigger therefore build byte-identical documents with the same
//! change hash, so they can only ever merge into one record.

use automerge::{ActorId, AutoCommit, Change};
use chrono::Days;
use localspace_core::api::RuleSpec;
use localspace_core::billing::warsaw_date;
use localspace_core::{DocError, Kind, Patch, Record, RecordId, Value, doc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::StoredRule;
use super::trigger::Trigger;

/// The first bytes of every actor id automation writes under. Devices never push under it
/// (the push refuses such changes as forged), so only the server writes as a rule.
pub const ACTOR_PREFIX: &[u8; 6] = b"lsauto";

/// Whether an actor id is one automation writes under.
pub fn is_automation_actor(actor: &[u8]) -> bool {
    actor.starts_with(ACTOR_PREFIX)
}

/// The actor a rule writes under: the prefix and ten bytes of a hash of the rule's id.
pub fn actor(rule: Uuid) -> ActorId {
    let digest = Sha256::new()
        .chain_update(b"localspace/automation/actor/")
        .chain_update(rule.as_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(ACTOR_PREFIX);
    bytes[6..].copy_from_slice(&digest[..10]);
    ActorId::from(bytes.as_slice())
}

/// The id of what `rule` makes for `deal` when `change` triggered it (a UUID of version 8).
pub fn record_id(rule: Uuid, deal: Uuid, change: &automerge::ChangeHash) -> Uuid {
    let digest = Sha256::new()
        .chain_update(b"localspace/automation/record/")
        .chain_update(rule.as_bytes())
        .chain_update(deal.as_bytes())
        .chain_update(change.0)
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// A record a rule made: its document of one change, and the record it reads as.
#[derive(Debug)]
pub struct Made {
    pub id: Uuid,
    pub kind: Kind,
    pub document: AutoCommit,
    pub change: Change,
    pub record: Record,
}

/// The fields of what the rule makes for the deal.
fn patch(spec: &RuleSpec, deal: &Record, at: i64) -> (Kind, Patch) {
    let owner = match deal.get("owner") {
        Some(Value::Ref(user)) => Some(*user),
        _ => None,
    };
    let links = Value::RefSet([deal.id.0].into());
    match spec {
        RuleSpec::StageTask {
            title, due_in_days, ..
        } => {
            let day = warsaw_date(at);
            let due = day
                .checked_add_days(Days::new(u64::from(*due_in_days)))
                .unwrap_or(day);
            let mut p = Patch::new()
                .text("title", title)
                .set("due", Value::Date(due))
                .set("done", Value::Bool(false))
                .set("links", links);
            if let Some(owner) = owner {
                p = p
                    .set("assignee", Value::Ref(owner))
                    .set("owner", Value::Ref(owner));
            }
            (Kind::Task, p)
        }
        RuleSpec::WonNote { note } => {
            let mut p = Patch::new()
                .text("type", "note")
                .text("subject", note)
                .set("at", Value::Timestamp(at))
                .set("links", links);
            if let Some(owner) = owner {
                p = p.set("author", Value::Ref(owner));
            }
            (Kind::Activity, p)
        }
    }
}

/// Builds what `rule` makes for `deal` on `trigger`, dated `at` (the trigger's time).
pub fn make(rule: &StoredRule, deal: &Record, trigger: &Trigger, at: i64) -> Result<Made, String> {
    let (kind, patch) = patch(&rule.spec, deal, at);
    let id = record_id(rule.id, deal.id.0, &trigger.change);
    let mut document =
        doc::create(actor(rule.id), kind, &patch, at).map_err(|e: DocError| e.to_string())?;
    let change = document
        .get_last_local_change()
        .ok_or("a rule made an empty document")?;
    let record = doc::read_record(&document, RecordId(id)).map_err(|e| e.to_string())?;
    Ok(Made {
        id,
        kind,
        document,
        change,
        record,
    })
}

#[cfg(test)]
mod tests {
    use automerge::ChangeHash;

    use super::*;

    fn rule() -> StoredRule {
        StoredRule {
            id: Uuid::now_v7(),
            account: Uuid::now_v7(),
            spec: RuleSpec::StageTask {
                pipeline: Uuid::now_v7().to_string(),
                stage: "negocjacje".into(),
                title: "Zadzwoń do klienta".into(),
                due_in_days: 3,
            },
            enabled: true,
            created_at: 0,
            updated_at: 0,
        }
    }

    fn deal(owner: Uuid) -> Record {
        let d = doc::create(
            ActorId::random(),
            Kind::Deal,
            &Patch::new()
                .text("title", "Dostawa")
                .set("owner", Value::Ref(owner)),
            1,
        )
        .unwrap();
        doc::read_record(&d, RecordId(Uuid::now_v7())).unwrap()
    }

    #[test]
    fn one_trigger_always_makes_the_same_change_and_another_a_new_record() {
        let (rule, owner) = (rule(), Uuid::now_v7());
        let deal = deal(owner);
        // 2026-03-31 22:30 UTC is 1 April in Warsaw: due three days later.
        let at = 1_774_996_200_000;
        let trigger = Trigger {
            change: ChangeHash([7; 32]),
            at,
        };
        let mut a = make(&rule, &deal, &trigger, at).unwrap();
        let mut b = make(&rule, &deal, &trigger, at).unwrap();
        assert_eq!(a.id, b.id);
        assert_eq!(a.change.hash(), b.change.hash());
        assert_eq!(a.document.save(), b.document.save());
        assert!(is_automation_actor(a.change.actor_id().to_bytes()));
        assert_eq!(a.record.text("title"), "Zadzwoń do klienta");
        assert_eq!(
            a.record.get("due"),
            Some(&Value::Date(
                chrono::NaiveDate::from_ymd_opt(2026, 4, 4).unwrap()
            ))
        );
        assert_eq!(a.record.get("assignee"), Some(&Value::Ref(owner)));
        assert_eq!(
            a.record.get("links"),
            Some(&Value::RefSet([deal.id.0].into()))
        );
        let again = Trigger {
            change: ChangeHash([8; 32]),
            at,
        };
        assert_ne!(make(&rule, &deal, &again, at).unwrap().id, a.id);
        assert!(!is_automation_actor(ActorId::random().to_bytes()));
    }
}
