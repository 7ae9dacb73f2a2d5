//! The field schema of every record kind: which keys a document may hold, their types and
//! limits. Validation, the automerge mapping and the projections are all driven by it.

use crate::kind::Kind;

/// The current document schema version, written into every document as `schema`.
/// Readers accept every older version; a newer one is read by ignoring unknown keys.
pub const SCHEMA_VERSION: u64 = 1;

/// The type of a field, which fixes both validation and how automerge stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// Short text, at most `max` characters.
    Text {
        max: usize,
    },
    /// One of a fixed set of short texts.
    Enum(&'static [&'static str]),
    /// Long text stored as automerge Text.
    LongText,
    Int {
        min: i64,
        max: i64,
    },
    Bool,
    Money,
    Date,
    Timestamp,
    /// A link to a record of the given kind (`None`: any kind).
    Ref(Option<Kind>),
    /// A link to a user.
    UserRef,
    /// A set of links to records (`None`: any kind).
    RefSet(Option<Kind>),
    /// A set of users.
    UserSet,
    /// An ordered list of e-mail addresses.
    Emails,
    /// An ordered list of phone numbers.
    Phones,
    /// An ordered list of short texts.
    List,
    /// Revenue or cost lines.
    Lines,
    /// Pipeline stages.
    Stages,
    /// A Polish tax id, checksum-validated.
    Nip,
}

/// One field of a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub ty: FieldType,
    pub required: bool,
}

const fn field(key: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec {
        key,
        ty,
        required: false,
    }
}

const fn required(key: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec {
        key,
        ty,
        required: true,
    }
}

const NAME: FieldType = FieldType::Text { max: 200 };
const SHORT: FieldType = FieldType::Text { max: 200 };
const VISIBILITY: FieldType = FieldType::Enum(&["public", "private"]);

/// Who can see a record: everyone in the account, or its owner and participants.
pub const VISIBILITY_KEY: &str = "visibility";

/// Values of a deal's `status`.
pub const DEAL_STATUSES: &[&str] = &["open", "won", "lost"];
/// Values of an activity's `type`.
pub const ACTIVITY_TYPES: &[&str] = &["note", "call", "meeting", "email"];
/// Types a custom field can have.
pub const CUSTOM_FIELD_TYPES: &[&str] = &[
    "text",
    "number",
    "money",
    "date",
    "select",
    "multiselect",
    "bool",
];
/// Kinds a custom field can be defined on.
pub const CUSTOM_FIELD_KINDS: &[&str] = &["company", "person", "deal", "task", "space"];

static COMPANY: &[FieldSpec] = &[
    required("name", NAME),
    field("nip", FieldType::Nip),
    field("regon", FieldType::Text { max: 14 }),
    field("industry", SHORT),
    field("website", SHORT),
    field("street", SHORT),
    field("postcode", FieldType::Text { max: 12 }),
    field("city", SHORT),
    field("country", SHORT),
    field("emails", FieldType::Emails),
    field("phones", FieldType::Phones),
    field("description", FieldType::LongText),
    field("owner", FieldType::UserRef),
    field(VISIBILITY_KEY, VISIBILITY),
    field("participants", FieldType::UserSet),
];

static PERSON: &[FieldSpec] = &[
    field("first_name", NAME),
    required("last_name", NAME),
    field("company", FieldType::Ref(Some(Kind::Company))),
    field("position", SHORT),
    field("emails", FieldType::Emails),
    field("phones", FieldType::Phones),
    field("city", SHORT),
    field("description", FieldType::LongText),
    field("owner", FieldType::UserRef),
    field(VISIBILITY_KEY, VISIBILITY),
    field("participants", FieldType::UserSet),
];

static DEAL: &[FieldSpec] = &[
    required("title", NAME),
    field("pipeline", FieldType::Ref(Some(Kind::Pipeline))),
    field("stage", FieldType::Text { max: 36 }),
    field("value", FieldType::Money),
    field("close_date", FieldType::Date),
    field("probability", FieldType::Int { min: 0, max: 100 }),
    field("status", FieldType::Enum(DEAL_STATUSES)),
    field("lost_reason", SHORT),
    field("people", FieldType::RefSet(Some(Kind::Person))),
    field("companies", FieldType::RefSet(Some(Kind::Company))),
    field("space", FieldType::Ref(Some(Kind::Space))),
    field("revenues", FieldType::Lines),
    field("costs", FieldType::Lines),
    field("description", FieldType::LongText),
    field("owner", FieldType::UserRef),
    field(VISIBILITY_KEY, VISIBILITY),
    field("participants", FieldType::UserSet),
];

