//! Files on this device, per signed-in user: `pending/<file id>` holds the bytes of a file
//! attached while offline (or whose upload has not finished) until the server has them;
//! `cache/<sha256>` holds bytes the device uploaded or downloaded, so opening them again
//! needs no network. A copy is written as `.part` and renamed, so a crash never leaves a
//! half file under a real name.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use localspace_core::RecordId;
use sha2::{Digest, Sha256};

/// The bytes of a newly attached file, copied to the pending folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stashed {
    pub hash: String,
    pub size: u64,
}

/// The user's file folders.
#[derive(Clone, Debug)]
pub struct LocalFiles {
    root: PathBuf,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl LocalFiles {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalFiles { root: root.into() }
    }

    /// Where a file's bytes wait for upload.
    pub fn pending(&self, file: RecordId) -> PathBuf {
        self.root.join("pending").join(file.0.to_string())
    }

    /// Where bytes with this hash are kept once the server has them.
    pub fn cached(&self, hash: &str) -> PathBuf {
        self.root.join("cache").join(hash)
    }

    /// Copies `source` to the pending folder of `file`, hashing as it goes.
    pub fn stash(&self, source: &Path, file: RecordId) -> io::Result<Stashed> {
        let target = self.pending(file);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        let part = target.with_extension("part");
        let mut input = fs::File::open(source)?;
        let mut output = fs::File::create(&part)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut size = 0u64;
        loop {
            let n = input.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            output.write_all(&buf[..n])?;
            size += n as u64;
        }
        output.sync_all()?;
        drop(output);
        fs::rename(&part, &target)?;
        Ok(Stashed {
            hash: hex(&hasher.finalize()),
            size,
        })
    }

    /// Ids of files whose bytes wait for upload.
    pub fn pending_ids(&self) -> Vec<RecordId> {
        let Ok(entries) = fs::read_dir(self.root.join("pending")) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<uuid::Uuid>().ok())
            .map(RecordId)
            .collect()
    }

    /// The server has the bytes: the pending copy becomes the cached one.
    pub fn uploaded(&self, file: RecordId, hash: &str) -> io::Result<()> {
        let cached = self.cached(hash);
        if let Some(dir) = cached.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::rename(self.pending(file), cached)
    }

    /// Forgets a pending file (its record was deleted, or the server refused it for good).
    pub fn drop_pending(&self, file: RecordId) -> io::Result<()> {
        match fs::remove_file(self.pending(file)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }

    /// A local copy of a file's bytes, if the device has one.
    pub fn local_copy(&self, file: RecordId, hash: &str) -> Option<PathBuf> {
        [self.pending(file), self.cached(hash)]
            .into_iter()
            .find(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stashed_file_moves_from_pending_to_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("oferta.pdf");
        fs::write(&source, b"%PDF-1.7 oferta").unwrap();
        let local = LocalFiles::new(dir.path().join("files"));
        let id = RecordId(uuid::Uuid::now_v7());
        let stashed = local.stash(&source, id).unwrap();
        assert_eq!(stashed.size, 15);
        assert_eq!(local.pending_ids(), vec![id]);
        assert_eq!(local.local_copy(id, &stashed.hash), Some(local.pending(id)));
        local.uploaded(id, &stashed.hash).unwrap();
        assert!(local.pending_ids().is_empty());
        assert_eq!(
            fs::read(local.cached(&stashed.hash)).unwrap(),
            b"%PDF-1.7 oferta"
        );
    }
}
