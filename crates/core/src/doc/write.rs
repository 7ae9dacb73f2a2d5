//! Writing records into documents: each call makes one automerge change that touches only
//! the keys the patch names.

use std::collections::{BTreeMap, BTreeSet};

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, ChangeHash, ObjId, ObjType, ROOT, ReadDoc, ScalarValue};

use super::{CUSTOM_KEY, DELETED_KEY};
use crate::error::DocError;
use crate::id::RecordId;
use crate::kind::Kind;
use crate::money::Money;
use crate::patch::Patch;
use crate::schema::{self, FieldType};
use crate::validate::{Mode, validate};
use crate::value::{Line, Stage, Value};

/// Creates the document of a new record in one change.
///
/// ```
/// use automerge::ActorId;
/// use localspace_core::{Kind, Patch, doc};
/// let patch = Patch::new().text("last_name", "Wiśniewska").text("first_name", "Ewa");
/// let mut d = doc::create(ActorId::random(), Kind::Person, &patch, 1_700_000_000_000).unwrap();
/// let id = localspace_core::RecordId::from_bytes([7; 16]);
/// assert_eq!(doc::read_record(&d, id).unwrap().text("last_name"), "Wiśniewska");
/// # let _ = d.save();
/// ```
pub fn create(
    actor: ActorId,
    kind: Kind,
    patch: &Patch,
    now_ms: i64,
) -> Result<AutoCommit, DocError> {
    validate(kind, patch, Mode::Create)?;
    let mut doc = AutoCommit::new().with_actor(actor);
    // The whole first version in one batch: far cheaper than one put per key.
    doc.init_root_from_hydrate(&super::initial::root(kind, patch))?;
    doc.commit_with(CommitOptions::default().with_time(now_ms));
    Ok(doc)
}

/// Applies a patch to an existing document as one change. Returns the change's hash, or
/// `None` when the patch changed nothing.
pub fn update(
    doc: &mut AutoCommit,
    kind: Kind,
    patch: &Patch,
    now_ms: i64,
) -> Result<Option<ChangeHash>, DocError> {
    validate(kind, patch, Mode::Update)?;
    expect_kind(doc, kind)?;
    apply_patch(doc, kind, patch)?;
    Ok(commit(doc, now_ms))
}

/// Moves the record to the trash (a field, so it merges and can be undone).
pub fn soft_delete(doc: &mut AutoCommit, now_ms: i64) -> Result<Option<ChangeHash>, DocError> {
    doc.put(ROOT, DELETED_KEY, ScalarValue::Timestamp(now_ms))?;
    Ok(commit(doc, now_ms))
}

/// Takes the record out of the trash.
pub fn restore(doc: &mut AutoCommit, now_ms: i64) -> Result<Option<ChangeHash>, DocError> {
    if doc.get(ROOT, DELETED_KEY)?.is_some() {
        doc.delete(ROOT, DELETED_KEY)?;
    }
    Ok(commit(doc, now_ms))
}

fn commit(doc: &mut AutoCommit, now_ms: i64) -> Option<ChangeHash> {
    if doc.pending_ops() == 0 {
        doc.rollback();
        return None;
    }
    doc.commit_with(CommitOptions::default().with_time(now_ms))
}

fn expect_kind(doc: &AutoCommit, kind: Kind) -> Result<(), DocError> {
    let found = super::record_kind(doc)?;
    if found == kind {
        Ok(())
    } else {
        Err(DocError::KindMismatch {
            expected: kind.to_string(),
            found: found.to_string(),
        })
    }
}

fn apply_patch(doc: &mut AutoCommit, kind: Kind, patch: &Patch) -> Result<(), DocError> {
    for (key, value) in &patch.fields {
        // Validation has checked every key against the schema.
        let ty = schema::field_spec(kind, key).map(|s| s.ty);
        write_value(doc, &ROOT, key, ty, value.as_ref())?;
    }
    if !patch.custom.is_empty() {
        let custom = ensure_object(doc, &ROOT, CUSTOM_KEY, ObjType::Map)?;
        for (definition, value) in &patch.custom {
            write_value(doc, &custom, &definition.to_string(), None, value.as_ref())?;
        }
    }
    Ok(())
}

