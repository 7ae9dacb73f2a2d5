//! The columns of each record CSV, derived from the kind's field schema (so a new field
//! reaches the export by itself): `id`, one column per field (two for money: the amount and
//! `<key>_currency`), one per custom field (`Label [custom.key]`, money with a second
//! `… currency` column), then `deleted_at`. Revenue and cost lines and pipeline stages have
//! their own files; record-to-record sets are also listed one pair a row in `links.csv`.
//!
//! [`Layout::header`] and [`Layout::row`] write a record; [`Layout::reader`] checks a header
//! and [`RowReader::read`] reads a row back into values.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::cells::{
    CellError, cell, moment, money_cells, read_cell, read_custom, read_moment, read_money,
};
use crate::schema::{self, FieldSpec, FieldType};
use crate::{Kind, Record, Value};

pub use super::cells::JOIN;

/// A custom field definition as the archive needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomColumn {
    pub id: Uuid,
    pub key: String,
    pub label: String,
    /// `text`, `number`, `money`, `date`, `select`, `multiselect` or `bool`.
    pub field_type: String,
}

impl CustomColumn {
    /// Money takes two columns.
    pub fn is_money(&self) -> bool {
        self.field_type == "money"
    }
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

/// The key inside a custom column's header (`Budżet [custom.budzet]` → `budzet`) and
/// whether it is the currency column.
fn custom_key(header: &str) -> Option<(&str, bool)> {
    let (rest, currency) = match header.strip_suffix(" currency") {
        Some(rest) if rest.ends_with(']') => (rest, true),
        _ => (header, false),
    };
    let start = rest.rfind(" [custom.").map(|i| i + " [custom.".len())?;
    rest.strip_suffix(']').map(|r| (&r[start..], currency))
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
            if c.is_money() {
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
            let value = record.custom.get(&crate::RecordId(c.id));
            let value = value.map(|f| &f.value);
            if c.is_money() {
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

    /// A reader of rows under `header`. Every column must be one of this layout's (in any
    /// order; a missing one reads as empty) or one of `extra`; `id` is required.
    pub fn reader(&self, header: &[String], extra: &[&str]) -> Result<RowReader, ColumnError> {
        let mut slots = Vec::with_capacity(header.len());
        let mut seen = std::collections::BTreeSet::new();
        for name in header {
            if !seen.insert(name.as_str()) {
                return Err(ColumnError::Duplicate(name.clone()));
            }
            let slot = if name == "id" {
                Slot::Id
            } else if name == "deleted_at" {
                Slot::DeletedAt
            } else if let Some(spec) = columns(self.kind).find(|s| s.key == name) {
                Slot::Field(spec)
            } else if let Some(spec) = name
                .strip_suffix("_currency")
                .and_then(|k| columns(self.kind).find(|s| s.key == k && s.ty == FieldType::Money))
            {
                Slot::Currency(spec.key)
            } else if let Some((key, currency)) = custom_key(name)
                && let Some(i) = self.custom.iter().position(|c| c.key == key)
                && (!currency || self.custom[i].is_money())
            {
                if currency {
                    Slot::CustomCurrency(i)
                } else {
                    Slot::Custom(i)
                }
            } else if extra.contains(&name.as_str()) {
                Slot::Extra(name.clone())
            } else {
                return Err(ColumnError::Unknown(name.clone()));
            };
            slots.push(slot);
        }
        if !slots.iter().any(|s| matches!(s, Slot::Id)) {
            return Err(ColumnError::Unknown("(no id column)".into()));
        }
        Ok(RowReader {
            layout: self.clone(),
            slots,
        })
    }
}

/// A header or row that does not fit the layout.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ColumnError {
    #[error("unknown column `{0}`")]
    Unknown(String),
    #[error("column `{0}` appears twice")]
    Duplicate(String),
    #[error("the row has {got} cells, the header {want}")]
    Width { got: usize, want: usize },
    #[error("column `{column}`: {error}")]
    Cell { column: String, error: CellError },
}

#[derive(Clone, Debug)]
enum Slot {
    Id,
    Field(&'static FieldSpec),
    Currency(&'static str),
    Custom(usize),
    CustomCurrency(usize),
    DeletedAt,
    Extra(String),
}

/// Reads rows under one checked header.
#[derive(Clone, Debug)]
pub struct RowReader {
    layout: Layout,
    slots: Vec<Slot>,
}

/// One record row read back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowRead {
    pub id: Uuid,
    pub fields: BTreeMap<&'static str, Value>,
    /// Custom values by definition id.
    pub custom: BTreeMap<Uuid, Value>,
    pub deleted_at: Option<i64>,
    /// The `extra` columns' cells.
    pub extra: BTreeMap<String, String>,
}

impl RowReader {
    /// The values of one row.
    pub fn read(&self, row: &[&str]) -> Result<RowRead, ColumnError> {
        if row.len() != self.slots.len() {
            return Err(ColumnError::Width {
                got: row.len(),
                want: self.slots.len(),
            });
        }
        let mut out = RowRead::default();
        let mut amounts: BTreeMap<&'static str, &str> = BTreeMap::new();
        let mut currencies: BTreeMap<&'static str, &str> = BTreeMap::new();
        let mut custom_amounts: BTreeMap<usize, &str> = BTreeMap::new();
        let mut custom_currencies: BTreeMap<usize, &str> = BTreeMap::new();
        let at = |column: &str, error: CellError| ColumnError::Cell {
            column: column.to_owned(),
            error,
        };
        for (slot, text) in self.slots.iter().zip(row.iter().copied()) {
            match slot {
                Slot::Id => {
                    out.id = Uuid::parse_str(text).map_err(|_| {
                        at(
                            "id",
                            CellError {
                                text: text.to_owned(),
                                expected: "a record id (UUID)",
                            },
                        )
                    })?;
                }
                Slot::DeletedAt if !text.is_empty() => {
                    out.deleted_at = Some(read_moment(text).map_err(|e| at("deleted_at", e))?);
                }
                Slot::DeletedAt => {}
                Slot::Field(spec) if spec.ty == FieldType::Money => {
                    amounts.insert(spec.key, text);
                }
                Slot::Field(spec) => {
                    if let Some(v) = read_cell(spec.ty, text).map_err(|e| at(spec.key, e))? {
                        out.fields.insert(spec.key, v);
                    }
                }
                Slot::Currency(key) => {
                    currencies.insert(key, text);
                }
                Slot::Custom(i) if self.layout.custom[*i].is_money() => {
                    custom_amounts.insert(*i, text);
                }
                Slot::Custom(i) => {
                    let c = &self.layout.custom[*i];
                    if let Some(v) =
                        read_custom(&c.field_type, text).map_err(|e| at(&custom_header(c), e))?
                    {
                        out.custom.insert(c.id, v);
                    }
                }
                Slot::CustomCurrency(i) => {
                    custom_currencies.insert(*i, text);
                }
                Slot::Extra(name) => {
                    out.extra.insert(name.clone(), text.to_owned());
                }
            }
        }
        for (key, amount) in amounts {
            let currency = currencies.get(key).copied().unwrap_or_default();
            if let Some(v) = read_money(amount, currency).map_err(|e| at(key, e))? {
                out.fields.insert(key, v);
            }
        }
        for (i, amount) in custom_amounts {
            let c = &self.layout.custom[i];
            let currency = custom_currencies.get(&i).copied().unwrap_or_default();
            if let Some(v) = read_money(amount, currency).map_err(|e| at(&custom_header(c), e))? {
                out.custom.insert(c.id, v);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Currency, FieldRead, Money, RecordId};

    fn read(value: Value) -> FieldRead {
        FieldRead {
            value,
            conflicts: vec![],
        }
    }

    fn deal() -> (Layout, Record) {
        let definition = Uuid::from_u128(7);
        let tags = Uuid::from_u128(8);
        let layout = Layout {
            kind: Kind::Deal,
            custom: vec![
                CustomColumn {
                    id: definition,
                    key: "budzet".into(),
                    label: "Budżet".into(),
                    field_type: "money".into(),
                },
                CustomColumn {
                    id: tags,
                    key: "tagi".into(),
                    label: "Tagi [ważne]".into(),
                    field_type: "multiselect".into(),
                },
            ],
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
        fields.insert(
            "people".to_owned(),
            read(Value::RefSet(
                [Uuid::from_u128(3), Uuid::from_u128(4)].into(),
            )),
        );
        let mut custom = BTreeMap::new();
        custom.insert(
            RecordId(definition),
            read(Value::Money(Money::new(5, Currency::EUR))),
        );
        custom.insert(
            RecordId(tags),
            read(Value::TextSet(["a".to_owned(), "b c".to_owned()].into())),
        );
        let record = Record {
            id: RecordId(Uuid::from_u128(1)),
            kind: Kind::Deal,
            schema: 1,
            fields,
            custom,
            deleted_at: Some(0),
        };
        (layout, record)
    }

    #[test]
    fn money_is_a_decimal_with_its_currency_and_custom_columns_follow() {
        let (layout, record) = deal();
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

    #[test]
    fn a_written_row_reads_back_as_the_record_in_any_column_order() {
        let (layout, record) = deal();
        let mut header = layout.header();
        let mut row = layout.row(&record);
        header.reverse();
        row.reverse();
        let reader = layout.reader(&header, &[]).unwrap();
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        let back = reader.read(&cells).unwrap();
        assert_eq!(back.id, record.id.0);
        assert_eq!(back.deleted_at, Some(0));
        let fields: BTreeMap<String, Value> = record
            .fields
            .iter()
            .map(|(k, f)| (k.clone(), f.value.clone()))
            .collect();
        let read_fields: BTreeMap<String, Value> = back
            .fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        assert_eq!(read_fields, fields);
        let custom: BTreeMap<Uuid, Value> = record
            .custom
            .iter()
            .map(|(k, f)| (k.0, f.value.clone()))
            .collect();
        assert_eq!(back.custom, custom);
    }

    #[test]
    fn a_header_with_an_unknown_or_twice_named_column_is_refused() {
        let (layout, _) = deal();
        let mut header = layout.header();
        header[1] = "tytuł".into();
        assert_eq!(
            layout.reader(&header, &[]).unwrap_err(),
            ColumnError::Unknown("tytuł".into())
        );
        let mut header = layout.header();
        header.push("title".into());
        assert!(matches!(
            layout.reader(&header, &[]),
            Err(ColumnError::Duplicate(_))
        ));
        let header: Vec<String> = layout.header().into_iter().skip(1).collect();
        assert!(layout.reader(&header, &[]).is_err());
        let mut header = layout.header();
        header.push("archive_path".into());
        assert!(layout.reader(&header, &["archive_path"]).is_ok());
        let reader = layout.reader(&layout.header(), &[]).unwrap();
        assert!(matches!(
            reader.read(&["x"]),
            Err(ColumnError::Width { .. })
        ));
    }
}
