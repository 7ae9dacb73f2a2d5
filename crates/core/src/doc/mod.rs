//! The mapping between a record and its automerge document.
//!
//! Layout of a document's root map:
//! - `kind` (string) and `schema` (integer): written once, at creation.
//! - one key per field of the kind's schema: scalars for short fields (concurrent edits keep
//!   a deterministic winner and the losers stay readable as conflicts); automerge Text for
//!   long text (merges character by character); lists for phones and e-mails; maps used as
//!   sets (`{id: true}`) for links, so concurrent additions all survive; maps keyed by line
//!   or stage id for revenue/cost lines and pipeline stages; a money amount is a small map
//!   `{minor, currency}` replaced as a whole, so amount and currency never mix.
//! - `custom`: a map from custom field definition id to its value.
//! - `deleted_at`: present while the record is in the trash.
//!
//! Containers (texts, lists, sets, `custom`) are made when the record is created, so two
//! devices editing them later merge into one object instead of racing to create it.

mod initial;
mod read;
mod write;

pub use initial::initial_record;
pub use read::{read_record, record_kind};
pub use write::{create, restore, soft_delete, update};

/// The root key holding the record kind.
pub const KIND_KEY: &str = "kind";
/// The root key holding the document schema version.
pub const SCHEMA_KEY: &str = "schema";
/// The root key holding custom field values.
pub const CUSTOM_KEY: &str = "custom";
/// The root key set while the record is in the trash.
pub const DELETED_KEY: &str = "deleted_at";

#[cfg(test)]
mod tests;
