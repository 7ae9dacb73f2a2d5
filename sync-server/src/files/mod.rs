//! Files attached to records: content-addressed blob storage per account, the pooled quota
//! with space reserved before an upload starts, and the streamed upload and download. The
//! file records themselves (name, size, mime, hash, parent) sync like every other record;
//! this module holds only their bytes and the references to them.

pub mod blob_store;
pub mod config;
pub mod folder;
pub mod store;
pub mod upload;

pub use blob_store::{BlobReader, BlobStore, BlobWriter};
pub use config::FilesConfig;
pub use folder::FolderBlobStore;
pub use store::{FileStore, Reservation, Reserved};
