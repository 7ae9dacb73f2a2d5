//! Document rows: loading and saving automerge documents and their heads. A document that
//! fails to load is reported for that record alone; every other record stays usable.

use automerge::{AutoCommit, ChangeHash};
use localspace_core::{Kind, Record, RecordId, doc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};

/// A stored document row.
#[derive(Debug)]
pub(crate) struct DocRow {
    pub n: i64,
    pub kind: String,
    pub bytes: Vec<u8>,
    pub heads: Vec<u8>,
    pub pushed_heads: Option<Vec<u8>>,
}

/// Heads as stored: sorted 32-byte hashes, concatenated.
pub(crate) fn encode_heads(heads: &[ChangeHash]) -> Vec<u8> {
    let mut sorted = heads.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.iter().flat_map(|h| h.0).collect()
}

/// Decodes stored heads; a damaged value decodes to what can be read.
pub(crate) fn decode_heads(bytes: &[u8]) -> Vec<ChangeHash> {
    bytes
        .chunks_exact(32)
        .filter_map(|c| ChangeHash::try_from(c).ok())
        .collect()
}

pub(crate) fn load_row(conn: &Connection, id: RecordId) -> Result<Option<DocRow>> {
    Ok(conn
        .prepare_cached("SELECT n, kind, bytes, heads, pushed_heads FROM docs WHERE id = ?1")?
        .query_row([id.as_bytes()], |r| {
            Ok(DocRow {
                n: r.get(0)?,
                kind: r.get(1)?,
                bytes: r.get(2)?,
                heads: r.get(3)?,
                pushed_heads: r.get(4)?,
            })
        })
        .optional()?)
}

pub(crate) fn is_erased(conn: &Connection, id: RecordId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM erased WHERE id = ?1")?
        .exists([id.as_bytes()])?)
}

/// Loads a record's row, or says why there is none.
pub(crate) fn require_row(conn: &Connection, id: RecordId) -> Result<DocRow> {
    match load_row(conn, id)? {
        Some(row) => Ok(row),
        None if is_erased(conn, id)? => Err(Error::Erased(id)),
        None => Err(Error::NotFound(id)),
    }
}

/// Parses a stored document; damage becomes `CorruptDocument` for this record only.
/// Whether stored bytes are whole automerge chunks (magic, checksum, type, LEB128 length,
/// body) whose checksums match: a single SHA-256 pass that catches a damaged or truncated
/// blob without loading the document. A compressed change's checksum is of its uncompressed
/// form, so only its framing is checked.
pub(crate) fn chunks_intact(mut bytes: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
    const COMPRESSED_CHANGE: u8 = 2;
    if bytes.is_empty() {
        return false;
    }
    while !bytes.is_empty() {
        let (Some(magic), Some(checksum), Some(&kind)) =
            (bytes.get(..4), bytes.get(4..8), bytes.get(8))
        else {
            return false;
        };
        if magic != MAGIC {
            return false;
        }
        let mut len: u64 = 0;
        let mut header = 9;
        loop {
            let Some(&byte) = bytes.get(header) else {
                return false;
            };
            let shift = 7 * (header - 9);
            if shift > 56 {
                return false;
            }
            len |= u64::from(byte & 0x7f) << shift;
            header += 1;
            if byte & 0x80 == 0 {
                break;
            }
        }
        let Some(end) = usize::try_from(len)
            .ok()
            .and_then(|l| l.checked_add(header))
        else {
            return false;
        };
        let Some(chunk) = bytes.get(8..end) else {
            return false;
        };
        if kind != COMPRESSED_CHANGE && Sha256::digest(chunk)[..4] != *checksum {
            return false;
        }
        bytes = &bytes[end..];
    }
    true
}

pub(crate) fn parse_doc(id: RecordId, bytes: &[u8]) -> Result<AutoCommit> {
    AutoCommit::load(bytes).map_err(|e| Error::corrupt(id, e))
}

