//! Turning one row of cells into a patch: each mapped cell is read as its field's type
//! (Polish number and date formats, `tak`/`nie`, several e-mails in one cell), links are
//! resolved (a person's company by NIP or name, an owner by name or e-mail), and every
//! problem is reported against the row's line and column.

use std::collections::HashMap;

use chrono::NaiveDate;
use localspace_core::schema::{self, FieldType};
use localspace_core::{Currency, Kind, Money, Patch, RecordId, Value, validate};
use serde::{Deserialize, Serialize};

use super::mapping::Target;
use super::source::RawCell;
use crate::duplicates::{Index, MatchRule, keys};
use crate::export::{CustomDefinition, date_from_serial};

/// A problem with one row: an error keeps the row out, a warning does not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RowIssue {
    /// The line of the file, as a spreadsheet numbers it (the header is line 1).
    pub line: usize,
    /// The column header, when one cell is at fault.
    pub column: Option<String>,
    pub message: String,
    pub warning: bool,
}

/// What converting needs besides the row.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    pub kind: Kind,
    pub headers: &'a [String],
    pub custom: HashMap<RecordId, &'a CustomDefinition>,
    /// Existing companies, for a person's company column.
    pub companies: &'a Index,
    /// Coworkers by folded name and by lower-case e-mail.
    pub users: HashMap<String, uuid::Uuid>,
}

/// Converts a row; `issues` gets every problem found.
pub(crate) fn convert(
    ctx: &Context<'_>,
    targets: &[Target],
    cells: &[RawCell],
    line: usize,
    issues: &mut Vec<RowIssue>,
) -> Patch {
    let mut patch = Patch::new();
    for (col, target) in targets.iter().enumerate() {
        let Some(cell) = cells.get(col).filter(|c| !c.is_blank()) else {
            continue;
        };
        let issue = |message: String, warning: bool| RowIssue {
            line,
            column: ctx.headers.get(col).cloned(),
            message,
            warning,
        };
        match target {
            Target::Ignore => {}
            Target::Field(key) => match field_value(ctx, key, cell) {
                Ok(Some(value)) => patch = patch.set(key, value),
                Ok(None) => {}
                Err(Problem::Error(m)) => issues.push(issue(m, false)),
                Err(Problem::Warning(m)) => issues.push(issue(m, true)),
            },
            Target::Custom(id) => {
                let Some(def) = ctx.custom.get(id) else {
                    issues.push(issue("no such custom field".into(), false));
                    continue;
                };
                match custom_value(def, cell).and_then(|v| {
                    validate::check_custom(&def.label, &def.field_type, &def.options, &v)
                        .map(|()| v)
                        .map_err(|e| e.to_string())
                }) {
                    Ok(v) => patch = patch.custom(*id, Some(v)),
                    Err(m) => issues.push(issue(m, false)),
                }
            }
        }
    }
    patch
}

enum Problem {
    Error(String),
    Warning(String),
}

fn field_value(ctx: &Context<'_>, key: &str, cell: &RawCell) -> Result<Option<Value>, Problem> {
    let Some(spec) = schema::field_spec(ctx.kind, key) else {
        return Err(Problem::Error(format!(
            "a {} has no field `{key}`",
            ctx.kind
        )));
    };
    let text = cell.as_text();
    Ok(Some(match spec.ty {
        FieldType::Text { .. } | FieldType::Enum(_) | FieldType::Nip => Value::Text(text),
        FieldType::LongText => Value::LongText(text),
        FieldType::Emails => Value::List(split(&text, &[',', ';', ' ', '\n'])),
        FieldType::Phones => Value::List(split(&text, &[',', ';', '\n'])),
        FieldType::Ref(Some(Kind::Company)) => {
            let found = keys::nip(&text)
                .and_then(|nip| ctx.companies.get(MatchRule::Nip, &nip))
                .or_else(|| {
                    ctx.companies
                        .get(MatchRule::Name, &keys::company_name(&text))
                });
            match found {
                Some(id) => Value::Ref(id.0),
                None => {
                    return Err(Problem::Warning(format!(
                        "no company `{text}`; imported without it"
                    )));
                }
            }
        }
        FieldType::UserRef => {
            let key = if text.contains('@') {
                text.to_lowercase()
            } else {
                localspace_core::text::fold(&text)
            };
            match ctx.users.get(&key) {
                Some(user) => Value::Ref(*user),
                None => {
                    return Err(Problem::Warning(format!(
                        "no coworker `{text}`; imported without an owner"
                    )));
                }
            }
        }
        _ => return Err(Problem::Error(format!("`{key}` cannot be imported"))),
    }))
}

