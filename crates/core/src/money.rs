//! Money as integer minor units plus an ISO 4217 currency: never a float, so sums, weighted
//! forecasts and invoices are exact and identical on every device.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ValidationError;

/// An ISO 4217 currency code, three upper-case ASCII letters.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Polish złoty, the default currency of an account.
    pub const PLN: Currency = Currency(*b"PLN");
    /// Euro.
    pub const EUR: Currency = Currency(*b"EUR");

    /// The three-letter code.
    pub fn code(&self) -> &str {
        // Constructed only from ASCII upper-case letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// Number of digits after the decimal point in this currency's minor unit.
    pub fn minor_digits(&self) -> u32 {
        match &self.0 {
            b"JPY" | b"KRW" | b"ISK" => 0,
            _ => 2,
        }
    }
}

impl FromStr for Currency {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.as_bytes();
        if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_uppercase) {
            Ok(Currency([bytes[0], bytes[1], bytes[2]]))
        } else {
            Err(ValidationError::BadCurrency(s.to_owned()))
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// An amount of money: integer minor units (grosze, cents) and a currency.
///
/// ```
/// use localspace_core::{Currency, Money};
/// let price = Money::new(5_900, Currency::PLN); // 59,00 zł
/// assert_eq!(price.checked_mul(3).unwrap().minor, 17_700);
/// assert_eq!(price.weighted(25).minor, 1_475);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
pub struct Money {
    /// Amount in minor units (1 PLN = 100).
    pub minor: i64,
    /// The currency of the amount.
    #[ts(type = "string")]
    pub currency: Currency,
}

impl Money {
    /// An amount in minor units.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    /// Zero in the given currency.
    pub fn zero(currency: Currency) -> Self {
        Money::new(0, currency)
    }

    /// Sum of two amounts of one currency; an error on mixed currencies or overflow.
    pub fn checked_add(self, other: Money) -> Result<Money, ValidationError> {
        if self.currency != other.currency {
            return Err(ValidationError::CurrencyMismatch {
                left: self.currency.to_string(),
                right: other.currency.to_string(),
            });
        }
        self.minor
            .checked_add(other.minor)
            .map(|minor| Money::new(minor, self.currency))
            .ok_or(ValidationError::MoneyOverflow)
    }

    /// The amount times a whole quantity; an error on overflow.
    pub fn checked_mul(self, quantity: i64) -> Result<Money, ValidationError> {
        self.minor
            .checked_mul(quantity)
            .map(|minor| Money::new(minor, self.currency))
            .ok_or(ValidationError::MoneyOverflow)
    }

    /// The amount weighted by a probability in percent (0–100), rounded half away from
    /// zero to a whole minor unit: the weighted value of a deal in a forecast.
    pub fn weighted(self, percent: u8) -> Money {
        let scaled = i128::from(self.minor) * i128::from(percent.min(100));
        let rounded = if scaled >= 0 {
            (scaled + 50) / 100
        } else {
            (scaled - 50) / 100
        };
        // |rounded| <= |minor|, so it fits back into i64.
        Money::new(rounded as i64, self.currency)
    }

    /// `percent`% of the amount, rounded half away from zero to a whole minor unit (half-up
    /// for positive amounts), so a negative line rounds exactly like its positive twin: VAT
    /// and discounts on invoices.
    ///
    /// ```
    /// use localspace_core::{Currency, Money};
    /// assert_eq!(Money::new(50, Currency::PLN).percent(23).minor, 12); // 11.5 → 12
    /// assert_eq!(Money::new(-50, Currency::PLN).percent(23).minor, -12);
    /// ```
    pub fn percent(self, percent: u32) -> Money {
        let scaled = i128::from(self.minor) * i128::from(percent);
        let rounded = if scaled >= 0 {
            (scaled + 50) / 100
        } else {
            (scaled - 50) / 100
        };
        let minor = i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN });
        Money::new(minor, self.currency)
    }

    /// Parses a decimal amount as people type it: `1234,5`, `1 234.50`, `-12`.
    pub fn parse_decimal(text: &str, currency: Currency) -> Result<Money, ValidationError> {
        let bad = || ValidationError::BadAmount(text.to_owned());
        let cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        let (negative, digits) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.as_str()),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let places = currency.minor_digits() as usize;
        if whole.is_empty() && fraction.is_empty()
            || fraction.len() > places
            || !whole
                .chars()
                .chain(fraction.chars())
                .all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let mut fraction_value: i64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().map_err(|_| bad())?
        };
        for _ in fraction.len()..places {
            fraction_value *= 10;
        }
        let minor = whole
            .checked_mul(10_i64.pow(places as u32))
            .and_then(|w| w.checked_add(fraction_value))
            .ok_or(ValidationError::MoneyOverflow)?;
        Ok(Money::new(if negative { -minor } else { minor }, currency))
    }
}

