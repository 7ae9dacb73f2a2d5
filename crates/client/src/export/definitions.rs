//! Custom field definitions of one kind, read from their projection (they are records of
//! kind `custom_field`), in the order forms and lists show them.

use localspace_core::{Kind, RecordId};
use rusqlite::Connection;

use crate::error::Result;

/// One live custom field definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomDefinition {
    pub id: RecordId,
    pub key: String,
    pub label: String,
    /// `text`, `number`, `money`, `date`, `select`, `multiselect` or `bool`.
    pub field_type: String,
    pub options: Vec<String>,
}

/// The live definitions for `kind`, by position then label.
pub(crate) fn definitions(conn: &Connection, kind: Kind) -> Result<Vec<CustomDefinition>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, c.key, c.label, c.field_type, c.options FROM custom_fields c
         JOIN docs d ON d.n = c.n WHERE c.deleted = 0 AND c.target = ?1
         ORDER BY IFNULL(c.position, 0), c.label, d.id",
    )?;
    let rows = stmt.query_map([kind.as_str()], |r| {
        Ok(CustomDefinition {
            id: record_id_at(r, 0)?,
            key: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            label: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            field_type: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            options: r
                .get::<_, Option<String>>(4)?
                .and_then(|o| serde_json::from_str(&o).ok())
                .unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A record id stored as 16 bytes in column `i`.
pub(crate) fn record_id_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<RecordId> {
    let bytes: Vec<u8> = r.get(i)?;
    RecordId::from_slice(&bytes).ok_or(rusqlite::Error::InvalidColumnType(
        i,
        "id".into(),
        rusqlite::types::Type::Blob,
    ))
}
