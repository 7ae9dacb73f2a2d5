//! The manager's dashboard: value by stage, forecast by month (value × probability), won vs
//! lost and per salesperson. Aggregation is a pure function over deal facts so it is tested
//! without a replica; sums use checked integer money in the account's main currency (deals
//! in other currencies are left out of the sums, never converted at a made-up rate).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use localspace_core::api::UserView;
use localspace_core::{Currency, Money};

use super::App;
use super::contract::{
    Dashboard, DashboardRequest, MonthValue, OwnerStats, PipelineView, StageValue, Tally,
};
use super::error::AppResult;
use crate::query::DealFact;

/// Months of forecast shown after the current one.
const FORECAST_MONTHS: u32 = 12;

impl App {
    /// The dashboard of one pipeline.
    pub fn dashboard(&self, req: DashboardRequest) -> AppResult<Dashboard> {
        let replica = self.replica()?;
        let pipeline = self.pipeline(req.pipeline)?;
        let facts = replica.deal_facts(req.pipeline)?;
        let users = self.cached_coworkers(&replica);
        Ok(dashboard_of(
            &pipeline,
            &facts,
            &users,
            Currency::PLN,
            self.today(),
        ))
    }
}

fn add(tally: &mut Tally, minor: i64) {
    tally.count += 1;
    tally.value.minor = tally.value.minor.saturating_add(minor);
}

fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// Aggregates deal facts into the dashboard, in `currency`, as of `today`.
pub fn dashboard_of(
    pipeline: &PipelineView,
    facts: &[DealFact],
    users: &[UserView],
    currency: Currency,
    today: NaiveDate,
) -> Dashboard {
    let zero = Money::new(0, currency);
    let tally = || Tally {
        count: 0,
        value: zero,
    };
    let mut by_stage: Vec<StageValue> = pipeline
        .stages
        .iter()
        .map(|s| StageValue {
            stage: s.id.to_string(),
            name: s.name.clone(),
            count: 0,
            value: zero,
            weighted: zero,
        })
        .collect();

    // The forecast: overdue open deals count in the current month; then 12 months ahead.
    let this_month = month_key(today);
    let mut months: Vec<MonthValue> = Vec::new();
    let mut cursor = today.with_day(1).unwrap_or(today);
    for _ in 0..=FORECAST_MONTHS {
        months.push(MonthValue {
            month: month_key(cursor),
            weighted: zero,
            count: 0,
        });
        cursor = cursor
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(cursor);
    }
    let mut undated = MonthValue {
        month: "none".into(),
        weighted: zero,
        count: 0,
    };

    let mut won = tally();
    let mut lost = tally();
    let mut owners: BTreeMap<Option<uuid::Uuid>, (Tally, Tally, Tally)> = BTreeMap::new();
    for fact in facts.iter().filter(|f| f.currency == Some(currency)) {
        let value = Money::new(fact.value_minor, currency);
        let per_owner = owners
            .entry(fact.owner)
            .or_insert_with(|| (tally(), tally(), tally()));
        match fact.status.as_str() {
            "won" => {
                add(&mut won, fact.value_minor);
                add(&mut per_owner.1, fact.value_minor);
            }
            "lost" => {
                add(&mut lost, fact.value_minor);
                add(&mut per_owner.2, fact.value_minor);
            }
            _ => {
                add(&mut per_owner.0, fact.value_minor);
                let weighted = value.weighted(fact.probability).minor;
                if let Some(stage) = by_stage.iter_mut().find(|s| s.stage == fact.stage) {
                    stage.count += 1;
                    stage.value.minor = stage.value.minor.saturating_add(fact.value_minor);
                    stage.weighted.minor = stage.weighted.minor.saturating_add(weighted);
                }
                let month = fact
                    .close_date
                    .as_deref()
                    .and_then(|d| d.parse::<NaiveDate>().ok())
                    .map(|d| month_key(d).max(this_month.clone()));
                let slot = match month {
                    Some(m) => months.iter_mut().find(|x| x.month == m),
                    None => Some(&mut undated),
                };
                if let Some(slot) = slot {
                    slot.count += 1;
                    slot.weighted.minor = slot.weighted.minor.saturating_add(weighted);
                }
            }
        }
    }
    months.push(undated);

    let name_of = |owner: Option<uuid::Uuid>| -> String {
        owner
            .and_then(|id| users.iter().find(|u| u.id.0 == id))
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let mut per_owner: Vec<OwnerStats> = owners
        .into_iter()
        .map(|(owner, (open, won, lost))| OwnerStats {
            owner,
            name: name_of(owner),
            open,
            won,
            lost,
        })
        .collect();
    per_owner.sort_by(|a, b| {
        b.won
            .value
            .minor
            .cmp(&a.won.value.minor)
            .then(a.name.cmp(&b.name))
    });

    Dashboard {
        currency: currency.code().to_owned(),
        by_stage,
        forecast: months,
        won,
        lost,
        per_owner,
    }
}

#[cfg(test)]
mod tests {
    use localspace_core::{RecordId, Stage, UserId};

    use super::*;

    fn fact(stage: &str, minor: i64, p: u8, close: Option<&str>, status: &str) -> DealFact {
        DealFact {
            stage: stage.into(),
            value_minor: minor,
            currency: Some(Currency::PLN),
            probability: p,
            close_date: close.map(Into::into),
            status: status.into(),
            owner: None,
        }
    }

    #[test]
    fn stages_forecast_and_outcomes_add_up() {
        let a = RecordId(uuid::Uuid::from_u128(1));
        let b = RecordId(uuid::Uuid::from_u128(2));
        let pipeline = PipelineView {
            id: RecordId(uuid::Uuid::from_u128(9)),
            name: "Sprzedaż".into(),
            stages: vec![
                Stage {
                    id: a,
                    name: "Kontakt".into(),
                    position: 0,
                    probability: 10,
                },
                Stage {
                    id: b,
                    name: "Oferta".into(),
                    position: 1,
                    probability: 50,
                },
            ],
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let facts = vec![
            fact(&a.to_string(), 10_000, 10, Some("2026-12-05"), "open"),
            fact(&b.to_string(), 1_001, 50, Some("2026-10-01"), "open"), // overdue → this month
            fact(&b.to_string(), 30_000, 50, None, "open"),
            fact(&b.to_string(), 99_900, 100, Some("2026-11-01"), "won"),
            fact(&a.to_string(), 5_000, 0, None, "lost"),
            DealFact {
                currency: Some(Currency::EUR),
                ..fact(&a.to_string(), 7, 10, None, "open")
            },
        ];
        let users = vec![UserView {
            id: UserId(uuid::Uuid::from_u128(5)),
            name: "Anna".into(),
            email: "a@x.pl".into(),
            role: localspace_core::api::Role::User,
            seat: true,
            active: true,
            lang: "pl".into(),
        }];
        let d = dashboard_of(&pipeline, &facts, &users, Currency::PLN, today);
        assert_eq!(d.by_stage[0].count, 1);
        assert_eq!(d.by_stage[0].weighted.minor, 1_000);
        assert_eq!(d.by_stage[1].count, 2);
        assert_eq!(d.by_stage[1].value.minor, 30_000 + 1_001);
        // 1,001 × 50% = 500.5 → 501 (half away from zero, per deal)
        assert_eq!(d.by_stage[1].weighted.minor, 15_000 + 501);
        assert_eq!(d.forecast[0].month, "2026-11");
        assert_eq!(d.forecast[0].weighted.minor, 501);
        assert_eq!(d.forecast[1].weighted.minor, 1_000);
        assert_eq!(d.forecast.last().unwrap().month, "none");
        assert_eq!(d.forecast.last().unwrap().weighted.minor, 15_000);
        assert_eq!((d.won.count, d.won.value.minor), (1, 99_900));
        assert_eq!((d.lost.count, d.lost.value.minor), (1, 5_000));
        assert_eq!(d.per_owner.len(), 1, "EUR deals are not summed into PLN");
        assert_eq!(d.per_owner[0].open.count, 3);
    }
}
