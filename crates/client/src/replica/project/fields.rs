//! Reading record fields into SQL column values.

use localspace_core::{Kind, Record, Value};

/// A non-empty text field.
pub(super) fn text(record: &Record, key: &str) -> Option<String> {
    let t = record.text(key).trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The first entry of a list field (main e-mail, main phone).
pub(super) fn first(record: &Record, key: &str) -> Option<String> {
    match record.get(key) {
        Some(Value::List(items)) => items.first().cloned(),
        _ => None,
    }
}

/// A link or user field as 16 bytes.
pub(super) fn link(record: &Record, key: &str) -> Option<[u8; 16]> {
    record
        .get(key)
        .and_then(Value::as_ref_id)
        .map(|u| *u.as_bytes())
}

/// An integer field.
pub(super) fn int(record: &Record, key: &str) -> Option<i64> {
    match record.get(key) {
        Some(Value::Int(n) | Value::Timestamp(n)) => Some(*n),
        _ => None,
    }
}

/// A date field as `YYYY-MM-DD` (sorts as text).
pub(super) fn date(record: &Record, key: &str) -> Option<String> {
    match record.get(key) {
        Some(Value::Date(d)) => Some(d.to_string()),
        _ => None,
    }
}

/// Custom values as a JSON object keyed by definition id; `None` when there are none.
pub(super) fn custom_json(record: &Record) -> Option<String> {
    if record.custom.is_empty() {
        return None;
    }
    let map: serde_json::Map<String, serde_json::Value> = record
        .custom
        .iter()
        .map(|(id, read)| (id.to_string(), json(&read.value)))
        .collect();
    Some(serde_json::Value::Object(map).to_string())
}

/// A value as JSON, the way list columns and filters see it.
pub(crate) fn json(value: &Value) -> serde_json::Value {
    use serde_json::json;
    match value {
        Value::Text(s) | Value::LongText(s) => json!(s),
        Value::Int(n) | Value::Timestamp(n) => json!(n),
        Value::Bool(b) => json!(b),
        Value::Money(m) => json!({ "minor": m.minor, "currency": m.currency.code() }),
        Value::Date(d) => json!(d.to_string()),
        Value::Ref(id) => json!(id.to_string()),
        Value::RefSet(ids) => json!(ids.iter().map(ToString::to_string).collect::<Vec<_>>()),
        Value::List(items) => json!(items),
        Value::TextSet(items) => json!(items),
        Value::Lines(lines) => serde_json::to_value(lines).unwrap_or_default(),
        Value::Stages(stages) => serde_json::to_value(stages).unwrap_or_default(),
    }
}

/// The title a record shows in links, search results and timelines.
pub(crate) fn title(record: &Record) -> String {
    match record.kind {
        Kind::Person => {
            let full = format!("{} {}", record.text("first_name"), record.text("last_name"));
            full.trim().to_owned()
        }
        Kind::Deal | Kind::Task => record.text("title").to_owned(),
        Kind::Activity => match record.text("subject") {
            "" => record.text("type").to_owned(),
            subject => subject.to_owned(),
        },
        Kind::CustomField => record.text("label").to_owned(),
        Kind::Company | Kind::Space | Kind::File | Kind::Pipeline | Kind::SavedFilter => {
            record.text("name").to_owned()
        }
    }
}
