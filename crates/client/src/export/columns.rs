//! The columns of each exported list: the built-in ones a list can show, then one per
//! custom field definition, with headers in the user's language.

use std::collections::HashMap;

use localspace_core::api::UserView;
use localspace_core::{Currency, Kind, Money, RecordId};

use super::cell::Cell;
use super::definitions::CustomDefinition;
use crate::query::{CompanyRow, DealRow, PersonRow};

/// The language of column headers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    #[default]
    Polish,
    English,
}

/// Built-in headers of a kind's list, or of coworkers (`None`): (Polish, English).
pub(crate) fn headers(kind: Option<Kind>) -> &'static [(&'static str, &'static str)] {
    match kind {
        Some(Kind::Person) => &[
            ("Imię", "First name"),
            ("Nazwisko", "Last name"),
            ("Firma", "Company"),
            ("Stanowisko", "Position"),
            ("E-mail", "E-mail"),
            ("Telefon", "Phone"),
            ("Miasto", "City"),
            ("Opiekun", "Owner"),
            ("ID", "ID"),
        ],
        Some(Kind::Company) => &[
            ("Nazwa", "Name"),
            ("NIP", "NIP"),
            ("REGON", "REGON"),
            ("Branża", "Industry"),
            ("WWW", "Website"),
            ("Miasto", "City"),
            ("E-mail", "E-mail"),
            ("Telefon", "Phone"),
            ("Opiekun", "Owner"),
            ("ID", "ID"),
        ],
        Some(Kind::Deal) => &[
            ("Nazwa", "Title"),
            ("Lejek", "Pipeline"),
            ("Etap", "Stage"),
            ("Wartość", "Value"),
            ("Waluta", "Currency"),
            ("Przewidywane zamknięcie", "Expected close"),
            ("Prawdopodobieństwo (%)", "Probability (%)"),
            ("Status", "Status"),
            ("Opiekun", "Owner"),
            ("ID", "ID"),
        ],
        _ => &[
            ("Imię i nazwisko", "Name"),
            ("E-mail", "E-mail"),
            ("Rola", "Role"),
            ("Licencja", "Seat"),
            ("Aktywny", "Active"),
        ],
    }
}

/// Every header of a list: built-in columns, then custom fields.
pub(crate) fn all_headers(
    kind: Option<Kind>,
    custom: &[CustomDefinition],
    language: Language,
) -> Vec<String> {
    headers(kind)
        .iter()
        .map(|(pl, en)| match language {
            Language::Polish => (*pl).to_owned(),
            Language::English => (*en).to_owned(),
        })
        .chain(custom.iter().map(|d| d.label.clone()))
        .collect()
}

/// What turns ids into names: coworkers, pipelines and their stages, company extras.
#[derive(Debug, Default)]
pub(crate) struct Names {
    pub users: HashMap<uuid::Uuid, String>,
    pub pipelines: HashMap<RecordId, String>,
    pub stages: HashMap<(RecordId, String), String>,
    /// REGON and website of companies, which list rows do not carry.
    pub company_extra: HashMap<RecordId, (Option<String>, Option<String>)>,
}

impl Names {
    fn user(&self, id: Option<uuid::Uuid>) -> Cell {
        match id {
            Some(id) => Cell::Text(
                self.users
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| id.to_string()),
            ),
            None => Cell::Empty,
        }
    }
}

pub(crate) fn person_cells(r: &PersonRow, names: &Names) -> Vec<Cell> {
    vec![
        Cell::text(r.first_name.as_deref()),
        Cell::text(r.last_name.as_deref()),
        Cell::text(r.company_name.as_deref()),
        Cell::text(r.position.as_deref()),
        Cell::text(r.email.as_deref()),
        Cell::text(r.phone.as_deref()),
        Cell::text(r.city.as_deref()),
        names.user(r.owner),
        Cell::Text(r.id.to_string()),
    ]
}

pub(crate) fn company_cells(r: &CompanyRow, names: &Names) -> Vec<Cell> {
    let (regon, website) = names.company_extra.get(&r.id).cloned().unwrap_or_default();
    vec![
        Cell::text(r.name.as_deref()),
        Cell::text(r.nip.as_deref()),
        Cell::text(regon.as_deref()),
        Cell::text(r.industry.as_deref()),
        Cell::text(website.as_deref()),
        Cell::text(r.city.as_deref()),
        Cell::text(r.email.as_deref()),
        Cell::text(r.phone.as_deref()),
        names.user(r.owner),
        Cell::Text(r.id.to_string()),
    ]
}

pub(crate) fn deal_cells(r: &DealRow, names: &Names) -> Vec<Cell> {
    let pipeline = r.pipeline.and_then(|p| names.pipelines.get(&p).cloned());
    let stage = match (r.pipeline, &r.stage) {
        (Some(p), Some(s)) => names
            .stages
            .get(&(p, s.clone()))
            .cloned()
            .or_else(|| Some(s.clone())),
        (None, Some(s)) => Some(s.clone()),
        _ => None,
    };
    vec![
        Cell::text(r.title.as_deref()),
        Cell::text(pipeline.as_deref()),
        Cell::text(stage.as_deref()),
        r.value.map_or(Cell::Empty, Cell::Money),
        Cell::text(r.value.map(|v| v.currency.to_string()).as_deref()),
        Cell::date(r.close_date.as_deref()),
        r.probability.map_or(Cell::Empty, Cell::Int),
        Cell::Text(r.status.clone()),
        names.user(r.owner),
        Cell::Text(r.id.to_string()),
    ]
}

pub(crate) fn coworker_cells(u: &UserView) -> Vec<Cell> {
    vec![
        Cell::Text(u.name.clone()),
        Cell::Text(u.email.clone()),
        Cell::Text(u.role.as_str().to_owned()),
        Cell::Bool(u.seat),
        Cell::Bool(u.active),
    ]
}

/// The custom columns of a row, from the projection's JSON (keyed by definition id).
pub(crate) fn custom_cells(json: Option<&str>, custom: &[CustomDefinition]) -> Vec<Cell> {
    if custom.is_empty() {
        return Vec::new();
    }
    let values: serde_json::Map<String, serde_json::Value> = json
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    custom
        .iter()
        .map(|d| match values.get(&d.id.to_string()) {
            Some(v) => custom_cell(&d.field_type, v),
            None => Cell::Empty,
        })
        .collect()
}

fn custom_cell(field_type: &str, v: &serde_json::Value) -> Cell {
    use serde_json::Value as J;
    match (field_type, v) {
        ("number", J::Number(n)) => n.as_i64().map_or(Cell::Empty, Cell::Int),
        ("money", J::Object(m)) => {
            let minor = m.get("minor").and_then(J::as_i64);
            let currency = m
                .get("currency")
                .and_then(J::as_str)
                .and_then(|c| c.parse::<Currency>().ok());
            match (minor, currency) {
                (Some(minor), Some(c)) => Cell::Money(Money::new(minor, c)),
                _ => Cell::Empty,
            }
        }
        ("date", J::String(s)) => Cell::date(Some(s)),
        (_, J::Bool(b)) => Cell::Bool(*b),
        (_, J::String(s)) => Cell::text(Some(s)),
        (_, J::Array(items)) => {
            let texts: Vec<&str> = items.iter().filter_map(J::as_str).collect();
            Cell::text(Some(&texts.join(", ")))
        }
        (_, J::Number(n)) => n.as_i64().map_or(Cell::Empty, Cell::Int),
        _ => Cell::Empty,
    }
}
