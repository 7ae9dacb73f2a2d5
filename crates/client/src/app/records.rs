//! Records for the UI: lists for a virtual scroller, search as you type, record pages,
//! creating, editing (one or many), deleting and restoring, timeline entries and conflicts.
//! Every write is one replica transaction and wakes the sync loop.

use localspace_core::schema::{self, FieldType};
use localspace_core::{Kind, Patch, Value};

use super::App;
use super::contract::{
    AddActivityRequest, AppError, BulkUpdateRequest, CreateRequest, FieldInfo, IdRequest,
    IdsRequest, ListRequest, ListResponse, RecordPage, Refusal, ResolveConflictRequest,
    SchemaRequest, SchemaResponse, SearchRequest, SearchResponse, UpdateRequest,
};
use super::error::AppResult;
use crate::query::ListQuery;

/// The most rows one list call returns.
const MAX_PAGE: u32 = 500;
/// Timeline entries shown on a record page.
const TIMELINE: usize = 50;

impl App {
    /// Rows `offset..offset+limit` of a list, and how many rows it holds.
    pub fn list(&self, req: ListRequest) -> AppResult<ListResponse> {
        let replica = self.replica()?;
        let query = ListQuery {
            kind: req.kind,
            filter: req.filter,
            sort: req.sort,
            descending: req.descending,
            after: None,
            offset: req.offset as usize,
            limit: req.limit.clamp(1, MAX_PAGE) as usize,
        };
        let page = replica.list(&query)?;
        // A short page is the list's end, so it gives the total without counting (a search
        // that matches a few rows answers with one query instead of two).
        let total = if page.rows.len() < query.limit && (query.offset == 0 || !page.rows.is_empty())
        {
            (query.offset + page.rows.len()) as u64
        } else {
            replica.count(query.kind, &query.filter)?
        };
        Ok(ListResponse {
            rows: page.rows,
            total: u32::try_from(total).unwrap_or(u32::MAX),
        })
    }

    /// Records of every kind matching typed text (prefixes, diacritics folded).
    pub fn search(&self, req: SearchRequest) -> AppResult<SearchResponse> {
        let hits = self
            .replica()?
            .search(&req.text, req.limit.clamp(1, 200) as usize)?;
        Ok(SearchResponse { hits })
    }

    /// A record with its links, timeline, tasks, files and the server's refusal if any.
    pub fn open_record(&self, req: IdRequest) -> AppResult<RecordPage> {
        let replica = self.replica()?;
        let view = replica.open_record(req.id, TIMELINE)?;
        let refusal = replica.refusal(req.id)?.map(|r| Refusal {
            code: r.code,
            reason: r.reason,
            not_accepted: r.not_accepted,
        });
        Ok(RecordPage { view, refusal })
    }

    /// The fields of a kind.
    pub fn schema(&self, req: SchemaRequest) -> SchemaResponse {
        SchemaResponse {
            fields: schema::fields(req.kind).iter().map(field_info).collect(),
        }
    }

    /// Creates a record; the signed-in user owns it unless the patch names an owner.
    pub fn create_record(&self, req: CreateRequest) -> AppResult<IdRequest> {
        let replica = self.editable()?;
        let mut patch = req.patch;
        if let Some(me) = self.current().map(|s| s.info.user.id.0)
            && schema::fields(req.kind).iter().any(|f| f.key == "owner")
            && !patch.fields.contains_key("owner")
        {
            patch.fields.insert("owner".into(), Some(Value::Ref(me)));
        }
        let id = replica.create(req.kind, &patch)?;
        self.wake_sync();
        Ok(IdRequest { id })
    }

    /// Changes the fields a patch names (and only those).
    pub fn update_record(&self, req: UpdateRequest) -> AppResult<()> {
        self.editable()?.update(req.id, &req.patch)?;
        self.wake_sync();
        Ok(())
    }

    /// The same change to many records, all or nothing.
    pub fn bulk_update(&self, req: BulkUpdateRequest) -> AppResult<()> {
        self.editable()?.write(|batch| {
            for id in &req.ids {
                batch.update(*id, &req.patch)?;
            }
            Ok(())
        })?;
        self.wake_sync();
        Ok(())
    }

