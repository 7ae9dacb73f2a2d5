//! The match keys of every live person or company, read from the projections (no document
//! is loaded), and an index from key to record for import matching.

use std::collections::HashMap;

use localspace_core::{Kind, RecordId};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::keys;
use crate::error::Result;
use crate::export::record_id_at;

/// Which rule made two records match, strongest first.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum MatchRule {
    /// Companies: the same NIP.
    Nip,
    /// Companies: the same REGON.
    Regon,
    /// Companies: the same name once legal forms and punctuation are dropped.
    Name,
    /// People: the same e-mail address.
    Email,
    /// People: the same full name at the same company.
    NameAndCompany,
}

impl MatchRule {
    /// The rules of a kind, in the order they are tried.
    pub fn ordered(kind: Kind) -> &'static [MatchRule] {
        match kind {
            Kind::Company => &[MatchRule::Nip, MatchRule::Regon, MatchRule::Name],
            Kind::Person => &[MatchRule::Email, MatchRule::NameAndCompany],
            _ => &[],
        }
    }
}

/// One record with its match keys.
#[derive(Clone, Debug)]
pub(crate) struct Keyed {
    pub id: RecordId,
    pub keys: Vec<(MatchRule, String)>,
}

/// The keys of a company from its fields.
pub(crate) fn company_keys(name: &str, nip: &str, regon: &str) -> Vec<(MatchRule, String)> {
    let mut out = Vec::new();
    if let Some(k) = keys::nip(nip) {
        out.push((MatchRule::Nip, k));
    }
    if let Some(k) = keys::regon(regon) {
        out.push((MatchRule::Regon, k));
    }
    let name = keys::company_name(name);
    if !name.is_empty() {
        out.push((MatchRule::Name, name));
    }
    out
}

/// The keys of a person from their fields (every e-mail counts).
pub(crate) fn person_keys<'a>(
    first: &str,
    last: &str,
    company: Option<RecordId>,
    emails: impl IntoIterator<Item = &'a str>,
) -> Vec<(MatchRule, String)> {
    let mut out: Vec<(MatchRule, String)> = emails
        .into_iter()
        .filter_map(keys::email)
        .map(|e| (MatchRule::Email, e))
        .collect();
    if let (Some(name), Some(company)) = (keys::person_name(first, last), company) {
        out.push((MatchRule::NameAndCompany, format!("{name}\u{1f}{company}")));
    }
    out
}

/// Every live record of `kind` with its keys, oldest first (ids are UUIDv7). People are
/// keyed by their main e-mail, which the projection holds.
pub(crate) fn scan(conn: &Connection, kind: Kind) -> Result<Vec<Keyed>> {
    let sql = match kind {
        Kind::Company => {
            "SELECT d.id, t.name, t.nip, t.regon FROM companies t JOIN docs d ON d.n = t.n
             WHERE t.deleted = 0 ORDER BY d.id"
        }
        Kind::Person => {
            "SELECT d.id, t.first_name, t.last_name, t.company, t.email FROM people t
             JOIN docs d ON d.n = t.n WHERE t.deleted = 0 ORDER BY d.id"
        }
        _ => return Ok(Vec::new()),
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        let id = record_id_at(r, 0)?;
        let text = |i: usize| -> rusqlite::Result<String> {
            Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
        };
        let keys = if kind == Kind::Company {
            company_keys(&text(1)?, &text(2)?, &text(3)?)
        } else {
            let company: Option<Vec<u8>> = r.get(3)?;
            let company = company.and_then(|b| RecordId::from_slice(&b));
            let email = text(4)?;
            person_keys(&text(1)?, &text(2)?, company, [email.as_str()])
        };
        Ok(Keyed { id, keys })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// From key to the oldest record holding it, per rule.
#[derive(Debug, Default)]
pub(crate) struct Index {
    by_key: HashMap<(MatchRule, String), RecordId>,
}

impl Index {
    /// An index of `records`; the first record holding a key keeps it.
    pub fn new(records: &[Keyed]) -> Self {
        let mut index = Index::default();
        for record in records {
            index.add(record.id, &record.keys);
        }
        index
    }

    /// Adds a record's keys (those already held stay with their record).
    pub fn add(&mut self, id: RecordId, keys: &[(MatchRule, String)]) {
        for key in keys {
            self.by_key.entry(key.clone()).or_insert(id);
        }
    }

    /// The record the strongest of `keys` points at, with the rule that matched.
    pub fn find(&self, kind: Kind, keys: &[(MatchRule, String)]) -> Option<(RecordId, MatchRule)> {
        for rule in MatchRule::ordered(kind) {
            for key in keys.iter().filter(|(r, _)| r == rule) {
                if let Some(id) = self.by_key.get(key) {
                    return Some((*id, *rule));
                }
            }
        }
        None
    }

    /// The record holding exactly this key.
    pub fn get(&self, rule: MatchRule, key: &str) -> Option<RecordId> {
        self.by_key.get(&(rule, key.to_owned())).copied()
    }
}
