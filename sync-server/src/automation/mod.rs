//! Automation rules: stored per account (`store.rs`), checked when an admin saves them
//! (`rule.rs`), and run inside the push on the merged before/after state of each deal
//! (`trigger.rs` decides, `made.rs` builds what a rule makes, `run.rs` stores it), with the
//! managers' e-mail after the push commits (`notice.rs`).
//!
//! Exactly once: what a rule makes has an id derived from (rule, deal, triggering change)
//! and is one automerge change under an actor derived from the rule, at the triggering
//! change's time, so firing twice for one trigger gives the same document and the same
//! change hash; the server stores it only when the record does not exist yet, and the log's
//! unique (account, doc, hash) keeps one entry whatever happens.

pub mod made;
pub mod notice;
pub mod rule;
pub mod run;
pub mod store;
pub mod trigger;

pub use rule::{SpecText, StoredRule, available, check_spec};
pub use run::{Automation, DealPush, Fired};
pub use store::AutomationStore;
