//! Task buckets: Inbox (no due date), Today, Overdue and Upcoming, open tasks only.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rows::{TaskRow, task_row};
use crate::error::Result;
use crate::replica::Replica;

/// Which tasks to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskBucket {
    Inbox,
    Today,
    Overdue,
    Upcoming,
}

impl Replica {
    /// Open tasks of a bucket, for `today` (the user's local date), optionally of one
    /// assignee, soonest first.
    pub fn tasks(
        &self,
        bucket: TaskBucket,
        today: NaiveDate,
        assignee: Option<uuid::Uuid>,
        limit: usize,
    ) -> Result<Vec<TaskRow>> {
        let condition = match bucket {
            TaskBucket::Inbox => "t.due IS NULL",
            TaskBucket::Today => "t.due = ?1",
            TaskBucket::Overdue => "t.due < ?1",
            TaskBucket::Upcoming => "t.due > ?1",
        };
        let sql = format!(
            "SELECT d.id, t.title, t.due, t.done, t.assignee FROM tasks t JOIN docs d ON d.n = t.n
             WHERE t.done = 0 AND t.deleted = 0 AND ({condition}) AND (?1 IS NOT NULL)
               AND (?2 IS NULL OR t.assignee = ?2)
             ORDER BY t.due, t.sort_key, t.n LIMIT ?3"
        );
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![
                today.to_string(),
                assignee.map(|a| a.as_bytes().to_vec()),
                limit as i64
            ],
            task_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
