//! Rows of chosen records, in the shape their list shows them: the duplicates screen puts
//! candidates side by side with the same columns as the people and companies lists.

use localspace_core::{Kind, RecordId};

use super::rows::{Row, read_row, select_columns};
use crate::error::Result;
use crate::replica::{Replica, table_of};

impl Replica {
    /// The list rows of `ids` (records of `kind`), in the order asked; ids that are not
    /// records of that kind are left out.
    pub fn rows_by_id(&self, kind: Kind, ids: &[RecordId]) -> Result<Vec<Row>> {
        let conn = self.lock();
        let sql = format!(
            "SELECT {} FROM {} t JOIN docs d ON d.n = t.n WHERE d.id = ?1",
            select_columns(kind),
            table_of(kind)
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let mut rows = stmt.query_map([id.as_bytes()], |r| read_row(kind, r))?;
            if let Some(row) = rows.next() {
                out.push(row?);
            }
        }
        Ok(out)
    }
}
