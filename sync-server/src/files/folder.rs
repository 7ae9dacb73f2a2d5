//! The embedded [`BlobStore`]: a folder under the server's data directory,
//! `<root>/<account>/<first two hex digits>/<sha256>`, with uploads staged in
//! `<root>/<account>/.staging/<upload id>` and renamed into place (same file system, atomic).

use std::io;
use std::path::PathBuf;

use localspace_core::api::is_sha256_hex;
use uuid::Uuid;

use super::blob_store::{BlobReader, BlobStore, BlobWriter};

/// Blobs in a folder.
#[derive(Clone, Debug)]
pub struct FolderBlobStore {
    root: PathBuf,
}

impl FolderBlobStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FolderBlobStore { root: root.into() }
    }

    fn account_dir(&self, account: Uuid) -> PathBuf {
        self.root.join(account.to_string())
    }

    fn staged(&self, account: Uuid, upload: Uuid) -> PathBuf {
        self.account_dir(account)
            .join(".staging")
            .join(upload.to_string())
    }

    fn blob(&self, account: Uuid, hash: &str) -> io::Result<PathBuf> {
        // The hash reaches a path: only 64 lowercase hex digits, never `..` or a separator.
        if !is_sha256_hex(hash) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a sha256"));
        }
        Ok(self.account_dir(account).join(&hash[..2]).join(hash))
    }
}

fn missing_is_fine(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[async_trait::async_trait]
impl BlobStore for FolderBlobStore {
    async fn stage(&self, account: Uuid, upload: Uuid) -> io::Result<BlobWriter> {
        let path = self.staged(account, upload);
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let file = tokio::fs::File::create(&path).await?;
        Ok(Box::pin(file))
    }

    async fn commit(&self, account: Uuid, upload: Uuid, hash: &str) -> io::Result<()> {
        let target = self.blob(account, hash)?;
        if let Some(dir) = target.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let staged = self.staged(account, upload);
        tokio::fs::File::open(&staged).await?.sync_all().await?;
        tokio::fs::rename(&staged, &target).await
    }

    async fn discard(&self, account: Uuid, upload: Uuid) -> io::Result<()> {
        missing_is_fine(tokio::fs::remove_file(self.staged(account, upload)).await)
    }

    async fn open(&self, account: Uuid, hash: &str) -> io::Result<(BlobReader, u64)> {
        let file = tokio::fs::File::open(self.blob(account, hash)?).await?;
        let len = file.metadata().await?.len();
        Ok((Box::pin(file), len))
    }

    async fn remove(&self, account: Uuid, hash: &str) -> io::Result<()> {
        missing_is_fine(tokio::fs::remove_file(self.blob(account, hash)?).await)
    }

    async fn remove_account(&self, account: Uuid) -> io::Result<()> {
        missing_is_fine(tokio::fs::remove_dir_all(self.account_dir(account)).await)
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    #[tokio::test]
    async fn a_blob_is_readable_only_at_its_own_account() {
        let dir = tempfile::tempdir().unwrap();
        let store = FolderBlobStore::new(dir.path());
        let (a, b, upload) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let hash = "ab".repeat(32);
        let mut w = store.stage(a, upload).await.unwrap();
        w.write_all(b"faktura").await.unwrap();
        w.shutdown().await.unwrap();
        drop(w);
        store.commit(a, upload, &hash).await.unwrap();
        let (mut r, len) = store.open(a, &hash).await.unwrap();
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes).await.unwrap();
        assert_eq!((bytes.as_slice(), len), (&b"faktura"[..], 7));
        assert!(store.open(b, &hash).await.is_err());
        assert!(store.open(a, "../../etc/passwd").await.is_err());
        store.remove_account(a).await.unwrap();
        assert!(store.open(a, &hash).await.is_err());
    }
}
