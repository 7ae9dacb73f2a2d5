//! Visibility on SQLite: which records are restricted and to whom, which child records hang
//! from which parents, and reading the log and saved documents as one reader may see them.
//!
//! A record with no `sync_private` row is public. A salesperson sees a restricted record
//! when `sync_readers` names them. Grants and revokes are log entries with `for_user` set;
//! their `hash` is their cursor (8 bytes), which no 32-byte change hash can equal.

use std::collections::BTreeSet;

use localspace_core::UserId;
use rusqlite::{Connection, ToSql, params};
use uuid::Uuid;

use super::{SqliteStore, SqliteSyncTx, backend, uuid_at};
use crate::store::{Access, LogPage, LoggedBody, LoggedChange, SavedPage, StoreResult};

pub(super) const MIGRATION: &str = r#"
ALTER TABLE sync_log ADD COLUMN for_user BLOB;
ALTER TABLE sync_log ADD COLUMN granted INTEGER;
CREATE TABLE sync_private (account BLOB NOT NULL, doc BLOB NOT NULL, PRIMARY KEY (account, doc)) WITHOUT ROWID;
CREATE TABLE sync_readers (
    account BLOB NOT NULL, doc BLOB NOT NULL, user BLOB NOT NULL, PRIMARY KEY (account, doc, user)
) WITHOUT ROWID;
CREATE TABLE sync_parents (
    account BLOB NOT NULL, child BLOB NOT NULL, parent BLOB NOT NULL,
    PRIMARY KEY (account, child, parent)
) WITHOUT ROWID;
CREATE INDEX sync_children ON sync_parents(account, parent);
"#;

/// The condition "reader ?R may see the entry `l`" for log and document queries.
const VISIBLE: &str = "(NOT EXISTS (SELECT 1 FROM sync_private p WHERE p.account = ?1 AND p.doc = {doc})
      OR EXISTS (SELECT 1 FROM sync_readers r WHERE r.account = ?1 AND r.doc = {doc} AND r.user = ?R))";

fn visible(doc: &str, reader: &str) -> String {
    VISIBLE.replace("{doc}", doc).replace("?R", reader)
}

