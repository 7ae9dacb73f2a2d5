//! A stored rule, the checks of what an admin saves, and whether the account's plan runs
//! rules at all (the trial and `crm_automation` do; `crm` and a blocked account do not).

use localspace_core::api::{RULE_DUE_MAX_DAYS, RULE_TEXT_MAX, RuleSpec};
use uuid::Uuid;

use crate::billing::store::PlanState;
use crate::error::ApiError;
use crate::store::AccountStatus;

/// A rule as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRule {
    pub id: Uuid,
    pub account: Uuid,
    pub spec: RuleSpec,
    pub enabled: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Whether rules run for an account: not when blocked, and only on a plan with automation
/// (no plan yet means the trial, which has the full product).
pub fn available(plan: &PlanState) -> bool {
    plan.status != AccountStatus::Blocked && plan.plan.is_none_or(|p| p.automation())
}

/// The text a rule puts on what it makes: the task's title or the note.
pub trait SpecText {
    fn text(&self) -> &str;
}

impl SpecText for RuleSpec {
    fn text(&self) -> &str {
        match self {
            RuleSpec::StageTask { title, .. } => title,
            RuleSpec::WonNote { note } => note,
        }
    }
}

fn text(field: &str, value: &str) -> Result<(), ApiError> {
    let count = value.trim().chars().count();
    if count == 0 {
        return Err(ApiError::invalid(
            field,
            format!("`{field}` must not be empty"),
        ));
    }
    if count > RULE_TEXT_MAX || value.chars().any(char::is_control) {
        return Err(ApiError::invalid(
            field,
            format!("`{field}` takes at most {RULE_TEXT_MAX} characters on one line"),
        ));
    }
    Ok(())
}

/// Checks a rule's settings. The pipeline and stage are checked for shape only: the admin's
/// device may hold a pipeline it has not pushed yet, and a rule naming a stage no deal
/// reaches simply never fires.
pub fn check_spec(spec: &RuleSpec) -> Result<(), ApiError> {
    match spec {
        RuleSpec::StageTask {
            pipeline,
            stage,
            title,
            due_in_days,
        } => {
            if Uuid::parse_str(pipeline).is_err() {
                return Err(ApiError::invalid(
                    "pipeline",
                    "`pipeline` must be a record id",
                ));
            }
            if stage.is_empty() || stage.len() > 36 {
                return Err(ApiError::invalid("stage", "`stage` must be a stage id"));
            }
            text("title", title)?;
            if *due_in_days > RULE_DUE_MAX_DAYS {
                return Err(ApiError::invalid(
                    "due_in_days",
                    format!("`due_in_days` is at most {RULE_DUE_MAX_DAYS}"),
                ));
            }
            Ok(())
        }
        RuleSpec::WonNote { note } => text("note", note),
    }
}

#[cfg(test)]
mod tests {
    use localspace_core::billing::Plan;

    use super::*;

    fn plan(status: AccountStatus, plan: Option<Plan>) -> PlanState {
        PlanState {
            status,
            plan,
            seats: 1,
            packs: 0,
            paid_until: None,
            term: None,
            scheduled: None,
        }
    }

    #[test]
    fn rules_run_in_the_trial_and_on_the_automation_plan_only() {
        assert!(available(&plan(AccountStatus::Trial, None)));
        assert!(available(&plan(
            AccountStatus::Active,
            Some(Plan::CrmAutomation)
        )));
        assert!(!available(&plan(AccountStatus::Active, Some(Plan::Crm))));
        assert!(!available(&plan(AccountStatus::Blocked, None)));
        assert!(!available(&plan(
            AccountStatus::Blocked,
            Some(Plan::CrmAutomation)
        )));
    }

    #[test]
    fn bad_settings_name_their_field() {
        let stage = |pipeline: &str, stage: &str, title: &str, due| RuleSpec::StageTask {
            pipeline: pipeline.into(),
            stage: stage.into(),
            title: title.into(),
            due_in_days: due,
        };
        let p = Uuid::now_v7().to_string();
        assert!(check_spec(&stage(&p, "s1", "Zadzwoń", 3)).is_ok());
        for (spec, field) in [
            (stage("x", "s1", "Zadzwoń", 3), "pipeline"),
            (stage(&p, "", "Zadzwoń", 3), "stage"),
            (stage(&p, "s1", "  ", 3), "title"),
            (stage(&p, "s1", &"ż".repeat(201), 3), "title"),
            (stage(&p, "s1", "a\nb", 3), "title"),
            (stage(&p, "s1", "Zadzwoń", 366), "due_in_days"),
            (RuleSpec::WonNote { note: "".into() }, "note"),
        ] {
            let e = check_spec(&spec).unwrap_err();
            assert_eq!(e.field.as_deref(), Some(field), "{spec:?}");
        }
    }
}
