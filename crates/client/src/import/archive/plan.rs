//! Planning an archive import: every record gets a new id (the old → new map is made before
//! any patch, so links can point forward), every link is translated through the map (a link
//! to a record the archive does not hold is left out and counted), owners and other user
//! references go to the importing account's user with the same e-mail or else to the
//! importing user, custom values move to their definition's new id, pipelines get their
//! stages and deals their revenue and cost lines (stages and lines keep their ids: they live
//! inside the new pipeline or deal, and a deal's `stage` names its stage by that id).
//! Custom field definitions whose target and key already exist in the account are reused
//! when the type matches and refused when it does not. Every patch is validated here, so a
//! bad archive is refused before the first write.

use std::collections::{BTreeMap, BTreeSet};

use localspace_core::archive::columns::RowRead;
use localspace_core::archive::ARCHIVE_PATH;
use localspace_core::schema::{self, FieldType};
use localspace_core::validate::{self, Mode};
use localspace_core::{Kind, Patch, RecordId, Value};
use uuid::Uuid;

use super::error::{ArchiveError, ArchiveResult};
use super::read::Blob;
use super::tables::Tables;

/// The users of the importing account, for owners and other user references.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountUsers {
    /// The importing user: the owner of what has no user with the same e-mail.
    pub me: Uuid,
    /// The account's users by e-mail.
    pub by_email: BTreeMap<String, Uuid>,
}

impl AccountUsers {
    /// From (id, e-mail) pairs.
    pub fn new(me: Uuid, users: impl IntoIterator<Item = (Uuid, String)>) -> Self {
        AccountUsers {
            me,
            by_email: users
                .into_iter()
                .map(|(id, email)| (email.trim().to_lowercase(), id))
                .collect(),
        }
    }
}

/// A custom field definition the account already has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExistingDefinition {
    pub id: RecordId,
    pub target: Kind,
    pub key: String,
    pub field_type: String,
}

/// One record to create.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Planned {
    pub kind: Kind,
    pub id: RecordId,
    pub patch: Patch,
    pub trashed: bool,
}

/// One file record to create, with its bytes when the archive holds them.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct PlannedFile {
    pub record: Planned,
    pub name: String,
    pub blob: Option<Blob>,
}

/// What an import will write.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Plan {
    /// Records other than files, in writing order (definitions and pipelines first).
    pub records: Vec<Planned>,
    pub files: Vec<PlannedFile>,
    /// Old id → new id of every record (reused definitions map to the account's).
    pub ids: BTreeMap<Uuid, Uuid>,
    pub reused_definitions: usize,
    /// Links to records the archive does not hold, left out.
    pub dropped_links: usize,
}

fn text(row: &RowRead, key: &str) -> String {
    match row.fields.get(key) {
        Some(Value::Text(s)) => s.clone(),
        _ => String::new(),
    }
}

struct Remap<'a> {
    ids: &'a BTreeMap<Uuid, Uuid>,
    users: BTreeMap<Uuid, Uuid>,
    me: Uuid,
    dropped: usize,
}

impl Remap<'_> {
    fn record(&mut self, id: &Uuid) -> Option<Uuid> {
        let found = self.ids.get(id).copied();
        if found.is_none() {
            self.dropped += 1;
        }
        found
    }

    fn user(&self, id: &Uuid) -> Uuid {
        self.users.get(id).copied().unwrap_or(self.me)
    }

    /// A field's value with its links translated; `None` when nothing is left.
    fn value(&mut self, ty: FieldType, value: Value) -> Option<Value> {
        match (ty, value) {
            (FieldType::Ref(_), Value::Ref(id)) => self.record(&id).map(Value::Ref),
            (FieldType::RefSet(_), Value::RefSet(ids)) => {
                let set: BTreeSet<Uuid> = ids.iter().filter_map(|id| self.record(id)).collect();
                (!set.is_empty()).then_some(Value::RefSet(set))
            }
            (FieldType::UserRef, Value::Ref(id)) => Some(Value::Ref(self.user(&id))),
            (FieldType::UserSet, Value::RefSet(ids)) => {
                Some(Value::RefSet(ids.iter().map(|id| self.user(id)).collect()))
            }
            (_, value) => Some(value),
        }
    }
}

