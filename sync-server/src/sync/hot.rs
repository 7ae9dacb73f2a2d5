//! Hot documents: the merged documents of recently pushed records, kept in memory so the next
//! push to the same record neither loads nor re-hashes its whole history. An entry is used
//! only while the stored bytes are still exactly the bytes it was written as (a restore, an
//! erasure or another writer changes them, and the entry is dropped), and it is put back
//! only after the transaction that wrote those bytes has committed. The oldest entries go
//! beyond a fixed number of documents.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;

use automerge::AutoCommit;
use uuid::Uuid;

/// Documents kept at most. A person edited a few hundred times holds well under 100 KB.
const CAPACITY: usize = 512;

/// (account, record).
type Key = (Uuid, Uuid);

/// A fingerprint of stored bytes: their length and a hash of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint(usize, u64);

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        Fingerprint(bytes.len(), hasher.finish())
    }
}

/// A document as it stands in storage.
#[derive(Debug)]
pub struct HotDoc {
    pub document: AutoCommit,
    /// The stored bytes it was written as.
    pub stored: Fingerprint,
}

#[derive(Debug, Default)]
struct Inner {
    docs: HashMap<Key, (u64, HotDoc)>,
    /// Insertion order, oldest first (the value is the key inserted at that tick).
    order: BTreeMap<u64, Key>,
    tick: u64,
}

/// The hot documents of every account (one per server).
#[derive(Debug, Default)]
pub struct HotDocs {
    inner: Mutex<Inner>,
}

impl HotDocs {
    /// Takes the record's document out if it matches the stored bytes `stored`.
    pub fn take(&self, account: Uuid, id: Uuid, stored: Fingerprint) -> Option<AutoCommit> {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (tick, hot) = inner.docs.remove(&(account, id))?;
        inner.order.remove(&tick);
        (hot.stored == stored).then_some(hot.document)
    }

    /// Keeps documents whose bytes have just been committed, dropping the oldest beyond the
    /// capacity. Later entries for the same record replace earlier ones.
    pub fn put(&self, account: Uuid, docs: Vec<(Uuid, HotDoc)>) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        for (id, hot) in docs {
            inner.tick += 1;
            let tick = inner.tick;
            if let Some((old, _)) = inner.docs.insert((account, id), (tick, hot)) {
                inner.order.remove(&old);
            }
            inner.order.insert(tick, (account, id));
        }
        while inner.docs.len() > CAPACITY {
            let Some((_, key)) = inner.order.pop_first() else {
                break;
            };
            inner.docs.remove(&key);
        }
    }

    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .docs
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::transaction::Transactable;

    fn doc(n: i64) -> AutoCommit {
        let mut d = AutoCommit::new();
        d.put(automerge::ROOT, "n", n).unwrap();
        d
    }

    #[test]
    fn a_document_comes_back_only_for_the_bytes_it_was_stored_as() {
        let hot = HotDocs::default();
        let (account, id) = (Uuid::new_v4(), Uuid::new_v4());
        let stored = Fingerprint::of(b"saved");
        hot.put(
            account,
            vec![(
                id,
                HotDoc {
                    document: doc(1),
                    stored,
                },
            )],
        );
        // Other bytes in storage (restored meanwhile): the entry is dropped, not returned.
        assert!(hot.take(account, id, Fingerprint::of(b"other")).is_none());
        assert!(hot.take(account, id, stored).is_none());
        hot.put(
            account,
            vec![(
                id,
                HotDoc {
                    document: doc(2),
                    stored,
                },
            )],
        );
        assert!(hot.take(account, id, stored).is_some());
        // Taken out: a second taker loads from storage.
        assert!(hot.take(account, id, stored).is_none());
    }

    #[test]
    fn the_oldest_go_beyond_the_capacity() {
        let hot = HotDocs::default();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let stored = Fingerprint::of(b"x");
        let ids: Vec<Uuid> = (0..CAPACITY + 10).map(|_| Uuid::new_v4()).collect();
        for (n, id) in ids.iter().enumerate() {
            let account = if n.is_multiple_of(2) { a } else { b };
            let document = doc(n as i64);
            hot.put(account, vec![(*id, HotDoc { document, stored })]);
        }
        assert_eq!(hot.len(), CAPACITY);
        assert!(hot.take(a, ids[0], stored).is_none(), "the oldest went");
        let last = ids.len() - 1;
        let owner = if last.is_multiple_of(2) { a } else { b };
        assert!(hot.take(owner, ids[last], stored).is_some());
        assert!(hot.take(b, ids[11], stored).is_some());
    }
}
