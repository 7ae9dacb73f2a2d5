//! The replica's SQL schema as numbered, forward-only migrations. A migration that shipped is
//! never edited; a newer app opens an older replica by running the ones it lacks, and an app
//! refuses a replica written by a newer one instead of damaging it.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// Migrations in order; the replica's `user_version` is how many have run.
const MIGRATIONS: &[&str] = &[MIGRATION_1, MIGRATION_2, MIGRATION_3];

/// The first schema: documents, per-kind projections, links, search, sync state.
const MIGRATION_1: &str = r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;

-- One automerge document per record. `n` is a local row number shared by the projections
-- and the search index; `id` is the record's UUIDv7. `dirty` marks the outbox: heads differ
-- from what the server acknowledged.
CREATE TABLE docs (
    n            INTEGER PRIMARY KEY,
    id           BLOB NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    heads        BLOB NOT NULL,
    pushed_heads BLOB,
    dirty        INTEGER NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX docs_outbox ON docs(n) WHERE dirty = 1;

-- Ids erased for good: never recreated by a late change; `pushed` once the server knows.
CREATE TABLE erased (id BLOB PRIMARY KEY, pushed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;

-- Links between records: from row `src` (a docs.n) to record id `dst`.
CREATE TABLE links (src INTEGER NOT NULL, rel TEXT NOT NULL, dst BLOB NOT NULL,
                    PRIMARY KEY (src, rel, dst)) WITHOUT ROWID;
CREATE INDEX links_dst ON links(dst, rel);

CREATE TABLE people (
    n INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, company BLOB, position TEXT,
    email TEXT, phone TEXT, city TEXT, owner BLOB, visibility TEXT, deleted INTEGER NOT NULL,
    sort_key BLOB NOT NULL, custom TEXT
);
CREATE INDEX people_by_name ON people(deleted, sort_key);
CREATE INDEX people_by_owner ON people(owner, deleted, sort_key);
CREATE INDEX people_by_company ON people(company);

CREATE TABLE companies (
    n INTEGER PRIMARY KEY, name TEXT, nip TEXT, regon TEXT, industry TEXT, website TEXT,
    city TEXT, email TEXT, phone TEXT, owner BLOB, visibility TEXT, deleted INTEGER NOT NULL,
    sort_key BLOB NOT NULL, custom TEXT
);
CREATE INDEX companies_by_name ON companies(deleted, sort_key);
CREATE INDEX companies_by_owner ON companies(owner, deleted, sort_key);
CREATE INDEX companies_by_nip ON companies(nip) WHERE nip IS NOT NULL;

CREATE TABLE deals (
    n INTEGER PRIMARY KEY, title TEXT, pipeline BLOB, stage TEXT, value_minor INTEGER,
    currency TEXT, close_date TEXT, probability INTEGER, status TEXT, lost_reason TEXT,
    owner BLOB, visibility TEXT, deleted INTEGER NOT NULL, sort_key BLOB NOT NULL, custom TEXT
);
CREATE INDEX deals_by_name ON deals(deleted, sort_key);
CREATE INDEX deals_by_owner ON deals(owner, deleted, sort_key);
CREATE INDEX deals_by_stage ON deals(pipeline, stage, deleted);

CREATE TABLE tasks (
    n INTEGER PRIMARY KEY, title TEXT, due TEXT, done INTEGER NOT NULL, assignee BLOB,
    owner BLOB, deleted INTEGER NOT NULL, sort_key BLOB NOT NULL, custom TEXT
);
CREATE INDEX tasks_open_by_due ON tasks(done, deleted, due);
CREATE INDEX tasks_by_name ON tasks(deleted, sort_key);

CREATE TABLE activities (
    n INTEGER PRIMARY KEY, type TEXT, subject TEXT, at INTEGER, duration_min INTEGER,
    author BLOB, deleted INTEGER NOT NULL, preview TEXT
);

CREATE TABLE spaces (
    n INTEGER PRIMARY KEY, name TEXT, owner BLOB, visibility TEXT, deleted INTEGER NOT NULL,
    sort_key BLOB NOT NULL, custom TEXT
);
CREATE TABLE files (
    n INTEGER PRIMARY KEY, name TEXT, size INTEGER, mime TEXT, content_hash TEXT, url TEXT,
    owner BLOB, deleted INTEGER NOT NULL, sort_key BLOB NOT NULL
);
CREATE TABLE pipelines (
    n INTEGER PRIMARY KEY, name TEXT, position INTEGER, deleted INTEGER NOT NULL
);
CREATE TABLE stages (
    pipeline INTEGER NOT NULL, stage TEXT NOT NULL, name TEXT NOT NULL,
    position INTEGER NOT NULL, probability INTEGER NOT NULL, PRIMARY KEY (pipeline, stage)
) WITHOUT ROWID;
CREATE TABLE custom_fields (
    n INTEGER PRIMARY KEY, target TEXT, key TEXT, label TEXT, field_type TEXT, options TEXT,
    position INTEGER, deleted INTEGER NOT NULL
);
CREATE TABLE saved_filters (
    n INTEGER PRIMARY KEY, name TEXT, target TEXT, query TEXT, owner BLOB,
    deleted INTEGER NOT NULL
);

-- Full-text search over folded text (see localspace_core::text::fold); contentless, so the
-- text is not stored twice.
CREATE VIRTUAL TABLE search USING fts5(
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);
"#;

/// Changes the server refused for good, kept for the user to see and fix.
const MIGRATION_2: &str = r#"
CREATE TABLE refusals (
    id BLOB PRIMARY KEY, code TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL
) WITHOUT ROWID;
"#;

/// The values of a refused change the user had set, kept beside the server's state (a
/// `Patch` as JSON).
const MIGRATION_3: &str = r#"
ALTER TABLE refusals ADD COLUMN not_accepted TEXT NOT NULL DEFAULT '{"fields":{},"custom":{}}';
"#;

/// Brings the schema up to date; refuses a replica from a newer app.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(Error::ReplicaTooNew {
            found: version,
            supported: known,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The schema version this app writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}
