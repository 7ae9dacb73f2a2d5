//! Account settings kept as records (they sync and merge like everything else): custom field
//! definitions and saved filters, read as typed views for forms, tables and filter menus.

use localspace_core::{Kind, Value};

use super::App;
use super::contract::{CustomFieldView, CustomFieldsRequest, SavedFilterView, SavedFiltersRequest};
use super::error::AppResult;
use crate::query::ListQuery;

/// Definitions and saved filters an account keeps are few; one page holds them all.
const ALL: usize = 1_000;

impl App {
    /// Custom field definitions, for one kind or all, in their order.
    pub fn custom_fields(&self, req: CustomFieldsRequest) -> AppResult<Vec<CustomFieldView>> {
        let replica = self.replica()?;
        let page = replica.list(&ListQuery {
            limit: ALL,
            ..ListQuery::new(Kind::CustomField)
        })?;
        let mut fields = Vec::new();
        for row in page.rows {
            let record = replica.get(row.id())?;
            let target = record.text("target").to_owned();
            if req.target.is_some_and(|k| k.as_str() != target) {
                continue;
            }
            fields.push(CustomFieldView {
                id: record.id,
                target,
                key: record.text("key").to_owned(),
                label: record.text("label").to_owned(),
                field_type: record.text("field_type").to_owned(),
                options: match record.get("options") {
                    Some(Value::List(options)) => options.clone(),
                    _ => Vec::new(),
                },
                position: match record.get("position") {
                    Some(Value::Int(p)) => *p,
                    _ => 0,
                },
            });
        }
        fields.sort_by(|a, b| (a.position, &a.label).cmp(&(b.position, &b.label)));
        Ok(fields)
    }

    /// Saved filters of one list, by name.
    pub fn saved_filters(&self, req: SavedFiltersRequest) -> AppResult<Vec<SavedFilterView>> {
        let replica = self.replica()?;
        let page = replica.list(&ListQuery {
            limit: ALL,
            ..ListQuery::new(Kind::SavedFilter)
        })?;
        let mut filters = Vec::new();
        for row in page.rows {
            let record = replica.get(row.id())?;
            if record.text("target") != req.target.as_str() {
                continue;
            }
            filters.push(SavedFilterView {
                id: record.id,
                name: record.text("name").to_owned(),
                target: record.text("target").to_owned(),
                query: record.text("query").to_owned(),
            });
        }
        Ok(filters)
    }
}
