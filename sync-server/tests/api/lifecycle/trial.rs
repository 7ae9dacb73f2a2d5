//! The trial's path: blocked at its end, warned 7 and 1 days before deletion 30 days later,
//! deleted; or renewed before that and kept.

use localspace_core::billing::lifecycle::Step;

use super::held::{DAY, days, held};
use crate::support::T0;

#[tokio::test]
async fn a_trial_is_blocked_warned_once_each_and_deleted() {
    let h = held().await;
    let admin = h.sign_up("anna@pracownia.pl").await;
    let trial_end = T0 + 14 * DAY; // 2026-03-16 11:00 in Warsaw
    assert_eq!(h.pass_at(trial_end - 1).await, []);
    assert_eq!(days(&h.account(&admin.token).await.1), [None; 3]);
    assert_eq!(h.pass_at(trial_end).await, [Step::Block]);
    let (_, account) = h.account(&admin.token).await;
    assert_eq!(account["status"], "blocked");
    // Never paid: the trial ended, and deletion follows 30 days later.
    assert_eq!(
        days(&account),
        [None, Some("2026-03-16"), Some("2026-04-15")]
    );
    assert!(matches!(
        h.pass_at(trial_end + 23 * DAY).await[..],
        [Step::Warn { days: 7, .. }]
    ));
    assert_eq!(h.pass_at(trial_end + 23 * DAY + 1).await, [], "warned once");
    assert!(matches!(
        h.pass_at(trial_end + 29 * DAY).await[..],
        [Step::Warn { days: 1, .. }]
    ));
    assert_eq!(
        h.warnings(),
        [
            "Konto Pracownia zostanie usunięte za 7 dni",
            "Konto Pracownia zostanie usunięte jutro"
        ]
    );
    assert_eq!(h.pass_at(trial_end + 30 * DAY).await, [Step::Delete]);
    // The data is gone: the session ended and nobody signs in any more.
    h.assert_deleted(&admin.token, "anna@pracownia.pl").await;
    assert_eq!(h.pass_at(trial_end + 40 * DAY).await, [], "deleted once");
}

#[tokio::test]
async fn a_job_that_was_down_warns_once_and_a_renewal_unblocks_at_once() {
    let h = held().await;
    let admin = h.sign_up("anna@pracownia.pl").await;
    let trial_end = T0 + 14 * DAY;
    // Down from before the trial's end until a day before deletion: one pass blocks and
    // sends only the nearest warning.
    assert!(matches!(
        h.pass_at(trial_end + 29 * DAY).await[..],
        [Step::Block, Step::Warn { days: 1, .. }]
    ));
    assert_eq!(h.warnings().len(), 1);
    h.renew(&admin.token, 1).await;
    let (_, account) = h.account(&admin.token).await;
    assert_eq!(account["status"], "active");
    // Renewed on 14 April (Warsaw) for a month; no longer blocked, so no dates of an end.
    assert_eq!(days(&account), [Some("2026-05-14"), None, None]);
    // Nothing is deleted: the new term runs.
    assert_eq!(h.pass_at(trial_end + 31 * DAY).await, []);
    assert_eq!(h.status(&admin.token).await.1, "active");
}
