//! Automation rules (plan `crm_automation` and the trial): what an admin stores under
//! `/api/v1/automation/rules` and what everyone signed in may list. The server runs them on
//! the merged state of every pushed deal (docs/api.md, "Automation").

use serde::{Deserialize, Serialize};

/// Longest task title or note a rule may hold, in characters.
pub const RULE_TEXT_MAX: usize = 200;
/// Most days a rule may put a task's due date ahead.
pub const RULE_DUE_MAX_DAYS: u32 = 365;

/// What starts a rule and what it makes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum RuleSpec {
    /// When a deal enters `stage` of `pipeline`: a task titled `title` for the deal's owner,
    /// due `due_in_days` after the move.
    StageTask {
        /// The pipeline record's id.
        pipeline: String,
        /// The stage's id within the pipeline.
        stage: String,
        title: String,
        due_in_days: u32,
    },
    /// When a deal is won: a note with `note` on the deal's timeline, and an e-mail to the
    /// account's managers and admins.
    WonNote { note: String },
}

/// A stored rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AutomationRule {
    pub id: String,
    pub spec: RuleSpec,
    pub enabled: bool,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
}

/// `POST /api/v1/automation/rules` (admin).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NewRule {
    pub spec: RuleSpec,
    /// On when left out.
    #[serde(default = "on")]
    pub enabled: bool,
}

fn on() -> bool {
    true
}

/// `PATCH /api/v1/automation/rules/{id}` (admin): what to change; absent keys stay.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RuleUpdate {
    #[serde(default)]
    #[ts(optional)]
    pub spec: Option<RuleSpec>,
    #[serde(default)]
    #[ts(optional)]
    pub enabled: Option<bool>,
}

/// `GET /api/v1/automation/rules`: the account's rules and whether its plan runs them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AutomationRules {
    /// False on the `crm` plan: rules are kept but never fire, and none can be enabled.
    pub available: bool,
    /// Oldest first.
    pub rules: Vec<AutomationRule>,
}
