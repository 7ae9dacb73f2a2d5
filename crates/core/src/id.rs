//! Identifiers: records are UUIDv7 made on the device (offline, time-ordered, collision-free);
//! users are identified by the server's UUIDs.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The id of a record, and of its automerge document.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(transparent)]
pub struct RecordId(pub Uuid);

/// The id of a user (a coworker in the account).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(transparent)]
pub struct UserId(pub Uuid);

macro_rules! uuid_newtype {
    ($name:ident) => {
        impl $name {
            /// Builds the id from its 16 bytes (as stored in SQLite).
            pub fn from_bytes(bytes: [u8; 16]) -> Self {
                Self(Uuid::from_bytes(bytes))
            }

            /// Reads the id from a 16-byte slice; `None` when the length is wrong.
            pub fn from_slice(bytes: &[u8]) -> Option<Self> {
                Uuid::from_slice(bytes).ok().map(Self)
            }

            /// The 16 bytes of the id.
            pub fn as_bytes(&self) -> &[u8; 16] {
                self.0.as_bytes()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

uuid_newtype!(RecordId);
uuid_newtype!(UserId);

impl RecordId {
    /// A new time-ordered id. The caller supplies the clock reading and the randomness so this
    /// crate stays free of IO; the client crate calls it with the system clock.
    pub fn new_v7(unix_ms: u64, random: [u8; 10]) -> Self {
        let mut bytes = [0u8; 16];
        bytes[..6].copy_from_slice(&unix_ms.to_be_bytes()[2..]);
        bytes[6..].copy_from_slice(&random);
        bytes[6] = 0x70 | (bytes[6] & 0x0f);
        bytes[8] = 0x80 | (bytes[8] & 0x3f);
        Self(Uuid::from_bytes(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v7_ids_sort_by_time_and_round_trip() {
        let a = RecordId::new_v7(1_700_000_000_000, [0xff; 10]);
        let b = RecordId::new_v7(1_700_000_000_001, [0; 10]);
        assert!(a < b);
        assert_eq!(a.0.get_version_num(), 7);
        assert_eq!(a.to_string().parse::<RecordId>().unwrap(), a);
        assert_eq!(RecordId::from_slice(a.as_bytes()), Some(a));
        assert_eq!(RecordId::from_slice(&[1, 2, 3]), None);
    }
}
