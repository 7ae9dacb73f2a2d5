//! Reading an archive's tar.gz in one streaming pass: the README and the CSV files are kept
//! in memory (they are parsed once all are in, since the custom field definitions give the
//! other files' columns), the files' bytes are copied to a scratch folder as they come, under
//! numbered names (never the archive's paths). Anything not a gzip'd tar, a truncated archive,
//! an archive over the limits or a README that is not a Localspace export's is refused.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};

use localspace_core::archive::{
    ARCHIVE_FORMAT, COWORKERS, FORMAT_PREFIX, LINES, LINKS, README, README_TITLE, RECORD_FILES,
    STAGES,
};

use super::error::{ArchiveError, ArchiveResult};

/// How large an archive may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The tar.gz file itself.
    pub archive_bytes: u64,
    /// The README and CSV files together, unpacked (they are held in memory).
    pub table_bytes: u64,
    /// The files' bytes together, unpacked.
    pub file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            archive_bytes: 64 << 30,
            table_bytes: 2 << 30,
            file_bytes: 256 << 30,
        }
    }
}

/// File bytes copied out of the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Blob {
    pub path: PathBuf,
    pub size: u64,
}

/// An archive's entries.
#[derive(Debug, Default)]
pub(super) struct Raw {
    pub tables: BTreeMap<&'static str, Vec<u8>>,
    /// By their path in the archive (`files/<id>/<name>`).
    pub blobs: BTreeMap<String, Blob>,
}

/// The names of the tables the reader takes.
fn table_name(name: &str) -> Option<&'static str> {
    RECORD_FILES
        .iter()
        .map(|(_, f)| *f)
        .chain([COWORKERS, LINES, STAGES, LINKS, README])
        .find(|f| *f == name)
}

fn broken(e: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::NotAnArchive(e.to_string())
}

/// A relative path of plain segments, as text; `None` for anything else.
fn plain(path: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?.to_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Reads the archive at `path`, copying file bytes into `scratch` (which must exist).
pub(super) fn read_raw(path: &Path, scratch: &Path, limits: Limits) -> ArchiveResult<Raw> {
    let file = File::open(path)?;
    if file.metadata()?.len() > limits.archive_bytes {
        return Err(ArchiveError::TooLarge {
            limit: limits.archive_bytes,
        });
    }
    let gz = flate2::read::GzDecoder::new(BufReader::new(file));
    let mut tar = tar::Archive::new(gz);
    let mut raw = Raw::default();
    let (mut table_bytes, mut file_bytes) = (0u64, 0u64);
    for entry in tar.entries().map_err(broken)? {
        let mut entry = entry.map_err(broken)?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let Some(name) = plain(&entry.path().map_err(broken)?) else {
            continue;
        };
        let size = entry.header().size().map_err(broken)?;
        if let Some(table) = table_name(&name) {
            table_bytes = table_bytes.saturating_add(size);
            if table_bytes > limits.table_bytes {
                return Err(ArchiveError::TooLarge {
                    limit: limits.table_bytes,
                });
            }
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            entry.read_to_end(&mut bytes).map_err(broken)?;
            raw.tables.insert(table, bytes);
        } else if name.starts_with("files/") {
            file_bytes = file_bytes.saturating_add(size);
            if file_bytes > limits.file_bytes {
                return Err(ArchiveError::TooLarge {
                    limit: limits.file_bytes,
                });
            }
            let target = scratch.join(format!("blob-{}", raw.blobs.len()));
            let mut out = File::create(&target)?;
            let copied = copy(&mut entry, &mut out)?;
            out.flush()?;
            raw.blobs.insert(
                name,
                Blob {
                    path: target,
                    size: copied,
                },
            );
        }
    }
    check_readme(raw.tables.get(README).map(Vec::as_slice))?;
    Ok(raw)
}

/// Copies an entry's bytes: a read error is a broken archive, a write error the device's.
fn copy(from: &mut impl Read, to: &mut impl Write) -> ArchiveResult<u64> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = from.read(&mut buf).map_err(broken)?;
        if n == 0 {
            return Ok(total);
        }
        to.write_all(&buf[..n])?;
        total += n as u64;
    }
}

