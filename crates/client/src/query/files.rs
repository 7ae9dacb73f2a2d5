//! The files of a record (attachments and links), newest first, from the `files` projection.

use localspace_core::RecordId;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::rows::id_at;
use crate::error::Result;
use crate::replica::Replica;

/// One file or link attached to a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FileRow {
    pub id: RecordId,
    pub name: String,
    /// Bytes; 0 for a link.
    pub size: u64,
    pub mime: Option<String>,
    /// SHA-256 of the bytes on the server; `None` for a link.
    pub content_hash: Option<String>,
    /// Where a link points (Dropbox, an e-mail attachment); `None` for stored bytes.
    pub url: Option<String>,
    /// When it was attached (ms since epoch, from the record's time-ordered id).
    pub added_at: i64,
}

impl FileRow {
    /// A link uses no storage: it has a URL and no bytes.
    pub fn is_link(&self) -> bool {
        self.url.is_some() && self.content_hash.is_none()
    }
}

/// The creation time a UUIDv7 carries in its first 48 bits.
pub fn id_time_ms(id: RecordId) -> i64 {
    let b = id.0.as_bytes();
    let mut ms = [0u8; 8];
    ms[2..].copy_from_slice(&b[..6]);
    i64::from_be_bytes(ms)
}

fn file_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FileRow> {
    let id = id_at(r, 0)?;
    Ok(FileRow {
        id,
        name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        size: r.get::<_, Option<i64>>(2)?.unwrap_or(0).max(0) as u64,
        mime: r.get(3)?,
        content_hash: r.get::<_, Option<String>>(4)?.filter(|h| !h.is_empty()),
        url: r.get::<_, Option<String>>(5)?.filter(|u| !u.is_empty()),
        added_at: id_time_ms(id),
    })
}

const COLUMNS: &str = "d.id, f.name, f.size, f.mime, f.content_hash, f.url";

impl Replica {
    /// Live files and links attached to `record`, newest first.
    pub fn files_of(&self, record: RecordId) -> Result<Vec<FileRow>> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM links l JOIN files f ON f.n = l.src JOIN docs d ON d.n = f.n
             WHERE l.dst = ?1 AND l.rel = 'links' AND f.deleted = 0 ORDER BY d.id DESC LIMIT 1000"
        ))?;
        let rows = stmt
            .query_map([record.0.as_bytes()], file_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// One file record as a row (also when it is in the trash).
    pub fn file(&self, id: RecordId) -> Result<FileRow> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM files f JOIN docs d ON d.n = f.n WHERE d.id = ?1"
        ))?;
        stmt.query_row([id.0.as_bytes()], file_row)
            .optional()?
            .ok_or(crate::error::Error::NotFound(id))
    }

    /// Live file records with stored bytes, for sending what waits in the pending folder.
    pub fn live_blob_files(&self) -> Result<Vec<FileRow>> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM files f JOIN docs d ON d.n = f.n
             WHERE f.deleted = 0 AND f.content_hash IS NOT NULL AND f.content_hash != ''"
        ))?;
        let rows = stmt
            .query_map([], file_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uuid_v7_tells_when_it_was_made() {
        let id = RecordId::new_v7(1_772_445_600_000, [7; 10]);
        assert_eq!(id_time_ms(id), 1_772_445_600_000);
    }
}
