//! What Localspace sells and how a renewal is priced: the plan catalogue, terms and their
//! discounts, VAT, the quote with its arithmetic spelled out, and the Europe/Warsaw calendar
//! that invoices and terms use. Pure arithmetic on integer grosze: no floats, no IO.

mod change;
mod dates;
mod error;
pub mod lifecycle;
mod plan;
mod quote;
mod storage;
mod term;
mod vat;
mod words;

pub use change::{ChangeFacts, ChangeKind, Holding, PaidTerm, classify, upgrade_quote};
pub use dates::{
    add_months, number_period, paid_through_end_ms, renewed_until, warsaw_date, warsaw_midnight_ms,
};
pub use error::BillingError;
pub use plan::{Plan, STORAGE_PACK_GB, STORAGE_PACK_MONTHLY, quota_gb};
pub use quote::{
    LineKind, MAX_PACKS, MAX_SEATS, Order, Quote, QuoteLine, ROUNDING_EN, ROUNDING_PL, quote,
};
pub use storage::{GB_BYTES, quota_bytes};
pub use term::Term;
pub use vat::{VAT_PERCENT, vat_of};
pub use words::{amount_en, amount_pl};
