//! Likely duplicate people and companies, and merging two of them into one. Companies match
//! by NIP, then REGON, then normalized name; people by e-mail, then name + company — the
//! same rules import matching uses.

mod find;
mod index;
pub mod keys;
mod merge;

pub use find::{DuplicateGroup, find_duplicates};
pub use index::MatchRule;
pub(crate) use index::{Index, company_keys, person_keys, scan};
pub use merge::{MergeReport, merge};
