//! Validation of a patch against a kind's schema, before anything is written. Each error
//! names its field so the UI can mark it.

use crate::error::ValidationError;
use crate::kind::Kind;
use crate::patch::Patch;
use crate::schema::{self, FieldSpec, FieldType};
use crate::value::Value;

/// Whether the patch creates the record (required fields must be present) or edits it
/// (required fields may be absent but not cleared).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
}

/// Checks every field of the patch against the kind's schema.
pub fn validate(kind: Kind, patch: &Patch, mode: Mode) -> Result<(), ValidationError> {
    for (key, value) in &patch.fields {
        let spec = schema::field_spec(kind, key).ok_or_else(|| ValidationError::UnknownField {
            kind: kind.to_string(),
            field: key.clone(),
        })?;
        match value {
            Some(value) => check_value(spec, value)?,
            None if spec.required => return Err(required(key)),
            None => {}
        }
    }
    if mode == Mode::Create {
        for spec in schema::fields(kind).iter().filter(|f| f.required) {
            if !matches!(patch.fields.get(spec.key), Some(Some(_))) {
                return Err(required(spec.key));
            }
        }
    }
    if !patch.custom.is_empty() && !kind.has_custom_fields() {
        return Err(ValidationError::Invalid {
            field: "custom".into(),
            reason: format!("a {kind} has no custom fields"),
        });
    }
    Ok(())
}

fn required(field: &str) -> ValidationError {
    ValidationError::Required {
        field: field.to_owned(),
    }
}

fn wrong(spec: &FieldSpec, expected: &'static str) -> ValidationError {
    ValidationError::WrongType {
        field: spec.key.to_owned(),
        expected,
    }
}

fn check_value(spec: &FieldSpec, value: &Value) -> Result<(), ValidationError> {
    let field = spec.key;
    match (spec.ty, value) {
        (FieldType::Text { max }, Value::Text(s)) => {
            if spec.required && s.trim().is_empty() {
                return Err(required(field));
            }
            if s.chars().count() > max {
                return Err(ValidationError::TooLong {
                    field: field.into(),
                    max,
                });
            }
        }
        (FieldType::Enum(allowed), Value::Text(s)) => {
            if !allowed.contains(&s.as_str()) {
                return Err(ValidationError::NotAllowed {
                    field: field.into(),
                    allowed: allowed.join(", "),
                });
            }
        }
        (FieldType::LongText, Value::LongText(_) | Value::Text(_)) => {}
        (FieldType::Int { min, max }, Value::Int(n)) => {
            if *n < min || *n > max {
                return Err(if field == "probability" {
                    ValidationError::BadProbability { value: *n }
                } else {
                    ValidationError::Invalid {
                        field: field.into(),
                        reason: format!("must be between {min} and {max}"),
                    }
                });
            }
        }
        (FieldType::Bool, Value::Bool(_))
        | (FieldType::Money, Value::Money(_))
        | (FieldType::Date, Value::Date(_))
        | (FieldType::Timestamp, Value::Timestamp(_))
        | (FieldType::Ref(_) | FieldType::UserRef, Value::Ref(_))
        | (FieldType::RefSet(_) | FieldType::UserSet, Value::RefSet(_)) => {}
        (FieldType::Emails, Value::List(items)) => {
            for item in items {
                check_email(item)?;
            }
        }
        (FieldType::Phones, Value::List(items)) => {
            for item in items {
                check_phone(item)?;
            }
        }
        (FieldType::List, Value::List(items)) => {
            if items.iter().any(|i| i.chars().count() > 200) {
                return Err(ValidationError::TooLong {
                    field: field.into(),
                    max: 200,
                });
            }
        }
        (FieldType::Nip, Value::Text(s)) => {
            if !s.trim().is_empty() {
                check_nip(s)?;
            }
        }
        (FieldType::Lines, Value::Lines(lines)) => {
            for line in lines {
                if line.name.trim().is_empty() {
                    return Err(ValidationError::Invalid {
                        field: field.into(),
                        reason: "every line needs a name".into(),
                    });
                }
                if line.quantity < 0 {
                    return Err(ValidationError::Invalid {
                        field: field.into(),
                        reason: "quantity cannot be negative".into(),
                    });
                }
                if line.total().is_none() {
                    return Err(ValidationError::MoneyOverflow);
                }
            }
        }
        (FieldType::Stages, Value::Stages(stages)) => {
            for stage in stages {
                if stage.name.trim().is_empty() {
                    return Err(ValidationError::Invalid {
                        field: field.into(),
                        reason: "every stage needs a name".into(),
                    });
                }
                if stage.probability > 100 {
                    return Err(ValidationError::BadProbability {
                        value: i64::from(stage.probability),
                    });
                }
            }
        }
        (ty, _) => return Err(wrong(spec, expected(ty))),
    }
    Ok(())
}

