//! Payments go through a provider behind [`PaymentProvider`], so a real one plugs in later.
//! Two exist: none (bank transfers only) and the test provider, whose outcome the renewal
//! request picks. Both check payment notices against the configured shared secret.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use localspace_core::Money;
use localspace_core::api::TestOutcome;
use uuid::Uuid;

use super::config::{BillingConfig, ProviderKind};

/// A payment to take.
#[derive(Clone, Debug)]
pub struct Charge {
    pub order: Uuid,
    pub account: Uuid,
    pub amount: Money,
    pub description: String,
    /// What the test provider should answer; refused by any other provider.
    pub test_outcome: Option<TestOutcome>,
}

/// What the provider says about a charge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChargeOutcome {
    /// The money is taken.
    Paid { reference: String },
    /// The payment was refused.
    Failed { reason: String },
    /// The provider will confirm later with a notice.
    Pending { reference: String },
}

/// Why a charge could not be attempted.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("online payments are not configured on this server")]
    Unavailable,
    #[error("only the test provider takes a test outcome")]
    TestOutcomeRefused,
    #[error("the payment provider failed: {0}")]
    Failed(String),
}

/// The future returned by [`PaymentProvider::charge`].
pub type ChargeFuture<'a> =
    Pin<Box<dyn Future<Output = Result<ChargeOutcome, ProviderError>> + Send + 'a>>;

/// Takes payments. Object-safe so the server holds an `Arc<dyn PaymentProvider>`.
pub trait PaymentProvider: Send + Sync + fmt::Debug {
    /// Attempts a charge.
    fn charge<'a>(&'a self, charge: &'a Charge) -> ChargeFuture<'a>;
    /// Whether a notice's secret proves it comes from the provider (or the operator).
    fn genuine(&self, secret: &str) -> bool;
}

/// The provider the configuration names.
pub fn from_config(config: &BillingConfig) -> std::sync::Arc<dyn PaymentProvider> {
    let secret = config.notice_secret.clone();
    match config.provider {
        ProviderKind::None => std::sync::Arc::new(NoProvider { secret }),
        ProviderKind::Test => std::sync::Arc::new(TestProvider { secret }),
    }
}

/// Compares secrets in time independent of where they differ.
fn same_secret(expected: Option<&str>, given: &str) -> bool {
    let Some(expected) = expected else {
        return false;
    };
    let (a, b) = (expected.as_bytes(), given.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0 && !expected.is_empty()
}

/// No online payments: only bank transfers, confirmed by a notice.
struct NoProvider {
    secret: Option<String>,
}

impl fmt::Debug for NoProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NoProvider")
    }
}

impl PaymentProvider for NoProvider {
    fn charge<'a>(&'a self, _charge: &'a Charge) -> ChargeFuture<'a> {
        Box::pin(async { Err(ProviderError::Unavailable) })
    }

    fn genuine(&self, secret: &str) -> bool {
        same_secret(self.secret.as_deref(), secret)
    }
}

/// The test double of a payment provider: no network, the outcome the request asks for
/// (success when it asks for none).
pub struct TestProvider {
    secret: Option<String>,
}

impl fmt::Debug for TestProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TestProvider")
    }
}

impl PaymentProvider for TestProvider {
    fn charge<'a>(&'a self, charge: &'a Charge) -> ChargeFuture<'a> {
        Box::pin(async move {
            let reference = format!("test-{}", charge.order.simple());
            Ok(match charge.test_outcome.unwrap_or(TestOutcome::Success) {
                TestOutcome::Success => ChargeOutcome::Paid { reference },
                TestOutcome::Pending => ChargeOutcome::Pending { reference },
                TestOutcome::Failure => ChargeOutcome::Failed {
                    reason: "the test provider declined the card".into(),
                },
            })
        })
    }

    fn genuine(&self, secret: &str) -> bool {
        same_secret(self.secret.as_deref(), secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_must_match_exactly() {
        assert!(same_secret(Some("s3cret"), "s3cret"));
        assert!(!same_secret(Some("s3cret"), "s3cre"));
        assert!(!same_secret(Some("s3cret"), "s3cret!"));
        assert!(!same_secret(None, ""));
        assert!(!same_secret(Some(""), ""));
    }
}
