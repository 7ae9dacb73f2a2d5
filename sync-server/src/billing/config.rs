//! The `[billing]` section of the configuration: who sells (printed on every invoice) and
//! which payment provider takes the money.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The seller on invoices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Seller {
    pub name: String,
    /// Street, postcode and town; `\n` separates lines.
    pub address: String,
    pub nip: String,
    /// Where pro-forma invoices ask to transfer the money.
    pub bank_account: String,
}

impl Default for Seller {
    fn default() -> Self {
        Seller {
            name: "Localspace sp. z o.o.".into(),
            address: "ul. Żurawia 6/12\n00-503 Warszawa".into(),
            nip: "1234563218".into(),
            bank_account: "PL61 1090 1014 0000 0712 1981 2874".into(),
        }
    }
}

/// Which payment provider takes online payments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// No online payments: renewals go by bank transfer against a pro-forma.
    #[default]
    None,
    /// The test provider: the renewal request picks success, failure or pending. For tests
    /// and development servers only; never configure it where real customers pay.
    Test,
}

/// `[billing]`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BillingConfig {
    pub seller: Seller,
    pub provider: ProviderKind,
    /// The shared secret a payment notice must carry (provider callbacks and the operator's
    /// "transfer received" tool). Without it, notices are refused. Never printed by `Debug`.
    pub notice_secret: Option<String>,
}

impl Default for BillingConfig {
    fn default() -> Self {
        BillingConfig {
            seller: Seller::default(),
            provider: ProviderKind::None,
            notice_secret: None,
        }
    }
}

impl fmt::Debug for BillingConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BillingConfig")
            .field("seller", &self.seller)
            .field("provider", &self.provider)
            .field(
                "notice_secret",
                &self.notice_secret.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}
