//! Reading records out of documents, with the competing values of conflicting fields.

use std::collections::{BTreeMap, BTreeSet};

use automerge::{ObjId, ObjType, ROOT, ReadDoc, ScalarValue};

use super::write::parse_id;
use super::{CUSTOM_KEY, DELETED_KEY, KIND_KEY, SCHEMA_KEY};
use crate::error::DocError;
use crate::id::RecordId;
use crate::kind::Kind;
use crate::money::{Currency, Money};
use crate::record::{FieldRead, Record};
use crate::schema::{self, FieldType};
use crate::value::{Line, Stage, Value};

/// The kind a document declares.
pub fn record_kind(doc: &impl ReadDoc) -> Result<Kind, DocError> {
    let kind = doc.get(ROOT, KIND_KEY)?.ok_or(DocError::MissingKind)?;
    let name = kind.0.as_str().ok_or(DocError::MissingKind)?.to_owned();
    Ok(name.parse()?)
}

/// Reads the record a document holds. Fields this version does not know are skipped (they
/// stay in the document); a value of an unexpected shape reads as absent.
///
/// Each map is walked once (`map_range`); only a key with concurrent values is looked up
/// again for all of them. Per-key lookups cost about twice as much, and every push, pull,
/// projection and export reads whole records.
pub fn read_record(doc: &impl ReadDoc, id: RecordId) -> Result<Record, DocError> {
    let kind = record_kind(doc)?;
    let specs = schema::fields(kind);
    let mut schema = 0;
    let mut deleted_at = None;
    let mut custom_obj = None;
    let mut fields = BTreeMap::new();
    for item in doc.map_range(ROOT, ..) {
        let key = item.key.as_ref();
        if key == SCHEMA_KEY {
            schema = scalar(&item.value.into_value())
                .and_then(as_u64)
                .unwrap_or(0);
        } else if key == DELETED_KEY {
            deleted_at = scalar(&item.value.into_value()).and_then(as_i64);
        } else if key == CUSTOM_KEY {
            let obj = item.id();
            if is_map(&item.value.into_value()) {
                custom_obj = Some(obj);
            }
        } else if let Some(spec) = specs.iter().find(|f| f.key == key) {
            let read = if item.conflict {
                read_field(doc, &ROOT, spec.key, Some(spec.ty))?
            } else {
                let obj = item.id();
                decode(doc, &item.value.into_value(), &obj, Some(spec.ty)).map(|value| FieldRead {
                    value,
                    conflicts: Vec::new(),
                })
            };
            if let Some(read) = read {
                fields.insert(spec.key.to_owned(), read);
            }
        }
    }
    let mut custom = BTreeMap::new();
    if let Some(obj) = custom_obj {
        for item in doc.map_range(&obj, ..) {
            let Some(definition) = parse_id(&item.key) else {
                continue;
            };
            let read = if item.conflict {
                read_field(doc, &obj, &item.key, None)?
            } else {
                let id = item.id();
                decode(doc, &item.value.into_value(), &id, None).map(|value| FieldRead {
                    value,
                    conflicts: Vec::new(),
                })
            };
            if let Some(read) = read {
                custom.insert(definition, read);
            }
        }
    }
    Ok(Record {
        id,
        kind,
        schema,
        fields,
        custom,
        deleted_at,
    })
}

fn read_field(
    doc: &impl ReadDoc,
    parent: &ObjId,
    key: &str,
    ty: Option<FieldType>,
) -> Result<Option<FieldRead>, DocError> {
    let all = doc.get_all(parent, key)?;
    let Some((_, winner)) = doc.get(parent, key)? else {
        return Ok(None);
    };
    let mut value = None;
    let mut conflicts = Vec::new();
    for (v, obj) in &all {
        let Some(decoded) = decode(doc, v, obj, ty) else {
            continue;
        };
        if *obj == winner {
            value = Some(decoded);
        } else if !conflicts.contains(&decoded) {
            conflicts.push(decoded);
        }
    }
    Ok(value.map(|value| {
        conflicts.retain(|c| *c != value);
        FieldRead { value, conflicts }
    }))
}

fn decode(
    doc: &impl ReadDoc,
    value: &automerge::Value<'_>,
    obj: &ObjId,
    ty: Option<FieldType>,
) -> Option<Value> {
    use FieldType as T;
    let s = scalar(value);
    let Some(ty) = ty else {
        return decode_untyped(doc, value, obj);
    };
    match ty {
        T::Text { .. } | T::Enum(_) | T::Nip => Some(Value::Text(s?.as_str()?.to_owned())),
        T::LongText => match value {
            automerge::Value::Object(ObjType::Text) => doc.text(obj).ok().map(Value::LongText),
            _ => Some(Value::LongText(s?.as_str()?.to_owned())),
        },
        T::Int { .. } => as_i64(s?).map(Value::Int),
        T::Bool => s?.as_bool().map(Value::Bool),
        T::Timestamp => as_i64(s?).map(Value::Timestamp),
        T::Date => s?.as_str()?.parse().ok().map(Value::Date),
        T::Ref(_) | T::UserRef => s?.as_str()?.parse().ok().map(Value::Ref),
        T::Money => money_at(doc, obj).map(Value::Money),
        T::RefSet(_) | T::UserSet => {
            let ids = doc.keys(obj).filter_map(|k| k.parse().ok()).collect();
            is_map(value).then_some(Value::RefSet(ids))
        }
        T::Emails | T::Phones | T::List => list_at(doc, value, obj).map(Value::List),
        T::Lines => is_map(value).then(|| Value::Lines(lines_at(doc, obj))),
        T::Stages => is_map(value).then(|| Value::Stages(stages_at(doc, obj))),
    }
}

