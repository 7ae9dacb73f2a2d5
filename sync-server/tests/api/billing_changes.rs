//! Plan changes while a paid term runs: an upgrade is prorated, invoiced and takes effect
//! at once; a downgrade is scheduled for the day after the term and applied when that day
//! comes; renewing replaces it. (Beside `billing.rs`, which covers renewals and invoices.)

use localspace_server::billing::{BillingStore, ProviderKind};
use localspace_server::store::SqliteStore;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::*;

pub(crate) const SECRET: &str = "notice-s3cret";
pub(crate) const DAY: i64 = 24 * 60 * 60 * 1000;

pub(crate) async fn billing_server() -> Server {
    server_with(|c| {
        c.billing.provider = ProviderKind::Test;
        c.billing.notice_secret = Some(SECRET.into());
        c.files.gb_bytes = 1_000;
    })
    .await
}

pub(crate) fn buyer() -> Value {
    json!({
        "company": "Żuraw Sp. z o.o.",
        "address": "ul. Łąkowa 3\n90-001 Łódź",
        "nip": "526-025-02-74",
        "invoice_email": "faktury@zuraw.pl",
    })
}

pub(crate) async fn renew(s: &Server, token: &str, plan: &str, seats: u32, months: u32) -> Value {
    let body = json!({
        "plan": plan, "seats": seats, "months": months, "buyer": buyer(), "test_outcome": "success",
    });
    s.post("/api/v1/billing/renewals", Some(token), body)
        .await
        .expect(StatusCode::CREATED)
}

fn change(plan: &str, seats: u32, packs: u32) -> Value {
    json!({ "plan": plan, "seats": seats, "packs": packs })
}

pub(crate) fn paid_change(plan: &str, seats: u32, packs: u32, outcome: &str) -> Value {
    json!({ "plan": plan, "seats": seats, "packs": packs, "buyer": buyer(), "test_outcome": outcome })
}

