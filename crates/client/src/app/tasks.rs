//! Tasks: the inbox (no due date), today, overdue and upcoming, with counters; done toggles.

use localspace_core::{Patch, Value};

use super::App;
use super::contract::{TaskCounts, TaskDoneRequest, TasksRequest, TasksResponse};
use super::error::AppResult;
use crate::query::TaskBucket;

/// Counters stop at this many (the UI shows "999+").
const COUNT_LIMIT: usize = 1_000;

impl App {
    /// Open tasks of a bucket for today, with every bucket's count.
    pub fn tasks(&self, req: TasksRequest) -> AppResult<TasksResponse> {
        let replica = self.replica()?;
        let today = self.today();
        let tasks = replica.tasks(
            req.bucket,
            today,
            req.assignee,
            req.limit.clamp(1, 1_000) as usize,
        )?;
        let count = |bucket| -> AppResult<u32> {
            let n = replica
                .tasks(bucket, today, req.assignee, COUNT_LIMIT)?
                .len();
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        };
        Ok(TasksResponse {
            tasks,
            counts: TaskCounts {
                inbox: count(TaskBucket::Inbox)?,
                today: count(TaskBucket::Today)?,
                overdue: count(TaskBucket::Overdue)?,
                upcoming: count(TaskBucket::Upcoming)?,
            },
        })
    }

    /// Marks a task done or not done.
    pub fn set_task_done(&self, req: TaskDoneRequest) -> AppResult<()> {
        self.editable()?
            .update(req.id, &Patch::new().set("done", Value::Bool(req.done)))?;
        self.wake_sync();
        Ok(())
    }
}
