//! Settings → Data → Duplicates: likely duplicate people and companies side by side, and
//! merging one into the other. A merge is a local write like any edit (it waits in the
//! outbox while the account is blocked) and leaves a note on both timelines.

use localspace_core::Kind;

use super::App;
use super::contract::{
    AppError, AppEvent, DuplicateCandidate, DuplicateCandidates, DuplicatesRequest, MergeRequest,
};
use super::error::AppResult;
use super::export::language;
use crate::duplicates::{self, MergeReport, find_duplicates};

/// Groups the screen shows at most; merging some brings the next ones up.
const MAX_GROUPS: usize = 200;

impl App {
    /// Likely duplicate people or companies, oldest group first.
    pub fn duplicates(&self, req: DuplicatesRequest) -> AppResult<DuplicateCandidates> {
        if !matches!(req.kind, Kind::Person | Kind::Company) {
            return Err(AppError::new(
                "invalid",
                "duplicates are found among people and companies",
            ));
        }
        let replica = self.replica()?;
        let found = find_duplicates(&replica, req.kind)?;
        let total = u32::try_from(found.len()).unwrap_or(u32::MAX);
        let mut groups = Vec::new();
        for group in found.into_iter().take(MAX_GROUPS) {
            let rows = replica.rows_by_id(req.kind, &group.ids)?;
            if rows.len() > 1 {
                groups.push(DuplicateCandidate {
                    rule: group.rule,
                    rows,
                });
            }
        }
        Ok(DuplicateCandidates { groups, total })
    }

    /// Merges `loser` into `winner`: every link, timeline entry, task and file moves to the
    /// winner, the loser goes to the trash, and a note records the merge on both timelines.
    pub fn merge_records(&self, req: MergeRequest) -> AppResult<MergeReport> {
        let replica = self.editable()?;
        let report = duplicates::merge(
            &replica,
            req.winner,
            req.loser,
            self.config.clock.now_ms(),
            language(req.locale),
        )?;
        self.wake_sync();
        // Links of deals, tasks, timeline entries and files moved to the winner.
        self.emit(AppEvent::RecordsChanged {
            kinds: vec![
                Kind::Person,
                Kind::Company,
                Kind::Deal,
                Kind::Task,
                Kind::Activity,
                Kind::File,
            ],
        });
        Ok(report)
    }
}
