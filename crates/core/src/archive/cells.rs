//! One value as the text of a cell, and back: money as a decimal number with its currency in
//! the next column, dates `YYYY-MM-DD`, moments RFC 3339 in UTC with milliseconds, links as
//! ids, sets and lists joined with `;`. Reading needs the field's type, since the text alone
//! is ambiguous (`12` may be a number or a text).
//!
//! Writing then reading is the identity for every non-empty value whose texts hold no `;`
//! (the separator); an empty value (an empty text, list or set) is written as an empty cell
//! and reads back as no value.

use std::collections::BTreeSet;

use chrono::SecondsFormat;
use uuid::Uuid;

use crate::money::{Currency, Money};
use crate::schema::FieldType;
use crate::value::Value;

/// Separator of several values in one cell (e-mails, phones, linked ids).
pub const JOIN: &str = ";";

/// A cell whose text is not a value of its column's type.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not {expected}")]
pub struct CellError {
    pub text: String,
    pub expected: &'static str,
}

fn bad(text: &str, expected: &'static str) -> CellError {
    CellError {
        text: text.to_owned(),
        expected,
    }
}

/// An amount as a decimal number with a dot: `1234.50`, `-0.05`.
pub fn decimal(m: &Money) -> String {
    let text = m.to_string();
    text.split(' ').next().unwrap_or_default().to_owned()
}

/// A moment (ms since the epoch) in RFC 3339, UTC.
pub fn moment(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
        .unwrap_or_default()
}

/// One value as the text of a cell.
pub fn cell(value: &Value) -> String {
    match value {
        Value::Text(s) | Value::LongText(s) => s.clone(),
        Value::Int(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Money(m) => format!("{} {}", decimal(m), m.currency.code()),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Timestamp(ms) => moment(*ms),
        Value::Ref(id) => id.to_string(),
        Value::RefSet(ids) => ids
            .iter()
            .map(Uuid::to_string)
            .collect::<Vec<_>>()
            .join(JOIN),
        Value::List(items) => items.join(JOIN),
        Value::TextSet(items) => items.iter().cloned().collect::<Vec<_>>().join(JOIN),
        Value::Lines(_) | Value::Stages(_) => String::new(),
    }
}

/// A money value as two cells: the decimal amount and the currency code.
pub fn money_cells(value: Option<&Value>) -> (String, String) {
    match value {
        Some(Value::Money(m)) => (decimal(m), m.currency.code().to_owned()),
        Some(other) => (cell(other), String::new()),
        None => (String::new(), String::new()),
    }
}

/// A moment cell back as ms since the epoch.
pub fn read_moment(text: &str) -> Result<i64, CellError> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp_millis())
        .map_err(|_| bad(text, "a moment in ISO 8601"))
}

/// A money value from its two cells; both empty: no value.
pub fn read_money(amount: &str, currency: &str) -> Result<Option<Value>, CellError> {
    if amount.is_empty() && currency.is_empty() {
        return Ok(None);
    }
    let currency: Currency = currency
        .parse()
        .map_err(|_| bad(currency, "an ISO 4217 currency code"))?;
    if amount.trim() != amount || amount.contains(',') {
        return Err(bad(amount, "a decimal amount with a dot"));
    }
    Money::parse_decimal(amount, currency)
        .map(|m| Some(Value::Money(m)))
        .map_err(|_| bad(amount, "a decimal amount with a dot"))
}

fn read_id(text: &str) -> Result<Uuid, CellError> {
    Uuid::parse_str(text).map_err(|_| bad(text, "a record id (UUID)"))
}

fn read_date(text: &str) -> Result<Value, CellError> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Value::Date)
        .map_err(|_| bad(text, "a date YYYY-MM-DD"))
}

fn read_int(text: &str) -> Result<Value, CellError> {
    text.parse()
        .map(Value::Int)
        .map_err(|_| bad(text, "a whole number"))
}

fn read_bool(text: &str) -> Result<Value, CellError> {
    match text {
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        _ => Err(bad(text, "true or false")),
    }
}

fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split(JOIN)
}

/// A cell of a built-in field back as a value; an empty cell is no value. Money has two
/// cells: read it with [`read_money`].
pub fn read_cell(ty: FieldType, text: &str) -> Result<Option<Value>, CellError> {
    if text.is_empty() {
        return Ok(None);
    }
    let value = match ty {
        FieldType::Text { .. } | FieldType::Enum(_) | FieldType::Nip => Value::Text(text.into()),
        FieldType::LongText => Value::LongText(text.into()),
        FieldType::Int { .. } => read_int(text)?,
        FieldType::Bool => read_bool(text)?,
        FieldType::Money => return Err(bad(text, "an amount with its currency column")),
        FieldType::Date => read_date(text)?,
        FieldType::Timestamp => Value::Timestamp(read_moment(text)?),
        FieldType::Ref(_) | FieldType::UserRef => Value::Ref(read_id(text)?),
        FieldType::RefSet(_) | FieldType::UserSet => Value::RefSet(
            items(text)
                .map(read_id)
                .collect::<Result<BTreeSet<_>, _>>()?,
        ),
        FieldType::Emails | FieldType::Phones | FieldType::List => {
            Value::List(items(text).map(str::to_owned).collect())
        }
        FieldType::Lines | FieldType::Stages => {
            return Err(bad(
                text,
                "a column (lines and stages have their own files)",
            ));
        }
    };
    Ok(Some(value))
}

