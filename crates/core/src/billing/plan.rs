//! The plan catalogue: prices net, in grosze, per seat per month, and the file storage each
//! seat brings to the account's pooled quota.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::BillingError;

/// Size of one extra storage pack, in GB.
pub const STORAGE_PACK_GB: u64 = 10;
/// Net price of one extra storage pack per month, in grosze (20,00 zł).
pub const STORAGE_PACK_MONTHLY: i64 = 2_000;

/// A plan an account pays for.
///
/// ```
/// use localspace_core::billing::Plan;
/// assert_eq!(Plan::Crm.seat_monthly(), 5_900); // 59,00 zł net
/// assert!(Plan::CrmAutomation.automation());
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    /// CRM: 59,00 zł per seat per month, 3 GB per seat.
    Crm,
    /// CRM and sales automation: 99,00 zł per seat per month, 8 GB per seat.
    CrmAutomation,
}

impl Plan {
    /// Every plan, cheapest first.
    pub const ALL: [Plan; 2] = [Plan::Crm, Plan::CrmAutomation];

    /// Net price of one seat for one month, in grosze.
    pub fn seat_monthly(self) -> i64 {
        match self {
            Plan::Crm => 5_900,
            Plan::CrmAutomation => 9_900,
        }
    }

    /// File storage each seat adds to the account's pool, in GB.
    pub fn storage_gb_per_seat(self) -> u64 {
        match self {
            Plan::Crm => 3,
            Plan::CrmAutomation => 8,
        }
    }

    /// Whether automation rules run for accounts on this plan.
    pub fn automation(self) -> bool {
        matches!(self, Plan::CrmAutomation)
    }

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Crm => "crm",
            Plan::CrmAutomation => "crm_automation",
        }
    }

    /// The name on quotes and invoices, in Polish.
    pub fn name_pl(self) -> &'static str {
        match self {
            Plan::Crm => "Localspace CRM",
            Plan::CrmAutomation => "Localspace CRM i automatyzacja sprzedaży",
        }
    }

    /// The name on quotes and invoices, in English.
    pub fn name_en(self) -> &'static str {
        match self {
            Plan::Crm => "Localspace CRM",
            Plan::CrmAutomation => "Localspace CRM and sales automation",
        }
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Plan {
    type Err = BillingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "crm" => Ok(Plan::Crm),
            "crm_automation" => Ok(Plan::CrmAutomation),
            other => Err(BillingError::UnknownPlan(other.to_owned())),
        }
    }
}

/// The account's pooled file quota in GB: seats × the plan's GB per seat + extra packs.
///
/// ```
/// use localspace_core::billing::{Plan, quota_gb};
/// assert_eq!(quota_gb(Plan::Crm, 20, 0), 60);
/// assert_eq!(quota_gb(Plan::CrmAutomation, 20, 2), 180);
/// ```
pub fn quota_gb(plan: Plan, seats: u32, packs: u32) -> u64 {
    u64::from(seats) * plan.storage_gb_per_seat() + u64::from(packs) * STORAGE_PACK_GB
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for plan in Plan::ALL {
            assert_eq!(plan.as_str().parse::<Plan>().unwrap(), plan);
            let json = serde_json::to_string(&plan).unwrap();
            assert_eq!(json, format!("\"{}\"", plan.as_str()));
        }
        assert_eq!(
            "enterprise".parse::<Plan>(),
            Err(BillingError::UnknownPlan("enterprise".into()))
        );
    }

    #[test]
    fn only_the_automation_plan_automates() {
        assert!(!Plan::Crm.automation());
        assert!(Plan::CrmAutomation.automation());
    }
}
