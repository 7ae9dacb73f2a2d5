//! Queries on the projections: lists with filter, sort and keyset paging; full-text search;
//! a record with its links and timeline; pipeline summaries; task buckets. None of them
//! loads a document except `open_record`, which reads the one record shown.

mod deal_facts;
mod files;
mod list;
mod pipeline;
mod record_view;
mod rows;
mod rows_by_id;
mod search;
mod tasks;

pub use deal_facts::DealFact;
pub use files::{FileRow, id_time_ms};
pub use list::{Cursor, Filter, ListQuery, Page, Sort};
pub use pipeline::{PipelineSummary, StageSummary, Totals};
pub use record_view::{Linked, RecordView, TimelineEntry};
pub use rows::{CompanyRow, DealRow, PersonRow, Row, SimpleRow, TaskRow};
pub use search::Hit;
pub use tasks::TaskBucket;