/// Writes one value under `key` of `parent`. `ty` is the schema type when known (custom
/// values are typed by their own shape).
fn write_value(
    doc: &mut AutoCommit,
    parent: &ObjId,
    key: &str,
    ty: Option<FieldType>,
    value: Option<&Value>,
) -> Result<(), DocError> {
    let Some(value) = value else {
        return clear(doc, parent, key);
    };
    match value {
        Value::LongText(text) => {
            let obj = ensure_object(doc, parent, key, ObjType::Text)?;
            doc.update_text(&obj, text)?;
        }
        Value::Text(text) if ty == Some(FieldType::LongText) => {
            let obj = ensure_object(doc, parent, key, ObjType::Text)?;
            doc.update_text(&obj, text)?;
        }
        Value::Text(s) => put_scalar(doc, parent, key, ScalarValue::Str(s.as_str().into()))?,
        Value::Int(n) => put_scalar(doc, parent, key, ScalarValue::Int(*n))?,
        Value::Bool(b) => put_scalar(doc, parent, key, ScalarValue::Boolean(*b))?,
        Value::Timestamp(t) => put_scalar(doc, parent, key, ScalarValue::Timestamp(*t))?,
        Value::Date(d) => put_scalar(doc, parent, key, ScalarValue::Str(d.to_string().into()))?,
        Value::Ref(id) => put_scalar(doc, parent, key, ScalarValue::Str(id.to_string().into()))?,
        Value::Money(money) => put_money(doc, parent, key, *money)?,
        Value::List(items) => {
            let obj = ensure_object(doc, parent, key, ObjType::List)?;
            update_list(doc, &obj, items)?;
        }
        Value::RefSet(ids) => {
            let obj = ensure_object(doc, parent, key, ObjType::Map)?;
            update_set(doc, &obj, ids.iter().map(uuid::Uuid::to_string).collect())?;
        }
        Value::TextSet(items) => {
            let obj = ensure_object(doc, parent, key, ObjType::Map)?;
            update_set(doc, &obj, items.clone())?;
        }
        Value::Lines(lines) => {
            let obj = ensure_object(doc, parent, key, ObjType::Map)?;
            let rows = lines
                .iter()
                .map(|l| (l.id.to_string(), line_fields(l)))
                .collect();
            update_keyed(doc, &obj, rows)?;
        }
        Value::Stages(stages) => {
            let obj = ensure_object(doc, parent, key, ObjType::Map)?;
            let rows = stages
                .iter()
                .map(|s| (s.id.to_string(), stage_fields(s)))
                .collect();
            update_keyed(doc, &obj, rows)?;
        }
    }
    Ok(())
}

/// Clears a field: containers are emptied (so concurrent edits still merge into them),
/// scalars are removed.
fn clear(doc: &mut AutoCommit, parent: &ObjId, key: &str) -> Result<(), DocError> {
    match doc.get(parent, key)? {
        None => {}
        Some((automerge::Value::Object(ObjType::Text), obj)) => doc.update_text(&obj, "")?,
        Some((automerge::Value::Object(ObjType::List), obj)) => update_list(doc, &obj, &[])?,
        Some((automerge::Value::Object(ObjType::Map), obj)) if is_container_map(doc, &obj) => {
            update_set(doc, &obj, BTreeSet::new())?
        }
        Some(_) => doc.delete(parent, key)?,
    }
    Ok(())
}

/// A money map is replaced whole; every other map (sets, lines, stages) is a container.
fn is_container_map(doc: &AutoCommit, obj: &ObjId) -> bool {
    !matches!(doc.get(obj, "currency"), Ok(Some(_)))
}

/// Puts a scalar unless the key already holds exactly that value with no conflict (so a
/// save of an unchanged form makes no change, while picking a conflict's value resolves it).
fn put_scalar(
    doc: &mut AutoCommit,
    parent: &ObjId,
    key: &str,
    value: ScalarValue,
) -> Result<(), DocError> {
    let all = doc.get_all(parent, key)?;
    let unchanged = all.len() == 1
        && matches!(&all[0].0, automerge::Value::Scalar(current) if current.as_ref() == &value);
    if !unchanged {
        doc.put(parent, key, value)?;
    }
    Ok(())
}

