//! The core's typed errors: what a user typed is invalid (`ValidationError`), or a stored
//! document cannot be read as a record (`DocError`). Both carry enough to show the user.

use thiserror::Error;

/// A value or patch that breaks the record's schema. Each variant names the field so the UI
/// can mark it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValidationError {
    #[error("unknown record kind `{0}`")]
    UnknownKind(String),
    #[error("`{field}` is not a field of a {kind}")]
    UnknownField { kind: String, field: String },
    #[error("`{field}` is required")]
    Required { field: String },
    #[error("`{field}` expects {expected}")]
    WrongType {
        field: String,
        expected: &'static str,
    },
    #[error("`{field}` is longer than {max} characters")]
    TooLong { field: String, max: usize },
    #[error("`{field}` must be one of: {allowed}")]
    NotAllowed { field: String, allowed: String },
    #[error("`{value}` is not a valid e-mail address")]
    BadEmail { value: String },
    #[error("`{value}` is not a valid phone number")]
    BadPhone { value: String },
    #[error("NIP `{value}` has a wrong checksum or length")]
    BadNip { value: String },
    #[error("probability must be between 0 and 100, got {value}")]
    BadProbability { value: i64 },
    #[error("`{0}` is not a currency code (three capital letters, e.g. PLN)")]
    BadCurrency(String),
    #[error("`{0}` is not an amount of money")]
    BadAmount(String),
    #[error("cannot combine {left} and {right}")]
    CurrencyMismatch { left: String, right: String },
    #[error("the amount is too large")]
    MoneyOverflow,
    #[error("`{field}`: {reason}")]
    Invalid { field: String, reason: String },
}

/// A stored document that cannot be read or changed as a record.
#[derive(Debug, Error)]
pub enum DocError {
    #[error("the document is corrupt: {0}")]
    Corrupt(#[source] automerge::AutomergeError),
    #[error("the document has no `kind`")]
    MissingKind,
    #[error("the document is a {found}, expected a {expected}")]
    KindMismatch { expected: String, found: String },
    #[error("invalid change: {0}")]
    BadChange(#[source] automerge::LoadChangeError),
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("automerge: {0}")]
    Automerge(#[from] automerge::AutomergeError),
}