    /// Moves records to the trash (restorable).
    pub fn delete_records(&self, req: IdsRequest) -> AppResult<()> {
        self.editable()?.write(|batch| {
            for id in &req.ids {
                batch.soft_delete(*id)?;
            }
            Ok(())
        })?;
        self.wake_sync();
        Ok(())
    }

    /// Brings records back from the trash.
    pub fn restore_records(&self, req: IdsRequest) -> AppResult<()> {
        self.editable()?.write(|batch| {
            for id in &req.ids {
                batch.restore(*id)?;
            }
            Ok(())
        })?;
        self.wake_sync();
        Ok(())
    }

    /// Adds a note, call, meeting or e-mail to a record's timeline, by the signed-in user.
    pub fn add_activity(&self, req: AddActivityRequest) -> AppResult<IdRequest> {
        let replica = self.editable()?;
        let mut patch = Patch::new()
            .text("type", &req.activity_type)
            .set("at", Value::Timestamp(self.config.clock.now_ms()))
            .set("body", Value::LongText(req.body))
            .set("links", Value::RefSet([req.record.0].into()));
        if let Some(subject) = req.subject.filter(|s| !s.trim().is_empty()) {
            patch = patch.text("subject", &subject);
        }
        if let Some(me) = self.current().map(|s| s.info.user.id.0) {
            patch = patch.set("author", Value::Ref(me));
        }
        let id = replica.create(Kind::Activity, &patch)?;
        self.wake_sync();
        Ok(IdRequest { id })
    }

    /// Keeps one of a conflicting field's values: writing it supersedes every competing one.
    pub fn resolve_conflict(&self, req: ResolveConflictRequest) -> AppResult<()> {
        let replica = self.editable()?;
        let record = replica.get(req.id)?;
        let Some(field) = record.fields.get(&req.field) else {
            return Err(AppError::new("not_found", "the field has no value"));
        };
        if field.value != req.value && !field.conflicts.contains(&req.value) {
            return Err(AppError::new(
                "invalid",
                "the chosen value is not one of the field's values",
            ));
        }
        replica.update(req.id, &Patch::new().set(&req.field, req.value))?;
        self.wake_sync();
        Ok(())
    }

    /// Applies the values the server refused again, on top of its state; it judges them
    /// afresh (an admin may have changed the rules or the user's role meanwhile).
    pub fn reapply_refusal(&self, req: IdRequest) -> AppResult<()> {
        self.editable()?.reapply_refusal(req.id)?;
        self.wake_sync();
        Ok(())
    }

    /// Gives up the values the server refused.
    pub fn dismiss_refusal(&self, req: IdRequest) -> AppResult<()> {
        Ok(self.replica()?.dismiss_refusal(req.id)?)
    }
}

fn field_info(spec: &schema::FieldSpec) -> FieldInfo {
    let (field_type, options, ref_kind): (&str, Vec<String>, Option<Kind>) = match spec.ty {
        FieldType::Text { .. } => ("text", vec![], None),
        FieldType::Enum(values) => (
            "enum",
            values.iter().map(|v| (*v).to_owned()).collect(),
            None,
        ),
        FieldType::LongText => ("long_text", vec![], None),
        FieldType::Int { .. } => ("int", vec![], None),
        FieldType::Bool => ("bool", vec![], None),
        FieldType::Money => ("money", vec![], None),
        FieldType::Date => ("date", vec![], None),
        FieldType::Timestamp => ("timestamp", vec![], None),
        FieldType::Ref(kind) => ("ref", vec![], kind),
        FieldType::UserRef => ("user_ref", vec![], None),
        FieldType::RefSet(kind) => ("ref_set", vec![], kind),
        FieldType::UserSet => ("user_set", vec![], None),
        FieldType::Emails => ("emails", vec![], None),
        FieldType::Phones => ("phones", vec![], None),
        FieldType::List => ("list", vec![], None),
        FieldType::Lines => ("lines", vec![], None),
        FieldType::Stages => ("stages", vec![], None),
        FieldType::Nip => ("nip", vec![], None),
    };
    FieldInfo {
        key: spec.key.to_owned(),
        field_type: field_type.to_owned(),
        required: spec.required,
        options,
        ref_kind,
    }
}