impl SqliteSyncTx<'_> {
    pub(super) fn access_sql(&mut self, id: Uuid) -> StoreResult<Access> {
        let key = params![self.account.as_bytes(), id.as_bytes()];
        let private = self
            .conn
            .prepare_cached("SELECT 1 FROM sync_private WHERE account = ?1 AND doc = ?2")
            .and_then(|mut s| s.exists(key))
            .map_err(backend)?;
        if !private {
            return Ok(Access::Public);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT user FROM sync_readers WHERE account = ?1 AND doc = ?2")
            .map_err(backend)?;
        let readers = stmt
            .query_map(key, |r| uuid_at(r, 0).map(UserId))
            .and_then(|rows| rows.collect::<rusqlite::Result<BTreeSet<_>>>())
            .map_err(backend)?;
        Ok(Access::Restricted(readers))
    }

    pub(super) fn set_access_sql(&mut self, id: Uuid, access: &Access) -> StoreResult<()> {
        let key = params![self.account.as_bytes(), id.as_bytes()];
        for sql in [
            "DELETE FROM sync_private WHERE account = ?1 AND doc = ?2",
            "DELETE FROM sync_readers WHERE account = ?1 AND doc = ?2",
        ] {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut s| s.execute(key))
                .map_err(backend)?;
        }
        let Access::Restricted(readers) = access else {
            return Ok(());
        };
        self.conn
            .prepare_cached("INSERT INTO sync_private (account, doc) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(key))
            .map_err(backend)?;
        let mut insert = self
            .conn
            .prepare_cached("INSERT INTO sync_readers (account, doc, user) VALUES (?1, ?2, ?3)")
            .map_err(backend)?;
        for user in readers {
            insert
                .execute(params![
                    self.account.as_bytes(),
                    id.as_bytes(),
                    user.0.as_bytes()
                ])
                .map_err(backend)?;
        }
        Ok(())
    }

    pub(super) fn set_parents_sql(&mut self, child: Uuid, parents: &[Uuid]) -> StoreResult<()> {
        self.conn
            .prepare_cached("DELETE FROM sync_parents WHERE account = ?1 AND child = ?2")
            .and_then(|mut s| s.execute(params![self.account.as_bytes(), child.as_bytes()]))
            .map_err(backend)?;
        let mut insert = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO sync_parents (account, child, parent) VALUES (?1, ?2, ?3)",
            )
            .map_err(backend)?;
        for parent in parents {
            insert
                .execute(params![
                    self.account.as_bytes(),
                    child.as_bytes(),
                    parent.as_bytes()
                ])
                .map_err(backend)?;
        }
        Ok(())
    }

    pub(super) fn children_sql(&mut self, parent: Uuid) -> StoreResult<Vec<Uuid>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT child FROM sync_parents WHERE account = ?1 AND parent = ?2")
            .map_err(backend)?;
        stmt.query_map(params![self.account.as_bytes(), parent.as_bytes()], |r| {
            uuid_at(r, 0)
        })
        .and_then(|rows| rows.collect())
        .map_err(backend)
    }

    pub(super) fn salespeople_sql(&mut self) -> StoreResult<Vec<UserId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM users WHERE account = ?1 AND role = 'user'")
            .map_err(backend)?;
        stmt.query_map([self.account.as_bytes()], |r| uuid_at(r, 0).map(UserId))
            .and_then(|rows| rows.collect())
            .map_err(backend)
    }

    pub(super) fn append_access_sql(
        &mut self,
        id: Uuid,
        kind: &str,
        user: UserId,
        granted: bool,
        at: i64,
    ) -> StoreResult<u64> {
        let cursor = self.next_cursor()?;
        self.conn
            .prepare_cached(
                "INSERT INTO sync_log (account, cursor, doc, kind, hash, bytes, user, at, for_user, granted)
                 VALUES (?1, ?2, ?3, ?4, ?5, x'', ?6, ?7, ?6, ?8)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    self.account.as_bytes(),
                    cursor as i64,
                    id.as_bytes(),
                    kind,
                    cursor.to_be_bytes(),
                    user.0.as_bytes(),
                    at,
                    granted
                ])
            })
            .map_err(backend)?;
        Ok(cursor)
    }

    /// Drops a record's visibility rows (it was erased).
    pub(super) fn forget_access_sql(&mut self, id: Uuid) -> StoreResult<()> {
        for sql in [
            "DELETE FROM sync_private WHERE account = ?1 AND doc = ?2",
            "DELETE FROM sync_readers WHERE account = ?1 AND doc = ?2",
            "DELETE FROM sync_parents WHERE account = ?1 AND child = ?2",
        ] {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut s| s.execute(params![self.account.as_bytes(), id.as_bytes()]))
                .map_err(backend)?;
        }
        Ok(())
    }
}

fn log_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<LoggedChange>> {
    let erased: bool = r.get(4)?;
    let granted: Option<bool> = r.get(5)?;
    let body = match (erased, granted) {
        (true, _) => LoggedBody::Erased,
        (false, Some(false)) => LoggedBody::Revoked,
        (false, Some(true)) => match r.get::<_, Option<Vec<u8>>>(6)? {
            Some(doc) => LoggedBody::Granted(doc),
            // Erased since: the erase entry follows.
            None => return Ok(None),
        },
        (false, None) => LoggedBody::Change(r.get(3)?),
    };
    Ok(Some(LoggedChange {
        cursor: r.get::<_, i64>(0)? as u64,
        doc: uuid_at(r, 1)?,
        kind: r.get(2)?,
        body,
    }))
}

/// The account's log cursor and epoch, read in the caller's transaction.
fn log_state(conn: &Connection, account: Uuid) -> StoreResult<(u64, u64)> {
    conn.prepare_cached("SELECT log_cursor, epoch FROM accounts WHERE id = ?1")
        .and_then(|mut s| {
            s.query_row([account.as_bytes()], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
            })
        })
        .map_err(backend)
}

