//! Which column of the file goes into which field. A mapping is suggested from the headers
//! (Polish and English names, the headers an XLSX export writes, custom field labels and
//! keys); the user may change it before the import runs.

use localspace_core::text::fold;
use localspace_core::{Kind, RecordId, schema};
use serde::{Deserialize, Serialize};

use crate::export::CustomDefinition;

/// Where one column goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "to", content = "key", rename_all = "snake_case")]
pub enum Target {
    /// Not imported.
    Ignore,
    /// A built-in field by its schema key (`first_name`, `nip`, `emails`, `company`, …).
    Field(String),
    /// A custom field by its definition id.
    Custom(RecordId),
}

/// One target per column of the file, in column order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Mapping {
    pub columns: Vec<Target>,
}

/// Names a header may have for each field (folded, lower case).
fn synonyms(kind: Kind) -> &'static [(&'static str, &'static [&'static str])] {
    match kind {
        Kind::Person => &[
            (
                "first_name",
                &[
                    "imie",
                    "first name",
                    "firstname",
                    "given name",
                    "first_name",
                ],
            ),
            (
                "last_name",
                &["nazwisko", "last name", "lastname", "surname", "last_name"],
            ),
            (
                "company",
                &[
                    "firma",
                    "company",
                    "nazwa firmy",
                    "company name",
                    "organizacja",
                ],
            ),
            (
                "position",
                &["stanowisko", "position", "job title", "title", "funkcja"],
            ),
            (
                "emails",
                &[
                    "e-mail",
                    "email",
                    "adres e-mail",
                    "mail",
                    "emails",
                    "e-maile",
                ],
            ),
            (
                "phones",
                &[
                    "telefon", "phone", "tel", "tel.", "komorka", "mobile", "phones", "telefony",
                ],
            ),
            ("city", &["miasto", "city", "miejscowosc"]),
            ("description", &["opis", "description", "notatka", "notes"]),
            ("owner", &["opiekun", "owner", "wlasciciel"]),
        ],
        Kind::Company => &[
            (
                "name",
                &[
                    "nazwa",
                    "name",
                    "firma",
                    "company",
                    "nazwa firmy",
                    "company name",
                ],
            ),
            ("nip", &["nip", "vat id", "tax id", "nip firmy"]),
            ("regon", &["regon"]),
            ("industry", &["branza", "industry"]),
            (
                "website",
                &["www", "website", "strona", "strona www", "url"],
            ),
            ("street", &["ulica", "street", "adres", "address"]),
            ("postcode", &["kod pocztowy", "postcode", "zip", "kod"]),
            ("city", &["miasto", "city", "miejscowosc"]),
            ("country", &["kraj", "country"]),
            (
                "emails",
                &["e-mail", "email", "adres e-mail", "mail", "emails"],
            ),
            ("phones", &["telefon", "phone", "tel", "tel.", "phones"]),
            ("description", &["opis", "description", "notatka", "notes"]),
            ("owner", &["opiekun", "owner", "wlasciciel"]),
        ],
        _ => &[],
    }
}

fn normal(header: &str) -> String {
    fold(header)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Suggests a target for every header: custom fields by label or key first (an account's
/// own names win), then built-in fields; a field is taken by one column at most.
pub fn suggest(kind: Kind, headers: &[String], custom: &[CustomDefinition]) -> Mapping {
    let mut taken: Vec<Target> = Vec::new();
    let columns = headers
        .iter()
        .map(|header| {
            let h = normal(header);
            let found = custom
                .iter()
                .find(|d| normal(&d.label) == h || normal(&d.key) == h)
                .map(|d| Target::Custom(d.id))
                .or_else(|| {
                    synonyms(kind)
                        .iter()
                        .find(|(_, names)| names.contains(&h.as_str()))
                        .map(|(key, _)| Target::Field((*key).to_owned()))
                });
            match found {
                Some(t) if !taken.contains(&t) => {
                    taken.push(t.clone());
                    t
                }
                _ => Target::Ignore,
            }
        })
        .collect();
    Mapping { columns }
}

/// The built-in fields an import may write for `kind`, in the order a mapping offers them.
pub fn importable_fields(kind: Kind) -> Vec<&'static str> {
    synonyms(kind)
        .iter()
        .map(|(key, _)| *key)
        .filter(|key| schema::field_spec(kind, key).is_some())
        .collect()
}

/// True when `key` is a field an import may write for `kind`.
pub(crate) fn importable(kind: Kind, key: &str) -> bool {
    synonyms(kind).iter().any(|(k, _)| *k == key) && schema::field_spec(kind, key).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_headers_map_back() {
        let headers: Vec<String> = [
            "Imię", "Nazwisko", "Firma", "E-mail", "Telefon", "ID", "Segment",
        ]
        .map(String::from)
        .to_vec();
        let segment = CustomDefinition {
            id: RecordId::from_bytes([3; 16]),
            key: "segment".into(),
            label: "Segment".into(),
            field_type: "select".into(),
            options: vec![],
        };
        let m = suggest(Kind::Person, &headers, &[segment]);
        assert_eq!(
            m.columns,
            [
                Target::Field("first_name".into()),
                Target::Field("last_name".into()),
                Target::Field("company".into()),
                Target::Field("emails".into()),
                Target::Field("phones".into()),
                Target::Ignore,
                Target::Custom(RecordId::from_bytes([3; 16])),
            ]
        );
    }
}