fn expected(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text { .. } | FieldType::Enum(_) | FieldType::Nip => "a text",
        FieldType::LongText => "a long text",
        FieldType::Int { .. } => "a whole number",
        FieldType::Bool => "yes or no",
        FieldType::Money => "an amount of money",
        FieldType::Date => "a date",
        FieldType::Timestamp => "a date and time",
        FieldType::Ref(_) | FieldType::UserRef => "a link",
        FieldType::RefSet(_) | FieldType::UserSet => "a set of links",
        FieldType::Emails | FieldType::Phones | FieldType::List => "a list of texts",
        FieldType::Lines => "revenue or cost lines",
        FieldType::Stages => "pipeline stages",
    }
}

/// Checks a custom field value against its definition's type (`text`, `number`, `money`,
/// `date`, `select`, `multiselect`, `bool`) and select options.
pub fn check_custom(
    label: &str,
    field_type: &str,
    options: &[String],
    value: &Value,
) -> Result<(), ValidationError> {
    let wrong = |expected| ValidationError::WrongType {
        field: label.to_owned(),
        expected,
    };
    let not_allowed = || ValidationError::NotAllowed {
        field: label.to_owned(),
        allowed: options.join(", "),
    };
    match (field_type, value) {
        ("text", Value::Text(s) | Value::LongText(s)) if s.chars().count() > 10_000 => {
            Err(ValidationError::TooLong {
                field: label.to_owned(),
                max: 10_000,
            })
        }
        ("text", Value::Text(_) | Value::LongText(_))
        | ("number", Value::Int(_))
        | ("money", Value::Money(_))
        | ("date", Value::Date(_))
        | ("bool", Value::Bool(_)) => Ok(()),
        ("select", Value::Text(s)) => {
            if options.contains(s) {
                Ok(())
            } else {
                Err(not_allowed())
            }
        }
        ("multiselect", Value::TextSet(items)) => {
            if items.iter().all(|i| options.contains(i)) {
                Ok(())
            } else {
                Err(not_allowed())
            }
        }
        ("text", _) | ("select", _) => Err(wrong("a text")),
        ("number", _) => Err(wrong("a whole number")),
        ("money", _) => Err(wrong("an amount of money")),
        ("date", _) => Err(wrong("a date")),
        ("bool", _) => Err(wrong("yes or no")),
        ("multiselect", _) => Err(wrong("a set of options")),
        (other, _) => Err(ValidationError::Invalid {
            field: label.to_owned(),
            reason: format!("unknown custom field type `{other}`"),
        }),
    }
}

/// Checks an e-mail address the way a CRM needs to: one `@`, a dotted domain, no spaces.
pub fn check_email(value: &str) -> Result<(), ValidationError> {
    let bad = || ValidationError::BadEmail {
        value: value.to_owned(),
    };
    let (local, domain) = value.split_once('@').ok_or_else(bad)?;
    let ok = !local.is_empty()
        && value.len() <= 254
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !value.chars().any(char::is_whitespace);
    if ok { Ok(()) } else { Err(bad()) }
}

/// Checks a phone number: digits with the usual separators, 5 to 20 digits.
pub fn check_phone(value: &str) -> Result<(), ValidationError> {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    if allowed && (5..=20).contains(&digits) {
        Ok(())
    } else {
        Err(ValidationError::BadPhone {
            value: value.to_owned(),
        })
    }
}

