//! The paid term's path: blocked at the end of the last paid day, warned 7 and 1 days before
//! deletion 90 days later, deleted; or renewed during the block and kept.

use chrono::NaiveDate;
use localspace_core::billing::lifecycle::Step;
use localspace_core::billing::paid_through_end_ms;
use reqwest::StatusCode;

use super::held::{DAY, Held, days, held};
use crate::support::T0;

/// Signs up, renews a month during the trial and returns the admin's token and the instant
/// the paid term ends (the end of its last paid day, 2 April 2026).
async fn paid_for_a_month(h: &Held) -> (String, i64) {
    let admin = h.sign_up("anna@pracownia.pl").await;
    h.renew(&admin.token, 1).await;
    let (_, account) = h.account(&admin.token).await;
    assert_eq!(account["status"], "active");
    assert_eq!(days(&account), [Some("2026-04-02"), None, None]);
    let last_day: NaiveDate = account["paid_until"].as_str().unwrap().parse().unwrap();
    (admin.token, paid_through_end_ms(last_day))
}

#[tokio::test]
async fn a_paid_term_ends_blocked_then_warned_once_each_and_deleted_after_90_days() {
    let h = held().await;
    let (token, end) = paid_for_a_month(&h).await;
    // The trial's end passes unnoticed: the paid term runs.
    assert_eq!(h.pass_at(T0 + 14 * DAY).await, []);
    assert_eq!(
        h.pass_at(end - 1).await,
        [],
        "the last paid day is paid for"
    );
    assert_eq!(h.status(&token).await.1, "active");
    assert_eq!(h.pass_at(end).await, [Step::Block]);
    let (_, account) = h.account(&token).await;
    assert_eq!(account["status"], "blocked");
    // Expired (it has a last paid day), deleted 90 days after the end of it.
    assert_eq!(
        days(&account),
        [Some("2026-04-02"), Some("2026-04-02"), Some("2026-07-02")]
    );
    assert_eq!(h.pass_at(end + 83 * DAY - 1).await, []);
    assert_eq!(
        h.pass_at(end + 83 * DAY).await,
        [Step::Warn {
            days: 7,
            deletion_ms: end + 90 * DAY
        }]
    );
    assert_eq!(h.pass_at(end + 84 * DAY).await, [], "warned once");
    assert_eq!(h.pass_at(end + 89 * DAY - 1).await, []);
    assert_eq!(
        h.pass_at(end + 89 * DAY).await,
        [Step::Warn {
            days: 1,
            deletion_ms: end + 90 * DAY
        }]
    );
    assert_eq!(h.pass_at(end + 89 * DAY + 1).await, [], "warned once");
    // The admin, warned, signs in on the last day: a blocked account still reads.
    let (status, session) = h.sign_in("anna@pracownia.pl").await;
    assert_eq!(status, StatusCode::CREATED);
    let token = session["token"].as_str().unwrap().to_owned();
    assert_eq!(h.status(&token).await.1, "blocked");
    assert_eq!(
        h.warnings(),
        [
            "Konto Pracownia zostanie usunięte za 7 dni",
            "Konto Pracownia zostanie usunięte jutro"
        ]
    );
    assert_eq!(h.pass_at(end + 90 * DAY - 1).await, []);
    assert_eq!(h.pass_at(end + 90 * DAY).await, [Step::Delete]);
    // Deleted: the fresh session is gone with the account, and nobody signs in any more.
    h.assert_deleted(&token, "anna@pracownia.pl").await;
    assert_eq!(h.pass_at(end + 100 * DAY).await, [], "deleted once");
}

#[tokio::test]
async fn a_renewal_on_day_60_of_the_block_unblocks_at_once_and_nothing_is_deleted() {
    let h = held().await;
    let (_, end) = paid_for_a_month(&h).await;
    assert_eq!(h.pass_at(end).await, [Step::Block]);
    h.set_clock(end + 60 * DAY); // 2 June 2026 in Warsaw
    // The old session went idle; the admin signs in again and renews.
    let (status, session) = h.sign_in("anna@pracownia.pl").await;
    assert_eq!(status, StatusCode::CREATED);
    let token = session["token"].as_str().unwrap();
    assert_eq!(h.status(token).await.1, "blocked");
    h.renew(token, 12).await;
    let (_, account) = h.account(token).await;
    assert_eq!(account["status"], "active", "unblocked without a pass");
    // The new term runs from the renewal day: the blocked days are not paid for.
    assert_eq!(days(&account), [Some("2027-06-02"), None, None]);
    for day in [61, 83, 89, 90, 91, 200] {
        assert_eq!(h.pass_at(end + day * DAY).await, [], "day {day}");
    }
    assert!(h.warnings().is_empty());
    assert_eq!(h.sign_in("anna@pracownia.pl").await.0, StatusCode::CREATED);
}
