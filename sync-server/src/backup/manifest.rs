//! The manifest written next to every snapshot (`<name>.json`): when it was taken, what the
//! file should hash to, how many rows each table held, and whether restoring it into a
//! scratch file gave the same.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{BackupError, BackupResult, io};

/// What is known about one snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The snapshot file's name, next to this manifest.
    pub file: String,
    /// When it was taken: RFC 3339 (UTC) and milliseconds since 1970.
    pub taken_at: String,
    pub taken_at_ms: i64,
    /// The database schema version (`user_version`) inside.
    pub schema: i64,
    pub size: u64,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
    /// Rows per table, counted in the snapshot when it was written.
    pub counts: BTreeMap<String, u64>,
    /// Whether the last check (restore into scratch, integrity check, counts) passed.
    pub verified: bool,
    pub verified_at_ms: Option<i64>,
    /// What the last check found wrong.
    pub problem: Option<String>,
}

impl Manifest {
    /// The base name of a snapshot taken at `ms`: `localspace-20261120T140000Z`.
    pub fn name_at(ms: i64) -> String {
        let t = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
        format!("localspace-{}", t.format("%Y%m%dT%H%M%SZ"))
    }

    /// The manifest's own file name.
    pub fn manifest_name(&self) -> String {
        manifest_name_of(&self.file)
    }

    /// Writes the manifest into `dir` (a temporary file renamed into place).
    pub fn write(&self, dir: &Path) -> BackupResult<()> {
        let text = serde_json::to_string_pretty(self).map_err(|e| BackupError::Manifest {
            file: self.file.clone(),
            message: e.to_string(),
        })?;
        let path = dir.join(self.manifest_name());
        let part = path.with_extension("json.part");
        std::fs::write(&part, text).map_err(io(format!("writing {}", part.display())))?;
        std::fs::rename(&part, &path).map_err(io(format!("renaming {}", part.display())))
    }

    /// Every manifest in `dir`, oldest first; a folder that does not exist has none, and a
    /// manifest that cannot be read is skipped with a warning.
    pub fn read_all(dir: &Path) -> BackupResult<Vec<Manifest>> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(format!("listing {}", dir.display()))(e)),
        };
        let mut out = Vec::new();
        for entry in entries {
            let path = entry
                .map_err(io(format!("listing {}", dir.display())))?
                .path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let parsed = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|t| serde_json::from_str::<Manifest>(&t).map_err(|e| e.to_string()));
            match parsed {
                Ok(m) => out.push(m),
                Err(error) => {
                    tracing::warn!(path = %path.display(), %error, "unreadable backup manifest")
                }
            }
        }
        out.sort_by_key(|m| m.taken_at_ms);
        Ok(out)
    }
}

/// The manifest name for a snapshot file name.
pub fn manifest_name_of(file: &str) -> String {
    let base = file.strip_suffix(".sqlite").unwrap_or(file);
    format!("{base}.json")
}

/// SHA-256 (lower-case hex) and size of a file.
pub fn sha256_of(path: &Path) -> BackupResult<(String, u64)> {
    let mut file = std::fs::File::open(path).map_err(io(format!("opening {}", path.display())))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file
            .read(&mut buf)
            .map_err(io(format!("reading {}", path.display())))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    let hex = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((hex, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_time_and_pair_with_manifests() {
        let name = Manifest::name_at(1_795_183_200_000);
        assert_eq!(name, "localspace-20261120T140000Z");
        assert_eq!(
            manifest_name_of(&format!("{name}.sqlite")),
            format!("{name}.json")
        );
    }
}
