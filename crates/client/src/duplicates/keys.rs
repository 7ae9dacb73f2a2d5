//! The keys two records are compared by to call them likely duplicates: companies by NIP,
//! then REGON, then normalized name; people by e-mail, then name + company. Import matching
//! and the duplicate finder use the same keys, so they agree on what a duplicate is.

use localspace_core::text::fold;

/// Legal-form words dropped from company names (folded): "Drewpol Sp. z o.o." and
/// "DREWPOL spółka z ograniczoną odpowiedzialnością" are one company.
const LEGAL_FORMS: &[&str] = &[
    "spolka z ograniczona odpowiedzialnoscia",
    "spolka akcyjna",
    "spolka jawna",
    "spolka komandytowa",
    "spolka komandytowo akcyjna",
    "spolka cywilna",
    "spolka partnerska",
    "sp z o o",
    "sp z oo",
    "spzoo",
    "sp k",
    "sp j",
    "s c",
    "s a",
    "sa",
    "ltd",
    "gmbh",
    "inc",
    "llc",
];

/// A company name as compared: folded, punctuation removed, legal form dropped.
///
/// `Drewpol Sp. z o.o.`, `DREWPOL sp. z o. o.` and `Drewpol` give `drewpol`.
pub fn company_name(name: &str) -> String {
    let words: String = fold(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut normal = words.split_whitespace().collect::<Vec<_>>().join(" ");
    for form in LEGAL_FORMS {
        if let Some(stripped) = normal.strip_suffix(form)
            && (stripped.is_empty() || stripped.ends_with(' '))
        {
            normal = stripped.trim_end().to_owned();
            break;
        }
    }
    normal
}

/// A NIP as compared: its ten digits, or `None` when it has not ten.
pub fn nip(value: &str) -> Option<String> {
    let digits = localspace_core::validate::normalize_nip(value);
    (digits.len() == 10).then_some(digits)
}

/// A REGON as compared: its 9 or 14 digits.
pub fn regon(value: &str) -> Option<String> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    matches!(digits.len(), 9 | 14).then_some(digits)
}

/// An e-mail address as compared: trimmed, lower case.
pub fn email(value: &str) -> Option<String> {
    let e = value.trim().to_lowercase();
    e.contains('@').then_some(e)
}

/// A person's full name as compared: folded, single spaces, first then last.
pub fn person_name(first: &str, last: &str) -> Option<String> {
    let name = fold(&format!("{first} {last}"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::sp_zoo("Drewpol Sp. z o.o.", "drewpol")]
    #[case::spaced("DREWPOL sp. z o. o.", "drewpol")]
    #[case::long_form("Drewpol spółka z ograniczoną odpowiedzialnością", "drewpol")]
    #[case::sa("Stalpol S.A.", "stalpol")]
    #[case::diacritics("Łódzkie Zakłady Żółwi", "lodzkie zaklady zolwi")]
    #[case::inner_sa("Sanus Medica", "sanus medica")]
    #[case::only_form("S.A.", "")]
    fn company_names(#[case] name: &str, #[case] key: &str) {
        assert_eq!(company_name(name), key);
    }

    #[test]
    fn ids_and_emails() {
        assert_eq!(nip("PL 526-025-02-74").as_deref(), Some("5260250274"));
        assert_eq!(nip("123"), None);
        assert_eq!(regon("012345678").as_deref(), Some("012345678"));
        assert_eq!(regon("12345"), None);
        assert_eq!(
            email(" Anna.Nowak@Firma.PL ").as_deref(),
            Some("anna.nowak@firma.pl")
        );
        assert_eq!(
            person_name(" Łukasz ", "Świątek").as_deref(),
            Some("lukasz swiatek")
        );
    }
}
