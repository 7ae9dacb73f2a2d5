//! The columns of each record CSV, derived from the kind's field schema (so a new field
//! reaches the export by itself), and how one value becomes text: money as a decimal number
//! with its currency in the next column, dates and moments in ISO 8601, links as record ids,
//! sets and lists joined with `;`. Revenue and cost lines and pipeline stages have their own
//! files (`lines.rs`); record-to-record sets are also listed one pair a row in `links.csv`.

use chrono::SecondsFormat;
use localspace_core::schema::{self, FieldSpec, FieldType};
use localspace_core::{Kind, Money, Record, Value};
use uuid::Uuid;

/// Separator of several values in one cell (e-mails, phones, linked ids).
pub const JOIN: &str = ";";

/// A custom field definition as the export needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomColumn {
    pub id: Uuid,
    pub key: String,
    pub label: String,
    pub money: bool,
}

/// The columns of one record CSV.
#[derive(Clone, Debug)]
pub struct Layout {
    pub kind: Kind,
    pub custom: Vec<CustomColumn>,
}

/// Fields written to their own files rather than as a column.
pub fn in_own_file(spec: &FieldSpec) -> bool {
    matches!(spec.ty, FieldType::Lines | FieldType::Stages)
}

fn columns(kind: Kind) -> impl Iterator<Item = &'static FieldSpec> {
    schema::fields(kind).iter().filter(|f| !in_own_file(f))
}

/// The header of a custom field's column: its label and, in brackets, its key.
pub fn custom_header(c: &CustomColumn) -> String {
    format!("{} [custom.{}]", c.label, c.key)
}

impl Layout {
    /// `id`, one column per field (two for money), one per custom field, `deleted_at`.
    pub fn header(&self) -> Vec<String> {
        let mut out = vec!["id".to_owned()];
        for spec in columns(self.kind) {
            out.push(spec.key.to_owned());
            if spec.ty == FieldType::Money {
                out.push(format!("{}_currency", spec.key));
            }
        }
        for c in &self.custom {
            out.push(custom_header(c));
            if c.money {
                out.push(format!("{} currency", custom_header(c)));
            }
        }
        out.push("deleted_at".to_owned());
        out
    }

    /// The cells of one record, in the header's order.
    pub fn row(&self, record: &Record) -> Vec<String> {
        let mut out = vec![record.id.0.to_string()];
        for spec in columns(self.kind) {
            let value = record.get(spec.key);
            if spec.ty == FieldType::Money {
                let (amount, currency) = money_cells(value);
                out.push(amount);
                out.push(currency);
            } else {
                out.push(value.map(cell).unwrap_or_default());
            }
        }
        for c in &self.custom {
            let value = record.custom.get(&localspace_core::RecordId(c.id));
            let value = value.map(|f| &f.value);
            if c.money {
                let (amount, currency) = money_cells(value);
                out.push(amount);
                out.push(currency);
            } else {
                out.push(value.map(cell).unwrap_or_default());
            }
        }
        out.push(record.deleted_at.map(moment).unwrap_or_default());
        out
    }
}

fn money_cells(value: Option<&Value>) -> (String, String) {
    match value {
        Some(Value::Money(m)) => (decimal(m), m.currency.code().to_owned()),
        Some(other) => (cell(other), String::new()),
        None => (String::new(), String::new()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use localspace_core::{Currency, FieldRead, RecordId};
    use std::collections::BTreeMap;

    fn read(value: Value) -> FieldRead {
        FieldRead {
            value,
            conflicts: vec![],
        }
    }

    #[test]
    fn money_is_a_decimal_with_its_currency_and_custom_columns_follow() {
        let definition = Uuid::from_u128(7);
        let layout = Layout {
            kind: Kind::Deal,
            custom: vec![CustomColumn {
                id: definition,
                key: "budzet".into(),
                label: "Budżet".into(),
                money: true,
            }],
        };
        let mut fields = BTreeMap::new();
        fields.insert("title".to_owned(), read(Value::Text("Wdrożenie".into())));
        fields.insert(
            "value".to_owned(),
            read(Value::Money(Money::new(-123_405, Currency::PLN))),
        );
        fields.insert(
            "close_date".to_owned(),
            read(Value::Date(
                chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            )),
        );
        let mut custom = BTreeMap::new();
        custom.insert(
            RecordId(definition),
            read(Value::Money(Money::new(5, Currency::EUR))),
        );
        let record = Record {
            id: RecordId(Uuid::from_u128(1)),
            kind: Kind::Deal,
            schema: 1,
            fields,
            custom,
            deleted_at: Some(0),
        };
        let header = layout.header();
        let row = layout.row(&record);
        assert_eq!(header.len(), row.len());
        let at = |name: &str| row[header.iter().position(|h| h == name).unwrap()].clone();
        assert_eq!(at("title"), "Wdrożenie");
        assert_eq!(
            (at("value"), at("value_currency")),
            ("-1234.05".into(), "PLN".into())
        );
        assert_eq!(at("close_date"), "2026-03-31");
        assert_eq!(at("Budżet [custom.budzet]"), "0.05");
        assert_eq!(at("Budżet [custom.budzet] currency"), "EUR");
        assert_eq!(at("deleted_at"), "1970-01-01T00:00:00.000Z");
        assert!(!header.iter().any(|h| h == "revenues" || h == "costs"));
    }
}
