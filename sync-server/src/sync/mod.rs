//! The server side of sync: merging pushed changes into each record's document and the
//! account's change log (`push`), and reading the log (`pull`). Pure logic over the
//! [`crate::store::SyncTx`] interface, so every storage backend behaves the same.

pub mod compaction;
pub mod hot;
pub mod live;
pub mod permissions;
pub mod prepare;
pub mod push;
pub mod stored;
pub mod visibility;