impl fmt::Display for Money {
    /// `1234.50 PLN`: a neutral form for logs and files; the UI formats per locale.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let places = self.currency.minor_digits();
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if places == 0 {
            return write!(f, "{sign}{abs} {}", self.currency);
        }
        let unit = 10_u64.pow(places);
        write!(
            f,
            "{sign}{}.{:0width$} {}",
            abs / unit,
            abs % unit,
            self.currency,
            width = places as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case::comma("1234,5", 123_450)]
    #[case::spaces_and_dot("1 234.50", 123_450)]
    #[case::whole("-12", -1_200)]
    #[case::fraction_only(",05", 5)]
    fn parses_typed_amounts(#[case] text: &str, #[case] minor: i64) {
        assert_eq!(
            Money::parse_decimal(text, Currency::PLN).unwrap().minor,
            minor
        );
    }

    #[rstest]
    #[case::empty("")]
    #[case::three_places("1,234")]
    #[case::letters("12a")]
    #[case::two_points("1.2.3")]
    #[case::overflow("99999999999999999999")]
    fn rejects_bad_amounts(#[case] text: &str) {
        assert!(Money::parse_decimal(text, Currency::PLN).is_err());
    }

    #[test]
    fn mixed_currencies_do_not_add() {
        let err = Money::new(1, Currency::PLN).checked_add(Money::new(1, Currency::EUR));
        assert!(matches!(err, Err(ValidationError::CurrencyMismatch { .. })));
    }

    #[test]
    fn currency_codes_are_validated() {
        assert!("PLN".parse::<Currency>().is_ok());
        assert!("pln".parse::<Currency>().is_err());
        assert!("ZŁ".parse::<Currency>().is_err());
    }

    #[test]
    fn displays_minor_units() {
        assert_eq!(Money::new(-5, Currency::PLN).to_string(), "-0.05 PLN");
        assert_eq!(
            Money::new(123_456, Currency::EUR).to_string(),
            "1234.56 EUR"
        );
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(minor in -1_000_000_000_000i64..1_000_000_000_000) {
            let money = Money::new(minor, Currency::PLN);
            let text = money.to_string();
            let number = text.trim_end_matches(" PLN");
            prop_assert_eq!(Money::parse_decimal(number, Currency::PLN).unwrap(), money);
        }

        #[test]
        fn weighted_stays_between_zero_and_the_amount(minor in any::<i64>(), percent in 0u8..=100) {
            let w = Money::new(minor, Currency::PLN).weighted(percent).minor;
            prop_assert!(w.unsigned_abs() <= minor.unsigned_abs());
            prop_assert!(w == 0 || w.signum() == minor.signum());
            // Within half a minor unit of the exact product.
            let exact = i128::from(minor) * i128::from(percent);
            prop_assert!((i128::from(w) * 100 - exact).abs() <= 50);
        }

        #[test]
        fn percent_is_within_half_a_minor_unit_and_symmetric(minor in -1i64<<50..1i64<<50, percent in 0u32..=100) {
            let p = Money::new(minor, Currency::PLN).percent(percent).minor;
            let exact = i128::from(minor) * i128::from(percent);
            prop_assert!((i128::from(p) * 100 - exact).abs() <= 50);
            prop_assert_eq!(Money::new(-minor, Currency::PLN).percent(percent).minor, -p);
        }

        #[test]
        fn addition_is_commutative_and_exact(a in -1i64<<60..1i64<<60, b in -1i64<<60..1i64<<60) {
            let x = Money::new(a, Currency::PLN);
            let y = Money::new(b, Currency::PLN);
            prop_assert_eq!(x.checked_add(y).unwrap(), y.checked_add(x).unwrap());
            prop_assert_eq!(x.checked_add(y).unwrap().minor, a + b);
        }
    }
}
