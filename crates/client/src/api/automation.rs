//! The automation endpoints (`docs/api.md` "Automation"): list, add, change and delete the
//! account's rules.

use localspace_core::api::{AutomationRule, AutomationRules, NewRule, RuleUpdate};
use reqwest::Method;

use super::{ApiClient, ApiError};

const NO_BODY: Option<&()> = None;

impl ApiClient {
    /// The account's rules and whether its plan runs them.
    pub async fn automation_rules(&self) -> Result<AutomationRules, ApiError> {
        self.call(Method::GET, "/automation/rules", NO_BODY).await
    }

    /// Adds a rule (admin); `plan_lacks_automation` (402) on a plan without automation.
    pub async fn add_automation_rule(&self, rule: &NewRule) -> Result<AutomationRule, ApiError> {
        self.call(Method::POST, "/automation/rules", Some(rule))
            .await
    }

    /// Changes a rule's settings or switch (admin).
    pub async fn update_automation_rule(
        &self,
        id: &str,
        update: &RuleUpdate,
    ) -> Result<AutomationRule, ApiError> {
        self.call(
            Method::PATCH,
            &format!("/automation/rules/{id}"),
            Some(update),
        )
        .await
    }

    /// Deletes a rule (admin).
    pub async fn delete_automation_rule(&self, id: &str) -> Result<(), ApiError> {
        self.call_empty(Method::DELETE, &format!("/automation/rules/{id}"), NO_BODY)
            .await
    }
}
