//! Writes inside one transaction: each is one automerge change plus the projection update.

use automerge::ActorId;
use localspace_core::{Kind, Patch, Record, RecordId, doc, validate};
use rusqlite::{OptionalExtension, Transaction};

use super::{project, store};
use crate::error::{Error, Result};

/// A write transaction on the replica; see [`super::Replica::write`].
#[derive(Debug)]
pub struct Batch<'t> {
    tx: &'t Transaction<'t>,
    actor: &'t ActorId,
    now_ms: i64,
}

impl<'t> Batch<'t> {
    pub(super) fn new(tx: &'t Transaction<'t>, actor: &'t ActorId, now_ms: i64) -> Self {
        Batch { tx, actor, now_ms }
    }

    /// Creates a record; returns its new id (UUIDv7).
    pub fn create(&mut self, kind: Kind, patch: &Patch) -> Result<RecordId> {
        self.check_custom(kind, patch)?;
        let new = NewRecord::build(self.actor, kind, patch, self.now_ms)?;
        self.insert(new)
    }

    /// Creates a record under an id the caller made (a file whose upload was reserved
    /// under that id before the record existed).
    pub fn create_with_id(&mut self, id: RecordId, kind: Kind, patch: &Patch) -> Result<RecordId> {
        self.check_custom(kind, patch)?;
        let new = NewRecord::build_as(self.actor, id, kind, patch, self.now_ms)?;
        self.insert(new)
    }

