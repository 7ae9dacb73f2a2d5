//! What an account's standing calls for at a moment: block at the end of the trial or of the
//! paid term, warn 7 and 1 days before deletion, delete. A pure plan over stored state and
//! the clock, so the job that carries it out (not built yet) can be down for days and still
//! catch up, warning once, never twice, and never deleting without a warning sent a day
//! earlier.

use super::dates::{paid_through_end_ms, warsaw_date, warsaw_midnight_ms};
use chrono::{Days, NaiveDate};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Days from the end of a trial to deletion.
pub const TRIAL_GRACE_DAYS: i64 = 30;
/// Days from the end of a paid term to deletion.
pub const PAID_GRACE_DAYS: i64 = 90;

/// The stored facts the plan works from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    pub blocked: bool,
    pub trial_ends_ms: i64,
    /// Last paid day; none while the account has never paid.
    pub paid_until: Option<NaiveDate>,
    /// When the last deletion warning was sent, and how many days ahead it warned.
    pub last_warning: Option<(i64, u8)>,
}

/// One thing to do now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Block,
    /// Warn that the account and its data will be deleted at `deletion_ms`.
    Warn {
        days: u8,
        deletion_ms: i64,
    },
    Delete,
}

impl Standing {
    /// When access ends: the end of the last paid day, or the end of the trial.
    pub fn access_ends_ms(&self) -> i64 {
        self.paid_until
            .map_or(self.trial_ends_ms, paid_through_end_ms)
    }

    /// When the account is deleted unless renewed: 30 days after the end of a trial, or at
    /// the start of the 90th Warsaw calendar day after the last paid day (90 × 24 hours would
    /// end an hour early, on the day before, across the autumn clock change).
    pub fn deletion_ms(&self) -> i64 {
        match self.paid_until {
            Some(paid_until) => warsaw_midnight_ms(
                paid_until
                    .checked_add_days(Days::new(1 + PAID_GRACE_DAYS as u64))
                    .unwrap_or(paid_until),
            ),
            None => self.trial_ends_ms + TRIAL_GRACE_DAYS * DAY_MS,
        }
    }

    /// The last Europe/Warsaw day with access: the trial's last day or the last paid day.
    pub fn last_access_day(&self) -> NaiveDate {
        warsaw_date(self.access_ends_ms() - 1)
    }

    /// The Europe/Warsaw day the account is deleted unless renewed.
    pub fn deletion_day(&self) -> NaiveDate {
        warsaw_date(self.deletion_ms())
    }
}

