//! A record as its page shows it: fields (with conflicts), linked records both ways, the
//! timeline of notes, calls and meetings, its tasks and files.

use localspace_core::{Kind, Record, RecordId};
use serde::{Deserialize, Serialize};

use super::rows::{SimpleRow, TaskRow, id_at, task_row};
use crate::error::Result;
use crate::replica::{Replica, store_read};

/// A record linked to the one shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Linked {
    pub id: RecordId,
    pub kind: Kind,
    pub title: String,
    /// The field that links them (`company`, `people`, …).
    pub relation: String,
    /// True when the other record points here (a person of this company).
    pub incoming: bool,
}

/// One entry of a timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TimelineEntry {
    pub id: RecordId,
    pub activity_type: String,
    pub subject: Option<String>,
    pub at: Option<i64>,
    pub preview: Option<String>,
    pub author: Option<uuid::Uuid>,
}

/// Everything a record page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct RecordView {
    pub record: Record,
    pub linked: Vec<Linked>,
    pub timeline: Vec<TimelineEntry>,
    pub tasks: Vec<TaskRow>,
    pub files: Vec<SimpleRow>,
}

impl Replica {
    /// A record with its links, the newest `timeline_limit` timeline entries, tasks and files.
    pub fn open_record(&self, id: RecordId, timeline_limit: usize) -> Result<RecordView> {
        let conn = self.lock();
        let (n, record) = store_read(&conn, id)?;
        let key = id.as_bytes().as_slice();

        let linked_row = |incoming: bool| {
            move |r: &rusqlite::Row<'_>| {
                Ok(Linked {
                    relation: r.get(0)?,
                    id: id_at(r, 1)?,
                    kind: r.get::<_, String>(2)?.parse().unwrap_or(Kind::Person),
                    title: r.get(3)?,
                    incoming,
                })
            }
        };
        let mut linked: Vec<Linked> = conn
            .prepare_cached(
                "SELECT l.rel, d.id, d.kind, d.title FROM links l JOIN docs d ON d.id = l.dst
                 WHERE l.src = ?1 AND d.deleted = 0 ORDER BY l.rel, d.title",
            )?
            .query_map([n], linked_row(false))?
            .collect::<rusqlite::Result<_>>()?;
        let incoming: Vec<Linked> = conn
            .prepare_cached(
                "SELECT l.rel, d.id, d.kind, d.title FROM links l JOIN docs d ON d.n = l.src
                 WHERE l.dst = ?1 AND d.deleted = 0 AND d.kind NOT IN ('activity', 'task', 'file')
                 ORDER BY d.kind, d.title LIMIT 500",
            )?
            .query_map([key], linked_row(true))?
            .collect::<rusqlite::Result<_>>()?;
        linked.extend(incoming);

        let timeline = conn
            .prepare_cached(
                "SELECT d.id, a.type, a.subject, a.at, a.preview, a.author
                 FROM links l JOIN activities a ON a.n = l.src JOIN docs d ON d.n = a.n
                 WHERE l.dst = ?1 AND l.rel = 'links' AND a.deleted = 0
                 ORDER BY a.at DESC, a.n DESC LIMIT ?2",
            )?
            .query_map(rusqlite::params![key, timeline_limit as i64], |r| {
                let author: Option<Vec<u8>> = r.get(5)?;
                Ok(TimelineEntry {
                    id: id_at(r, 0)?,
                    activity_type: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    subject: r.get(2)?,
                    at: r.get(3)?,
                    preview: r.get(4)?,
                    author: author.and_then(|b| uuid::Uuid::from_slice(&b).ok()),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        let tasks = conn
            .prepare_cached(
                "SELECT d.id, t.title, t.due, t.done, t.assignee
                 FROM links l JOIN tasks t ON t.n = l.src JOIN docs d ON d.n = t.n
                 WHERE l.dst = ?1 AND l.rel = 'links' AND t.deleted = 0
                 ORDER BY t.done, IFNULL(t.due, '9999'), t.sort_key LIMIT 200",
            )?
            .query_map([key], task_row)?
            .collect::<rusqlite::Result<_>>()?;

        let files = conn
            .prepare_cached(
                "SELECT d.id, d.title FROM links l JOIN files f ON f.n = l.src JOIN docs d ON d.n = f.n
                 WHERE l.dst = ?1 AND l.rel = 'links' AND f.deleted = 0 ORDER BY f.sort_key LIMIT 500",
            )?
            .query_map([key], |r| Ok(SimpleRow { id: id_at(r, 0)?, kind: Kind::File, title: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;

        Ok(RecordView {
            record,
            linked,
            timeline,
            tasks,
            files,
        })
    }
}
