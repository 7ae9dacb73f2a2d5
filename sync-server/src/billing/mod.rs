//! Plans, renewals, payments and invoices on the server: the account's plan state and its
//! orders and invoices behind [`BillingStore`], payments behind [`PaymentProvider`], gapless
//! invoice numbers, the invoice PDF and the e-mail that carries it. Prices come from
//! `localspace_core::billing`; the routes are in `routes/billing.rs`.

pub mod change;
pub mod config;
pub mod document;
pub mod letter;
pub mod lifecycle;
pub mod pdf;
pub mod provider;
pub mod renewal;
pub mod store;

pub use config::{BillingConfig, ProviderKind, Seller};
pub use provider::{ChargeOutcome, PaymentProvider};
pub use store::BillingStore;
