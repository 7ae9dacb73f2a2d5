//! The rows lists return, one shape per kind, read from the projection tables.

use localspace_core::{Currency, Kind, Money, RecordId};
use rusqlite::Row as SqlRow;
use serde::{Deserialize, Serialize};

/// A person in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PersonRow {
    pub id: RecordId,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company: Option<RecordId>,
    pub company_name: Option<String>,
    pub position: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub owner: Option<uuid::Uuid>,
    pub custom: Option<String>,
}

/// A company in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CompanyRow {
    pub id: RecordId,
    pub name: Option<String>,
    pub nip: Option<String>,
    pub industry: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub owner: Option<uuid::Uuid>,
    pub custom: Option<String>,
}

/// A deal in a list or on the board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DealRow {
    pub id: RecordId,
    pub title: Option<String>,
    pub pipeline: Option<RecordId>,
    pub stage: Option<String>,
    pub value: Option<Money>,
    pub close_date: Option<String>,
    pub probability: Option<i64>,
    pub status: String,
    pub owner: Option<uuid::Uuid>,
    pub custom: Option<String>,
}

/// A task in a list or bucket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TaskRow {
    pub id: RecordId,
    pub title: Option<String>,
    pub due: Option<String>,
    pub done: bool,
    pub assignee: Option<uuid::Uuid>,
}

/// Any other record in a list: id, kind and title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SimpleRow {
    pub id: RecordId,
    pub kind: Kind,
    pub title: String,
}

/// A list row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Row {
    Person(PersonRow),
    Company(CompanyRow),
    Deal(DealRow),
    Task(TaskRow),
    /// Any other kind: the row carries its record's own `kind`.
    #[serde(untagged)]
    Other(SimpleRow),
}

impl Row {
    /// The record's id.
    pub fn id(&self) -> RecordId {
        match self {
            Row::Person(r) => r.id,
            Row::Company(r) => r.id,
            Row::Deal(r) => r.id,
            Row::Task(r) => r.id,
            Row::Other(r) => r.id,
        }
    }
}

pub(crate) fn id_at(r: &SqlRow<'_>, i: usize) -> rusqlite::Result<RecordId> {
    let bytes: Vec<u8> = r.get(i)?;
    RecordId::from_slice(&bytes).ok_or(rusqlite::Error::InvalidColumnType(
        i,
        "id".into(),
        rusqlite::types::Type::Blob,
    ))
}

pub(crate) fn opt_id_at(r: &SqlRow<'_>, i: usize) -> rusqlite::Result<Option<RecordId>> {
    let bytes: Option<Vec<u8>> = r.get(i)?;
    Ok(bytes.and_then(|b| RecordId::from_slice(&b)))
}

fn opt_uuid_at(r: &SqlRow<'_>, i: usize) -> rusqlite::Result<Option<uuid::Uuid>> {
    Ok(opt_id_at(r, i)?.map(|id| id.0))
}

/// Columns each kind's list selects, aliased `t` for the projection and `d` for docs.
pub(crate) fn select_columns(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => {
            "d.id, t.first_name, t.last_name, t.company, t.position, t.email, t.phone, t.city, t.owner, t.custom, (SELECT title FROM docs c WHERE c.id = t.company)"
        }
        Kind::Company => {
            "d.id, t.name, t.nip, t.industry, t.city, t.email, t.phone, t.owner, t.custom"
        }
        Kind::Deal => {
            "d.id, t.title, t.pipeline, t.stage, t.value_minor, t.currency, t.close_date, t.probability, t.status, t.owner, t.custom"
        }
        Kind::Task => "d.id, t.title, t.due, t.done, t.assignee",
        _ => "d.id, d.kind, d.title",
    }
}

/// Reads a row selected with [`select_columns`].
pub(crate) fn read_row(kind: Kind, r: &SqlRow<'_>) -> rusqlite::Result<Row> {
    Ok(match kind {
        Kind::Person => Row::Person(PersonRow {
            id: id_at(r, 0)?,
            first_name: r.get(1)?,
            last_name: r.get(2)?,
            company: opt_id_at(r, 3)?,
            position: r.get(4)?,
            email: r.get(5)?,
            phone: r.get(6)?,
            city: r.get(7)?,
            owner: opt_uuid_at(r, 8)?,
            custom: r.get(9)?,
            company_name: r.get(10)?,
        }),
        Kind::Company => Row::Company(CompanyRow {
            id: id_at(r, 0)?,
            name: r.get(1)?,
            nip: r.get(2)?,
            industry: r.get(3)?,
            city: r.get(4)?,
            email: r.get(5)?,
            phone: r.get(6)?,
            owner: opt_uuid_at(r, 7)?,
            custom: r.get(8)?,
        }),
        Kind::Deal => {
            let minor: Option<i64> = r.get(4)?;
            let currency: Option<String> = r.get(5)?;
            let value = match (minor, currency.and_then(|c| c.parse::<Currency>().ok())) {
                (Some(m), Some(c)) => Some(Money::new(m, c)),
                _ => None,
            };
            Row::Deal(DealRow {
                id: id_at(r, 0)?,
                title: r.get(1)?,
                pipeline: opt_id_at(r, 2)?,
                stage: r.get(3)?,
                value,
                close_date: r.get(6)?,
                probability: r.get(7)?,
                status: r.get(8)?,
                owner: opt_uuid_at(r, 9)?,
                custom: r.get(10)?,
            })
        }
        Kind::Task => Row::Task(task_row(r)?),
        _ => Row::Other(SimpleRow {
            id: id_at(r, 0)?,
            kind: r.get::<_, String>(1)?.parse().unwrap_or(kind),
            title: r.get(2)?,
        }),
    })
}

/// Reads `d.id, t.title, t.due, t.done, t.assignee`.
pub(crate) fn task_row(r: &SqlRow<'_>) -> rusqlite::Result<TaskRow> {
    Ok(TaskRow {
        id: id_at(r, 0)?,
        title: r.get(1)?,
        due: r.get(2)?,
        done: r.get(3)?,
        assignee: opt_uuid_at(r, 4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_other_kinds_carry_their_own_kind_once() {
        let row = Row::Other(SimpleRow {
            id: RecordId(uuid::Uuid::from_u128(7)),
            kind: Kind::Space,
            title: "Przetarg 2027".into(),
        });
        let json = serde_json::to_string(&row).unwrap();
        assert_eq!(json.matches("\"kind\"").count(), 1, "{json}");
        assert!(json.contains("\"kind\":\"space\""));
        assert_eq!(serde_json::from_str::<Row>(&json).unwrap(), row);
    }
}
