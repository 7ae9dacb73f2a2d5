//! Storage of automation rules behind one trait. Every call takes the account and is scoped
//! to it: another account's rule is `NotFound`, exactly like a missing one.

use localspace_core::api::RuleSpec;
use uuid::Uuid;

use super::StoredRule;
use crate::store::StoreResult;

/// Storage of rules.
pub trait AutomationStore: Send + Sync + std::fmt::Debug {
    /// The account's rules, oldest first.
    fn rules(&self, account: Uuid) -> StoreResult<Vec<StoredRule>>;
    fn insert_rule(&self, rule: &StoredRule) -> StoreResult<()>;
    /// Changes a rule's settings and switch (what is `None` stays) and returns it as stored.
    fn update_rule(
        &self,
        account: Uuid,
        id: Uuid,
        spec: Option<&RuleSpec>,
        enabled: Option<bool>,
        at: i64,
    ) -> StoreResult<StoredRule>;
    fn delete_rule(&self, account: Uuid, id: Uuid) -> StoreResult<()>;
}
