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

use localspace_core::archive::ARCHIVE_PATH;
use localspace_core::archive::columns::RowRead;
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
                && let Some(have) = existing
                    .iter()
                    .find(|d| d.target.as_str() == text(row, "target") && d.key == text(row, "key"))
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
                    for (key, lines) in [("revenues", &tables.revenues), ("costs", &tables.costs)] {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::archive::tables::Coworker;

    fn row(id: u128, fields: &[(&'static str, Value)]) -> RowRead {
        RowRead {
            id: Uuid::from_u128(id),
            fields: fields.iter().cloned().collect(),
            ..RowRead::default()
        }
    }

    fn ids() -> impl FnMut() -> RecordId {
        let mut n = 1000u128;
        move || {
            n += 1;
            RecordId(Uuid::from_u128(n))
        }
    }

    fn field(p: &Planned, key: &str) -> Option<Value> {
        p.patch.fields.get(key).cloned().flatten()
    }

    #[test]
    fn links_get_the_new_ids_users_go_by_email_and_missing_targets_are_left_out() {
        let anna = Uuid::from_u128(50);
        let jan = Uuid::from_u128(51);
        let tables = Tables {
            coworkers: vec![
                Coworker {
                    id: anna,
                    email: "anna@drewpol.pl".into(),
                },
                Coworker {
                    id: jan,
                    email: "Jan@Drewpol.pl".into(),
                },
            ],
            records: vec![
                (
                    Kind::Company,
                    vec![row(
                        1,
                        &[
                            ("name", Value::Text("Drewpol".into())),
                            ("owner", Value::Ref(anna)),
                        ],
                    )],
                ),
                (
                    Kind::Person,
                    vec![row(
                        2,
                        &[
                            ("last_name", Value::Text("Nowak".into())),
                            ("company", Value::Ref(Uuid::from_u128(1))),
                            ("owner", Value::Ref(jan)),
                        ],
                    )],
                ),
                (
                    Kind::Task,
                    vec![row(
                        3,
                        &[
                            ("title", Value::Text("Zadzwonić".into())),
                            // 99 was erased before the export: the link is left out.
                            (
                                "links",
                                Value::RefSet([Uuid::from_u128(2), Uuid::from_u128(99)].into()),
                            ),
                        ],
                    )],
                ),
            ],
            ..Tables::default()
        };
        let me = Uuid::from_u128(70);
        let jan_here = Uuid::from_u128(71);
        let users = AccountUsers::new(me, [(jan_here, "jan@drewpol.pl".to_owned())]);
        let plan = plan(&tables, &BTreeMap::new(), &users, &[], &mut ids()).unwrap();
        let [company, person, task] = &plan.records[..] else {
            panic!("{:?}", plan.records)
        };
        assert_eq!(company.id, RecordId(plan.ids[&Uuid::from_u128(1)]));
        assert_ne!(company.id.0, Uuid::from_u128(1));
        assert_eq!(field(company, "owner"), Some(Value::Ref(me)));
        assert_eq!(field(person, "owner"), Some(Value::Ref(jan_here)));
        assert_eq!(field(person, "company"), Some(Value::Ref(company.id.0)));
        assert_eq!(
            field(task, "links"),
            Some(Value::RefSet([person.id.0].into()))
        );
        assert_eq!(plan.dropped_links, 1);
    }

    fn definition(id: u128, key: &str, field_type: &str) -> RowRead {
        row(
            id,
            &[
                ("target", Value::Text("company".into())),
                ("key", Value::Text(key.into())),
                ("label", Value::Text(key.into())),
                ("field_type", Value::Text(field_type.into())),
            ],
        )
    }

    #[test]
    fn an_existing_custom_field_is_reused_when_its_type_matches_and_refused_when_not() {
        let mut company = row(2, &[("name", Value::Text("Drewpol".into()))]);
        company
            .custom
            .insert(Uuid::from_u128(1), Value::Text("VIP".into()));
        let tables = Tables {
            records: vec![
                (Kind::CustomField, vec![definition(1, "segment", "text")]),
                (Kind::Company, vec![company]),
            ],
            ..Tables::default()
        };
        let here = RecordId(Uuid::from_u128(500));
        let existing = |field_type: &str| {
            vec![ExistingDefinition {
                id: here,
                target: Kind::Company,
                key: "segment".into(),
                field_type: field_type.into(),
            }]
        };
        let users = AccountUsers::new(Uuid::from_u128(70), []);
        let plan = plan(
            &tables,
            &BTreeMap::new(),
            &users,
            &existing("text"),
            &mut ids(),
        )
        .unwrap();
        assert_eq!(plan.reused_definitions, 1);
        assert_eq!(plan.records.len(), 1, "only the company is created");
        assert_eq!(
            plan.records[0].patch.custom.get(&here),
            Some(&Some(Value::Text("VIP".into())))
        );
        let clash = plan_of(&tables, &users, &existing("number"));
        assert!(matches!(clash, Err(ArchiveError::CustomFieldClash { .. })));
    }

    fn plan_of(
        tables: &Tables,
        users: &AccountUsers,
        existing: &[ExistingDefinition],
    ) -> ArchiveResult<Plan> {
        plan(tables, &BTreeMap::new(), users, existing, &mut ids())
    }

    #[test]
    fn an_invalid_record_or_missing_file_bytes_refuse_the_whole_archive() {
        let users = AccountUsers::new(Uuid::from_u128(70), []);
        let nameless = Tables {
            records: vec![(Kind::Company, vec![row(1, &[])])],
            ..Tables::default()
        };
        assert!(matches!(
            plan_of(&nameless, &users, &[]),
            Err(ArchiveError::Invalid { .. })
        ));
        let mut file = row(1, &[("name", Value::Text("a.pdf".into()))]);
        file.extra
            .insert(ARCHIVE_PATH.into(), "files/1/a.pdf".into());
        let without_bytes = Tables {
            records: vec![(Kind::File, vec![file])],
            ..Tables::default()
        };
        assert!(matches!(
            plan_of(&without_bytes, &users, &[]),
            Err(ArchiveError::MissingBytes(_))
        ));
    }
}