static TASK: &[FieldSpec] = &[
    required("title", NAME),
    field("due", FieldType::Date),
    field("done", FieldType::Bool),
    field("assignee", FieldType::UserRef),
    field("links", FieldType::RefSet(None)),
    field("description", FieldType::LongText),
    field("owner", FieldType::UserRef),
];

static ACTIVITY: &[FieldSpec] = &[
    required("type", FieldType::Enum(ACTIVITY_TYPES)),
    field("subject", SHORT),
    field("at", FieldType::Timestamp),
    field(
        "duration_min",
        FieldType::Int {
            min: 0,
            max: 24 * 60,
        },
    ),
    field("body", FieldType::LongText),
    field("links", FieldType::RefSet(None)),
    field("author", FieldType::UserRef),
];

static SPACE: &[FieldSpec] = &[
    required("name", NAME),
    field("description", FieldType::LongText),
    field("members", FieldType::UserSet),
    field("owner", FieldType::UserRef),
    field(VISIBILITY_KEY, VISIBILITY),
];

static FILE: &[FieldSpec] = &[
    required("name", FieldType::Text { max: 255 }),
    field(
        "size",
        FieldType::Int {
            min: 0,
            max: i64::MAX,
        },
    ),
    field("mime", FieldType::Text { max: 127 }),
    field("content_hash", FieldType::Text { max: 64 }),
    field("url", FieldType::Text { max: 2048 }),
    field("links", FieldType::RefSet(None)),
    field("owner", FieldType::UserRef),
];

static PIPELINE: &[FieldSpec] = &[
    required("name", NAME),
    field("stages", FieldType::Stages),
    field(
        "position",
        FieldType::Int {
            min: i64::MIN,
            max: i64::MAX,
        },
    ),
];

static CUSTOM_FIELD: &[FieldSpec] = &[
    required("target", FieldType::Enum(CUSTOM_FIELD_KINDS)),
    required("key", FieldType::Text { max: 64 }),
    required("label", NAME),
    required("field_type", FieldType::Enum(CUSTOM_FIELD_TYPES)),
    field("options", FieldType::List),
    field(
        "position",
        FieldType::Int {
            min: i64::MIN,
            max: i64::MAX,
        },
    ),
];

static SAVED_FILTER: &[FieldSpec] = &[
    required("name", NAME),
    required("target", FieldType::Enum(CUSTOM_FIELD_KINDS)),
    field("query", FieldType::Text { max: 4000 }),
    field("owner", FieldType::UserRef),
];

/// The fields of a kind.
pub fn fields(kind: Kind) -> &'static [FieldSpec] {
    match kind {
        Kind::Company => COMPANY,
        Kind::Person => PERSON,
        Kind::Deal => DEAL,
        Kind::Task => TASK,
        Kind::Activity => ACTIVITY,
        Kind::Space => SPACE,
        Kind::File => FILE,
        Kind::Pipeline => PIPELINE,
        Kind::CustomField => CUSTOM_FIELD,
        Kind::SavedFilter => SAVED_FILTER,
    }
}

/// The spec of one field of a kind, if the kind has it.
pub fn field_spec(kind: Kind, key: &str) -> Option<&'static FieldSpec> {
    fields(kind).iter().find(|f| f.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_unique_keys_and_a_required_field() {
        for kind in Kind::ALL {
            let keys: std::collections::BTreeSet<_> = fields(kind).iter().map(|f| f.key).collect();
            assert_eq!(keys.len(), fields(kind).len(), "{kind}");
            assert!(fields(kind).iter().any(|f| f.required), "{kind}");
            for reserved in ["kind", "schema", "deleted_at", "custom"] {
                assert!(
                    !keys.contains(reserved),
                    "{kind} uses reserved key {reserved}"
                );
            }
        }
    }
}
