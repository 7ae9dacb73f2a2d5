//! A patch: the fields one write sets or clears. Writes carry only the keys they change, so
//! an older app never clobbers fields it does not know.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::id::RecordId;
use crate::value::Value;

/// Fields to set (`Some`) or clear (`None`), plus custom field values by definition id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Patch {
    pub fields: BTreeMap<String, Option<Value>>,
    pub custom: BTreeMap<RecordId, Option<Value>>,
}

impl Patch {
    /// An empty patch.
    pub fn new() -> Self {
        Patch::default()
    }

    /// Sets a field.
    pub fn set(mut self, key: &str, value: Value) -> Self {
        self.fields.insert(key.to_owned(), Some(value));
        self
    }

    /// Sets a short text field.
    pub fn text(self, key: &str, value: &str) -> Self {
        self.set(key, Value::Text(value.to_owned()))
    }

    /// Clears a field.
    pub fn clear(mut self, key: &str) -> Self {
        self.fields.insert(key.to_owned(), None);
        self
    }

    /// Sets (`Some`) or clears (`None`) a custom field value.
    pub fn custom(mut self, definition: RecordId, value: Option<Value>) -> Self {
        self.custom.insert(definition, value);
        self
    }

    /// True when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.custom.is_empty()
    }
}
