//! Saved documents read ahead of storing them (bootstrap): loading a document, reading its
//! record and dropping the loaded document again is pure work that needs no connection, so a
//! page is prepared on another thread while the previous page goes into the replica. A
//! record the replica does not hold yet is stored as it came; one it holds (or erased) is
//! loaded again and merged as any saved document is.

use automerge::{AutoCommit, ChangeHash};
use localspace_core::{Kind, Record, RecordId, doc};

use super::{Replica, project, store, sync::merge_into};
use crate::error::{Error, Result};

/// One saved document, loaded and read.
#[derive(Debug)]
pub struct Prepared {
    id: RecordId,
    bytes: Vec<u8>,
    read: Result<Read>,
}

#[derive(Debug)]
struct Read {
    heads: Vec<ChangeHash>,
    kind: Kind,
    record: Record,
    complete: bool,
}

fn bad(id: RecordId, e: impl ToString) -> Error {
    Error::BadChange {
        id,
        reason: e.to_string(),
    }
}

/// Loads and reads saved documents (no replica needed: run it on any thread).
pub fn prepare_saved(docs: Vec<(RecordId, Vec<u8>)>) -> Vec<Prepared> {
    docs.into_iter()
        .map(|(id, bytes)| {
            let read = AutoCommit::load(&bytes)
                .map_err(|e| bad(id, e))
                .and_then(|mut document| {
                    let complete = document.get_missing_deps(&[]).is_empty();
                    let kind = doc::record_kind(&document).map_err(|e| bad(id, e))?;
                    let record = doc::read_record(&document, id).map_err(|e| bad(id, e))?;
                    Ok(Read {
                        heads: document.get_heads(),
                        kind,
                        record,
                        complete,
                    })
                });
            Prepared { id, bytes, read }
        })
        .collect()
}

impl Replica {
    /// Stores prepared documents in one transaction. A document that cannot be read is
    /// skipped and returned with its error; the others are stored.
    pub fn load_prepared_many(&self, docs: Vec<Prepared>) -> Result<Vec<(RecordId, Error)>> {
        let mut failed = Vec::new();
        self.in_refetchable_transaction(|conn| {
            for Prepared { id, bytes, read } in docs {
                let stored = read.and_then(|read| {
                    let known = conn
                        .prepare_cached("SELECT 1 FROM docs WHERE id = ?1")?
                        .exists([id.as_bytes()])?;
                    if known || store::is_erased(conn, id)? {
                        let mut incoming = AutoCommit::load(&bytes).map_err(|e| bad(id, e))?;
                        return merge_into(conn, id, None, |document| {
                            document
                                .merge(&mut incoming)
                                .map(|_| ())
                                .map_err(|e| bad(id, e))
                        })
                        .map(|_| ());
                    }
                    // Changes without their history: nothing to store (as a merge would).
                    if !read.complete {
                        return Ok(());
                    }
                    let Read {
                        heads,
                        kind,
                        record,
                        ..
                    } = read;
                    // All of it came from the server: it is pushed as it stands.
                    let stored = store::Stored::saved(&bytes, &heads, &record);
                    let n = store::save_doc(conn, None, id, kind, &stored, Some(&stored.heads))?;
                    project::project_new(conn, n, &record)
                });
                match stored {
                    Ok(()) => {}
                    Err(e @ (Error::BadChange { .. } | Error::CorruptDocument { .. })) => {
                        failed.push((id, e))
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        })?;
        Ok(failed)
    }
}
