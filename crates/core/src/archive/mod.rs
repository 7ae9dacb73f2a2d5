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

use crate::Kind;

/// The record files, in the order they are written (definitions first: they give the
/// custom columns of the others).
pub const RECORD_FILES: [(Kind, &str); 9] = [
    (Kind::CustomField, "custom_fields.csv"),
    (Kind::Pipeline, "pipelines.csv"),
    (Kind::Company, "companies.csv"),
    (Kind::Person, "people.csv"),
    (Kind::Deal, "deals.csv"),
    (Kind::Space, "spaces.csv"),
    (Kind::Task, "tasks.csv"),
    (Kind::Activity, "activities.csv"),
    (Kind::File, "files.csv"),
];
/// The account's users.
pub const COWORKERS: &str = "coworkers.csv";
/// [`COWORKERS`]' header, written and expected exactly.
pub const COWORKER_COLUMNS: [&str; 8] = [
    "id",
    "name",
    "email",
    "role",
    "seat",
    "active",
    "lang",
    "created_at",
];
/// Revenue and cost lines of deals.
pub const LINES: &str = "deal_lines.csv";
/// [`LINES`]' header.
pub const LINE_COLUMNS: [&str; 9] = [
    "id",
    "deal_id",
    "type",
    "name",
    "quantity",
    "unit_price",
    "currency",
    "total",
    "position",
];
/// Stages of pipelines.
pub const STAGES: &str = "pipeline_stages.csv";
/// [`STAGES`]' header.
pub const STAGE_COLUMNS: [&str; 5] = ["id", "pipeline_id", "name", "position", "probability"];
/// Record-to-record links, one pair a row.
pub const LINKS: &str = "links.csv";
/// [`LINKS`]' header.
pub const LINK_COLUMNS: [&str; 5] = [
    "record_id",
    "record_kind",
    "field",
    "target_id",
    "target_kind",
];
/// The README.
pub const README: &str = "README.txt";
/// The extra column of files.csv: where the file's bytes are in the archive.
pub const ARCHIVE_PATH: &str = "archive_path";