/// A cell of a custom field back as a value, by the definition's type (`text`, `number`,
/// `date`, `select`, `multiselect`, `bool`); money has two cells: [`read_money`].
pub fn read_custom(field_type: &str, text: &str) -> Result<Option<Value>, CellError> {
    if text.is_empty() {
        return Ok(None);
    }
    let value = match field_type {
        "text" | "select" => Value::Text(text.into()),
        "number" => read_int(text)?,
        "date" => read_date(text)?,
        "bool" => read_bool(text)?,
        "multiselect" => Value::TextSet(items(text).map(str::to_owned).collect()),
        _ => return Err(bad(field_type, "a custom field type")),
    };
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;
    use crate::schema::{self, FieldType};
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        // Any text without the separator, not empty.
        "[^;]{1,40}"
    }

    fn money() -> impl Strategy<Value = Money> {
        (
            any::<i64>(),
            prop::sample::select(vec!["PLN", "EUR", "USD", "JPY"]),
        )
            .prop_map(|(minor, c)| Money::new(minor, c.parse().unwrap()))
    }

    fn date() -> impl Strategy<Value = chrono::NaiveDate> {
        (-100_000i32..100_000).prop_map(|d| {
            chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
                + chrono::Duration::days(i64::from(d))
        })
    }

    /// A non-empty value of a built-in field type.
    fn value_of(ty: FieldType) -> BoxedStrategy<Value> {
        match ty {
            FieldType::Text { .. } | FieldType::Nip => text().prop_map(Value::Text).boxed(),
            FieldType::Enum(values) => prop::sample::select(values.to_vec())
                .prop_map(|v| Value::Text(v.into()))
                .boxed(),
            FieldType::LongText => text().prop_map(Value::LongText).boxed(),
            FieldType::Int { min, max } => (min..=max).prop_map(Value::Int).boxed(),
            FieldType::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
            FieldType::Money => money().prop_map(Value::Money).boxed(),
            FieldType::Date => date().prop_map(Value::Date).boxed(),
            // Moments within years 0..=9999, what RFC 3339 can write.
            FieldType::Timestamp => (-62_167_219_200_000i64..253_402_300_799_999)
                .prop_map(Value::Timestamp)
                .boxed(),
            FieldType::Ref(_) | FieldType::UserRef => any::<u128>()
                .prop_map(|n| Value::Ref(Uuid::from_u128(n)))
                .boxed(),
            FieldType::RefSet(_) | FieldType::UserSet => {
                prop::collection::btree_set(any::<u128>().prop_map(Uuid::from_u128), 1..5)
                    .prop_map(Value::RefSet)
                    .boxed()
            }
            FieldType::Emails | FieldType::Phones | FieldType::List => {
                prop::collection::vec(text(), 1..5)
                    .prop_map(Value::List)
                    .boxed()
            }
            FieldType::Lines | FieldType::Stages => unreachable!("own files"),
        }
    }

    /// Every built-in field type of every kind, with a value of it.
    fn any_field() -> impl Strategy<Value = (FieldType, Value)> {
        let types: Vec<FieldType> = Kind::ALL
            .iter()
            .flat_map(|k| schema::fields(*k).iter().map(|f| f.ty))
            .filter(|t| !matches!(t, FieldType::Lines | FieldType::Stages))
            .collect();
        prop::sample::select(types).prop_flat_map(|ty| value_of(ty).prop_map(move |v| (ty, v)))
    }

    fn custom_value(field_type: &'static str) -> BoxedStrategy<Value> {
        match field_type {
            "text" | "select" => text().prop_map(Value::Text).boxed(),
            "number" => any::<i64>().prop_map(Value::Int).boxed(),
            "money" => money().prop_map(Value::Money).boxed(),
            "date" => date().prop_map(Value::Date).boxed(),
            "bool" => any::<bool>().prop_map(Value::Bool).boxed(),
            _ => prop::collection::btree_set(text(), 1..5)
                .prop_map(Value::TextSet)
                .boxed(),
        }
    }

    proptest! {
        #[test]
        fn every_built_in_value_reads_back_from_its_cell((ty, value) in any_field()) {
            let back = if ty == FieldType::Money {
                let (amount, currency) = money_cells(Some(&value));
                read_money(&amount, &currency).unwrap()
            } else {
                read_cell(ty, &cell(&value)).unwrap()
            };
            prop_assert_eq!(back, Some(value));
        }

        #[test]
        fn every_custom_value_reads_back_from_its_cell(
            (field_type, value) in prop::sample::select(schema::CUSTOM_FIELD_TYPES.to_vec())
                .prop_flat_map(|t| custom_value(t).prop_map(move |v| (t, v)))
        ) {
            let back = if field_type == "money" {
                let (amount, currency) = money_cells(Some(&value));
                read_money(&amount, &currency).unwrap()
            } else {
                read_custom(field_type, &cell(&value)).unwrap()
            };
            prop_assert_eq!(back, Some(value));
        }
    }

    #[test]
    fn empty_cells_are_no_value_and_bad_text_is_an_error() {
        assert_eq!(read_cell(FieldType::Bool, "").unwrap(), None);
        assert_eq!(read_money("", "").unwrap(), None);
        assert!(read_cell(FieldType::Bool, "yes").is_err());
        assert!(read_cell(FieldType::Date, "31.03.2026").is_err());
        assert!(read_cell(FieldType::Ref(None), "42").is_err());
        assert!(read_cell(FieldType::Int { min: 0, max: 9 }, "1.5").is_err());
        assert!(read_money("12,50", "PLN").is_err());
        assert!(read_money("12.50", "zł").is_err());
        assert!(read_money("12.505", "PLN").is_err());
        assert!(read_custom("slider", "1").is_err());
    }
}