/// Custom values carry their type in their shape.
fn decode_untyped(doc: &impl ReadDoc, value: &automerge::Value<'_>, obj: &ObjId) -> Option<Value> {
    match value {
        automerge::Value::Object(ObjType::Text) => doc.text(obj).ok().map(Value::LongText),
        automerge::Value::Object(ObjType::List) => list_at(doc, value, obj).map(Value::List),
        automerge::Value::Object(ObjType::Map) => match money_at(doc, obj) {
            Some(money) => Some(Value::Money(money)),
            None => Some(Value::TextSet(doc.keys(obj).collect::<BTreeSet<_>>())),
        },
        automerge::Value::Object(ObjType::Table) => None,
        automerge::Value::Scalar(s) => match s.as_ref() {
            ScalarValue::Str(text) => Some(Value::Text(text.to_string())),
            ScalarValue::Int(n) => Some(Value::Int(*n)),
            ScalarValue::Uint(n) => i64::try_from(*n).ok().map(Value::Int),
            ScalarValue::Boolean(b) => Some(Value::Bool(*b)),
            ScalarValue::Timestamp(t) => Some(Value::Timestamp(*t)),
            _ => None,
        },
    }
}

fn scalar<'a>(value: &'a automerge::Value<'_>) -> Option<&'a ScalarValue> {
    match value {
        automerge::Value::Scalar(s) => Some(s.as_ref()),
        automerge::Value::Object(_) => None,
    }
}

fn as_i64(s: &ScalarValue) -> Option<i64> {
    match s {
        ScalarValue::Int(n) | ScalarValue::Timestamp(n) => Some(*n),
        ScalarValue::Uint(n) => i64::try_from(*n).ok(),
        _ => None,
    }
}

fn as_u64(s: &ScalarValue) -> Option<u64> {
    match s {
        ScalarValue::Uint(n) => Some(*n),
        ScalarValue::Int(n) => u64::try_from(*n).ok(),
        _ => None,
    }
}

fn is_map(value: &automerge::Value<'_>) -> bool {
    matches!(value, automerge::Value::Object(ObjType::Map))
}

fn get_scalar(doc: &impl ReadDoc, obj: &ObjId, key: &str) -> Option<ScalarValue> {
    match doc.get(obj, key).ok()?? {
        (automerge::Value::Scalar(s), _) => Some(s.into_owned()),
        _ => None,
    }
}

fn get_str(doc: &impl ReadDoc, obj: &ObjId, key: &str) -> Option<String> {
    get_scalar(doc, obj, key).and_then(|s| s.as_str().map(str::to_owned))
}

fn get_i64(doc: &impl ReadDoc, obj: &ObjId, key: &str) -> Option<i64> {
    get_scalar(doc, obj, key).as_ref().and_then(as_i64)
}

/// Reads a `{minor, currency}` map.
pub(super) fn money_at(doc: &impl ReadDoc, obj: &ObjId) -> Option<Money> {
    let currency: Currency = get_str(doc, obj, "currency")?.parse().ok()?;
    Some(Money::new(get_i64(doc, obj, "minor")?, currency))
}

fn list_at(doc: &impl ReadDoc, value: &automerge::Value<'_>, obj: &ObjId) -> Option<Vec<String>> {
    matches!(value, automerge::Value::Object(ObjType::List)).then(|| {
        doc.values(obj)
            .filter_map(|(v, _)| v.as_str().map(str::to_owned))
            .collect()
    })
}

fn lines_at(doc: &impl ReadDoc, obj: &ObjId) -> Vec<Line> {
    let mut lines: Vec<Line> = doc
        .map_range(obj, ..)
        .filter_map(|item| {
            let id = parse_id(&item.key)?;
            let row = item.id();
            let currency = get_str(doc, &row, "currency")?.parse().ok()?;
            Some(Line {
                id,
                name: get_str(doc, &row, "name").unwrap_or_default(),
                quantity: get_i64(doc, &row, "quantity").unwrap_or(1),
                unit_price: Money::new(get_i64(doc, &row, "unit_minor").unwrap_or(0), currency),
                position: get_i64(doc, &row, "position").unwrap_or(0),
            })
        })
        .collect();
    lines.sort_by_key(|l| (l.position, l.id));
    lines
}

fn stages_at(doc: &impl ReadDoc, obj: &ObjId) -> Vec<Stage> {
    let mut stages: Vec<Stage> = doc
        .map_range(obj, ..)
        .filter_map(|item| {
            let id = parse_id(&item.key)?;
            let row = item.id();
            Some(Stage {
                id,
                name: get_str(doc, &row, "name").unwrap_or_default(),
                position: get_i64(doc, &row, "position").unwrap_or(0),
                probability: get_i64(doc, &row, "probability")
                    .and_then(|p| u8::try_from(p.clamp(0, 100)).ok())
                    .unwrap_or(0),
            })
        })
        .collect();
    stages.sort_by_key(|s| (s.position, s.id));
    stages
}