/// Reads a record with its conflicts.
pub(crate) fn read_record(conn: &Connection, id: RecordId) -> Result<Record> {
    record_from_row(id, &require_row(conn, id)?)
}

/// Reads the record a loaded row holds.
pub(crate) fn record_from_row(id: RecordId, row: &DocRow) -> Result<Record> {
    let doc = parse_doc(id, &row.bytes)?;
    doc::read_record(&doc, id).map_err(|e| Error::corrupt(id, e))
}

/// The kind stored for a row.
pub(crate) fn row_kind(id: RecordId, row: &DocRow) -> Result<Kind> {
    row.kind
        .parse()
        .map_err(|e: localspace_core::ValidationError| Error::corrupt(id, e))
}

/// A document ready to store: its bytes and heads, and the record's title and trash flag
/// (shared columns every kind has).
#[derive(Debug)]
pub(crate) struct Stored {
    pub bytes: Vec<u8>,
    pub heads: Vec<u8>,
    pub title: String,
    pub deleted: bool,
}

impl Stored {
    /// A document whose `Automerge::save` bytes are already at hand.
    pub fn saved(bytes: &[u8], heads: &[ChangeHash], record: &Record) -> Stored {
        Stored {
            bytes: bytes.to_vec(),
            heads: encode_heads(heads),
            title: super::project::title(record),
            deleted: record.is_deleted(),
        }
    }

    pub fn new(doc: &mut AutoCommit, record: &Record) -> Stored {
        Stored {
            bytes: doc.save(),
            heads: encode_heads(&doc.get_heads()),
            title: super::project::title(record),
            deleted: record.is_deleted(),
        }
    }
}

/// Stores a document and returns its row number: a new row when `n` is `None`. `dirty` is
/// recomputed from the heads. Plain single-row statements on purpose: an upsert or
/// `RETURNING` opens a statement savepoint, which makes FTS5 flush its pending terms on
/// every write and costs bulk creation a factor of three.
pub(crate) fn save_doc(
    conn: &Connection,
    n: Option<i64>,
    id: RecordId,
    kind: Kind,
    doc: &Stored,
    pushed_heads: Option<&[u8]>,
) -> Result<i64> {
    let dirty = pushed_heads != Some(doc.heads.as_slice());
    match n {
        None => {
            conn.prepare_cached(
                "INSERT INTO docs (id, kind, bytes, heads, pushed_heads, dirty, title, deleted)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                id.as_bytes(),
                kind.as_str(),
                doc.bytes,
                doc.heads,
                pushed_heads,
                dirty,
                doc.title,
                doc.deleted
            ])?;
            Ok(conn.last_insert_rowid())
        }
        Some(n) => {
            conn.prepare_cached(
                "UPDATE docs SET kind = ?2, bytes = ?3, heads = ?4, pushed_heads = ?5, dirty = ?6,
                   title = ?7, deleted = ?8 WHERE n = ?1",
            )?
            .execute(params![
                n,
                kind.as_str(),
                doc.bytes,
                doc.heads,
                pushed_heads,
                dirty,
                doc.title,
                doc.deleted
            ])?;
            Ok(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::transaction::Transactable;

    #[test]
    fn intact_chunks_pass_and_any_damage_fails() {
        let mut doc = AutoCommit::new();
        doc.put(automerge::ROOT, "city", "Łódź").unwrap();
        doc.commit();
        let mut bytes = doc.save();
        assert!(chunks_intact(&bytes));
        doc.put(automerge::ROOT, "city", "Opole").unwrap();
        doc.commit();
        bytes.extend_from_slice(doc.get_last_local_change().unwrap().raw_bytes());
        assert!(
            chunks_intact(&bytes),
            "a saved document followed by a change"
        );
        for at in [0, 5, 12, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x10;
            assert!(!chunks_intact(&damaged), "a flipped bit at {at}");
        }
        assert!(!chunks_intact(&bytes[..bytes.len() - 1]));
        assert!(!chunks_intact(&[]));
        assert!(!chunks_intact(&[0x00, 0x11, 0x22, 0x33]));
    }
}
