//! What each kind puts into the full-text index (before folding).

use localspace_core::{Kind, Record, Value};

/// The searchable text of a record; empty for kinds that are not searched.
pub(super) fn body(record: &Record) -> String {
    let keys: &[&str] = match record.kind {
        Kind::Person => &[
            "first_name",
            "last_name",
            "emails",
            "phones",
            "position",
            "city",
        ],
        Kind::Company => &[
            "name", "nip", "regon", "emails", "phones", "city", "website", "industry",
        ],
        Kind::Deal | Kind::Task => &["title"],
        Kind::Activity => &["subject", "body"],
        Kind::Space | Kind::File => &["name"],
        Kind::Pipeline | Kind::CustomField | Kind::SavedFilter => &[],
    };
    let mut body = String::new();
    for key in keys {
        match record.get(key) {
            Some(Value::Text(s) | Value::LongText(s)) => push(&mut body, s),
            Some(Value::List(items)) => {
                for item in items {
                    push(&mut body, item);
                    if *key == "phones" || *key == "nip" {
                        push_digits(&mut body, item);
                    }
                }
            }
            _ => {}
        }
        if *key == "nip" {
            push_digits(&mut body, record.text("nip"));
        }
    }
    body
}

fn push(body: &mut String, text: &str) {
    if !text.trim().is_empty() {
        if !body.is_empty() {
            body.push(' ');
        }
        body.push_str(text);
    }
}

/// National number length in Poland; longer numbers carry a country or trunk prefix.
const NATIONAL_DIGITS: usize = 9;

/// Phone numbers and NIPs are also indexed as one run of digits, and phones with a prefix
/// also by their last nine digits, so `601234` and `5260250274` find `+48 601 234 567` and
/// `526-025-02-74`.
fn push_digits(body: &mut String, text: &str) {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() > 3 {
        push(body, &digits);
    }
    if digits.len() > NATIONAL_DIGITS {
        push(body, &digits[digits.len() - NATIONAL_DIGITS..]);
    }
}