    /// Creates many records of one kind (imports, seeding). The automerge documents are built
    /// on another thread while this one writes the previous ones into SQLite, so the two cores
    /// of a laptop both work. Either every record is created or, on error, none (the caller's
    /// transaction rolls back).
    pub fn create_many(&mut self, kind: Kind, patches: &[Patch]) -> Result<Vec<RecordId>> {
        for patch in patches.iter().filter(|p| !p.custom.is_empty()) {
            self.check_custom(kind, patch)?;
        }
        let (actor, now) = (self.actor, self.now_ms);
        let chunks: Vec<&[Patch]> = patches.chunks(64).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let builders = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        let mut ids = Vec::with_capacity(patches.len());
        std::thread::scope(|scope| {
            let (sender, receiver) =
                std::sync::mpsc::sync_channel::<(usize, Result<Vec<NewRecord>>)>(2 * builders);
            for _ in 0..builders {
                let (sender, chunks, next) = (sender.clone(), &chunks, &next);
                scope.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { break };
                        let built = chunk
                            .iter()
                            .map(|p| NewRecord::build(actor, kind, p, now))
                            .collect();
                        if sender.send((i, built)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(sender);
            // Chunks arrive in any order; they are written in patch order.
            let mut waiting = std::collections::BTreeMap::new();
            let mut expected = 0;
            for (i, built) in receiver {
                waiting.insert(i, built);
                while let Some(built) = waiting.remove(&expected) {
                    for new in built? {
                        ids.push(self.insert(new)?);
                    }
                    expected += 1;
                }
            }
            Ok(ids)
        })
    }

    fn insert(&mut self, new: NewRecord) -> Result<RecordId> {
        let n = store::save_doc(
            self.tx,
            None,
            new.record.id,
            new.record.kind,
            &new.stored,
            None,
        )?;
        project::project_new(self.tx, n, &new.record)?;
        Ok(new.record.id)
    }

    /// Changes the fields a patch names.
    pub fn update(&mut self, id: RecordId, patch: &Patch) -> Result<()> {
        self.change(
            id,
            |document, kind, now| Ok(doc::update(document, kind, patch, now)?.is_some()),
            Some(patch),
        )
    }

    /// Moves a record to the trash.
    pub fn soft_delete(&mut self, id: RecordId) -> Result<()> {
        self.change(
            id,
            |document, _, now| Ok(doc::soft_delete(document, now)?.is_some()),
            None,
        )
    }

    /// Takes a record out of the trash.
    pub fn restore(&mut self, id: RecordId) -> Result<()> {
        self.change(
            id,
            |document, _, now| Ok(doc::restore(document, now)?.is_some()),
            None,
        )
    }

    /// Erases a record for good: its document and projections go, an id-only tombstone stays
    /// so a late change never brings it back.
    pub fn erase(&mut self, id: RecordId) -> Result<()> {
        self.erase_as(id, false)
    }

    /// Erases a record the server announced as erased (its tombstone is known there).
    pub(crate) fn erase_known(&mut self, id: RecordId) -> Result<()> {
        match self.erase_as(id, true) {
            Ok(()) | Err(Error::NotFound(_)) => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO erased (id, pushed) VALUES (?1, 1) ON CONFLICT (id) DO UPDATE SET pushed = 1",
                    )?
                    .execute([id.as_bytes()])?;
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Drops a record the user may no longer see, without a tombstone: a later grant brings
    /// it back. Nothing happens when the replica does not hold it.
    pub(crate) fn forget(&mut self, id: RecordId) -> Result<()> {
        if let Some(row) = store::load_row(self.tx, id)? {
            let kind = store::row_kind(id, &row)?;
            project::unproject(self.tx, row.n, kind)?;
            self.tx
                .prepare_cached("DELETE FROM docs WHERE n = ?1")?
                .execute([row.n])?;
        }
        Ok(())
    }

    fn erase_as(&mut self, id: RecordId, pushed: bool) -> Result<()> {
        if let Some(row) = store::load_row(self.tx, id)? {
            let kind = store::row_kind(id, &row)?;
            project::unproject(self.tx, row.n, kind)?;
            self.tx
                .prepare_cached("DELETE FROM docs WHERE n = ?1")?
                .execute([row.n])?;
        } else if !store::is_erased(self.tx, id)? {
            return Err(Error::NotFound(id));
        }
        self.tx
            .prepare_cached("INSERT OR IGNORE INTO erased (id, pushed) VALUES (?1, ?2)")?
            .execute(rusqlite::params![id.as_bytes(), pushed])?;
        Ok(())
    }

    /// Reads a record inside the transaction.
    pub fn get(&self, id: RecordId) -> Result<Record> {
        store::read_record(self.tx, id)
    }

    fn change(
        &mut self,
        id: RecordId,
        apply: impl FnOnce(&mut automerge::AutoCommit, Kind, i64) -> Result<bool>,
        patch: Option<&Patch>,
    ) -> Result<()> {
        let row = store::require_row(self.tx, id)?;
        let kind = store::row_kind(id, &row)?;
        if let Some(patch) = patch {
            self.check_custom(kind, patch)?;
        }
        let mut document = store::parse_doc(id, &row.bytes)?;
        document.set_actor(self.actor.clone());
        if !apply(&mut document, kind, self.now_ms)? {
            return Ok(());
        }
        let record = doc::read_record(&document, id).map_err(|e| Error::corrupt(id, e))?;
        let stored = store::Stored::new(&mut document, &record);
        store::save_doc(
            self.tx,
            Some(row.n),
            id,
            kind,
            &stored,
            row.pushed_heads.as_deref(),
        )?;
        project::project(self.tx, row.n, &record)
    }

    /// Custom values must match a live definition for this kind.
    fn check_custom(&self, kind: Kind, patch: &Patch) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT c.target, c.label, c.field_type, c.options FROM custom_fields c
             JOIN docs d ON d.n = c.n WHERE d.id = ?1 AND c.deleted = 0",
        )?;
        for (definition, value) in &patch.custom {
            let found = stmt
                .query_row([definition.as_bytes()], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                    ))
                })
                .optional()?;
            let Some((target, label, field_type, options)) = found else {
                return Err(localspace_core::ValidationError::Invalid {
                    field: definition.to_string(),
                    reason: "no such custom field".into(),
                }
                .into());
            };
            if target != kind.as_str() {
                return Err(localspace_core::ValidationError::Invalid {
                    field: label,
                    reason: format!("this custom field belongs to a {target}"),
                }
                .into());
            }
            if let Some(value) = value {
                let options: Vec<String> = options
                    .and_then(|o| serde_json::from_str(&o).ok())
                    .unwrap_or_default();
                validate::check_custom(&label, &field_type, &options, value)?;
            }
        }
        Ok(())
    }
}

/// A new record, built and ready to insert.
#[derive(Debug)]
struct NewRecord {
    record: Record,
    stored: store::Stored,
}

impl NewRecord {
    fn build(actor: &ActorId, kind: Kind, patch: &Patch, now_ms: i64) -> Result<NewRecord> {
        NewRecord::build_as(actor, new_id(now_ms), kind, patch, now_ms)
    }

    fn build_as(
        actor: &ActorId,
        id: RecordId,
        kind: Kind,
        patch: &Patch,
        now_ms: i64,
    ) -> Result<NewRecord> {
        let mut document = doc::create(actor.clone(), kind, patch, now_ms)?;
        // The first version reads as the patch says (tested in core), so the document is not
        // read back.
        let record = doc::initial_record(id, kind, patch);
        let stored = store::Stored::new(&mut document, &record);
        Ok(NewRecord { record, stored })
    }
}

/// A new UUIDv7 on the replica's clock with 80 random bits.
pub fn new_id(now_ms: i64) -> RecordId {
    let random = *uuid::Uuid::new_v4().as_bytes();
    let mut tail = [0u8; 10];
    tail.copy_from_slice(&random[..10]);
    RecordId::new_v7(u64::try_from(now_ms).unwrap_or(0), tail)
}
