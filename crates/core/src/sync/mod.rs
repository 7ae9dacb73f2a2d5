//! The sync wire format: binary (postcard) messages behind a four-byte magic and a protocol
//! version, so a server can refuse a client that is too old (`upgrade_required`) instead of
//! misreading it. The reference is `docs/sync-protocol.md`.

mod frame;
mod messages;

pub use frame::{FrameError, MAGIC, MIN_VERSION, PROTOCOL_VERSION, decode, encode};
pub use messages::*;