fn put_money(
    doc: &mut AutoCommit,
    parent: &ObjId,
    key: &str,
    money: Money,
) -> Result<(), DocError> {
    let all = doc.get_all(parent, key)?;
    if all.len() == 1
        && let (automerge::Value::Object(ObjType::Map), obj) = &all[0]
        && super::read::money_at(doc, obj) == Some(money)
    {
        return Ok(());
    }
    let obj = doc.put_object(parent, key, ObjType::Map)?;
    doc.put(&obj, "minor", money.minor)?;
    doc.put(&obj, "currency", money.currency.code())?;
    Ok(())
}

/// Returns the object under `key`, making it when the key is empty or holds another type.
fn ensure_object(
    doc: &mut AutoCommit,
    parent: &ObjId,
    key: &str,
    obj_type: ObjType,
) -> Result<ObjId, DocError> {
    match doc.get(parent, key)? {
        Some((automerge::Value::Object(t), obj)) if t == obj_type => Ok(obj),
        _ => Ok(doc.put_object(parent, key, obj_type)?),
    }
}

/// Makes a list hold `items` with the smallest splice: common prefix and suffix stay, so a
/// concurrent edit elsewhere in the list survives.
fn update_list(doc: &mut AutoCommit, obj: &ObjId, items: &[String]) -> Result<(), DocError> {
    let current: Vec<String> = doc
        .values(obj)
        .map(|(v, _)| v.as_str().unwrap_or_default().to_owned())
        .collect();
    let prefix = current
        .iter()
        .zip(items)
        .take_while(|(a, b)| a == b)
        .count();
    let max_suffix = current.len().min(items.len()) - prefix;
    let suffix = current
        .iter()
        .rev()
        .zip(items.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let removed = current.len() - prefix - suffix;
    let inserted = &items[prefix..items.len() - suffix];
    if removed > 0 || !inserted.is_empty() {
        let values = inserted.iter().map(|s| ScalarValue::Str(s.as_str().into()));
        doc.splice(obj, prefix, removed as isize, values)?;
    }
    Ok(())
}

/// Makes a map used as a set (`{member: true}`) hold exactly `members`.
fn update_set(
    doc: &mut AutoCommit,
    obj: &ObjId,
    members: BTreeSet<String>,
) -> Result<(), DocError> {
    let current: BTreeSet<String> = doc.keys(obj).collect();
    for gone in current.difference(&members) {
        doc.delete(obj, gone.as_str())?;
    }
    for added in members.difference(&current) {
        doc.put(obj, added.as_str(), true)?;
    }
    Ok(())
}

/// Makes a map of maps (lines, stages) hold exactly `rows`, touching only changed cells so
/// two people editing different cells of one line both win.
fn update_keyed(
    doc: &mut AutoCommit,
    obj: &ObjId,
    rows: BTreeMap<String, Vec<(&'static str, ScalarValue)>>,
) -> Result<(), DocError> {
    let current: BTreeSet<String> = doc.keys(obj).collect();
    for gone in current.iter().filter(|k| !rows.contains_key(*k)) {
        doc.delete(obj, gone.as_str())?;
    }
    for (row_key, cells) in rows {
        let row = ensure_object(doc, obj, &row_key, ObjType::Map)?;
        for (cell, value) in cells {
            put_scalar(doc, &row, cell, value)?;
        }
    }
    Ok(())
}

fn line_fields(line: &Line) -> Vec<(&'static str, ScalarValue)> {
    vec![
        ("name", ScalarValue::Str(line.name.as_str().into())),
        ("quantity", ScalarValue::Int(line.quantity)),
        ("unit_minor", ScalarValue::Int(line.unit_price.minor)),
        (
            "currency",
            ScalarValue::Str(line.unit_price.currency.code().into()),
        ),
        ("position", ScalarValue::Int(line.position)),
    ]
}

fn stage_fields(stage: &Stage) -> Vec<(&'static str, ScalarValue)> {
    vec![
        ("name", ScalarValue::Str(stage.name.as_str().into())),
        ("position", ScalarValue::Int(stage.position)),
        (
            "probability",
            ScalarValue::Int(i64::from(stage.probability)),
        ),
    ]
}

/// Parses a record id written as a map key; lines and stages use them.
pub(super) fn parse_id(key: &str) -> Option<RecordId> {
    key.parse().ok()
}
