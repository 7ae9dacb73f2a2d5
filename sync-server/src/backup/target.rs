//! Where snapshots are kept. The local folder and the default off-site target are folders;
//! an S3-compatible bucket is one more implementation of [`Target`] (put, list, get, delete
//! of two objects per snapshot), configured in `[backup]` when it is built.

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use super::manifest::Manifest;
use super::{BackupResult, io};

/// A place that keeps snapshots with their manifests.
pub trait Target: Send + Sync + Debug {
    /// For logs and the operator: where this is.
    fn describe(&self) -> String;
    /// Stores a snapshot file (copied from `snapshot`) and its manifest.
    fn put(&self, snapshot: &Path, manifest: &Manifest) -> BackupResult<()>;
    /// Replaces a stored manifest (after a check).
    fn put_manifest(&self, manifest: &Manifest) -> BackupResult<()>;
    /// Every stored manifest, oldest first.
    fn manifests(&self) -> BackupResult<Vec<Manifest>>;
    /// Copies a stored snapshot to `to`.
    fn fetch(&self, manifest: &Manifest, to: &Path) -> BackupResult<()>;
    /// Deletes a snapshot and its manifest.
    fn remove(&self, manifest: &Manifest) -> BackupResult<()>;
}

/// Snapshots in a folder (a local disk, or a mounted share of another machine).
#[derive(Clone, Debug)]
pub struct Folder(pub PathBuf);

impl Target for Folder {
    fn describe(&self) -> String {
        self.0.display().to_string()
    }

    fn put(&self, snapshot: &Path, manifest: &Manifest) -> BackupResult<()> {
        std::fs::create_dir_all(&self.0).map_err(io(format!("creating {}", self.0.display())))?;
        let to = self.0.join(&manifest.file);
        let part = self.0.join(format!("{}.part", manifest.file));
        std::fs::copy(snapshot, &part).map_err(io(format!("copying to {}", part.display())))?;
        std::fs::rename(&part, &to).map_err(io(format!("renaming {}", part.display())))?;
        manifest.write(&self.0)
    }

    fn put_manifest(&self, manifest: &Manifest) -> BackupResult<()> {
        manifest.write(&self.0)
    }

    fn manifests(&self) -> BackupResult<Vec<Manifest>> {
        Manifest::read_all(&self.0)
    }

    fn fetch(&self, manifest: &Manifest, to: &Path) -> BackupResult<()> {
        let from = self.0.join(&manifest.file);
        std::fs::copy(&from, to)
            .map(drop)
            .map_err(io(format!("copying {}", from.display())))
    }

    fn remove(&self, manifest: &Manifest) -> BackupResult<()> {
        for name in [manifest.file.clone(), manifest.manifest_name()] {
            let path = self.0.join(name);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(format!("deleting {}", path.display()))(e)),
            }
        }
        Ok(())
    }
}
