//! Framing of sync messages: `LSYN`, a big-endian u16 protocol version, then the postcard
//! encoding of the message.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The first four bytes of every sync message.
pub const MAGIC: [u8; 4] = *b"LSYN";
/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u16 = 5;
/// The oldest version this build still accepts. Version 2 added the per-user `Granted` and
/// `Revoked` log entries, which a version 1 client cannot read; version 3 added the account
/// epoch, without which a device would push history that undoes a restore; version 4 added
/// the blocked flag to pull answers (a version 3 device cannot read them, and would not show
/// a reader that the account is blocked); version 5 added a pushed document's saved form
/// (`DocPush::saved`), which changes the push encoding.
pub const MIN_VERSION: u16 = 5;

/// Why a message could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    #[error("not a Localspace sync message")]
    NotSync,
    #[error("protocol version {0} is older than this side supports ({MIN_VERSION})")]
    TooOld(u16),
    #[error("protocol version {0} is newer than this side knows ({PROTOCOL_VERSION})")]
    TooNew(u16),
    #[error("malformed message: {0}")]
    Malformed(String),
}

/// Encodes a message with the current version.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&PROTOCOL_VERSION.to_be_bytes());
    // Encoding into a Vec cannot fail for these plain data types.
    let body = postcard::to_allocvec(message).unwrap_or_default();
    out.extend_from_slice(&body);
    out
}

/// Decodes a message, checking magic and version; trailing bytes are an error.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, FrameError> {
    if bytes.len() < 6 || bytes[..4] != MAGIC {
        return Err(FrameError::NotSync);
    }
    let version = u16::from_be_bytes([bytes[4], bytes[5]]);
    if version < MIN_VERSION {
        return Err(FrameError::TooOld(version));
    }
    if version > PROTOCOL_VERSION {
        return Err(FrameError::TooNew(version));
    }
    let (message, rest) =
        postcard::take_from_bytes(&bytes[6..]).map_err(|e| FrameError::Malformed(e.to_string()))?;
    if !rest.is_empty() {
        return Err(FrameError::Malformed(format!(
            "{} bytes after the message",
            rest.len()
        )));
    }
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::{DocPush, PushRequest};
    use crate::{Kind, RecordId};
    use proptest::prelude::*;

    fn request() -> PushRequest {
        PushRequest {
            docs: vec![DocPush {
                id: RecordId::from_bytes([1; 16]),
                kind: Kind::Person,
                changes: vec![vec![1, 2, 3]],
                saved: None,
            }],
            erase: vec![RecordId::from_bytes([2; 16])],
            epoch: 1,
        }
    }

    #[test]
    fn round_trips_and_checks_magic_and_version() {
        let bytes = encode(&request());
        assert_eq!(decode::<PushRequest>(&bytes).unwrap(), request());
        assert_eq!(decode::<PushRequest>(b"HTTP/1.1"), Err(FrameError::NotSync));
        let mut old = bytes.clone();
        old[4..6].copy_from_slice(&0u16.to_be_bytes());
        assert_eq!(decode::<PushRequest>(&old), Err(FrameError::TooOld(0)));
        let mut new = bytes.clone();
        new[4..6].copy_from_slice(&9u16.to_be_bytes());
        assert_eq!(decode::<PushRequest>(&new), Err(FrameError::TooNew(9)));
        let mut long = bytes.clone();
        long.push(0);
        assert!(matches!(
            decode::<PushRequest>(&long),
            Err(FrameError::Malformed(_))
        ));
        assert!(matches!(
            decode::<PushRequest>(&bytes[..bytes.len() - 1]),
            Err(FrameError::Malformed(_))
        ));
    }

    #[test]
    fn the_documented_example_is_33_bytes() {
        let one = PushRequest {
            docs: vec![DocPush {
                id: RecordId::from_bytes([1; 16]),
                kind: Kind::Person,
                changes: vec![vec![1, 2, 3]],
                saved: None,
            }],
            erase: vec![],
            epoch: 0,
        };
        let bytes = encode(&one);
        assert_eq!(bytes.len(), 33, "docs/sync-protocol.md shows these bytes");
        assert_eq!(
            &bytes[..8],
            &[0x4C, 0x53, 0x59, 0x4E, 0x00, 0x05, 0x01, 0x10]
        );
        assert_eq!(
            &bytes[24..],
            &[0x01, 0x01, 0x03, 0x01, 0x02, 0x03, 0x00, 0x00, 0x00]
        );
    }

    proptest! {
        #[test]
        fn garbage_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let mut framed = MAGIC.to_vec();
            framed.extend_from_slice(&PROTOCOL_VERSION.to_be_bytes());
            framed.extend_from_slice(&bytes);
            let _ = decode::<PushRequest>(&framed);
            let _ = decode::<PushRequest>(&bytes);
        }
    }
}
