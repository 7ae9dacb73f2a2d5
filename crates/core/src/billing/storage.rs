//! The pooled file quota in bytes: what an upload reservation is checked against. The plan
//! catalogue gives GB per seat and per pack; this turns an account's plan state into bytes.

use super::{Plan, quota_gb};

/// Bytes in one GB of quota (decimal, as disks and file managers count).
pub const GB_BYTES: u64 = 1_000_000_000;

/// The account's pooled file quota in bytes: seats × the plan's GB + packs × 10 GB, with
/// `gb_bytes` bytes per GB (tests shrink it). An account that has not paid yet is on the
/// trial, which has the full product.
///
/// ```
/// use localspace_core::billing::{GB_BYTES, Plan, quota_bytes};
/// assert_eq!(quota_bytes(Some(Plan::Crm), 2, 1, GB_BYTES), 16 * GB_BYTES);
/// assert_eq!(quota_bytes(None, 1, 0, 1_000), 8_000); // the trial: crm_automation
/// ```
pub fn quota_bytes(plan: Option<Plan>, seats: u32, packs: u32, gb_bytes: u64) -> u64 {
    let plan = plan.unwrap_or(Plan::CrmAutomation);
    quota_gb(plan, seats, packs).saturating_mul(gb_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_and_packs_raise_the_pool() {
        let one = quota_bytes(Some(Plan::Crm), 1, 0, GB_BYTES);
        assert_eq!(quota_bytes(Some(Plan::Crm), 2, 0, GB_BYTES), 2 * one);
        assert_eq!(
            quota_bytes(Some(Plan::Crm), 1, 1, GB_BYTES),
            one + 10 * GB_BYTES
        );
        assert_eq!(
            quota_bytes(Some(Plan::CrmAutomation), 20, 0, GB_BYTES),
            160 * GB_BYTES
        );
    }
}