/// The steps due at `now_ms`, in order.
///
/// ```
/// use localspace_core::billing::lifecycle::{Standing, Step, due};
/// let trial_end = 1_773_655_200_000; // 2026-03-16 10:00 UTC
/// let s = Standing { blocked: false, trial_ends_ms: trial_end, paid_until: None, last_warning: None };
/// assert_eq!(due(&s, trial_end - 1), vec![]);
/// assert_eq!(due(&s, trial_end), vec![Step::Block]);
/// ```
pub fn due(s: &Standing, now_ms: i64) -> Vec<Step> {
    let mut steps = Vec::new();
    if now_ms < s.access_ends_ms() {
        return steps;
    }
    if !s.blocked {
        steps.push(Step::Block);
    }
    let deletion_ms = s.deletion_ms();
    let warned_since = |at: i64| s.last_warning.is_some_and(|(sent, _)| sent >= at);
    // A warning sent before this access ended belongs to an earlier term.
    let warned = warned_since(s.access_ends_ms());
    let last_warned_days = s.last_warning.map(|(_, d)| d);
    if now_ms >= deletion_ms {
        // Never delete without a warning at least a day old: a job that was down warns now.
        match s.last_warning {
            Some((sent, _)) if warned && now_ms - sent >= DAY_MS => steps.push(Step::Delete),
            _ if !warned || last_warned_days != Some(1) => steps.push(Step::Warn {
                days: 1,
                deletion_ms: now_ms + DAY_MS,
            }),
            _ => {}
        }
        return steps;
    }
    let days_left = deletion_ms - now_ms;
    let due_warning = if days_left <= DAY_MS {
        Some(1)
    } else if days_left <= 7 * DAY_MS {
        Some(7)
    } else {
        None
    };
    if let Some(days) = due_warning {
        // Only the nearest warning is sent: a job that slept through both warns once.
        let sent = warned && last_warned_days.is_some_and(|d| d <= days);
        if !sent {
            steps.push(Step::Warn { days, deletion_ms });
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_773_655_200_000; // trial end, 2026-03-16 10:00 UTC

    fn trial() -> Standing {
        Standing {
            blocked: false,
            trial_ends_ms: T,
            paid_until: None,
            last_warning: None,
        }
    }

    /// Runs the plan at `now`, applying its steps to the standing as a job would.
    fn run(s: &mut Standing, now: i64) -> Vec<Step> {
        let steps = due(s, now);
        for step in &steps {
            match step {
                Step::Block => s.blocked = true,
                Step::Warn { days, .. } => s.last_warning = Some((now, *days)),
                Step::Delete => {}
            }
        }
        steps
    }

    #[test]
    fn a_trial_is_blocked_then_warned_twice_then_deleted() {
        let mut s = trial();
        assert_eq!(run(&mut s, T - 1), []);
        assert_eq!(run(&mut s, T), [Step::Block]);
        assert_eq!(run(&mut s, T + 22 * DAY_MS), []);
        let deletion = T + 30 * DAY_MS;
        assert_eq!(
            run(&mut s, T + 23 * DAY_MS),
            [Step::Warn {
                days: 7,
                deletion_ms: deletion
            }]
        );
        assert_eq!(run(&mut s, T + 24 * DAY_MS), [], "warned once");
        assert_eq!(
            run(&mut s, T + 29 * DAY_MS),
            [Step::Warn {
                days: 1,
                deletion_ms: deletion
            }]
        );
        assert_eq!(run(&mut s, T + 29 * DAY_MS + 1), []);
        assert_eq!(run(&mut s, deletion), [Step::Delete]);
    }

    #[test]
    fn a_job_that_was_down_catches_up_and_warns_once() {
        let mut s = trial();
        // Down from before the trial's end until 3 days before deletion.
        let steps = run(&mut s, T + 27 * DAY_MS);
        assert_eq!(
            steps,
            [
                Step::Block,
                Step::Warn {
                    days: 7,
                    deletion_ms: T + 30 * DAY_MS
                }
            ]
        );
        // Down past the deletion date without any warning: warn now, delete a day later.
        let mut s = trial();
        let late = T + 40 * DAY_MS;
        assert_eq!(
            run(&mut s, late),
            [
                Step::Block,
                Step::Warn {
                    days: 1,
                    deletion_ms: late + DAY_MS
                }
            ]
        );
        assert_eq!(run(&mut s, late + DAY_MS / 2), []);
        assert_eq!(run(&mut s, late + DAY_MS), [Step::Delete]);
    }

    #[test]
    fn a_paid_term_ends_with_a_block_and_90_days_of_grace() {
        let paid_until = NaiveDate::from_ymd_opt(2027, 3, 2).unwrap();
        let mut s = Standing {
            paid_until: Some(paid_until),
            // A warning from the trial, long ago, does not count for this term.
            last_warning: Some((T + 23 * DAY_MS, 7)),
            ..trial()
        };
        let end = paid_through_end_ms(paid_until);
        assert_eq!(run(&mut s, end - 1), []);
        assert_eq!(run(&mut s, end), [Step::Block]);
        // 90 calendar days: summer time began meanwhile, so an hour short of 90 × 24 hours.
        let deletion = end + 90 * DAY_MS - 60 * 60 * 1000;
        assert_eq!(s.deletion_ms(), deletion);
        assert_eq!(run(&mut s, deletion - 7 * DAY_MS - 1), []);
        assert_eq!(
            run(&mut s, deletion - 7 * DAY_MS),
            [Step::Warn {
                days: 7,
                deletion_ms: deletion
            }]
        );
    }

    #[test]
    fn the_days_shown_are_the_last_day_with_access_and_the_deletion_day() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        // The trial ends at 11:00 in Warsaw on 16 March; deleted 30 days later.
        assert_eq!(trial().last_access_day(), d(3, 16));
        assert_eq!(trial().deletion_day(), d(4, 15));
        // Paid through 2 March: access ends at midnight, deletion 90 days after it (01:00 in
        // Warsaw on 1 June, as summer time began meanwhile).
        let paid = Standing {
            paid_until: Some(d(3, 2)),
            ..trial()
        };
        assert_eq!(paid.last_access_day(), d(3, 2));
        assert_eq!(paid.deletion_day(), d(6, 1));
        // Across the autumn clock change the 90 days are still calendar days.
        for (last, deleted) in [((9, 30), (12, 30)), ((8, 15), (11, 14))] {
            let paid = Standing {
                paid_until: Some(d(last.0, last.1)),
                ..trial()
            };
            assert_eq!(
                paid.deletion_day(),
                d(deleted.0, deleted.1),
                "paid through {last:?}"
            );
            assert_eq!(
                warsaw_date(paid.deletion_ms() - 1),
                d(deleted.0, deleted.1 - 1)
            );
        }
    }

    #[test]
    fn a_renewal_moves_everything_on() {
        let mut s = trial();
        run(&mut s, T + 23 * DAY_MS);
        // Renewed: the settle transaction unblocks and sets the paid term.
        s.blocked = false;
        s.paid_until = NaiveDate::from_ymd_opt(2026, 5, 8);
        assert_eq!(run(&mut s, T + 24 * DAY_MS), []);
    }
}
