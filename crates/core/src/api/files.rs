//! Files attached to records: reserving space for an upload, the upload's result and the
//! account's storage usage. The bytes themselves travel as plain streamed HTTP bodies.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/uploads`: reserve space for one file's bytes before sending them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadRequest {
    /// The file record the bytes belong to (its reference to the blob).
    pub file: String,
    /// SHA-256 of the bytes, 64 lowercase hex digits.
    pub hash: String,
    /// Exact size in bytes.
    pub size: u64,
}

/// The answer to an upload reservation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadStarted {
    /// Where to `PUT` the bytes (`/api/v1/uploads/{id}`); `None` when the account already
    /// holds these bytes and the file now refers to them (nothing to send).
    pub upload_id: Option<String>,
    pub hash: String,
    pub size: u64,
}

/// A blob stored (or already held) for a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobStored {
    pub hash: String,
    pub size: u64,
}

/// `GET /api/v1/storage`: the account's pooled file storage, in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StorageUsage {
    /// Bytes of stored blobs (each distinct content counted once).
    pub used: u64,
    /// Bytes reserved by uploads in progress.
    pub reserved: u64,
    /// The pooled quota: seats × plan GB + extra packs.
    pub quota: u64,
    /// What a new upload may still take: quota − used − reserved.
    pub free: u64,
}

/// Whether `s` is a SHA-256 in lowercase hex (the only form blob paths accept).
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lowercase_sha256_hex_is_a_blob_name() {
        assert!(is_sha256_hex(&"ab".repeat(32)));
        assert!(!is_sha256_hex(&"AB".repeat(32)));
        assert!(!is_sha256_hex("../etc/passwd"));
        assert!(!is_sha256_hex(&"a".repeat(63)));
    }
}
