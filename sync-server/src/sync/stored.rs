//! How a merged document is stored: its saved form followed by the raw bytes of the changes
//! merged since (automerge loads a document chunk followed by change chunks as one document).
//! A new record is saved whole (devices load a saved document several times faster than the
//! same changes: a bootstrap reads every record once). A push to a stored record appends its
//! new changes instead of saving the whole document again, and saves it whole once the
//! appended changes outweigh the saved part: each edit costs its own size, and loading stays
//! close to loading a saved document.

use automerge::{AutoCommit, Change};

/// Appended bytes always allowed before a full save, however small the saved part.
const MIN_TAIL: usize = 1024;

/// The bytes to store after merging `new` (already applied to `document`) into the document
/// stored as `old` (`None` for a new record).
pub fn next_bytes(old: Option<&[u8]>, new: &[Change], document: &mut AutoCommit) -> Vec<u8> {
    let Some(old) = old else {
        return document.save();
    };
    let added: usize = new.iter().map(|c| c.raw_bytes().len()).sum();
    let head = first_chunk_len(old);
    let total = old.len() + added;
    match head {
        Some(head) if total - head <= head.max(MIN_TAIL) => {
            let mut bytes = Vec::with_capacity(total);
            bytes.extend_from_slice(old);
            for change in new {
                bytes.extend_from_slice(change.raw_bytes());
            }
            bytes
        }
        _ => document.save(),
    }
}

/// The length of the first automerge chunk in `bytes`: magic (4), checksum (4), type (1),
/// the body's length (LEB128), the body.
fn first_chunk_len(bytes: &[u8]) -> Option<usize> {
    const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
    if bytes.get(..4)? != MAGIC {
        return None;
    }
    let mut len: u64 = 0;
    for (i, byte) in bytes.get(9..)?.iter().take(10).enumerate() {
        len |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            let total = 9 + i + 1 + usize::try_from(len).ok()?;
            return (total <= bytes.len()).then_some(total);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::ReadDoc;
    use automerge::transaction::Transactable;

    fn edit(doc: &mut AutoCommit, n: i64) -> Change {
        doc.put(automerge::ROOT, "city", format!("Miasto {n}"))
            .unwrap();
        doc.commit();
        doc.get_last_local_change().unwrap()
    }

    fn city(bytes: &[u8]) -> String {
        let doc = AutoCommit::load(bytes).unwrap();
        match doc.get(automerge::ROOT, "city").unwrap() {
            Some((value, _)) => value.as_str().unwrap().to_owned(),
            None => String::new(),
        }
    }

    #[test]
    fn the_first_chunk_is_measured_from_its_header() {
        let mut doc = AutoCommit::new();
        let change = edit(&mut doc, 0);
        let saved = doc.save();
        assert_eq!(first_chunk_len(&saved), Some(saved.len()));
        let mut both = saved.clone();
        both.extend_from_slice(change.raw_bytes());
        assert_eq!(first_chunk_len(&both), Some(saved.len()));
        assert_eq!(first_chunk_len(&saved[..saved.len() - 1]), None);
        assert_eq!(first_chunk_len(b"not automerge"), None);
        assert_eq!(first_chunk_len(&[]), None);
    }

    #[test]
    fn pushes_append_until_the_tail_outweighs_the_saved_part_and_every_form_loads() {
        let mut doc = AutoCommit::new();
        let first = edit(&mut doc, 0);
        let mut stored = next_bytes(None, std::slice::from_ref(&first), &mut doc);
        assert_eq!(stored, doc.save(), "a new record is saved whole");
        let (mut appended, mut saved) = (0, 0);
        for n in 1..200 {
            let change = edit(&mut doc, n);
            let before = stored.len();
            stored = next_bytes(Some(&stored), std::slice::from_ref(&change), &mut doc);
            if stored.len() == before + change.raw_bytes().len() {
                appended += 1;
            } else {
                saved += 1;
            }
            assert_eq!(city(&stored), format!("Miasto {n}"));
            let head = first_chunk_len(&stored).unwrap();
            assert!(stored.len() - head <= head.max(MIN_TAIL));
        }
        assert!(appended > 150, "{appended} appended, {saved} saved");
        assert!(saved >= 1);
        let mut loaded = AutoCommit::load(&stored).unwrap();
        assert_eq!(loaded.get_changes(&[]).len(), 200);
    }
}
