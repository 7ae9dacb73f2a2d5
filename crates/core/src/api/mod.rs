//! The JSON REST API's request and response types, shared by the server and the client so
//! both sides agree by construction. The reference is `docs/api.md`.

mod account;
mod automation;
mod billing;
mod error;
mod export;
mod files;
mod users;

pub use account::*;
pub use automation::*;
pub use billing::*;
pub use error::ApiErrorBody;
pub use export::*;
pub use files::*;
pub use users::*;

/// The path prefix of every JSON endpoint.
pub const API_PREFIX: &str = "/api/v1";