fn split(text: &str, separators: &[char]) -> Vec<String> {
    text.split(|c| separators.contains(&c))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn custom_value(def: &CustomDefinition, cell: &RawCell) -> Result<Value, String> {
    let text = cell.as_text();
    match def.field_type.as_str() {
        "number" => match cell {
            RawCell::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => Ok(Value::Int(*n as i64)),
            _ => text
                .replace([' ', '\u{a0}'], "")
                .parse::<i64>()
                .map(Value::Int)
                .map_err(|_| format!("`{text}` is not a whole number")),
        },
        "money" => money(cell, &text).map(Value::Money),
        "date" => match cell {
            RawCell::Date(d) => Ok(Value::Date(*d)),
            RawCell::Number(n) => date_from_serial(*n)
                .map(Value::Date)
                .ok_or_else(|| format!("`{text}` is not a date")),
            _ => parse_date(&text)
                .map(Value::Date)
                .ok_or_else(|| format!("`{text}` is not a date (use 2026-12-31 or 31.12.2026)")),
        },
        "bool" => match cell {
            RawCell::Bool(b) => Ok(Value::Bool(*b)),
            _ => parse_bool(&text)
                .map(Value::Bool)
                .ok_or_else(|| format!("`{text}` is not yes or no")),
        },
        "multiselect" => Ok(Value::TextSet(
            split(&text, &[',', ';']).into_iter().collect(),
        )),
        _ => Ok(Value::Text(text)),
    }
}

/// An amount as typed: `1 234,50`, `1234.5 zł`, `99 EUR`; a spreadsheet number is in PLN.
fn money(cell: &RawCell, text: &str) -> Result<Money, String> {
    if let RawCell::Number(n) = cell {
        let minor = (n * 100.0).round();
        return if minor.is_finite() && minor.abs() < 9e15 {
            Ok(Money::new(minor as i64, Currency::PLN))
        } else {
            Err(format!("`{text}` is not an amount"))
        };
    }
    let mut amount = text.trim().to_owned();
    let mut currency = Currency::PLN;
    for suffix in ["zł", "zl", "PLN"] {
        if let Some(rest) = amount.strip_suffix(suffix) {
            amount = rest.trim().to_owned();
        }
    }
    if amount.len() > 3
        && let Some(code) = amount.get(amount.len() - 3..)
        && let Ok(c) = code.parse::<Currency>()
    {
        currency = c;
        amount = amount[..amount.len() - 3].trim().to_owned();
    }
    Money::parse_decimal(&amount, currency).map_err(|e| e.to_string())
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y.%m.%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text.trim(), f).ok())
}

fn parse_bool(text: &str) -> Option<bool> {
    match localspace_core::text::fold(text).as_str() {
        "tak" | "t" | "yes" | "y" | "true" | "prawda" | "1" | "x" => Some(true),
        "nie" | "n" | "no" | "false" | "falsz" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::polish("1 234,50", 123_450, "PLN")]
    #[case::zloty("99 zł", 9_900, "PLN")]
    #[case::euro("12.5 EUR", 1_250, "EUR")]
    fn amounts(#[case] text: &str, #[case] minor: i64, #[case] currency: &str) {
        let m = money(&RawCell::Text(text.into()), text).unwrap();
        assert_eq!((m.minor, m.currency.code()), (minor, currency));
    }

    #[test]
    fn dates_and_bools() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31);
        assert_eq!(parse_date("31.12.2026"), d);
        assert_eq!(parse_date("2026-12-31"), d);
        assert_eq!(parse_date("jutro"), None);
        assert_eq!(parse_bool("Tak"), Some(true));
        assert_eq!(parse_bool("fałsz"), Some(false));
        assert_eq!(parse_bool("może"), None);
    }
}
