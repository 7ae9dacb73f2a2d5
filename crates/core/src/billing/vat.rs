//! VAT on a net amount: 23%, the Polish standard rate for software services, rounded per
//! line half-up to the grosz.

use crate::money::{Currency, Money};

/// The VAT rate, in percent.
pub const VAT_PERCENT: u32 = 23;

/// VAT on a net amount in grosze at 23%, rounded half-up (half away from zero, so a discount
/// line rounds like its positive twin) to a whole grosz.
///
/// ```
/// use localspace_core::billing::vat_of;
/// assert_eq!(vat_of(5_900), 1_357);
/// assert_eq!(vat_of(50), 12); // 11.5 grosza rounds up
/// assert_eq!(vat_of(-50), -12);
/// ```
pub fn vat_of(net: i64) -> i64 {
    Money::new(net, Currency::PLN).percent(VAT_PERCENT).minor
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn vat_is_within_half_a_grosz_of_exact(net in -1_000_000_000_000i64..1_000_000_000_000) {
            let vat = vat_of(net);
            let exact = i128::from(net) * 23;
            prop_assert!((i128::from(vat) * 100 - exact).abs() <= 50);
            prop_assert_eq!(vat_of(-net), -vat);
        }
    }
}
