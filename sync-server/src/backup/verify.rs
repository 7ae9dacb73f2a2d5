//! Checking a snapshot the way it would be used: copy it into a scratch folder (as a
//! restore would), check the copy's hash, open it, run `PRAGMA integrity_check` and count
//! the rows of every table against the manifest. The outcome is written into the manifest.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::manifest::{Manifest, sha256_of};
use super::snapshot::contents;
use super::{BackupResult, io};

/// Checks the snapshot file `snapshot` against `manifest` in a scratch copy under
/// `scratch`; returns what is wrong, or `None` when it restores intact.
pub fn check(snapshot: &Path, manifest: &Manifest, scratch: &Path) -> BackupResult<Option<String>> {
    std::fs::create_dir_all(scratch).map_err(io(format!("creating {}", scratch.display())))?;
    let copy = scratch.join(format!("verify-{}", manifest.file));
    if let Err(e) = std::fs::copy(snapshot, &copy) {
        return Ok(Some(format!("cannot copy the snapshot: {e}")));
    }
    let problem = check_copy(&copy, manifest);
    let _ = std::fs::remove_file(&copy);
    Ok(problem)
}

/// Checks a scratch copy of a snapshot against its manifest; what is wrong, or `None`.
pub fn check_copy(copy: &Path, manifest: &Manifest) -> Option<String> {
    match sha256_of(copy) {
        Ok((sha, _)) if sha == manifest.sha256 => {}
        Ok((sha, _)) => {
            return Some(format!(
                "sha256 is {sha}, the manifest says {}",
                manifest.sha256
            ));
        }
        Err(e) => return Some(e.to_string()),
    }
    let integrity = Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)));
    match integrity {
        Ok(ok) if ok == "ok" => {}
        Ok(found) => return Some(format!("integrity check: {found}")),
        Err(e) => return Some(format!("cannot open the copy: {e}")),
    }
    match contents(copy) {
        Ok((_, counts)) if counts == manifest.counts => None,
        Ok((_, counts)) => Some(format!(
            "row counts differ: the copy has {counts:?}, the manifest says {:?}",
            manifest.counts
        )),
        Err(e) => Some(e.to_string()),
    }
}

/// Checks the snapshot in `dir` and records the result in its manifest there.
pub fn verify_in(dir: &Path, manifest: &mut Manifest, now_ms: i64) -> BackupResult<bool> {
    let problem = check(&dir.join(&manifest.file), manifest, &dir.join(".scratch"))?;
    if let Some(problem) = &problem {
        tracing::error!(file = %manifest.file, %problem, "backup failed its check");
    }
    manifest.verified = problem.is_none();
    manifest.verified_at_ms = Some(now_ms);
    manifest.problem = problem;
    manifest.write(dir)?;
    Ok(manifest.verified)
}
