//! The pipeline summary managers watch: per stage the number of open deals, their value and
//! their value weighted by probability (the deal's own, else the stage's), per currency.

use std::collections::BTreeMap;

use localspace_core::{Currency, Money, RecordId};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::replica::{Replica, store_read};

/// One stage of the summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StageSummary {
    pub stage: String,
    pub name: String,
    pub probability: u8,
    pub count: u64,
    /// Sum of deal values, one entry per currency.
    pub sum: Vec<Money>,
    /// Sum of values × probability, rounded per deal, one entry per currency.
    pub weighted: Vec<Money>,
}

/// Won and lost totals of a pipeline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Totals {
    pub count: u64,
    pub sum: Vec<Money>,
}

/// The whole summary of a pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PipelineSummary {
    pub stages: Vec<StageSummary>,
    pub won: Totals,
    pub lost: Totals,
}

/// Count, sums and weighted sums per currency of one stage.
type StageTally = (u64, BTreeMap<Currency, i64>, BTreeMap<Currency, i64>);

fn money_list(map: BTreeMap<Currency, i64>) -> Vec<Money> {
    map.into_iter().map(|(c, m)| Money::new(m, c)).collect()
}

impl Replica {
    /// The summary of one pipeline: every stage in board order, empty ones included.
    pub fn pipeline_summary(&self, pipeline: RecordId) -> Result<PipelineSummary> {
        let conn = self.lock();
        let (n, _) = store_read(&conn, pipeline)?;
        let mut stages: Vec<StageSummary> = conn
            .prepare_cached(
                "SELECT stage, name, probability FROM stages WHERE pipeline = ?1 ORDER BY position, stage",
            )?
            .query_map([n], |r| {
                Ok(StageSummary {
                    stage: r.get(0)?,
                    name: r.get(1)?,
                    probability: r.get(2)?,
                    count: 0,
                    sum: Vec::new(),
                    weighted: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        // Weighted value rounds half away from zero per deal, as Money::weighted does.
        let mut stmt = conn.prepare_cached(
            "SELECT d.stage, d.currency, count(*), IFNULL(sum(d.value_minor), 0),
                    IFNULL(sum(CASE WHEN d.value_minor >= 0
                        THEN (d.value_minor * MIN(MAX(IFNULL(d.probability, IFNULL(s.probability, 0)), 0), 100) + 50) / 100
                        ELSE (d.value_minor * MIN(MAX(IFNULL(d.probability, IFNULL(s.probability, 0)), 0), 100) - 50) / 100 END), 0)
             FROM deals d LEFT JOIN stages s ON s.pipeline = ?1 AND s.stage = d.stage
             WHERE d.pipeline = ?2 AND d.deleted = 0 AND d.status = 'open'
             GROUP BY d.stage, d.currency",
        )?;
        let mut per_stage: BTreeMap<String, StageTally> = BTreeMap::new();
        let rows = stmt.query_map(rusqlite::params![n, pipeline.as_bytes()], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        for row in rows {
            let (stage, currency, count, sum, weighted) = row?;
            let entry = per_stage.entry(stage.unwrap_or_default()).or_default();
            entry.0 += count as u64;
            if let Some(currency) = currency.and_then(|c| c.parse::<Currency>().ok()) {
                *entry.1.entry(currency).or_default() += sum;
                *entry.2.entry(currency).or_default() += weighted;
            }
        }
        for stage in &mut stages {
            if let Some((count, sum, weighted)) = per_stage.remove(&stage.stage) {
                stage.count = count;
                stage.sum = money_list(sum);
                stage.weighted = money_list(weighted);
            }
        }

        let totals = |status: &str| -> Result<Totals> {
            let mut stmt = conn.prepare_cached(
                "SELECT currency, count(*), IFNULL(sum(value_minor), 0) FROM deals
                 WHERE pipeline = ?1 AND deleted = 0 AND status = ?2 GROUP BY currency",
            )?;
            let mut totals = Totals::default();
            let mut sums = BTreeMap::new();
            let rows = stmt.query_map(rusqlite::params![pipeline.as_bytes(), status], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?;
            for row in rows {
                let (currency, count, sum) = row?;
                totals.count += count as u64;
                if let Some(c) = currency.and_then(|c| c.parse::<Currency>().ok()) {
                    *sums.entry(c).or_default() += sum;
                }
            }
            totals.sum = money_list(sums);
            Ok(totals)
        };
        Ok(PipelineSummary {
            stages,
            won: totals("won")?,
            lost: totals("lost")?,
        })
    }
}
