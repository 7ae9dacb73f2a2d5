//! Full-text search: typed words are folded like the index (`lodz` finds `Łódź`) and each
//! becomes a prefix term, so results appear while the user types.

use localspace_core::{Kind, RecordId, text};
use serde::{Deserialize, Serialize};

use super::rows::{Row, id_at, read_row, select_columns};
use crate::error::Result;
use crate::replica::{Replica, table_of};

/// A search result across kinds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Hit {
    pub id: RecordId,
    pub kind: Kind,
    pub title: String,
}

/// The FTS5 query for typed text: every word as a quoted prefix term (all must match).
/// `None` when the text has no words.
pub(crate) fn match_expression(typed: &str) -> Option<String> {
    let terms = text::search_terms(typed);
    (!terms.is_empty()).then(|| {
        terms
            .iter()
            .map(|t| format!("\"{t}\"*"))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

impl Replica {
    /// Searches every kind (global search), best matches first; live records only.
    pub fn search(&self, typed: &str, limit: usize) -> Result<Vec<Hit>> {
        let Some(expr) = match_expression(typed) else {
            return Ok(Vec::new());
        };
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT d.id, d.kind, d.title FROM search s JOIN docs d ON d.n = s.rowid
             WHERE search MATCH ?1 AND d.deleted = 0 ORDER BY s.rank LIMIT ?2",
        )?;
        let hits = stmt.query_map(rusqlite::params![expr, limit as i64], |r| {
            Ok(Hit {
                id: id_at(r, 0)?,
                kind: r.get::<_, String>(1)?.parse().unwrap_or(Kind::Person),
                title: r.get(2)?,
            })
        })?;
        Ok(hits.collect::<rusqlite::Result<_>>()?)
    }

    /// Searches one kind and returns full list rows (the first `limit` matches).
    pub fn search_kind(&self, kind: Kind, typed: &str, limit: usize) -> Result<Vec<Row>> {
        let Some(expr) = match_expression(typed) else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT {} FROM search s JOIN {} t ON t.n = s.rowid JOIN docs d ON d.n = t.n
             WHERE search MATCH ?1 AND t.deleted = 0 LIMIT ?2",
            select_columns(kind),
            table_of(kind)
        );
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![expr, limit as i64], |r| read_row(kind, r))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_folded_prefix_terms() {
        assert_eq!(
            match_expression("Łódź Piotrk").as_deref(),
            Some("\"lodz\"* \"piotrk\"*")
        );
        assert_eq!(
            match_expression("\" OR * NEAR("),
            Some("\"or\"* \"near\"*".to_owned())
        );
        assert_eq!(match_expression("  ,. "), None);
    }
}
