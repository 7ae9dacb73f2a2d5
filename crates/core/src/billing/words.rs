//! Amounts and counts as people read them on a quote or an invoice, in Polish and English:
//! `3 540,00 zł` and `PLN 3,540.00`, with Polish plural forms.

/// An amount in grosze the Polish way: `1 234,50 zł` (a no-break space groups thousands).
///
/// ```
/// use localspace_core::billing::amount_pl;
/// assert_eq!(amount_pl(354_000), "3\u{a0}540,00\u{a0}zł");
/// assert_eq!(amount_pl(-5), "-0,05\u{a0}zł");
/// ```
pub fn amount_pl(grosze: i64) -> String {
    let (sign, whole, fraction) = split(grosze);
    format!("{sign}{},{fraction:02}\u{a0}zł", group(whole, '\u{a0}'))
}

/// An amount in grosze the English way: `PLN 1,234.50`.
///
/// ```
/// use localspace_core::billing::amount_en;
/// assert_eq!(amount_en(354_000), "PLN 3,540.00");
/// ```
pub fn amount_en(grosze: i64) -> String {
    let (sign, whole, fraction) = split(grosze);
    format!("{sign}PLN {}.{fraction:02}", group(whole, ','))
}

fn split(grosze: i64) -> (&'static str, u64, u64) {
    let sign = if grosze < 0 { "-" } else { "" };
    let abs = grosze.unsigned_abs();
    (sign, abs / 100, abs % 100)
}

fn group(whole: u64, separator: char) -> String {
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// The Polish form of a noun after a number: 1 miesiąc, 2 miesiące, 5 miesięcy, 22 miesiące.
pub(super) fn plural_pl<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
        few
    } else {
        many
    }
}

/// The English form: 1 month, 2 months.
pub(super) fn plural_en<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::one(1, "miesiąc")]
    #[case::two(2, "miesiące")]
    #[case::five(5, "miesięcy")]
    #[case::twelve(12, "miesięcy")]
    #[case::twenty_two(22, "miesiące")]
    #[case::thirty_six(36, "miesięcy")]
    fn polish_plurals(#[case] n: u64, #[case] word: &str) {
        assert_eq!(plural_pl(n, "miesiąc", "miesiące", "miesięcy"), word);
    }

    #[rstest]
    #[case::zero(0, "0,00\u{a0}zł", "PLN 0.00")]
    #[case::grosz(1, "0,01\u{a0}zł", "PLN 0.01")]
    #[case::thousand(123_456, "1\u{a0}234,56\u{a0}zł", "PLN 1,234.56")]
    #[case::million(123_456_789, "1\u{a0}234\u{a0}567,89\u{a0}zł", "PLN 1,234,567.89")]
    #[case::negative(-53_100, "-531,00\u{a0}zł", "-PLN 531.00")]
    fn amounts(#[case] grosze: i64, #[case] pl: &str, #[case] en: &str) {
        assert_eq!(amount_pl(grosze), pl);
        assert_eq!(amount_en(grosze), en);
    }
}
