//! Localspace's domain: record kinds, their field schemas and validation, the mapping of a
//! record onto its automerge document, money, and the text rules (search folding, Polish
//! sort order). Pure code: no IO, no SQL, no async, so every rule is testable in isolation.

pub mod api;
pub mod archive;
pub mod billing;
pub mod clock;
pub mod doc;
pub mod error;
pub mod id;
pub mod kind;
pub mod money;
pub mod patch;
pub mod record;
pub mod schema;
pub mod sync;
pub mod text;
pub mod validate;
pub mod value;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{DocError, ValidationError};
pub use id::{RecordId, UserId};
pub use kind::Kind;
pub use money::{Currency, Money};
pub use patch::Patch;
pub use record::{FieldRead, Record};
pub use value::{Line, Stage, Value};