/// The README must be a Localspace export's, in a format this version reads.
fn check_readme(readme: Option<&[u8]>) -> ArchiveResult<()> {
    let readme = readme.ok_or(ArchiveError::Missing(README))?;
    let text = std::str::from_utf8(readme).map_err(|_| ArchiveError::BadReadme)?;
    let mut lines = text.lines();
    if lines.next().map(|l| l.trim_start_matches('\u{feff}')) != Some(README_TITLE) {
        return Err(ArchiveError::BadReadme);
    }
    // Archives from before the format line are format 1.
    match lines.next().and_then(|l| l.strip_prefix(FORMAT_PREFIX)) {
        None => Ok(()),
        Some(v) if v.trim().parse::<u32>() == Ok(ARCHIVE_FORMAT) => Ok(()),
        Some(v) => Err(ArchiveError::UnknownVersion(
            v.trim().to_owned(),
            ARCHIVE_FORMAT,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_must_be_an_exports_in_a_known_format() {
        let ok = format!("{README_TITLE}\n{FORMAT_PREFIX}1\nKonto");
        assert!(check_readme(Some(ok.as_bytes())).is_ok());
        let old = format!("{README_TITLE}\nKonto / account: x");
        assert!(check_readme(Some(old.as_bytes())).is_ok());
        let newer = format!("{README_TITLE}\n{FORMAT_PREFIX}2\n");
        assert!(matches!(
            check_readme(Some(newer.as_bytes())),
            Err(ArchiveError::UnknownVersion(v, 1)) if v == "2"
        ));
        assert!(matches!(
            check_readme(Some(b"Hello")),
            Err(ArchiveError::BadReadme)
        ));
        assert!(matches!(
            check_readme(None),
            Err(ArchiveError::Missing(README))
        ));
    }

    /// A tar.gz of these entries, written without the tar crate's path checks.
    fn archive(dir: &Path, entries: &[(&str, &[u8])]) -> PathBuf {
        let path = dir.join("a.tar.gz");
        let gz = flate2::write::GzEncoder::new(
            File::create(&path).unwrap(),
            flate2::Compression::fast(),
        );
        let mut tar = tar::Builder::new(gz);
        for (name, bytes) in entries {
            let mut h = tar::Header::new_gnu();
            h.set_size(bytes.len() as u64);
            h.set_mode(0o644);
            let raw = &mut h.as_old_mut().name;
            raw[..name.len()].copy_from_slice(name.as_bytes());
            h.set_cksum();
            tar.append(&h, *bytes).unwrap();
        }
        tar.into_inner().unwrap().finish().unwrap();
        path
    }

    fn readme() -> Vec<u8> {
        format!("{README_TITLE}\n{FORMAT_PREFIX}1\n").into_bytes()
    }

    #[test]
    fn tables_stay_in_memory_file_bytes_go_to_scratch_and_other_paths_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let scratch = dir.path().join("scratch");
        std::fs::create_dir(&scratch).unwrap();
        let readme = readme();
        let path = archive(
            dir.path(),
            &[
                (README, &readme),
                ("people.csv", b"id\n"),
                ("files/1/a.pdf", b"PDF"),
                ("../escape.txt", b"no"),
                ("notes.txt", b"ignored"),
            ],
        );
        let raw = read_raw(&path, &scratch, Limits::default()).unwrap();
        assert_eq!(
            raw.tables.keys().copied().collect::<Vec<_>>(),
            vec!["README.txt", "people.csv"]
        );
        let blob = &raw.blobs["files/1/a.pdf"];
        assert_eq!(std::fs::read(&blob.path).unwrap(), b"PDF");
        assert_eq!(blob.size, 3);
        assert!(!dir.path().join("escape.txt").exists());
        assert_eq!(std::fs::read_dir(&scratch).unwrap().count(), 1);
    }

    #[test]
    fn an_archive_over_a_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let readme = readme();
        let big = vec![b'x'; 4_000];
        let path = archive(
            dir.path(),
            &[(README, &readme), ("people.csv", &big), ("files/1/a", &big)],
        );
        let small = |archive_bytes, table_bytes, file_bytes| Limits {
            archive_bytes,
            table_bytes,
            file_bytes,
        };
        for limits in [
            small(10, 1 << 20, 1 << 20),
            small(1 << 20, 1_000, 1 << 20),
            small(1 << 20, 1 << 20, 1_000),
        ] {
            assert!(
                matches!(
                    read_raw(&path, dir.path(), limits),
                    Err(ArchiveError::TooLarge { .. })
                ),
                "{limits:?}"
            );
        }
        assert!(read_raw(&path, dir.path(), Limits::default()).is_ok());
    }

    #[test]
    fn only_plain_relative_paths_are_taken() {
        assert_eq!(
            plain(Path::new("files/a/b.pdf")).as_deref(),
            Some("files/a/b.pdf")
        );
        assert_eq!(
            plain(Path::new("./people.csv")).as_deref(),
            Some("people.csv")
        );
        assert_eq!(plain(Path::new("../etc/passwd")), None);
        assert_eq!(plain(Path::new("/etc/passwd")), None);
    }
}
