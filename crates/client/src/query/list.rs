//! Lists of one kind with filters, a sort and keyset paging: a page is found by the sort
//! value and row of the last row seen, so page 500 costs what page 1 costs.

use localspace_core::{Kind, RecordId};
use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};

use super::rows::{Row, read_row, select_columns};
use super::search::match_expression;
use crate::error::{Error, Result};
use crate::replica::{Replica, table_of};

/// What a list shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Filter {
    /// Records of one owner.
    pub owner: Option<uuid::Uuid>,
    /// People of one company.
    pub company: Option<RecordId>,
    /// Deals of one pipeline.
    pub pipeline: Option<RecordId>,
    /// Deals in one stage (stage id).
    pub stage: Option<String>,
    /// Deals with this status (`open`, `won`, `lost`).
    pub status: Option<String>,
    /// Records in this city (people, companies).
    pub city: Option<String>,
    /// Records matching this search text.
    pub text: Option<String>,
    /// Records whose custom value equals the given JSON value.
    pub custom: Vec<(RecordId, serde_json::Value)>,
    /// The trash instead of live records.
    pub trash: bool,
}

/// The order of a list; ties break by row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Name in Polish alphabetical order (people: last name, first name).
    #[default]
    Name,
    /// Creation time (ids are UUIDv7).
    Created,
    /// Deal value (deals without a value first).
    Value,
    /// Expected close date (deals without one first).
    CloseDate,
    /// Due date (tasks without one last).
    Due,
}

/// A list request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListQuery {
    pub kind: Kind,
    pub filter: Filter,
    pub sort: Sort,
    pub descending: bool,
    /// Where the previous page ended; `None` for the first page.
    pub after: Option<Cursor>,
    /// Rows to skip when there is no `after` cursor: a virtual list jumping to a scroll
    /// position. Sequential paging should use `after`, which costs the same on every page.
    #[serde(default)]
    pub offset: usize,
    pub limit: usize,
}

impl ListQuery {
    /// The first page of `kind`, by name, 100 rows.
    pub fn new(kind: Kind) -> Self {
        ListQuery {
            kind,
            filter: Filter::default(),
            sort: Sort::Name,
            descending: false,
            after: None,
            offset: 0,
            limit: 100,
        }
    }
}

/// The position after the last row of a page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cursor {
    key: CursorKey,
    row: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
enum CursorKey {
    Bytes(Vec<u8>),
    Int(i64),
    Text(String),
}

impl CursorKey {
    fn from_sql(value: SqlValue) -> Result<Self> {
        match value {
            SqlValue::Blob(b) => Ok(CursorKey::Bytes(b)),
            SqlValue::Integer(i) => Ok(CursorKey::Int(i)),
            SqlValue::Text(t) => Ok(CursorKey::Text(t)),
            _ => Err(Error::BadCursor),
        }
    }

    fn to_sql(&self) -> SqlValue {
        match self {
            CursorKey::Bytes(b) => SqlValue::Blob(b.clone()),
            CursorKey::Int(i) => SqlValue::Integer(*i),
            CursorKey::Text(t) => SqlValue::Text(t.clone()),
        }
    }
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub rows: Vec<Row>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

fn has_sort_key(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Person | Kind::Company | Kind::Deal | Kind::Task | Kind::Space | Kind::File
    )
}

fn has_custom(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Person | Kind::Company | Kind::Deal | Kind::Task | Kind::Space
    )
}

/// The sort expression; identical to the index expression so SQLite walks the index.
fn sort_expression(kind: Kind, sort: Sort) -> Result<&'static str> {
    let invalid = |what: &str| {
        Err(Error::Invalid(localspace_core::ValidationError::Invalid {
            field: "sort".into(),
            reason: format!("a {kind} list cannot be sorted by {what}"),
        }))
    };
    match (sort, kind) {
        (Sort::Name, k) if has_sort_key(k) => Ok("t.sort_key"),
        (Sort::Name, _) => Ok("d.title"),
        (Sort::Created, _) => Ok("d.id"),
        (Sort::Value, Kind::Deal) => Ok("IFNULL(t.value_minor, -9223372036854775808)"),
        (Sort::CloseDate, Kind::Deal) => Ok("IFNULL(t.close_date, '')"),
        (Sort::Due, Kind::Task) => Ok("IFNULL(t.due, '9999')"),
        (Sort::Value, _) => invalid("value"),
        (Sort::CloseDate, _) => invalid("close date"),
        (Sort::Due, _) => invalid("due date"),
    }
}

fn unsupported(kind: Kind, what: &str) -> Error {
    Error::Invalid(localspace_core::ValidationError::Invalid {
        field: "filter".into(),
        reason: format!("a {kind} list cannot be filtered by {what}"),
    })
}

