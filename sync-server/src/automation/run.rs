//! Running the account's rules on one pushed deal, inside the push's transaction: each rule
//! that fires makes its record (unless that record exists or was erased: the same trigger
//! seen again), stores it, settles who sees it like any child of the deal, and appends its
//! one change to the log, so devices pull it like a pushed change.

use automerge::{AutoCommit, Change};
use localspace_core::{Kind, Record, UserId};
use uuid::Uuid;

use super::{SpecText, StoredRule, available, made, trigger};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::{StoreResult, SyncTx};
use crate::sync::visibility;

/// The rules a push runs, and what they made.
#[derive(Debug, Default)]
pub struct Automation {
    /// The account's enabled rules; empty when its plan has no automation.
    pub rules: Vec<StoredRule>,
    pub fired: Vec<Fired>,
}

/// A record a rule made during a push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fired {
    pub rule: Uuid,
    pub deal: Uuid,
    pub deal_title: String,
    pub made: Uuid,
    pub kind: Kind,
    /// The task's title or the note's text.
    pub text: String,
}

/// The deal before and after one push, with the changes the push brought.
#[derive(Clone, Copy, Debug)]
pub struct DealPush<'a> {
    pub before: Option<&'a Record>,
    pub after: &'a Record,
    pub document: &'a AutoCommit,
    pub new: &'a [Change],
}

impl Automation {
    /// The rules a push in `account` runs: its enabled rules when its plan has automation,
    /// none otherwise (a blocked account's push is refused before this).
    pub async fn for_push(state: &AppState, account: Uuid) -> ApiResult<Automation> {
        let today = localspace_core::billing::warsaw_date(state.now());
        let plan = state
            .billing_db(move |s| s.plan_state(account))
            .await?
            .as_of(today);
        if !available(&plan) {
            return Ok(Automation::default());
        }
        let mut rules = state.automation_db(move |s| s.rules(account)).await?;
        rules.retain(|r| r.enabled);
        Ok(Automation {
            rules,
            fired: Vec::new(),
        })
    }

    /// Whether any rule could fire (the push then reads the deal's state before it merges).
    pub fn watches(&self, kind: Kind) -> bool {
        kind == Kind::Deal && !self.rules.is_empty()
    }

    /// Runs every rule on a pushed deal; `user` is the pusher, to whom the made changes are
    /// attributed in the log.
    pub fn run(
        &mut self,
        tx: &mut dyn SyncTx,
        deal: DealPush<'_>,
        user: UserId,
        now: i64,
    ) -> StoreResult<()> {
        for rule in self.rules.iter().filter(|r| r.enabled) {
            if !trigger::fires(&rule.spec, deal.before, deal.after) {
                continue;
            }
            let Some(cause) = trigger::trigger(&rule.spec, deal.document, deal.new) else {
                continue;
            };
            let at = if cause.at > 0 { cause.at } else { now };
            let mut made = match made::make(rule, deal.after, &cause, at) {
                Ok(made) => made,
                Err(error) => {
                    tracing::warn!(rule = %rule.id, %error, "an automation rule made nothing");
                    continue;
                }
            };
            if tx.is_erased(made.id)? || tx.doc(made.id)?.is_some() {
                continue;
            }
            let kind = made.kind.as_str();
            tx.put_doc(made.id, kind, &made.document.save())?;
            visibility::settle(tx, made.id, made.kind, &made.record, true, now)?;
            tx.append(
                made.id,
                kind,
                &made.change.hash().0,
                made.change.raw_bytes(),
                user,
                now,
            )?;
            self.fired.push(Fired {
                rule: rule.id,
                deal: deal.after.id.0,
                deal_title: deal.after.text("title").to_owned(),
                made: made.id,
                kind: made.kind,
                text: rule.spec.text().to_owned(),
            });
        }
        Ok(())
    }
}
