//! Deals on the board: pipelines with their stages, open deals per stage with the stage
//! totals, moving a deal to another stage, closing it won or lost (with a reason).

use localspace_core::{Kind, Patch, RecordId, Value};

use super::App;
use super::contract::{
    AppError, Board, BoardColumn, BoardRequest, CloseDealRequest, MoveDealRequest, PipelineView,
};
use super::error::AppResult;
use crate::query::{Filter, ListQuery, Sort};

/// The most deals one board column shows (the list view shows every deal).
const COLUMN_LIMIT: usize = 200;

impl App {
    /// Every pipeline, in order, with its stages.
    pub fn pipelines(&self) -> AppResult<Vec<PipelineView>> {
        let replica = self.replica()?;
        let page = replica.list(&ListQuery {
            limit: 100,
            ..ListQuery::new(Kind::Pipeline)
        })?;
        let mut pipelines = Vec::with_capacity(page.rows.len());
        for row in page.rows {
            pipelines.push(self.pipeline(row.id())?);
        }
        Ok(pipelines)
    }

    pub(super) fn pipeline(&self, id: RecordId) -> AppResult<PipelineView> {
        let record = self.replica()?.get(id)?;
        if record.kind != Kind::Pipeline {
            return Err(AppError::new("wrong_kind", "not a pipeline"));
        }
        let mut stages = match record.get("stages") {
            Some(Value::Stages(stages)) => stages.clone(),
            _ => Vec::new(),
        };
        stages.sort_by_key(|s| (s.position, s.id));
        Ok(PipelineView {
            id,
            name: record.text("name").to_owned(),
            stages,
        })
    }

    /// The board of a pipeline: open deals per stage (highest value first) and the totals.
    pub fn board(&self, req: BoardRequest) -> AppResult<Board> {
        let replica = self.replica()?;
        let pipeline = self.pipeline(req.pipeline)?;
        let summary = replica.pipeline_summary(req.pipeline)?;
        let mut columns = Vec::with_capacity(pipeline.stages.len());
        for stage in &pipeline.stages {
            let page = replica.list(&ListQuery {
                kind: Kind::Deal,
                filter: Filter {
                    pipeline: Some(req.pipeline),
                    stage: Some(stage.id.to_string()),
                    status: Some("open".into()),
                    owner: req.owner,
                    ..Filter::default()
                },
                sort: Sort::Value,
                descending: true,
                after: None,
                offset: 0,
                limit: COLUMN_LIMIT,
            })?;
            columns.push(BoardColumn {
                stage: stage.id.to_string(),
                deals: page.rows,
            });
        }
        Ok(Board {
            pipeline,
            summary,
            columns,
        })
    }

    /// Moves a deal to another stage of its pipeline (drag on the board).
    pub fn move_deal(&self, req: MoveDealRequest) -> AppResult<()> {
        let replica = self.editable()?;
        let deal = replica.get(req.id)?;
        let Some(pipeline) = deal.get("pipeline").and_then(Value::as_ref_id) else {
            return Err(AppError::new("invalid", "the deal has no pipeline"));
        };
        let pipeline = self.pipeline(RecordId(pipeline))?;
        if !pipeline
            .stages
            .iter()
            .any(|s| s.id.to_string() == req.stage)
        {
            return Err(AppError::new(
                "invalid",
                "no such stage in the deal's pipeline",
            ));
        }
        replica.update(req.id, &Patch::new().text("stage", &req.stage))?;
        self.wake_sync();
        Ok(())
    }

    /// Marks a deal won or lost (a lost deal needs a reason), or reopens it.
    pub fn close_deal(&self, req: CloseDealRequest) -> AppResult<()> {
        let patch = match req.status.as_str() {
            "won" | "open" => Patch::new()
                .text("status", &req.status)
                .clear("lost_reason"),
            "lost" => {
                let reason = req.reason.as_deref().map(str::trim).unwrap_or("");
                if reason.is_empty() {
                    return Err(AppError::new(
                        "reason_required",
                        "say why the deal was lost",
                    ));
                }
                Patch::new()
                    .text("status", "lost")
                    .text("lost_reason", reason)
            }
            other => {
                return Err(AppError::new(
                    "invalid",
                    format!("unknown deal status {other}"),
                ));
            }
        };
        self.editable()?.update(req.id, &patch)?;
        self.wake_sync();
        Ok(())
    }
}
