//! Storage of billing behind one trait, beside the account store: the plan state on the
//! account, orders, and invoices with their gapless numbers. Every read takes the account
//! and is scoped to it, except the order lookup a provider's notice needs.

use chrono::NaiveDate;
use localspace_core::api::{Buyer, OrderStatus, PaymentMethod};
use localspace_core::billing::lifecycle::Standing;
use localspace_core::billing::{Holding, Plan, Quote};
use uuid::Uuid;

use super::document::{Invoice, InvoiceDocument};
use crate::store::{AccountStatus, StoreResult};

/// What the account has paid for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanState {
    pub status: AccountStatus,
    /// None until the first payment (the trial has the full product).
    pub plan: Option<Plan>,
    pub seats: u32,
    pub packs: u32,
    /// Last paid day, Europe/Warsaw, inclusive.
    pub paid_until: Option<NaiveDate>,
    /// The last renewal's first day and months: what an upgrade is prorated against.
    pub term: Option<(NaiveDate, u32)>,
    /// A downgrade that takes effect on the date (the day after the paid term).
    pub scheduled: Option<(Holding, NaiveDate)>,
}

impl PlanState {
    /// The state with a scheduled change that is due by `today` taken into account, without
    /// writing it (the lifecycle pass or the next plan read stores it).
    pub fn as_of(mut self, today: NaiveDate) -> PlanState {
        if let Some((next, from)) = self.scheduled
            && from <= today
        {
            self.plan = Some(next.plan);
            self.seats = next.seats;
            self.packs = next.packs;
            self.scheduled = None;
        }
        self
    }

    /// What the account holds now; none on the trial.
    pub fn holding(&self) -> Option<Holding> {
        self.plan.map(|plan| Holding {
            plan,
            seats: self.seats,
            packs: self.packs,
        })
    }
}

/// A renewal the admin asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    pub id: Uuid,
    pub account: Uuid,
    pub created_at: i64,
    pub method: PaymentMethod,
    pub status: OrderStatus,
    pub buyer: Buyer,
    /// Language of the invoice e-mail.
    pub lang: String,
    /// The priced order: plan, seats, months, packs and lines.
    pub quote: Quote,
    /// The provider's payment reference.
    pub reference: Option<String>,
}

/// The result of settling an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settled {
    pub invoice: Invoice,
    pub paid_until: NaiveDate,
    /// The order had been settled before (a repeated notice); nothing changed.
    pub repeated: bool,
}

/// Storage of plans, orders and invoices.
pub trait BillingStore: Send + Sync + std::fmt::Debug {
    fn plan_state(&self, account: Uuid) -> StoreResult<PlanState>;

    fn insert_order(&self, order: &Order) -> StoreResult<()>;
    fn order(&self, account: Uuid, id: Uuid) -> StoreResult<Order>;
    /// An order by id alone: a payment notice names only the order.
    fn order_by_id(&self, id: Uuid) -> StoreResult<Order>;
    /// Marks a pending order failed; a paid order stays paid.
    fn fail_order(&self, account: Uuid, id: Uuid, reference: Option<&str>) -> StoreResult<()>;

    /// Issues the next pro-forma number of the issue month for a pending order.
    fn issue_proforma(
        &self,
        account: Uuid,
        order: Uuid,
        issued_at: i64,
        document: &InvoiceDocument,
    ) -> StoreResult<Invoice>;

    /// The money for an order arrived, all in one transaction: the next VAT invoice number
    /// of the month, the paid term extended from the later of today and the current last
    /// paid day, plan, seats and packs set, the account active, the pro-forma settled.
    /// A renewal for the holding of a scheduled downgrade, bought while the term runs, keeps
    /// the current holding and the schedule (the new term starts with the downgrade); any
    /// other renewal replaces the schedule. An upgrade order (its quote carries `change`)
    /// does not extend the term: it sets the new holding at once and cancels the schedule.
    /// Settling a settled order again returns its invoice with `repeated`. `NoFreeSeat` when
    /// more users hold seats than the order buys.
    fn settle_order(
        &self,
        account: Uuid,
        order: Uuid,
        paid_at: i64,
        reference: Option<&str>,
        document: &InvoiceDocument,
    ) -> StoreResult<Settled>;

    /// Stores the downgrade due on `from`, or clears it with `None`.
    fn schedule_change(&self, account: Uuid, next: Option<(Holding, NaiveDate)>)
    -> StoreResult<()>;
    /// Puts the scheduled changes due by `today` into effect, for one account or (`None`)
    /// all; answers the accounts changed.
    fn apply_scheduled(&self, account: Option<Uuid>, today: NaiveDate) -> StoreResult<Vec<Uuid>>;

    /// The lifecycle standing of every account not yet deleted.
    fn standings(&self) -> StoreResult<Vec<(Uuid, Standing)>>;
    /// Remembers the deletion warning sent, so it is sent once.
    fn record_warning(&self, account: Uuid, at: i64, days: u8) -> StoreResult<()>;
    /// Deletes an account's data: users, sessions, invitations, records and their history,
    /// the audit log. Orders and invoices stay (accounting records); the account is marked
    /// deleted and no one can sign in to it again.
    fn purge_account(&self, account: Uuid) -> StoreResult<()>;

    /// The account's invoices, newest first.
    fn invoices(&self, account: Uuid) -> StoreResult<Vec<Invoice>>;
    fn invoice(&self, account: Uuid, id: Uuid) -> StoreResult<Invoice>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_due_downgrade_counts_before_it_is_stored() {
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let state = PlanState {
            status: AccountStatus::Active,
            plan: Some(Plan::CrmAutomation),
            seats: 5,
            packs: 1,
            paid_until: Some(day("2026-04-02")),
            term: None,
            scheduled: Some((
                Holding {
                    plan: Plan::Crm,
                    seats: 3,
                    packs: 0,
                },
                day("2026-04-03"),
            )),
        };
        let before = state.clone().as_of(day("2026-04-02"));
        assert_eq!((before.plan, before.seats), (Some(Plan::CrmAutomation), 5));
        let after = state.as_of(day("2026-04-03"));
        assert_eq!(
            (after.plan, after.seats, after.packs, after.scheduled),
            (Some(Plan::Crm), 3, 0, None)
        );
    }
}
