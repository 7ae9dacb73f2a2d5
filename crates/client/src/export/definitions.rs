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

/// The definitions of date fields among `definitions`.
pub(crate) fn date_fields(
    definitions: &[CustomDefinition],
) -> std::collections::BTreeSet<RecordId> {
    definitions
        .iter()
        .filter(|d| d.field_type == "date")
        .map(|d| d.id)
        .collect()
}

/// Gives custom date values their type back: a document stores a custom date as text (custom
/// values are read without a schema), and writes check it against its definition as a date.
pub(crate) fn typed_dates(
    record: &mut localspace_core::Record,
    dates: &std::collections::BTreeSet<RecordId>,
) {
    for (id, read) in record.custom.iter_mut() {
        if !dates.contains(id) {
            continue;
        }
        for value in std::iter::once(&mut read.value).chain(read.conflicts.iter_mut()) {
            if let localspace_core::Value::Text(s) = value
                && let Ok(date) = s.parse()
            {
                *value = localspace_core::Value::Date(date);
            }
        }
    }
}
