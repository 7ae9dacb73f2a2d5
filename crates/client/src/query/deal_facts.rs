//! The facts behind the manager's statistics: every live deal of a pipeline with its value,
//! effective probability (the deal's own, else its stage's), close date, status and owner.

use localspace_core::{Currency, RecordId};

use crate::error::Result;
use crate::replica::{Replica, store_read};

/// One deal, as statistics need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DealFact {
    pub stage: String,
    pub value_minor: i64,
    pub currency: Option<Currency>,
    pub probability: u8,
    pub close_date: Option<String>,
    pub status: String,
    pub owner: Option<uuid::Uuid>,
}

impl Replica {
    /// Every live deal of a pipeline.
    pub fn deal_facts(&self, pipeline: RecordId) -> Result<Vec<DealFact>> {
        let conn = self.lock();
        let (n, _) = store_read(&conn, pipeline)?;
        let mut stmt = conn.prepare_cached(
            "SELECT d.stage, IFNULL(d.value_minor, 0), d.currency,
                    MIN(MAX(IFNULL(d.probability, IFNULL(s.probability, 0)), 0), 100),
                    d.close_date, d.status, d.owner
             FROM deals d LEFT JOIN stages s ON s.pipeline = ?1 AND s.stage = d.stage
             WHERE d.pipeline = ?2 AND d.deleted = 0",
        )?;
        let rows = stmt.query_map(rusqlite::params![n, pipeline.as_bytes()], |r| {
            Ok(DealFact {
                stage: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                value_minor: r.get(1)?,
                currency: r.get::<_, Option<String>>(2)?.and_then(|c| c.parse().ok()),
                probability: u8::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                close_date: r.get(4)?,
                status: r.get(5)?,
                owner: r
                    .get::<_, Option<Vec<u8>>>(6)?
                    .and_then(|b| uuid::Uuid::from_slice(&b).ok()),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