/// Checks a Polish NIP: ten digits (separators and a `PL` prefix allowed) whose weighted
/// sum modulo 11 equals the last digit.
pub fn check_nip(value: &str) -> Result<(), ValidationError> {
    let bad = || ValidationError::BadNip {
        value: value.to_owned(),
    };
    let trimmed = value.trim();
    let body = trimmed
        .strip_prefix("PL")
        .or_else(|| trimmed.strip_prefix("pl"))
        .unwrap_or(trimmed);
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
    {
        return Err(bad());
    }
    let digits: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return Err(bad());
    }
    const WEIGHTS: [u32; 9] = [6, 5, 7, 2, 3, 4, 5, 6, 7];
    let sum: u32 = WEIGHTS.iter().zip(&digits).map(|(w, d)| w * d).sum();
    if sum % 11 == digits[9] {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Normalizes a NIP to its ten digits (for duplicate matching and display).
pub fn normalize_nip(value: &str) -> String {
    value.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{Currency, Money};
    use rstest::rstest;

    #[rstest]
    #[case::plain("5260250274", true)]
    #[case::dashes("526-025-02-74", true)]
    #[case::prefixed("PL5260250274", true)]
    #[case::bad_checksum("5260250275", false)]
    #[case::short("526025027", false)]
    #[case::letters("52602502a4", false)]
    fn nip_checksum(#[case] nip: &str, #[case] ok: bool) {
        assert_eq!(check_nip(nip).is_ok(), ok);
    }

    #[rstest]
    #[case::ok("anna.nowak@firma.pl", true)]
    #[case::no_at("anna.nowak.firma.pl", false)]
    #[case::no_dot("anna@localhost", false)]
    #[case::space("anna nowak@firma.pl", false)]
    #[case::two_ats("a@b@firma.pl", false)]
    fn email(#[case] value: &str, #[case] ok: bool) {
        assert_eq!(check_email(value).is_ok(), ok);
    }

    #[rstest]
    #[case::polish("+48 601 234 567", true)]
    #[case::dashes("(22) 555-12-34", true)]
    #[case::letters("601 ABC 567", false)]
    #[case::short("123", false)]
    fn phone(#[case] value: &str, #[case] ok: bool) {
        assert_eq!(check_phone(value).is_ok(), ok);
    }

    #[test]
    fn create_needs_required_fields() {
        let err = validate(
            Kind::Person,
            &Patch::new().text("first_name", "Anna"),
            Mode::Create,
        );
        assert_eq!(
            err,
            Err(ValidationError::Required {
                field: "last_name".into()
            })
        );
        let ok = Patch::new().text("last_name", "Nowak");
        assert_eq!(validate(Kind::Person, &ok, Mode::Create), Ok(()));
    }

    #[test]
    fn update_cannot_clear_or_blank_a_required_field() {
        let clear = Patch::new().clear("last_name");
        assert!(validate(Kind::Person, &clear, Mode::Update).is_err());
        let blank = Patch::new().text("last_name", "  ");
        assert!(validate(Kind::Person, &blank, Mode::Update).is_err());
    }

    #[rstest]
    #[case::unknown_field(Kind::Person, Patch::new().text("salary", "1"))]
    #[case::wrong_type(Kind::Deal, Patch::new().set("value", Value::Int(5)))]
    #[case::bad_status(Kind::Deal, Patch::new().text("status", "maybe"))]
    #[case::probability(Kind::Deal, Patch::new().set("probability", Value::Int(101)))]
    #[case::too_long(Kind::Company, Patch::new().text("name", &"x".repeat(201)))]
    #[case::bad_email(Kind::Person, Patch::new().set("emails", Value::List(vec!["x".into()])))]
    #[case::bad_nip(Kind::Company, Patch::new().text("nip", "1234567890"))]
    #[case::custom_on_pipeline(Kind::Pipeline, Patch::new().custom(crate::RecordId::from_bytes([1; 16]), None))]
    fn rejects(#[case] kind: Kind, #[case] patch: Patch) {
        assert!(validate(kind, &patch, Mode::Update).is_err());
    }

    #[test]
    fn custom_values_follow_their_definition() {
        let options = vec!["VIP".to_owned(), "Partner".to_owned()];
        assert!(check_custom("Segment", "select", &options, &Value::Text("VIP".into())).is_ok());
        assert!(check_custom("Segment", "select", &options, &Value::Text("Other".into())).is_err());
        let set = Value::TextSet(["VIP".to_owned(), "Partner".to_owned()].into());
        assert!(check_custom("Tags", "multiselect", &options, &set).is_ok());
        assert!(check_custom("Budget", "number", &[], &Value::Text("12".into())).is_err());
        assert!(check_custom("Budget", "slider", &[], &Value::Int(1)).is_err());
    }

    #[test]
    fn accepts_money_and_lines() {
        let line = crate::value::Line {
            id: crate::RecordId::from_bytes([2; 16]),
            name: "Licencje".into(),
            quantity: 10,
            unit_price: Money::new(5_900, Currency::PLN),
            position: 0,
        };
        let patch = Patch::new()
            .set("value", Value::Money(Money::new(100, Currency::PLN)))
            .set("revenues", Value::Lines(vec![line]));
        assert_eq!(validate(Kind::Deal, &patch, Mode::Update), Ok(()));
    }
}
