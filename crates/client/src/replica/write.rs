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
        let id = new_id(self.now_ms);
        let mut document = doc::create(self.actor.clone(), kind, patch, self.now_ms)?;
        let n = store::save_doc(self.tx, id, kind, &mut document, None)?;
        let record = doc::read_record(&document, id)?;
        project::project(self.tx, n, &record)?;
        Ok(id)
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

    /// Erases a record: its document and projections go, an id-only tombstone stays so a
    /// late change never brings it back.
    pub fn erase(&mut self, id: RecordId) -> Result<()> {
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
            .prepare_cached("INSERT OR IGNORE INTO erased (id, pushed) VALUES (?1, 0)")?
            .execute([id.as_bytes()])?;
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
        store::save_doc(
            self.tx,
            id,
            kind,
            &mut document,
            row.pushed_heads.as_deref(),
        )?;
        let record = doc::read_record(&document, id).map_err(|e| Error::corrupt(id, e))?;
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

/// A new UUIDv7 on the replica's clock with 80 random bits.
fn new_id(now_ms: i64) -> RecordId {
    let random = *uuid::Uuid::new_v4().as_bytes();
    let mut tail = [0u8; 10];
    tail.copy_from_slice(&random[..10]);
    RecordId::new_v7(u64::try_from(now_ms).unwrap_or(0), tail)
}