fn invalid(kind: Kind, id: Uuid, reason: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::Invalid {
        kind,
        id,
        reason: reason.to_string(),
    }
}

/// Plans the import of `tables`. `new_id` makes the new records' ids.
pub(super) fn plan(
    tables: &Tables,
    blobs: &BTreeMap<String, Blob>,
    users: &AccountUsers,
    existing: &[ExistingDefinition],
    new_id: &mut dyn FnMut() -> RecordId,
) -> ArchiveResult<Plan> {
    let mut out = Plan::default();
    let mut reused = BTreeSet::new();
    for (kind, rows) in &tables.records {
        for row in rows {
            if *kind == Kind::CustomField
                && let Some(have) = existing.iter().find(|d| {
                    d.target.as_str() == text(row, "target") && d.key == text(row, "key")
                })
                && row.deleted_at.is_none()
            {
                let want = text(row, "field_type");
                if have.field_type != want {
                    return Err(ArchiveError::CustomFieldClash {
                        target: have.target.to_string(),
                        key: have.key.clone(),
                        have: have.field_type.clone(),
                        want,
                    });
                }
                out.ids.insert(row.id, have.id.0);
                reused.insert(row.id);
                continue;
            }
            if out.ids.insert(row.id, new_id().0).is_some() {
                return Err(invalid(*kind, row.id, "the id appears twice"));
            }
        }
    }
    out.reused_definitions = reused.len();
    let user_map = tables
        .coworkers
        .iter()
        .filter_map(|c| {
            users
                .by_email
                .get(&c.email.trim().to_lowercase())
                .map(|mine| (c.id, *mine))
        })
        .collect();
    let mut remap = Remap {
        ids: &out.ids,
        users: user_map,
        me: users.me,
        dropped: 0,
    };
    let mut records = Vec::new();
    let mut files = Vec::new();
    for (kind, rows) in &tables.records {
        for row in rows {
            if reused.contains(&row.id) {
                continue;
            }
            let mut patch = Patch::new();
            for (key, value) in &row.fields {
                let Some(spec) = schema::field_spec(*kind, key) else {
                    continue;
                };
                if let Some(v) = remap.value(spec.ty, value.clone()) {
                    patch.fields.insert((*key).to_owned(), Some(v));
                }
            }
            for (definition, value) in &row.custom {
                if let Some(new) = remap.record(definition) {
                    patch.custom.insert(RecordId(new), Some(value.clone()));
                }
            }
            match kind {
                Kind::Pipeline => {
                    if let Some(stages) = tables.stages.get(&row.id) {
                        patch
                            .fields
                            .insert("stages".into(), Some(Value::Stages(stages.clone())));
                    }
                }
                Kind::Deal => {
                    for (key, lines) in [("revenues", &tables.revenues), ("costs", &tables.costs)]
                    {
                        if let Some(items) = lines.get(&row.id) {
                            patch
                                .fields
                                .insert(key.into(), Some(Value::Lines(items.clone())));
                        }
                    }
                }
                _ => {}
            }
            let mut blob = None;
            if *kind == Kind::File {
                let path = row.extra.get(ARCHIVE_PATH).cloned().unwrap_or_default();
                if !path.is_empty() {
                    blob = Some(
                        blobs
                            .get(&path)
                            .cloned()
                            .ok_or(ArchiveError::MissingBytes(path))?,
                    );
                }
                // The bytes get their hash and size again as they are attached; a file whose
                // bytes the archive lacks has none on this account either.
                patch.fields.remove("content_hash");
                if blob.is_some() {
                    patch.fields.remove("size");
                }
            }
            validate::validate(*kind, &patch, Mode::Create)
                .map_err(|e| invalid(*kind, row.id, e))?;
            let planned = Planned {
                kind: *kind,
                id: RecordId(out.ids[&row.id]),
                patch,
                trashed: row.deleted_at.is_some(),
            };
            if *kind == Kind::File {
                files.push(PlannedFile {
                    name: text(row, "name"),
                    record: planned,
                    blob,
                });
            } else {
                records.push(planned);
            }
        }
    }
    out.dropped_links = remap.dropped;
    out.records = records;
    out.files = files;
    Ok(out)
}
