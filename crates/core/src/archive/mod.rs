//! The advanced-export archive's tables as text: which columns a record CSV has
//! ([`columns`]) and how one value becomes the text of a cell and back ([`cells`]). The
//! server writes archives and the client reads them back with these same definitions, so a
//! column or a cell format cannot drift between the two.

pub mod cells;
pub mod columns;

/// The format of the archive, written into its README as `Format: <n>`. An archive without
/// the line was written before the line existed, in format 1.
pub const ARCHIVE_FORMAT: u32 = 1;
/// The README line carrying the format.
pub const FORMAT_PREFIX: &str = "Format: ";
/// The README's first line: what marks a Localspace archive.
pub const README_TITLE: &str = "Localspace — eksport zaawansowany / advanced export";
