//! Whether a rule fires for one pushed deal, decided on the server's merged state before and
//! after the push (a retry brings no new change, so nothing can fire twice), and which change
//! did it: the one holding the operation that wrote the winning value of the field the rule
//! watches. Pure: no storage, no clock.

use automerge::{AutoCommit, Change, ChangeHash, ROOT, ReadDoc};
use localspace_core::api::RuleSpec;
use localspace_core::{Record, Value};
use uuid::Uuid;

/// What set a rule off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trigger {
    /// The change that made the deal meet the rule.
    pub change: ChangeHash,
    /// That change's time (ms): what the rule makes is dated from it.
    pub at: i64,
}

/// Whether a deal meets the rule's condition.
fn meets(spec: &RuleSpec, deal: &Record) -> bool {
    match spec {
        RuleSpec::StageTask {
            pipeline, stage, ..
        } => {
            let in_pipeline = match (deal.get("pipeline"), Uuid::parse_str(pipeline)) {
                (Some(Value::Ref(id)), Ok(wanted)) => *id == wanted,
                _ => false,
            };
            in_pipeline && deal.text("stage") == stage
        }
        RuleSpec::WonNote { .. } => deal.text("status") == "won",
    }
}

/// The field whose change is the trigger.
fn watched(spec: &RuleSpec) -> &'static str {
    match spec {
        RuleSpec::StageTask { .. } => "stage",
        RuleSpec::WonNote { .. } => "status",
    }
}

/// Whether the push made the deal meet the rule: it meets it after and did not before (a
/// deal new to the server met nothing before). A deal in the trash fires nothing.
pub fn fires(spec: &RuleSpec, before: Option<&Record>, after: &Record) -> bool {
    !after.is_deleted() && meets(spec, after) && !before.is_some_and(|b| meets(spec, b))
}

/// The trigger of a rule that fires: the new change holding the winning write of the watched
/// field; when that write came earlier (rare: a conflict resolved by deleting the other
/// value), the first new change by hash, so every server picks the same one.
pub fn trigger(spec: &RuleSpec, document: &AutoCommit, new: &[Change]) -> Option<Trigger> {
    let writer = match document.get(ROOT, watched(spec)) {
        Ok(Some((_, automerge::ObjId::Id(counter, actor, _)))) => new.iter().find(|c| {
            let start = c.start_op().get();
            *c.actor_id() == actor && start <= counter && counter < start + c.len() as u64
        }),
        _ => None,
    };
    let change = writer.or_else(|| new.iter().min_by_key(|c| c.hash()))?;
    Some(Trigger {
        change: change.hash(),
        at: change.timestamp(),
    })
}

#[cfg(test)]
mod tests {
    use automerge::ActorId;
    use localspace_core::{Kind, Patch, RecordId, doc};

    use super::*;

    fn stage_rule(pipeline: Uuid) -> RuleSpec {
        RuleSpec::StageTask {
            pipeline: pipeline.to_string(),
            stage: "negocjacje".into(),
            title: "Zadzwoń".into(),
            due_in_days: 3,
        }
    }

    #[test]
    fn a_deal_fires_when_it_enters_the_stage_not_while_it_stays() {
        let pipeline = Uuid::now_v7();
        let id = RecordId(Uuid::now_v7());
        let rule = stage_rule(pipeline);
        let mut d = doc::create(
            ActorId::random(),
            Kind::Deal,
            &Patch::new()
                .text("title", "Dostawa")
                .set("pipeline", Value::Ref(pipeline))
                .text("stage", "kontakt"),
            1_000,
        )
        .unwrap();
        let before = doc::read_record(&d, id).unwrap();
        assert!(!fires(&rule, None, &before));
        let mut moved = d.fork().with_actor(ActorId::random());
        doc::update(
            &mut moved,
            Kind::Deal,
            &Patch::new().text("stage", "negocjacje"),
            2_000,
        )
        .unwrap();
        let change = moved.get_last_local_change().unwrap().clone();
        d.apply_changes([change.clone()]).unwrap();
        let after = doc::read_record(&d, id).unwrap();
        assert!(fires(&rule, Some(&before), &after));
        assert!(
            !fires(&rule, Some(&after), &after),
            "staying is not entering"
        );
        let other = stage_rule(Uuid::now_v7());
        assert!(!fires(&other, Some(&before), &after), "another pipeline");
        assert_eq!(
            trigger(&rule, &d, std::slice::from_ref(&change)),
            Some(Trigger {
                change: change.hash(),
                at: 2_000
            })
        );
        // A deal created in the stage enters it.
        assert!(fires(&rule, None, &after));
    }

    #[test]
    fn a_deal_fires_the_won_rule_once_it_is_won() {
        let rule = RuleSpec::WonNote {
            note: "Wygrana".into(),
        };
        let id = RecordId(Uuid::now_v7());
        let mut d = doc::create(
            ActorId::random(),
            Kind::Deal,
            &Patch::new().text("title", "Dostawa").text("status", "open"),
            1_000,
        )
        .unwrap();
        let open = doc::read_record(&d, id).unwrap();
        doc::update(
            &mut d,
            Kind::Deal,
            &Patch::new().text("status", "won"),
            5_000,
        )
        .unwrap();
        let won = doc::read_record(&d, id).unwrap();
        assert!(fires(&rule, Some(&open), &won));
        assert!(!fires(&rule, Some(&won), &won));
        let change = d.get_last_local_change().unwrap().clone();
        assert_eq!(trigger(&rule, &d, &[change]).unwrap().at, 5_000);
        doc::soft_delete(&mut d, 6_000).unwrap();
        let trashed = doc::read_record(&d, id).unwrap();
        assert!(
            !fires(&rule, Some(&open), &trashed),
            "the trash fires nothing"
        );
    }
}