/// The text of an invoice's PDF (pdftotext, from poppler-utils).
async fn pdf_text(s: &Server, token: &str, id: &str) -> String {
    let res = s
        .http
        .get(format!("{}/api/v1/billing/invoices/{id}/pdf", s.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let file = s.dir.path().join(format!("{id}.pdf"));
    std::fs::write(&file, res.bytes().await.unwrap()).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{a0}', " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) async fn plan(s: &Server, token: &str) -> Value {
    s.get("/api/v1/billing/plan", token)
        .await
        .expect(StatusCode::OK)
}

#[tokio::test]
async fn an_upgrade_mid_term_is_prorated_invoiced_and_takes_effect_at_once() {
    let s = billing_server().await;
    let admin = s.sign_up("Żuraw", "ewa@zuraw.pl").await;
    // 2026-03-02 through 2027-03-02: 366 days, 10% off for 12 months.
    renew(&s, &admin.token, "crm", 5, 12).await;
    let quota = s
        .get("/api/v1/storage", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(quota["quota"], 15 * 1_000);

    // 80 days on (2026-05-21), 286 of the 366 days are left.
    s.clock.advance(80 * DAY);
    let q = s
        .post(
            "/api/v1/billing/changes/quote",
            Some(&admin.token),
            change("crm_automation", 5, 0),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(q["kind"], "upgrade");
    assert_eq!(q["effective"], "2026-05-21");
    let quote = &q["quote"];
    let lines = quote["lines"].as_array().unwrap();
    let kinds: Vec<_> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["upgrade", "discount"], "{quote}");
    // (99,00 − 59,00) × 5 × 12 × 286/366 = 1 875,41 zł; 10% of it is 187,54 zł.
    assert_eq!(lines[0]["net"]["minor"], 187_541);
    assert_eq!(lines[1]["net"]["minor"], -18_754);
    assert_eq!(quote["net"]["minor"], 187_541 - 18_754);
    let sum: i64 = lines
        .iter()
        .map(|l| l["gross"]["minor"].as_i64().unwrap())
        .sum();
    assert_eq!(quote["gross"]["minor"], sum);
    assert!(
        lines[0]["arithmetic_pl"]
            .as_str()
            .unwrap()
            .starts_with("(99,00\u{a0}zł − 59,00\u{a0}zł) × 5 stanowisk × 12 miesięcy × 286/366 = 1\u{a0}875,41\u{a0}zł netto"),
        "{}",
        lines[0]["arithmetic_pl"]
    );
    assert_eq!(quote["change"]["days_left"], 286);
    assert_eq!(quote["change"]["days_in_term"], 366);

    let done = s
        .post(
            "/api/v1/billing/changes",
            Some(&admin.token),
            paid_change("crm_automation", 5, 0, "success"),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(done["kind"], "upgrade");
    assert_eq!(done["payment"]["invoice"]["number"], "FV/2026/05/0001");
    assert_eq!(done["payment"]["quote"]["gross"], quote["gross"]);
    // At once: the plan and the quota change, the last paid day does not.
    assert_eq!(done["plan"]["plan"], "crm_automation");
    assert_eq!(done["plan"]["paid_until"], "2027-03-02");
    let quota = s
        .get("/api/v1/storage", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(quota["quota"], 40 * 1_000);
    // The invoice with its prorated lines went by e-mail.
    let mail = s.outbox().into_iter().last().unwrap();
    assert_eq!(mail.attachments, ["FV-2026-05-0001.pdf"]);
    // The invoice's PDF carries the prorated lines and the rest of the term.
    let id = done["payment"]["invoice"]["id"].as_str().unwrap();
    let text = pdf_text(&s, &admin.token, id).await;
    for expected in [
        "Zmiana planu na Localspace CRM i automatyzacja",
        "286 z 366 dni okresu",
        "× 286/366",
        "Rabat 10% za okres 12 miesięcy",
        "Okres abonamentu: 21.05.2026 – 02.03.2027",
        "1 875,41 zł",
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` missing from:\n{text}"
        );
    }

    // More seats and storage by bank transfer: nothing changes until the money arrives.
    let mut more = paid_change("crm_automation", 7, 1, "success");
    more["method"] = json!("transfer");
    more.as_object_mut().unwrap().remove("test_outcome");
    let pending = s
        .post("/api/v1/billing/changes", Some(&admin.token), more)
        .await
        .expect(StatusCode::ACCEPTED);
    let pending_lines: Vec<_> = pending["payment"]["quote"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(pending_lines, ["seats", "discount", "storage"]);
    assert_eq!(pending["payment"]["invoice"]["number"], "PF/2026/05/0001");
    assert_eq!(plan(&s, &admin.token).await["seats"], 5);
    let notice = json!({
        "order_id": pending["payment"]["order_id"], "status": "paid", "secret": SECRET,
    });
    let paid = s
        .post("/api/v1/billing/payments/notify", None, notice)
        .await
        .expect(StatusCode::OK);
    assert_eq!(paid["invoice"]["number"], "FV/2026/05/0002");
    assert_eq!(paid["paid_until"], "2027-03-02");
    let now = plan(&s, &admin.token).await;
    assert_eq!(
        (now["seats"].as_u64(), now["packs"].as_u64()),
        (Some(7), Some(1))
    );
    assert_eq!(now["quota_gb"], 7 * 8 + 10);
}

#[tokio::test]
async fn a_downgrade_waits_for_the_end_of_the_term() {
    let s = billing_server().await;
    let admin = s.sign_up("Żuraw", "ewa@zuraw.pl").await;
    renew(&s, &admin.token, "crm_automation", 5, 1).await; // through 2026-04-02
    s.clock.advance(10 * DAY);
    let q = s
        .post(
            "/api/v1/billing/changes/quote",
            Some(&admin.token),
            change("crm", 5, 0),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(q["kind"], "downgrade");
    assert_eq!(q["effective"], "2026-04-03");
    assert!(q["quote"].is_null(), "a downgrade charges nothing: {q}");
    let invoices_before = s.outbox().len();

    let done = s
        .post(
            "/api/v1/billing/changes",
            Some(&admin.token),
            change("crm", 5, 0),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["kind"], "downgrade");
    assert!(done["payment"].is_null());
    assert_eq!(done["plan"]["plan"], "crm_automation", "not yet");
    assert_eq!(
        done["plan"]["scheduled"],
        json!({ "plan": "crm", "seats": 5, "packs": 0, "from": "2026-04-03" })
    );
    assert_eq!(
        s.outbox().len(),
        invoices_before,
        "no invoice for a downgrade"
    );

    // The last paid day still has the automation plan; the next day has CRM.
    s.clock.advance(21 * DAY); // 2026-04-02
    assert_eq!(plan(&s, &admin.token).await["plan"], "crm_automation");
    s.clock.advance(DAY); // 2026-04-03
    let after = plan(&s, &admin.token).await;
    assert_eq!(after["plan"], "crm");
    assert!(after["scheduled"].is_null(), "{after}");
}

#[tokio::test]
async fn the_lifecycle_pass_applies_a_due_downgrade() {
    let s = billing_server().await;
    let admin = s.sign_up("Żuraw", "ewa@zuraw.pl").await;
    renew(&s, &admin.token, "crm_automation", 3, 1).await;
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        change("crm", 2, 0),
    )
    .await
    .expect(StatusCode::OK);
    // Nobody reads the plan: the dev clock's lifecycle pass puts the change into effect.
    let moved = s
        .post("/dev/v1/clock", None, json!({ "advance_days": 40 }))
        .await
        .expect(StatusCode::OK);
    assert!(moved["now"].is_string(), "{moved}");
    let store = SqliteStore::open(&s.dir.path().join("data/localspace.sqlite")).unwrap();
    let state = store.plan_state(admin.account.id.parse().unwrap()).unwrap();
    assert_eq!(
        (state.plan.map(|p| p.as_str()), state.seats, state.scheduled),
        (Some("crm"), 2, None)
    );
}

#[tokio::test]
async fn renewing_into_the_downgrade_keeps_it_and_renewing_the_plan_replaces_it() {
    let s = billing_server().await;
    let admin = s.sign_up("Żuraw", "ewa@zuraw.pl").await;
    renew(&s, &admin.token, "crm_automation", 4, 1).await; // through 2026-04-02
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        change("crm", 4, 0),
    )
    .await
    .expect(StatusCode::OK);
    // A renewal for the scheduled plan: the next term starts with the downgrade.
    let next = renew(&s, &admin.token, "crm", 4, 1).await;
    assert_eq!(next["paid_until"], "2026-05-02");
    let p = plan(&s, &admin.token).await;
    assert_eq!(p["plan"], "crm_automation");
    assert_eq!(p["scheduled"]["from"], "2026-04-03");
    s.clock.advance(32 * DAY); // 2026-04-03
    let p = plan(&s, &admin.token).await;
    assert_eq!(
        (p["plan"].as_str(), p["paid_until"].as_str()),
        (Some("crm"), Some("2026-05-02"))
    );
    let account = s
        .get("/api/v1/account", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(account["status"], "active");

    // Scheduled again (fewer seats), then renewed for the current holding: replaced.
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        change("crm", 2, 0),
    )
    .await
    .expect(StatusCode::OK);
    assert_eq!(plan(&s, &admin.token).await["scheduled"]["seats"], 2);
    renew(&s, &admin.token, "crm", 4, 1).await;
    let p = plan(&s, &admin.token).await;
    assert!(p["scheduled"].is_null(), "{p}");
    assert_eq!(
        (p["seats"].as_u64(), p["paid_until"].as_str()),
        (Some(4), Some("2026-06-02"))
    );
}

#[tokio::test]
async fn an_upgrade_cancels_a_scheduled_downgrade() {
    let s = billing_server().await;
    let admin = s.sign_up("Żuraw", "ewa@zuraw.pl").await;
    renew(&s, &admin.token, "crm", 4, 6).await;
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        change("crm", 3, 0),
    )
    .await
    .expect(StatusCode::OK);
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        paid_change("crm", 5, 0, "success"),
    )
    .await
    .expect(StatusCode::CREATED);
    let p = plan(&s, &admin.token).await;
    assert_eq!(p["seats"], 5);
    assert!(p["scheduled"].is_null(), "{p}");
}

#[tokio::test]
async fn changes_that_make_no_sense_get_clear_errors() {
    let s = billing_server().await;
    let admin = s.sign_up("Żuraw", "ewa@zuraw.pl").await;
    let post = |body: Value| s.post("/api/v1/billing/changes/quote", Some(&admin.token), body);
    // On the trial there is no paid term to change.
    post(change("crm", 1, 0))
        .await
        .error(StatusCode::CONFLICT, "no_paid_term");
    renew(&s, &admin.token, "crm", 3, 1).await;
    post(change("crm", 3, 0))
        .await
        .error(StatusCode::CONFLICT, "no_change");
    post(change("crm_automation", 2, 0))
        .await
        .error(StatusCode::CONFLICT, "mixed_change");
    post(change("crm", 0, 0))
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    post(json!({ "plan": "gold", "seats": 3 }))
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    // An upgrade needs the invoice's buyer; a declined payment changes nothing.
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        change("crm", 4, 0),
    )
    .await
    .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    s.post(
        "/api/v1/billing/changes",
        Some(&admin.token),
        paid_change("crm", 4, 0, "failure"),
    )
    .await
    .error(StatusCode::PAYMENT_REQUIRED, "payment_failed");
    assert_eq!(plan(&s, &admin.token).await["seats"], 3);
    // A renewal mid-term still keeps the plan.
    s.post(
        "/api/v1/billing/renewals",
        Some(&admin.token),
        json!({ "plan": "crm_automation", "seats": 3, "months": 1, "buyer": buyer() }),
    )
    .await
    .error(StatusCode::CONFLICT, "plan_change_mid_term");
    // Non-admins may not change the plan.
    let user = s.add_user(&admin.token, "jan@zuraw.pl", "user").await;
    s.post(
        "/api/v1/billing/changes/quote",
        Some(&user.token),
        change("crm", 4, 0),
    )
    .await
    .error(StatusCode::FORBIDDEN, "admin_only");
    // Two users hold seats now: a downgrade to one seat is refused.
    post(change("crm", 1, 0))
        .await
        .error(StatusCode::CONFLICT, "seats_below_used");
    // After the term there is nothing to change either.
    s.clock.advance(40 * DAY);
    post(change("crm_automation", 3, 0))
        .await
        .error(StatusCode::CONFLICT, "no_paid_term");
}
