//! What keeps plan changes honest when several happen: one change waits for its payment at a
//! time, a late payment is never applied onto a plan that moved meanwhile, an upgrade is not
//! priced across a prepaid downgraded term, and a downgrade keeps the seats people hold.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::billing_changes::{DAY, SECRET, billing_server, buyer, paid_change, plan, renew};

fn by_transfer(plan: &str, seats: u32) -> Value {
    json!({ "plan": plan, "seats": seats, "packs": 0, "buyer": buyer(), "method": "transfer" })
}

#[tokio::test]
async fn a_second_plan_change_waits_for_the_first_to_be_paid() {
    let s = billing_server().await;
    let admin = s.sign_up("Żuraw", "ewa@zuraw.pl").await;
    renew(&s, &admin.token, "crm", 5, 12).await;
    s.clock.advance(10 * DAY);
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        by_transfer("crm_automation", 5),
    )
    .await
    .expect(StatusCode::ACCEPTED);
    // A second click (or a second admin) would pay for the same days again.
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        paid_change("crm_automation", 6, 0, "success"),
    )
    .await
    .error(StatusCode::CONFLICT, "change_pending");
    assert_eq!(plan(&s, &admin.token).await["plan"], "crm");
    // An unpaid pro-forma stops blocking after 14 days.
    s.clock.advance(15 * DAY);
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        paid_change("crm_automation", 6, 0, "success"),
    )
    .await
    .expect(StatusCode::CREATED);
    assert_eq!(plan(&s, &admin.token).await["seats"], 6);
}

#[tokio::test]
async fn a_pro_forma_paid_after_the_plan_moved_is_not_applied() {
    let s = billing_server().await;
    let admin = s.sign_up("Żuraw", "ewa@zuraw.pl").await;
    renew(&s, &admin.token, "crm", 3, 1).await;
    let pending = s
        .post(
            "/api/v1/billing/changes",
            Some(&admin.token),
            by_transfer("crm", 5),
        )
        .await
        .expect(StatusCode::ACCEPTED);
    // The term is renewed meanwhile: the upgrade was priced for days that are no longer
    // the term's last ones.
    renew(&s, &admin.token, "crm", 3, 1).await;
    let notice = json!({
        "order_id": pending["payment"]["order_id"], "status": "paid", "secret": SECRET,
    });
    s.post("/api/v1/billing/payments/notify", None, notice)
        .await
        .error(StatusCode::CONFLICT, "change_stale");
    assert_eq!(plan(&s, &admin.token).await["seats"], 3);
}

#[tokio::test]
async fn an_upgrade_is_refused_while_the_next_term_is_paid_for_a_downgrade() {
    let s = billing_server().await;
    let admin = s.sign_up("Żuraw", "ewa@zuraw.pl").await;
    renew(&s, &admin.token, "crm_automation", 4, 1).await;
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        json!({ "plan": "crm", "seats": 4, "packs": 0 }),
    )
    .await
    .expect(StatusCode::OK);
    renew(&s, &admin.token, "crm", 4, 1).await;
    s.post(
        "/api/v1/billing/changes/quote",
        Some(&admin.token),
        json!({ "plan": "crm_automation", "seats": 5, "packs": 0 }),
    )
    .await
    .error(StatusCode::CONFLICT, "next_term_paid");
    // Once the next term starts, the upgrade is priced from what it holds.
    s.clock.advance(32 * DAY);
    s.post(
        "/api/v1/billing/changes/quote",
        Some(&admin.token),
        json!({ "plan": "crm_automation", "seats": 5, "packs": 0 }),
    )
    .await
    .expect(StatusCode::OK);
}

#[tokio::test]
async fn a_downgrade_keeps_the_seats_people_took_after_it_was_scheduled() {
    let s = billing_server().await;
    let admin = s.sign_up("Żuraw", "ewa@zuraw.pl").await;
    renew(&s, &admin.token, "crm", 3, 1).await;
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        json!({ "plan": "crm", "seats": 1, "packs": 0 }),
    )
    .await
    .expect(StatusCode::OK);
    let jan = s.add_user(&admin.token, "jan@zuraw.pl", "user").await;
    s.clock.advance(40 * DAY);
    assert_eq!(
        plan(&s, &admin.token).await["seats"],
        2,
        "two people hold a seat"
    );
    // The admin can still take the seat back and people can still change passwords.
    s.put(
        &format!("/api/v1/users/{}/seat", jan.user.id),
        &admin.token,
        json!({ "seat": false }),
    )
    .await
    .expect(StatusCode::OK);
}
