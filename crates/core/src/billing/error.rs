//! Why an order cannot be priced: each variant names the field the admin has to change.

/// An order outside what the catalogue sells.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BillingError {
    #[error("a term is 1 to 36 months, got {0}")]
    BadTerm(u32),
    #[error("an order needs at least one seat and at most 10,000")]
    BadSeats(u32),
    #[error("extra storage is 0 to 1,000 packs, got {0}")]
    BadPacks(u32),
    #[error("`{0}` is not a plan (crm, crm_automation)")]
    UnknownPlan(String),
    #[error("the change asks for the plan, seats and storage the account already has")]
    NoChange,
    #[error(
        "a change either raises (an upgrade, at once) or lowers (a downgrade, at the term's end) \
         plan, seats and storage; do one, then the other"
    )]
    MixedChange,
}

impl BillingError {
    /// The request field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            BillingError::BadTerm(_) => "months",
            BillingError::BadSeats(_) => "seats",
            BillingError::BadPacks(_) => "packs",
            BillingError::UnknownPlan(_) | BillingError::NoChange | BillingError::MixedChange => {
                "plan"
            }
        }
    }
}
