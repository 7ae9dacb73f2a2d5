//! The first version of a record's document, built as one tree and written in one batch,
//! and the record that version reads as (so a new record is projected without reading its
//! document back). `read_record(create(patch)) == initial_record(patch)` is tested.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use automerge::{ScalarValue, TextEncoding, hydrate};

use super::{CUSTOM_KEY, KIND_KEY, SCHEMA_KEY};
use crate::id::RecordId;
use crate::kind::Kind;
use crate::patch::Patch;
use crate::record::{FieldRead, Record};
use crate::schema::{self, FieldType, SCHEMA_VERSION};
use crate::value::{Line, Stage, Value};

/// The empty container a field starts with, so later concurrent edits merge into it.
fn empty_container(ty: FieldType) -> Option<Value> {
    match ty {
        FieldType::LongText => Some(Value::LongText(String::new())),
        FieldType::Emails | FieldType::Phones | FieldType::List => Some(Value::List(Vec::new())),
        FieldType::RefSet(_) | FieldType::UserSet => Some(Value::RefSet(BTreeSet::new())),
        FieldType::Lines => Some(Value::Lines(Vec::new())),
        FieldType::Stages => Some(Value::Stages(Vec::new())),
        _ => None,
    }
}

/// The root map of a new record's document.
pub(super) fn root(kind: Kind, patch: &Patch) -> hydrate::Map {
    let mut root: HashMap<String, hydrate::Value> = HashMap::new();
    root.insert(KIND_KEY.into(), hydrate::Value::scalar(kind.as_str()));
    root.insert(SCHEMA_KEY.into(), hydrate::Value::scalar(SCHEMA_VERSION));
    for spec in schema::fields(kind) {
        let value = match patch.fields.get(spec.key) {
            Some(Some(value)) => Some(value.clone()),
            _ => empty_container(spec.ty),
        };
        if let Some(value) = value {
            root.insert(spec.key.into(), tree(&value, Some(spec.ty)));
        }
    }
    if kind.has_custom_fields() {
        let custom: HashMap<String, hydrate::Value> = patch
            .custom
            .iter()
            .filter_map(|(id, v)| v.as_ref().map(|v| (id.to_string(), tree(v, None))))
            .collect();
        root.insert(CUSTOM_KEY.into(), hydrate::Map::from(custom).into());
    }
    root.into()
}

fn scalar(value: impl Into<ScalarValue>) -> hydrate::Value {
    hydrate::Value::scalar(value)
}

fn map(entries: impl IntoIterator<Item = (String, hydrate::Value)>) -> hydrate::Value {
    hydrate::Map::from(
        entries
            .into_iter()
            .collect::<HashMap<String, hydrate::Value>>(),
    )
    .into()
}

/// A value as the tree `write_value` would have built key by key.
fn tree(value: &Value, ty: Option<FieldType>) -> hydrate::Value {
    let encoding = TextEncoding::platform_default();
    match value {
        Value::LongText(s) => hydrate::Value::text(encoding, s),
        Value::Text(s) if ty == Some(FieldType::LongText) => hydrate::Value::text(encoding, s),
        Value::Text(s) => scalar(s.as_str()),
        Value::Int(n) => scalar(*n),
        Value::Bool(b) => scalar(*b),
        Value::Timestamp(t) => scalar(ScalarValue::Timestamp(*t)),
        Value::Date(d) => scalar(d.to_string()),
        Value::Ref(id) => scalar(id.to_string()),
        Value::Money(m) => map([
            ("minor".to_owned(), scalar(m.minor)),
            ("currency".to_owned(), scalar(m.currency.code())),
        ]),
        Value::List(items) => items
            .iter()
            .map(|s| scalar(s.as_str()))
            .collect::<Vec<_>>()
            .into(),
        Value::RefSet(ids) => map(ids.iter().map(|id| (id.to_string(), scalar(true)))),
        Value::TextSet(items) => map(items.iter().map(|s| (s.clone(), scalar(true)))),
        Value::Lines(lines) => map(lines.iter().map(|l| (l.id.to_string(), line(l)))),
        Value::Stages(stages) => map(stages.iter().map(|s| (s.id.to_string(), stage(s)))),
    }
}

fn line(l: &Line) -> hydrate::Value {
    map([
        ("name".to_owned(), scalar(l.name.as_str())),
        ("quantity".to_owned(), scalar(l.quantity)),
        ("unit_minor".to_owned(), scalar(l.unit_price.minor)),
        ("currency".to_owned(), scalar(l.unit_price.currency.code())),
        ("position".to_owned(), scalar(l.position)),
    ])
}

fn stage(s: &Stage) -> hydrate::Value {
    map([
        ("name".to_owned(), scalar(s.name.as_str())),
        ("position".to_owned(), scalar(s.position)),
        ("probability".to_owned(), scalar(i64::from(s.probability))),
    ])
}

/// The record a document made by [`super::create`] from `patch` reads as.
pub fn initial_record(id: RecordId, kind: Kind, patch: &Patch) -> Record {
    let mut fields = BTreeMap::new();
    for spec in schema::fields(kind) {
        let value = match patch.fields.get(spec.key) {
            Some(Some(value)) => Some(as_read(value.clone(), spec.ty)),
            _ => empty_container(spec.ty),
        };
        if let Some(value) = value {
            fields.insert(
                spec.key.to_owned(),
                FieldRead {
                    value,
                    conflicts: Vec::new(),
                },
            );
        }
    }
    let custom = if kind.has_custom_fields() {
        patch
            .custom
            .iter()
            .filter_map(|(id, v)| {
                v.clone().map(|v| {
                    (
                        *id,
                        FieldRead {
                            value: custom_as_read(v),
                            conflicts: Vec::new(),
                        },
                    )
                })
            })
            .collect()
    } else {
        BTreeMap::new()
    };
    Record {
        id,
        kind,
        schema: SCHEMA_VERSION,
        fields,
        custom,
        deleted_at: None,
    }
}

/// A schema field's value the way the reader returns it.
fn as_read(value: Value, ty: FieldType) -> Value {
    match (value, ty) {
        (Value::Text(s), FieldType::LongText) => Value::LongText(s),
        (Value::Lines(mut lines), _) => {
            lines.sort_by_key(|l| (l.position, l.id));
            Value::Lines(lines)
        }
        (Value::Stages(mut stages), _) => {
            stages.sort_by_key(|s| (s.position, s.id));
            Value::Stages(stages)
        }
        (value, _) => value,
    }
}

/// A custom value the way the untyped reader returns it.
fn custom_as_read(value: Value) -> Value {
    match value {
        Value::Date(d) => Value::Text(d.to_string()),
        Value::Ref(id) => Value::Text(id.to_string()),
        Value::RefSet(ids) => Value::TextSet(ids.iter().map(ToString::to_string).collect()),
        Value::Lines(lines) => Value::TextSet(lines.iter().map(|l| l.id.to_string()).collect()),
        Value::Stages(stages) => Value::TextSet(stages.iter().map(|s| s.id.to_string()).collect()),
        other => other,
    }
}
