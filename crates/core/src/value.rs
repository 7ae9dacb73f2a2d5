//! Field values as the domain sees them, independent of how automerge or SQLite store them.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::RecordId;
use crate::money::Money;

/// The value of one field of a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Value {
    /// A short text (name, city, position): last writer wins, the loser stays readable.
    Text(String),
    /// A long text (note, description): merges character by character.
    LongText(String),
    Int(i64),
    Bool(bool),
    Money(Money),
    /// A calendar date (expected close, due date).
    Date(NaiveDate),
    /// A moment, as milliseconds since the Unix epoch (when a call took place).
    Timestamp(i64),
    /// A link to one record (a person's company) or user (an owner).
    Ref(uuid::Uuid),
    /// An unordered set of links; concurrent additions all survive.
    RefSet(BTreeSet<uuid::Uuid>),
    /// An ordered list of short texts (phones, e-mails, select options).
    List(Vec<String>),
    /// An unordered set of short texts (multiselect custom values, tags).
    TextSet(BTreeSet<String>),
    /// Revenue or cost lines of a deal.
    Lines(Vec<Line>),
    /// The stages of a pipeline.
    Stages(Vec<Stage>),
}

impl Value {
    /// The value as a short or long text, if it is one.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) | Value::LongText(s) => Some(s),
            _ => None,
        }
    }

    /// The value as a link, if it is one.
    pub fn as_ref_id(&self) -> Option<uuid::Uuid> {
        match self {
            Value::Ref(id) => Some(*id),
            _ => None,
        }
    }
}

/// One revenue or cost line of a deal: `quantity × unit_price`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Line {
    pub id: RecordId,
    pub name: String,
    pub quantity: i64,
    pub unit_price: Money,
    /// Position in the list; ties break by id so every device shows the same order.
    pub position: i64,
}

impl Line {
    /// The line's total; `None` on overflow.
    pub fn total(&self) -> Option<Money> {
        self.unit_price.checked_mul(self.quantity).ok()
    }
}

/// One stage of a sales pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Stage {
    pub id: RecordId,
    pub name: String,
    /// Order on the board, ascending; ties break by id.
    pub position: i64,
    /// Chance of winning a deal in this stage, 0–100.
    pub probability: u8,
}
