//! Quotes, renewals, payments, gapless invoice numbers, the invoice PDF and its e-mail,
//! against a real server with the test payment provider and a manual clock.

use localspace_server::billing::ProviderKind;
use localspace_server::store::{AccountStatus, SqliteStore, Store};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::*;

const SECRET: &str = "notice-s3cret";
const NIP: &str = "526-025-02-74";

async fn billing_server() -> Server {
    server_with(|c| {
        c.billing.provider = ProviderKind::Test;
        c.billing.notice_secret = Some(SECRET.into());
    })
    .await
}

fn buyer() -> Value {
    json!({
        "company": "Pracownia Ąćęłńóśźż Sp. z o.o.",
        "address": "ul. Źródlana 5\n80-001 Gdańsk",
        "nip": NIP,
        "invoice_email": "Faktury@Pracownia.pl",
    })
}

fn order(seats: u32, months: u32, packs: u32) -> Value {
    json!({ "plan": "crm", "seats": seats, "months": months, "packs": packs, "buyer": buyer() })
}

fn renewal(seats: u32, months: u32, outcome: &str) -> Value {
    let mut body = order(seats, months, 0);
    body["test_outcome"] = json!(outcome);
    body
}

async fn invoices(s: &Server, token: &str) -> Vec<Value> {
    s.get("/api/v1/billing/invoices", token)
        .await
        .expect(StatusCode::OK)
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn a_quote_shows_each_line_with_its_arithmetic() {
    let s = billing_server().await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    let q = s
        .post("/api/v1/billing/quote", Some(&admin.token), order(5, 12, 2))
        .await
        .expect(StatusCode::OK);
    let lines = q["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 3, "{q}");
    assert_eq!(lines[0]["net"]["minor"], 354_000);
    assert_eq!(lines[1]["kind"], "discount");
    assert_eq!(lines[1]["net"]["minor"], -35_400);
    assert_eq!(lines[2]["net"]["minor"], 48_000);
    assert_eq!(
        lines[0]["arithmetic_pl"],
        "59,00\u{a0}zł × 5 stanowisk × 12 miesięcy = 3\u{a0}540,00\u{a0}zł netto; VAT 23%: 814,20\u{a0}zł; brutto: 4\u{a0}354,20\u{a0}zł"
    );
    assert_eq!(q["net"]["minor"], 366_600);
    assert_eq!(q["vat"]["minor"], 84_318);
    assert_eq!(q["gross"]["minor"], 450_918);
    assert_eq!(q["quota_gb"], 35);
    assert!(
        q["rounding_en"]
            .as_str()
            .unwrap()
            .contains("half a grosz up")
    );
}

#[tokio::test]
async fn bad_orders_get_clear_errors() {
    let s = billing_server().await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    let jan = s.add_user(&admin.token, "jan@pracownia.pl", "user").await;
    let t = Some(admin.token.as_str());
    let path = "/api/v1/billing/quote";
    s.post(path, Some(&jan.token), order(5, 12, 0))
        .await
        .error(StatusCode::FORBIDDEN, "admin_only");
    let mut bad_nip = order(5, 12, 0);
    bad_nip["buyer"]["nip"] = json!("5260250275");
    let answer = s.post(path, t, bad_nip).await;
    assert_eq!(answer.body["field"], "buyer.nip");
    answer.error(StatusCode::UNPROCESSABLE_ENTITY, "bad_nip");
    let answer = s.post(path, t, order(5, 37, 0)).await;
    assert_eq!(answer.body["field"], "months");
    answer.error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    s.post(path, t, order(5, 0, 0))
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    // Two users hold seats.
    let answer = s.post(path, t, order(1, 12, 0)).await;
    assert_eq!(answer.body["field"], "seats");
    answer.error(StatusCode::CONFLICT, "seats_below_used");
    let mut bad_plan = order(5, 12, 0);
    bad_plan["plan"] = json!("enterprise");
    s.post(path, t, bad_plan)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    let mut bad_email = order(5, 12, 0);
    bad_email["buyer"]["invoice_email"] = json!("faktury");
    s.post(path, t, bad_email)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    let mut no_company = order(5, 12, 0);
    no_company["buyer"]["company"] = json!("  ");
    s.post(path, t, no_company)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    s.post(path, t, json!({ "plan": "crm" }))
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    // A test outcome needs the test provider.
    let plain = server().await;
    let other = plain.sign_up("Inna", "ola@inna.pl").await;
    plain
        .post(
            "/api/v1/billing/renewals",
            Some(&other.token),
            renewal(1, 1, "success"),
        )
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    // Without a provider, online payment is unavailable; a transfer works.
    plain
        .post(
            "/api/v1/billing/renewals",
            Some(&other.token),
            order(1, 1, 0),
        )
        .await
        .error(StatusCode::SERVICE_UNAVAILABLE, "payments_unavailable");
}

#[tokio::test]
async fn a_paid_renewal_issues_the_vat_invoice_unblocks_and_extends_the_term() {
    let s = billing_server().await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    let store = SqliteStore::open(&s.dir.path().join("data/localspace.sqlite")).unwrap();
    let account = admin.account.id.parse().unwrap();
    store
        .set_account_status(account, AccountStatus::Blocked)
        .unwrap();
    let paid = s
        .post(
            "/api/v1/billing/renewals",
            Some(&admin.token),
            renewal(3, 12, "success"),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(paid["status"], "paid");
    assert_eq!(paid["invoice"]["number"], "FV/2026/03/0001");
    assert_eq!(paid["invoice"]["status"], "paid");
    assert_eq!(paid["paid_until"], "2027-03-02");
    let account_view = s
        .get("/api/v1/account", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        (
            account_view["status"].as_str(),
            account_view["seats"].as_u64()
        ),
        (Some("active"), Some(3))
    );
    let plan = s
        .get("/api/v1/billing/plan", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(plan["plan"], "crm");
    assert_eq!(plan["quota_gb"], 9);

    // Renewed before expiry: the term runs on from the last paid day, not from today.
    s.clock.advance(40 * 24 * 60 * 60 * 1000);
    let again = s
        .post(
            "/api/v1/billing/renewals",
            Some(&admin.token),
            renewal(3, 1, "success"),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(again["paid_until"], "2027-04-02");
    assert_eq!(again["invoice"]["number"], "FV/2026/04/0001");
    // Mid-term the plan and seats stay; changes wait for the term's end.
    s.post(
        "/api/v1/billing/renewals",
        Some(&admin.token),
        renewal(4, 1, "success"),
    )
    .await
    .error(StatusCode::CONFLICT, "plan_change_mid_term");

    let listed = invoices(&s, &admin.token).await;
    let numbers: Vec<_> = listed
        .iter()
        .map(|i| i["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["FV/2026/04/0001", "FV/2026/03/0001"]);
    assert_eq!(listed[1]["issue_date"], "2026-03-02");
    assert_eq!(listed[1]["gross"]["minor"], paid["quote"]["gross"]["minor"]);

    // Each invoice went by e-mail, with its PDF, to the address given at renewal.
    let mails: Vec<_> = s
        .outbox()
        .into_iter()
        .filter(|m| m.to == "faktury@pracownia.pl")
        .collect();
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[0].subject, "Faktura FV/2026/03/0001 za Localspace");
    assert_eq!(mails[0].attachments, ["FV-2026-03-0001.pdf"]);
    assert!(
        mails[0].text.contains("Płatności → Historia"),
        "{}",
        mails[0].text
    );
    // The attachment in the .eml is the PDF itself: base64 of `%PDF-` starts `JVBERi0`.
    let raw: Vec<String> = std::fs::read_dir(s.dir.path().join("outbox"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|text| text.contains("FV-2026-03-0001.pdf"))
        .collect();
    assert_eq!(raw.len(), 1);
    assert!(
        raw[0].contains("Content-Type: application/pdf"),
        "{}",
        raw[0]
    );
    assert!(raw[0].contains("JVBERi0"), "no PDF bytes in the attachment");
}

#[tokio::test]
async fn a_declined_payment_issues_nothing_and_leaves_no_gap() {
    let s = billing_server().await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    s.post(
        "/api/v1/billing/renewals",
        Some(&admin.token),
        renewal(1, 1, "failure"),
    )
    .await
    .error(StatusCode::PAYMENT_REQUIRED, "payment_failed");
    assert!(invoices(&s, &admin.token).await.is_empty());
    let account = s
        .get("/api/v1/account", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(account["status"], "trial");
    let paid = s
        .post(
            "/api/v1/billing/renewals",
            Some(&admin.token),
            renewal(1, 1, "success"),
        )
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(paid["invoice"]["number"], "FV/2026/03/0001");
}

#[tokio::test]
async fn a_pending_payment_gets_a_proforma_and_the_vat_invoice_when_paid() {
    let s = billing_server().await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    let pending = s
        .post(
            "/api/v1/billing/renewals",
            Some(&admin.token),
            renewal(2, 6, "pending"),
        )
        .await
        .expect(StatusCode::ACCEPTED);
    assert_eq!(pending["status"], "pending");
    assert_eq!(pending["invoice"]["number"], "PF/2026/03/0001");
    assert_eq!(pending["invoice"]["status"], "awaiting_payment");
    // A bank transfer also gets a pro-forma, numbered on.
    let mut transfer = order(2, 6, 0);
    transfer["method"] = json!("transfer");
    let by_transfer = s
        .post("/api/v1/billing/renewals", Some(&admin.token), transfer)
        .await
        .expect(StatusCode::ACCEPTED);
    assert_eq!(by_transfer["invoice"]["number"], "PF/2026/03/0002");
    let account = s
        .get("/api/v1/account", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(account["status"], "trial", "nothing is paid yet");
    let pf_mail = s.outbox().into_iter().last().unwrap();
    assert_eq!(pf_mail.attachments, ["PF-2026-03-0002.pdf"]);
    assert!(pf_mail.text.contains("PL61 1090 1014"), "{}", pf_mail.text);

    let order_id = pending["order_id"].as_str().unwrap();
    let notice = |secret: &str| json!({ "order_id": order_id, "status": "paid", "reference": "bank-1", "secret": secret });
    s.post("/api/v1/billing/payments/notify", None, notice("guess"))
        .await
        .error(StatusCode::FORBIDDEN, "bad_notice");
    s.post(
        "/api/v1/billing/payments/notify",
        None,
        json!({ "order_id": uuid::Uuid::new_v4().to_string(), "status": "paid", "secret": SECRET }),
    )
    .await
    .error(StatusCode::NOT_FOUND, "not_found");

    s.clock.advance(2 * 24 * 60 * 60 * 1000);
    let paid = s
        .post("/api/v1/billing/payments/notify", None, notice(SECRET))
        .await
        .expect(StatusCode::OK);
    assert_eq!(paid["invoice"]["number"], "FV/2026/03/0001");
    assert_eq!(paid["paid_until"], "2026-09-04");
    // A repeated notice changes nothing.
    let repeated = s
        .post("/api/v1/billing/payments/notify", None, notice(SECRET))
        .await
        .expect(StatusCode::OK);
    assert_eq!(repeated["invoice"]["number"], "FV/2026/03/0001");
    let listed = invoices(&s, &admin.token).await;
    let rows: Vec<_> = listed
        .iter()
        .map(|i| (i["number"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            ("FV/2026/03/0001", "paid"),
            ("PF/2026/03/0002", "awaiting_payment"),
            ("PF/2026/03/0001", "settled"),
        ]
    );
    let account = s
        .get("/api/v1/account", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(account["status"], "active");
}

#[tokio::test]
async fn fifty_concurrent_renewals_get_fifty_gapless_unique_numbers() {
    let s = billing_server().await;
    let mut tokens = Vec::new();
    for i in 0..50 {
        let admin = s
            .sign_up(&format!("Firma {i}"), &format!("anna{i}@firma{i}.pl"))
            .await;
        tokens.push(admin.token);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for token in tokens {
        let (http, url) = (s.http.clone(), s.url.clone());
        tasks.spawn(async move {
            let res = http
                .post(format!("{url}/api/v1/billing/renewals"))
                .bearer_auth(token)
                .json(&renewal(1, 1, "success"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::CREATED);
            let body: Value = res.json().await.unwrap();
            body["invoice"]["number"].as_str().unwrap().to_owned()
        });
    }
    let mut numbers = tasks.join_all().await;
    numbers.sort();
    let expected: Vec<String> = (1..=50).map(|n| format!("FV/2026/03/{n:04}")).collect();
    assert_eq!(numbers, expected);
}

#[tokio::test]
async fn the_invoice_pdf_carries_buyer_nip_amounts_and_polish_letters() {
    let s = billing_server().await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    let paid = s
        .post(
            "/api/v1/billing/renewals",
            Some(&admin.token),
            renewal(5, 12, "success"),
        )
        .await
        .expect(StatusCode::CREATED);
    let id = paid["invoice"]["id"].as_str().unwrap();
    let res = s
        .http
        .get(format!("{}/api/v1/billing/invoices/{id}/pdf", s.url))
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("FV-2026-03-0001.pdf")
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        bytes.len() < 100_000,
        "the font is subset: {} bytes",
        bytes.len()
    );
    let file = s.dir.path().join("invoice.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils; `cargo xtask test` installs it)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{a0}', " ");
    for expected in [
        "Faktura VAT FV/2026/03/0001",
        "Pracownia Ąćęłńóśźż Sp. z o.o.",
        "ul. Źródlana 5",
        "80-001 Gdańsk",
        "NIP: 5260250274",
        "Localspace sp. z o.o.",
        "Data wystawienia: 02.03.2026",
        "Data sprzedaży: 02.03.2026",
        "Localspace CRM – 5 stanowisk × 12 miesięcy",
        "Rabat 10% za okres 12 miesięcy",
        "3 540,00 zł",
        "-354,00 zł",
        "3 186,00 zł",
        "732,78 zł",
        "3 918,78 zł",
        "23%",
        "zaokrąglane w każdej pozycji osobno",
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` missing from:\n{text}"
        );
    }
    // A made-up id is not found.
    s.get(
        &format!("/api/v1/billing/invoices/{}/pdf", uuid::Uuid::new_v4()),
        &admin.token,
    )
    .await
    .error(StatusCode::NOT_FOUND, "not_found");
}
