//! A record as read from its document: current values, plus the competing values of fields
//! that devices changed concurrently, so the UI can show the conflict and let the user pick.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::id::RecordId;
use crate::kind::Kind;
use crate::value::Value;

/// One field's value and, when concurrent edits conflict, the values that lost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FieldRead {
    /// The value every device shows (automerge's deterministic winner).
    pub value: Value,
    /// The other values written concurrently; empty when there is no conflict.
    pub conflicts: Vec<Value>,
}

/// A record read from its document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "CrmRecord")]
pub struct Record {
    pub id: RecordId,
    pub kind: Kind,
    /// Schema version of the document (may be newer than this app's).
    pub schema: u64,
    pub fields: BTreeMap<String, FieldRead>,
    pub custom: BTreeMap<RecordId, FieldRead>,
    /// When the record went to the trash (ms since epoch); `None` when it is live.
    pub deleted_at: Option<i64>,
}

impl Record {
    /// The current value of a field.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields.get(key).map(|f| &f.value)
    }

    /// The current value of a text field, or `""`.
    pub fn text(&self, key: &str) -> &str {
        self.get(key).and_then(Value::as_text).unwrap_or("")
    }

    /// Fields whose value is in conflict, with every competing value.
    pub fn conflicts(&self) -> impl Iterator<Item = (&str, &FieldRead)> {
        self.fields
            .iter()
            .filter(|(_, f)| !f.conflicts.is_empty())
            .map(|(k, f)| (k.as_str(), f))
    }

    /// True when the record is in the trash.
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }
}
