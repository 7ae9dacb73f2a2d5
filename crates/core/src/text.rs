//! Text rules shared by every device: search folding (`lodz` finds `Łódź`) and the Polish
//! alphabetical sort key (Ł after L, Ś after S, Ż after Z), both computed in Rust so every
//! replica indexes and orders the same way whatever its SQLite build knows about Unicode.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for search: lower case, diacritics removed, and the letters Unicode does not
/// decompose (ł, đ, ø, ß, æ, œ) mapped by hand.
///
/// ```
/// use localspace_core::text::fold;
/// assert_eq!(fold("Łódź"), "lodz");
/// assert_eq!(fold("ŻÓŁW"), "zolw");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ø' | 'Ø' => out.push('o'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The Polish alphabet in order; each letter's index is its primary weight.
const POLISH: &[char] = &[
    'a', 'ą', 'b', 'c', 'ć', 'd', 'e', 'ę', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'ł', 'm', 'n', 'ń',
    'o', 'ó', 'p', 'q', 'r', 's', 'ś', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ź', 'ż',
];

const SPACE_WEIGHT: u16 = 1;
const DIGIT_BASE: u16 = 0x10;
const LETTER_BASE: u16 = 0x100;
const OTHER_BASE: u16 = 0x1000;

fn weight(c: char) -> Option<u16> {
    if c.is_whitespace() {
        return Some(SPACE_WEIGHT);
    }
    if let Some(d) = c.to_digit(10) {
        return Some(DIGIT_BASE + d as u16);
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    if let Some(i) = POLISH.iter().position(|&p| p == lower) {
        return Some(LETTER_BASE + i as u16);
    }
    // Foreign letters sort with their base letter (é with e, ü with u).
    let base = fold(&lower.to_string());
    let mut chars = base.chars();
    if let (Some(b), None) = (chars.next(), chars.next())
        && let Some(i) = POLISH.iter().position(|&p| p == b)
    {
        return Some(LETTER_BASE + i as u16);
    }
    if c.is_alphanumeric() {
        return Some(OTHER_BASE.saturating_add(u16::try_from(u32::from(c) % 0xE000).unwrap_or(0)));
    }
    // Punctuation is ignored, as in dictionaries ("O'Brien" with "OBrien").
    None
}

/// Appends the Polish sort key of `text` to `key`: big-endian 16-bit weights, compared
/// byte-wise (SQLite BLOB order). Case-insensitive; ties break on the record id elsewhere.
pub fn push_sort_key(key: &mut Vec<u8>, text: &str) {
    for c in text.trim().chars() {
        if let Some(w) = weight(c) {
            key.extend_from_slice(&w.to_be_bytes());
        }
    }
}

/// The Polish sort key of several texts in order (last name, then first name): each part
/// is ended by a zero weight, so "Nowak" sorts before "Nowakowski" whatever follows.
///
/// ```
/// use localspace_core::text::sort_key;
/// let mut names = ["Żak", "Zając", "Łukasz", "Lis", "Śliwa", "Sowa"];
/// names.sort_by_key(|n| sort_key(&[n]));
/// assert_eq!(names, ["Lis", "Łukasz", "Sowa", "Śliwa", "Zając", "Żak"]);
/// ```
pub fn sort_key(parts: &[&str]) -> Vec<u8> {
    let mut key = Vec::with_capacity(parts.iter().map(|p| p.len() * 2 + 2).sum());
    for part in parts {
        push_sort_key(&mut key, part);
        key.extend_from_slice(&[0, 0]);
    }
    key
}

/// Splits typed search text into folded words for a prefix query.
pub fn search_terms(query: &str) -> Vec<String> {
    fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case::lodz("Łódź", "lodz")]
    #[case::zolw("Żółw", "zolw")]
    #[case::all_polish("ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ", "acelnoszz acelnoszz")]
    #[case::german("Straße Müller", "strasse muller")]
    #[case::scandinavian("Ørsted Æble", "orsted aeble")]
    #[case::email("Jan.Kowalski@Firma.pl", "jan.kowalski@firma.pl")]
    fn folds(#[case] input: &str, #[case] folded: &str) {
        assert_eq!(fold(input), folded);
    }

    #[test]
    fn polish_alphabet_order() {
        let mut words = vec![
            "żaba", "zebra", "źrebię", "łoś", "lama", "mysz", "ćma", "cyrk", "środa", "sowa",
            "ósemka", "oko", "ńa", "nos", "ęa", "ewa", "ąa", "azot", "Łukasz", "Ala",
        ];
        words.sort_by_key(|w| sort_key(&[w]));
        assert_eq!(
            words,
            vec![
                "Ala", "azot", "ąa", "cyrk", "ćma", "ewa", "ęa", "lama", "łoś", "Łukasz", "mysz",
                "nos", "ńa", "oko", "ósemka", "sowa", "środa", "zebra", "źrebię", "żaba",
            ]
        );
    }

    #[test]
    fn shorter_name_sorts_first_and_parts_are_separate() {
        assert!(sort_key(&["Nowak", "Zenon"]) < sort_key(&["Nowakowski", "Adam"]));
        assert!(sort_key(&["Nowak", "Adam"]) < sort_key(&["Nowak", "Zenon"]));
        assert_eq!(sort_key(&["KOWALSKI"]), sort_key(&["kowalski"]));
        assert!(sort_key(&["Émile"]) < sort_key(&["Fabian"]));
        assert!(sort_key(&["2020 Sp. z o.o."]) < sort_key(&["Alfa"]));
    }

    #[test]
    fn search_terms_fold_and_split() {
        assert_eq!(
            search_terms("  Łódź, ul. Piotrkowska "),
            ["lodz", "ul", "piotrkowska"]
        );
        assert!(search_terms("\"*()").is_empty());
    }

    proptest! {
        #[test]
        fn fold_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn sort_key_order_is_total_and_consistent(a in "\\PC{0,12}", b in "\\PC{0,12}") {
            let (ka, kb) = (sort_key(&[&a]), sort_key(&[&b]));
            prop_assert_eq!(ka.cmp(&kb), kb.cmp(&ka).reverse());
        }
    }
}