impl Replica {
    /// One page of a list.
    pub fn list(&self, query: &ListQuery) -> Result<Page> {
        let kind = query.kind;
        let order = sort_expression(kind, query.sort)?;
        let (conditions, mut params) = conditions(kind, &query.filter)?;
        let mut sql = format!(
            "SELECT {}, {order}, t.n FROM {} t JOIN docs d ON d.n = t.n WHERE {conditions}",
            select_columns(kind),
            table_of(kind)
        );
        let (cmp, dir) = if query.descending {
            ("<", "DESC")
        } else {
            (">", "ASC")
        };
        if let Some(after) = &query.after {
            sql.push_str(&format!(" AND ({order}, t.n) {cmp} (?, ?)"));
            params.push(after.key.to_sql());
            params.push(SqlValue::Integer(after.row));
        }
        sql.push_str(&format!(
            " ORDER BY {order} {dir}, t.n {dir} LIMIT ? OFFSET ?"
        ));
        params.push(SqlValue::Integer(query.limit as i64));
        let offset = if query.after.is_some() {
            0
        } else {
            query.offset
        };
        params.push(SqlValue::Integer(offset as i64));

        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql)?;
        let columns = stmt.column_count();
        let mut rows = Vec::with_capacity(query.limit);
        let mut last = None;
        let mut cursor = stmt.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = cursor.next()? {
            rows.push(read_row(kind, r)?);
            last = Some((
                r.get::<_, SqlValue>(columns - 2)?,
                r.get::<_, i64>(columns - 1)?,
            ));
        }
        let next = match last {
            Some((key, row)) if rows.len() == query.limit => Some(Cursor {
                key: CursorKey::from_sql(key)?,
                row,
            }),
            _ => None,
        };
        Ok(Page { rows, next })
    }
}

impl Replica {
    /// How many rows a list with this filter holds (for a scroll bar and a counter).
    ///
    /// With search text the count starts from the full-text matches and looks each one up,
    /// rather than walking the whole list and testing every row against them: a typed word
    /// usually matches a few hundred of 100,000 rows (6 ms → 1.7 ms for `kowal`).
    pub fn count(&self, kind: Kind, filter: &Filter) -> Result<u64> {
        let text = filter.text.as_deref().and_then(match_expression);
        let (sql, params) = match text {
            Some(expr) => {
                let without_text = Filter {
                    text: None,
                    ..filter.clone()
                };
                let (conditions, mut params) = conditions(kind, &without_text)?;
                params.insert(0, SqlValue::Text(expr));
                let sql = format!(
                    "SELECT count(*) FROM search s JOIN {} t ON t.n = s.rowid
                     WHERE search MATCH ? AND {conditions}",
                    table_of(kind)
                );
                (sql, params)
            }
            None => {
                let (conditions, params) = conditions(kind, filter)?;
                let sql = format!(
                    "SELECT count(*) FROM {} t WHERE {conditions}",
                    table_of(kind)
                );
                (sql, params)
            }
        };
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql)?;
        let n: i64 = stmt.query_row(rusqlite::params_from_iter(params), |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }
}

/// The WHERE conditions of a list (over table alias `t`) and their parameters.
fn conditions(kind: Kind, f: &Filter) -> Result<(String, Vec<SqlValue>)> {
    let mut sql = String::from("t.deleted = ?");
    let mut params: Vec<SqlValue> = vec![SqlValue::Integer(i64::from(f.trash))];
    let mut add = |clause: &str, value: SqlValue| {
        sql.push_str(clause);
        params.push(value);
    };
    if let Some(owner) = f.owner {
        if !matches!(
            kind,
            Kind::Person | Kind::Company | Kind::Deal | Kind::Task | Kind::Space | Kind::File
        ) {
            return Err(unsupported(kind, "owner"));
        }
        add(
            " AND t.owner = ?",
            SqlValue::Blob(owner.as_bytes().to_vec()),
        );
    }
    if let Some(company) = f.company {
        if kind != Kind::Person {
            return Err(unsupported(kind, "company"));
        }
        add(
            " AND t.company = ?",
            SqlValue::Blob(company.as_bytes().to_vec()),
        );
    }
    for (value, column, allowed) in [
        (
            f.pipeline.map(|p| SqlValue::Blob(p.as_bytes().to_vec())),
            "pipeline",
            kind == Kind::Deal,
        ),
        (
            f.stage.clone().map(SqlValue::Text),
            "stage",
            kind == Kind::Deal,
        ),
        (
            f.status.clone().map(SqlValue::Text),
            "status",
            kind == Kind::Deal,
        ),
        (
            f.city.clone().map(SqlValue::Text),
            "city",
            matches!(kind, Kind::Person | Kind::Company),
        ),
    ] {
        if let Some(value) = value {
            if !allowed {
                return Err(unsupported(kind, column));
            }
            add(&format!(" AND t.{column} = ?"), value);
        }
    }
    if let Some(expr) = f.text.as_deref().and_then(match_expression) {
        add(
            " AND t.n IN (SELECT rowid FROM search WHERE search MATCH ?)",
            SqlValue::Text(expr),
        );
    }
    for (definition, value) in &f.custom {
        if !has_custom(kind) {
            return Err(unsupported(kind, "custom fields"));
        }
        let path = format!("$.\"{definition}\"");
        let value = match value {
            serde_json::Value::String(s) => SqlValue::Text(s.clone()),
            serde_json::Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
            serde_json::Value::Number(n) => {
                n.as_i64().map(SqlValue::Integer).unwrap_or(SqlValue::Null)
            }
            other => SqlValue::Text(other.to_string()),
        };
        sql.push_str(" AND json_extract(t.custom, ?) = ?");
        params.push(SqlValue::Text(path));
        params.push(value);
    }
    Ok((sql, params))
}
