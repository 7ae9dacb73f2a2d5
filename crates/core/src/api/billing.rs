//! Plans, renewals and invoices: what an admin sends to price and pay a renewal, and what
//! the app shows under Payments → History.

use serde::{Deserialize, Serialize};

use crate::billing::{ChangeKind, Plan, Quote};
use crate::money::Money;

/// The company an invoice is made out to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Buyer {
    /// Company name as registered.
    pub company: String,
    /// Street, postcode and town; line breaks allowed.
    pub address: String,
    /// Polish tax id; separators and a `PL` prefix are accepted, the checksum is verified.
    pub nip: String,
    /// Where the invoice is e-mailed.
    pub invoice_email: String,
}

/// `POST /api/v1/billing/quote` (admin): price a renewal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    pub plan: Plan,
    /// Seats to pay for: at least the number of users holding a seat.
    pub seats: u32,
    /// Term in months, 1–36.
    pub months: u32,
    /// Extra storage packs of 10 GB.
    #[serde(default)]
    pub packs: u32,
    pub buyer: Buyer,
}

/// How a renewal is paid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Online through the payment provider; the VAT invoice follows at once when it succeeds.
    #[default]
    Online,
    /// Bank transfer against a pro-forma; the VAT invoice follows when the money arrives.
    Transfer,
}

/// What the test payment provider answers (test and development servers only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TestOutcome {
    Success,
    Failure,
    Pending,
}

/// `POST /api/v1/billing/renewals` (admin): price and pay a renewal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RenewalRequest {
    pub plan: Plan,
    pub seats: u32,
    pub months: u32,
    #[serde(default)]
    pub packs: u32,
    pub buyer: Buyer,
    #[serde(default)]
    pub method: PaymentMethod,
    /// Only with the test provider: the outcome it should report.
    #[serde(default)]
    pub test_outcome: Option<TestOutcome>,
    /// Language of the invoice e-mail, `pl` (default) or `en`.
    #[serde(default)]
    pub lang: Option<String>,
}

/// Where a renewal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Waiting for the money (bank transfer, or the provider has not confirmed yet).
    Pending,
    Paid,
    Failed,
}

/// The answer to a renewal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RenewalView {
    pub order_id: String,
    pub status: OrderStatus,
    pub quote: Quote,
    /// The VAT invoice (paid) or the pro-forma (pending); none when the payment failed.
    pub invoice: Option<InvoiceSummary>,
    /// Last paid day (Europe/Warsaw, `YYYY-MM-DD`) once paid.
    pub paid_until: Option<String>,
}

/// One row of Payments → History.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct InvoiceSummary {
    pub id: String,
    /// `FV/2026/03/0001` or `PF/2026/03/0001`.
    pub number: String,
    /// `vat` or `proforma`.
    pub kind: String,
    /// Issue date, Europe/Warsaw, `YYYY-MM-DD`.
    pub issue_date: String,
    pub gross: Money,
    /// `paid` (a VAT invoice), `awaiting_payment` or `settled` (a pro-forma whose VAT invoice
    /// was issued).
    pub status: String,
}

/// The account's plan as billing sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PlanView {
    pub plan: Option<Plan>,
    pub seats: u32,
    pub packs: u32,
    /// Last paid day, Europe/Warsaw, `YYYY-MM-DD`; none before the first payment.
    pub paid_until: Option<String>,
    pub quota_gb: u64,
    /// A downgrade waiting for the end of the paid term.
    pub scheduled: Option<ScheduledChange>,
}

/// A downgrade the admin asked for during a paid term: it takes effect on `from`, the day
/// after the last paid day. Renewing for the current plan replaces it; an upgrade cancels it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ScheduledChange {
    pub plan: Plan,
    pub seats: u32,
    pub packs: u32,
    /// Europe/Warsaw, `YYYY-MM-DD`.
    pub from: String,
}

/// `POST /api/v1/billing/changes/quote` (admin): what changing plan, seats or storage
/// during the paid term costs and when it takes effect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ChangeRequest {
    pub plan: Plan,
    pub seats: u32,
    #[serde(default)]
    pub packs: u32,
}

/// The answer to a change quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChangeQuote {
    pub kind: ChangeKind,
    /// The day it takes effect, Europe/Warsaw `YYYY-MM-DD`: today for an upgrade, the day
    /// after the paid term for a downgrade.
    pub effective: String,
    /// The prorated charge of an upgrade; none for a downgrade (nothing is charged).
    pub quote: Option<Quote>,
}

/// `POST /api/v1/billing/changes` (admin): upgrade at once (paid like a renewal) or
/// schedule a downgrade for the end of the paid term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PlanChangeRequest {
    pub plan: Plan,
    pub seats: u32,
    #[serde(default)]
    pub packs: u32,
    /// Required for an upgrade (the invoice's buyer); ignored for a downgrade.
    #[serde(default)]
    pub buyer: Option<Buyer>,
    #[serde(default)]
    pub method: PaymentMethod,
    /// Only with the test provider: the outcome it should report.
    #[serde(default)]
    pub test_outcome: Option<TestOutcome>,
    /// Language of the invoice e-mail, `pl` (default) or `en`.
    #[serde(default)]
    pub lang: Option<String>,
}

/// The answer to a change: an upgrade's payment (as for a renewal) or the scheduled
/// downgrade, and the plan as it stands afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChangeView {
    pub kind: ChangeKind,
    pub effective: String,
    /// The upgrade's order, invoice or pro-forma; none for a downgrade.
    pub payment: Option<RenewalView>,
    pub plan: PlanView,
}

/// `POST /api/v1/billing/payments/notify`: the payment provider (or an operator's tool with
/// the shared secret) reports that an order's money arrived or will not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PaymentNotice {
    pub order_id: String,
    pub status: OrderStatus,
    /// The provider's reference of the payment.
    #[serde(default)]
    pub reference: Option<String>,
    /// The shared secret that proves the notice comes from the provider.
    pub secret: String,
}

impl PlanChangeRequest {
    /// The change part.
    pub fn change_request(&self) -> ChangeRequest {
        ChangeRequest {
            plan: self.plan,
            seats: self.seats,
            packs: self.packs,
        }
    }
}

impl RenewalRequest {
    /// The order part, as a quote request.
    pub fn quote_request(&self) -> QuoteRequest {
        QuoteRequest {
            plan: self.plan,
            seats: self.seats,
            months: self.months,
            packs: self.packs,
            buyer: self.buyer.clone(),
        }
    }
}
