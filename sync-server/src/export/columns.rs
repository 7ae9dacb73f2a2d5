//! The columns of each record CSV and the text of each cell: one definition in
//! `localspace_core::archive`, shared with the client that reads archives back.

pub use localspace_core::archive::cells::{JOIN, decimal, moment};
pub use localspace_core::archive::columns::{CustomColumn, Layout, custom_header, in_own_file};
