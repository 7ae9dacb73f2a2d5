//! Automation rules from the app: everyone lists them, admins add, change, switch and delete
//! them. The server checks the role and the plan; its coded errors (`forbidden`,
//! `plan_lacks_automation`, …) reach the UI unchanged.

use localspace_core::api::{AutomationRule, AutomationRules, NewRule, RuleUpdate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::App;
use super::error::AppResult;

/// `update_automation_rule`: which rule and what to change (absent keys stay).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RuleUpdateRequest {
    pub id: String,
    pub update: RuleUpdate,
}

/// `delete_automation_rule`: which rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RuleIdRequest {
    pub id: String,
}

impl App {
    /// The account's rules, oldest first, and whether its plan runs them.
    pub async fn automation_rules(&self) -> AppResult<AutomationRules> {
        Ok(self.online_api()?.automation_rules().await?)
    }

    /// Adds a rule (admin).
    pub async fn add_automation_rule(&self, req: NewRule) -> AppResult<AutomationRule> {
        Ok(self.online_api()?.add_automation_rule(&req).await?)
    }

    /// Changes a rule's settings or switches it on or off (admin).
    pub async fn update_automation_rule(
        &self,
        req: RuleUpdateRequest,
    ) -> AppResult<AutomationRule> {
        Ok(self
            .online_api()?
            .update_automation_rule(&req.id, &req.update)
            .await?)
    }

    /// Deletes a rule (admin).
    pub async fn delete_automation_rule(&self, req: RuleIdRequest) -> AppResult<()> {
        Ok(self.online_api()?.delete_automation_rule(&req.id).await?)
    }
}
