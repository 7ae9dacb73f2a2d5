//! The length of a renewal and the discount it earns: the longer the term, the lower the
//! price per month.

use serde::{Deserialize, Serialize};

use super::BillingError;

/// A renewal term of 1–36 whole months.
///
/// ```
/// use localspace_core::billing::Term;
/// assert_eq!(Term::new(12).unwrap().discount_percent(), 10);
/// assert!(Term::new(37).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Term(u8);

impl Term {
    /// The shortest term.
    pub const MIN_MONTHS: u32 = 1;
    /// The longest term.
    pub const MAX_MONTHS: u32 = 36;

    /// A term of `months`; `BadTerm` outside 1–36.
    pub fn new(months: u32) -> Result<Term, BillingError> {
        if (Self::MIN_MONTHS..=Self::MAX_MONTHS).contains(&months) {
            // At most 36, so it fits.
            Ok(Term(months as u8))
        } else {
            Err(BillingError::BadTerm(months))
        }
    }

    /// Number of months.
    pub fn months(self) -> u32 {
        u32::from(self.0)
    }

    /// The discount on the plan for this term: 1–6 months 0%, 7–11 5%, 12–23 10%,
    /// 24–36 15%.
    pub fn discount_percent(self) -> u8 {
        match self.0 {
            0..=6 => 0,
            7..=11 => 5,
            12..=23 => 10,
            _ => 15,
        }
    }
}

impl TryFrom<u32> for Term {
    type Error = BillingError;
    fn try_from(months: u32) -> Result<Self, Self::Error> {
        Term::new(months)
    }
}

impl From<Term> for u32 {
    fn from(term: Term) -> u32 {
        term.months()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::one(1, 0)]
    #[case::six(6, 0)]
    #[case::seven(7, 5)]
    #[case::eleven(11, 5)]
    #[case::twelve(12, 10)]
    #[case::twenty_three(23, 10)]
    #[case::twenty_four(24, 15)]
    #[case::thirty_six(36, 15)]
    fn discount_follows_the_term(#[case] months: u32, #[case] percent: u8) {
        assert_eq!(Term::new(months).unwrap().discount_percent(), percent);
    }

    #[rstest]
    #[case::zero(0)]
    #[case::thirty_seven(37)]
    #[case::huge(u32::MAX)]
    fn terms_outside_1_to_36_are_refused(#[case] months: u32) {
        assert_eq!(Term::new(months), Err(BillingError::BadTerm(months)));
        assert!(serde_json::from_str::<Term>(&months.to_string()).is_err());
    }
}
