//! Where blob bytes live, behind one trait: the embedded folder backend today, an
//! S3-compatible store later. Blobs are addressed by (account, SHA-256), so the same bytes
//! in two accounts are two blobs: nothing is shared across tenants. An upload is written to
//! a staging place first and only moved to its address once its size and hash are verified.

use std::io;
use std::pin::Pin;

use tokio::io::{AsyncRead, AsyncWrite};
use uuid::Uuid;

/// Bytes being received for an upload.
pub type BlobWriter = Pin<Box<dyn AsyncWrite + Send>>;
/// A stored blob being read, with its length.
pub type BlobReader = Pin<Box<dyn AsyncRead + Send>>;

/// Storage of blob bytes. Every call names the account; no call reaches another's blobs.
#[async_trait::async_trait]
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// A fresh staging place for the bytes of `upload`.
    async fn stage(&self, account: Uuid, upload: Uuid) -> io::Result<BlobWriter>;
    /// Moves a verified upload to its content address (the same bytes may be there already).
    async fn commit(&self, account: Uuid, upload: Uuid, hash: &str) -> io::Result<()>;
    /// Drops an upload's staged bytes; nothing staged is fine.
    async fn discard(&self, account: Uuid, upload: Uuid) -> io::Result<()>;
    /// Opens a stored blob with its length.
    async fn open(&self, account: Uuid, hash: &str) -> io::Result<(BlobReader, u64)>;
    /// Deletes a stored blob; a missing one is fine.
    async fn remove(&self, account: Uuid, hash: &str) -> io::Result<()>;
    /// Deletes every blob and staged upload of an account (the account purge).
    async fn remove_account(&self, account: Uuid) -> io::Result<()>;
}