impl SqliteStore {
    pub(super) fn pull_sql(
        &self,
        account: Uuid,
        reader: Option<UserId>,
        after: u64,
        limit: u32,
    ) -> StoreResult<LogPage> {
        self.with(|c| {
            let tx = c.transaction().map_err(backend)?;
            let (cursor, epoch) = log_state(&tx, account)?;
            let select = "SELECT l.cursor, l.doc, l.kind, l.bytes, l.erased, l.granted, d.bytes
                 FROM sync_log l
                 LEFT JOIN sync_docs d ON l.granted = 1 AND d.account = l.account AND d.id = l.doc
                 WHERE l.account = ?1 AND l.cursor > ?2";
            let entries = match reader {
                None => {
                    let sql = format!("{select} AND l.for_user IS NULL ORDER BY l.cursor LIMIT ?3");
                    let mut stmt = tx.prepare_cached(&sql).map_err(backend)?;
                    stmt.query_map(params![account.as_bytes(), after as i64, limit], log_row)
                        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                        .map_err(backend)?
                }
                Some(user) => {
                    let sql = format!(
                        "{select} AND (l.for_user = ?4 OR (l.for_user IS NULL AND (l.erased = 1 OR {})))
                         ORDER BY l.cursor LIMIT ?3",
                        visible("l.doc", "?4")
                    );
                    let mut stmt = tx.prepare_cached(&sql).map_err(backend)?;
                    stmt.query_map(
                        params![account.as_bytes(), after as i64, limit, user.0.as_bytes()],
                        log_row,
                    )
                    .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                    .map_err(backend)?
                }
            };
            tx.commit().map_err(backend)?;
            Ok(LogPage {
                entries: entries.into_iter().flatten().collect(),
                cursor,
                epoch,
            })
        })
    }

    pub(super) fn saved_docs_sql(
        &self,
        account: Uuid,
        reader: Option<UserId>,
        after: Option<Uuid>,
        limit: u32,
    ) -> StoreResult<SavedPage> {
        self.with(|c| {
            let tx = c.transaction().map_err(backend)?;
            let (cursor, epoch) = log_state(&tx, account)?;
            let key = account.as_bytes().to_vec();
            let after = after.map(|a| a.as_bytes().to_vec()).unwrap_or_default();
            let reader = reader.map(|u| u.0.as_bytes().to_vec());
            let (count_sql, page_sql) = match reader {
                None => (
                    "SELECT count(*) FROM sync_docs d WHERE d.account = ?1".to_owned(),
                    "SELECT d.id, d.kind, d.bytes FROM sync_docs d
                     WHERE d.account = ?1 AND d.id > ?2 ORDER BY d.id LIMIT ?3"
                        .to_owned(),
                ),
                Some(_) => (
                    format!(
                        "SELECT count(*) FROM sync_docs d WHERE d.account = ?1 AND {}",
                        visible("d.id", "?2")
                    ),
                    format!(
                        "SELECT d.id, d.kind, d.bytes FROM sync_docs d
                         WHERE d.account = ?1 AND d.id > ?2 AND {} ORDER BY d.id LIMIT ?3",
                        visible("d.id", "?4")
                    ),
                ),
            };
            let count_params: Vec<&dyn ToSql> = match &reader {
                None => vec![&key],
                Some(r) => vec![&key, r],
            };
            // Counted for the first page only: it is a scan of the account's documents.
            let total: i64 = if after.is_empty() {
                tx.prepare_cached(&count_sql)
                    .and_then(|mut s| s.query_row(count_params.as_slice(), |r| r.get(0)))
                    .map_err(backend)?
            } else {
                0
            };
            let mut page_params: Vec<&dyn ToSql> = vec![&key, &after, &limit];
            if let Some(r) = &reader {
                page_params.push(r);
            }
            let docs = {
                let mut stmt = tx.prepare_cached(&page_sql).map_err(backend)?;
                stmt.query_map(page_params.as_slice(), |r| {
                    Ok((uuid_at(r, 0)?, r.get(1)?, r.get(2)?))
                })
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .map_err(backend)?
            };
            tx.commit().map_err(backend)?;
            Ok(SavedPage {
                docs,
                total: total as u64,
                cursor,
                epoch,
            })
        })
    }
}
