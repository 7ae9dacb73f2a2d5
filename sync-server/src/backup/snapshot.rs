//! Taking a snapshot: `VACUUM INTO` from a read connection of its own, so the server's
//! connection keeps serving (WAL readers do not block writers) and the copy is one
//! consistent read transaction. The file is written under a temporary name, counted,
//! hashed, then renamed into place with its manifest.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::manifest::{Manifest, sha256_of};
use super::{BackupResult, io, sql};

/// Snapshots the database at `db` into `dir`, named after `now_ms`. The manifest is written
/// unverified; see [`super::verify`].
pub fn take(db: &Path, dir: &Path, now_ms: i64) -> BackupResult<Manifest> {
    std::fs::create_dir_all(dir).map_err(io(format!("creating {}", dir.display())))?;
    let name = Manifest::name_at(now_ms);
    let file = format!("{name}.sqlite");
    let target = dir.join(&file);
    let part = dir.join(format!("{file}.part"));
    let _ = std::fs::remove_file(&part);
    {
        let source = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(sql(format!("opening {}", db.display())))?;
        source
            .busy_timeout(std::time::Duration::from_secs(30))
            .map_err(sql("waiting for the database"))?;
        source
            .execute("VACUUM INTO ?1", [part.to_string_lossy().as_ref()])
            .map_err(sql(format!("writing {}", part.display())))?;
    }
    let (schema, counts) = contents(&part)?;
    let (sha256, size) = sha256_of(&part)?;
    std::fs::rename(&part, &target).map_err(io(format!("renaming {}", part.display())))?;
    let manifest = Manifest {
        file,
        taken_at: chrono::DateTime::from_timestamp_millis(now_ms)
            .unwrap_or_default()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        taken_at_ms: now_ms,
        schema,
        size,
        sha256,
        counts,
        verified: false,
        verified_at_ms: None,
        problem: None,
    };
    manifest.write(dir)?;
    Ok(manifest)
}

/// The schema version and the row count of every table of a database file.
pub fn contents(path: &Path) -> BackupResult<(i64, BTreeMap<String, u64>)> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(sql(format!("opening {}", path.display())))?;
    read_contents(&conn).map_err(sql(format!("counting rows in {}", path.display())))
}

fn read_contents(conn: &Connection) -> rusqlite::Result<(i64, BTreeMap<String, u64>)> {
    let schema: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = BTreeMap::new();
    for table in tables {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })?;
        counts.insert(table, n as u64);
    }
    Ok((schema, counts))
}
