//! Tenant isolation, route by route: a token of account A used with ids of account B gets the
//! same 404 as an id that does not exist, changes nothing, and list answers hold nothing of
//! B. The cases are keyed by the server's own route table, so a new route without a case
//! fails this test.

use automerge::ActorId;
use localspace_core::sync::{
    BootstrapPage, DocPush, DocStatus, EntryBody, PullResponse, PushRequest, PushResponse, decode,
    encode,
};
use localspace_core::{Kind, Patch, RecordId, doc};
use localspace_server::routes::{Access, table};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::*;

struct Tenant {
    admin: localspace_core::api::SessionCreated,
    record: RecordId,
    /// The change B pushed for its record.
    change: Vec<u8>,
    user_id: String,
    session_id: String,
    invitation_id: String,
    /// B's pro-forma invoice.
    invoice_id: String,
    email: String,
    /// A file record of B with stored bytes, their hash, and an upload B has reserved.
    file_id: String,
    blob_hash: String,
    upload_id: String,
    /// B's automation rule.
    rule_id: String,
    /// An advanced export job of B.
    export_id: String,
}

async fn tenant(s: &Server, company: &str, domain: &str) -> Tenant {
    let admin = s.sign_up(company, &format!("anna@{domain}")).await;
    let email = format!("jan@{domain}");
    let jan = s.add_user(&admin.token, &email, "user").await;
    let invitation = s
        .post(
            "/api/v1/invitations",
            Some(&admin.token),
            json!({ "email": format!("ola@{domain}"), "role": "user" }),
        )
        .await
        .expect(StatusCode::CREATED);
    let renewal = json!({
        "plan": "crm", "seats": 2, "months": 1, "method": "transfer",
        "buyer": { "company": company, "address": format!("ul. {company} 1, Kraków"), "nip": "5260250274", "invoice_email": format!("faktury@{domain}") },
    });
    let pending = s
        .post("/api/v1/billing/renewals", Some(&admin.token), renewal)
        .await
        .expect(StatusCode::ACCEPTED);
    let invoice_id = pending["invoice"]["id"].as_str().unwrap().to_owned();
    let record = RecordId(uuid::Uuid::new_v4());
    let (pushed, change) = push(s, &admin.token, record, company).await;
    assert_eq!(
        pushed.results[0].status,
        DocStatus::Accepted { appended: 1 }
    );
    let (file_id, blob_hash, upload_id) = store_file(s, &admin.token, company).await;
    let rule = s
        .post(
            "/api/v1/automation/rules",
            Some(&admin.token),
            json!({ "spec": { "type": "won_note", "note": format!("{company} wygrana") } }),
        )
        .await
        .expect(StatusCode::CREATED);
    let export = s
        .post("/api/v1/exports", Some(&admin.token), json!({}))
        .await
        .expect(StatusCode::ACCEPTED);
    Tenant {
        rule_id: rule["id"].as_str().unwrap().to_owned(),
        export_id: export["id"].as_str().unwrap().to_owned(),
        file_id,
        blob_hash,
        upload_id,
        record,
        change,
        user_id: jan.user.id.to_string(),
        session_id: jan.session_id.clone(),
        invitation_id: invitation["id"].as_str().unwrap().to_owned(),
        invoice_id,
        admin,
        email,
    }
}

/// Pushes a new company record with the given id; returns the answer and the change sent.
async fn push(s: &Server, token: &str, id: RecordId, name: &str) -> (PushResponse, Vec<u8>) {
    let mut document = doc::create(
        ActorId::random(),
        Kind::Company,
        &Patch::new().text("name", name),
        T0,
    )
    .unwrap();
    let change = document
        .get_last_local_change()
        .unwrap()
        .raw_bytes()
        .to_vec();
    let body = encode(&PushRequest {
        docs: vec![DocPush {
            id,
            kind: Kind::Company,
            changes: vec![change.clone()],
            saved: None,
        }],
        erase: vec![],
        epoch: 0,
    });
    let res = s
        .http
        .post(format!("{}/sync/v1/push", s.url))
        .bearer_auth(token)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    (decode(&res.bytes().await.unwrap()).unwrap(), change)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Stores a file's bytes (`content`) and reserves one more upload; returns the file id, the
/// hash and the pending upload's id.
async fn store_file(s: &Server, token: &str, content: &str) -> (String, String, String) {
    let file = uuid::Uuid::now_v7().to_string();
    let hash = sha256_hex(content.as_bytes());
    let started = s
        .post(
            "/api/v1/uploads",
            Some(token),
            json!({ "file": file, "hash": hash, "size": content.len() }),
        )
        .await
        .expect(StatusCode::CREATED);
    let res = s
        .http
        .put(format!(
            "{}/api/v1/uploads/{}",
            s.url,
            started["upload_id"].as_str().unwrap()
        ))
        .bearer_auth(token)
        .body(content.to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let pending = s
        .post(
            "/api/v1/uploads",
            Some(token),
            json!({ "file": uuid::Uuid::now_v7().to_string(), "hash": sha256_hex(b"pending"), "size": 7 }),
        )
        .await
        .expect(StatusCode::CREATED);
    (
        file,
        hash,
        pending["upload_id"].as_str().unwrap().to_owned(),
    )
}

async fn pull(s: &Server, token: &str) -> PullResponse {
    let res = s
        .http
        .get(format!("{}/sync/v1/pull?after=0", s.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    decode(&res.bytes().await.unwrap()).unwrap()
}

/// The body a route needs to get past validation.
fn body_for(path: &str) -> Option<Value> {
    match path {
        p if p.ends_with("/role") => Some(json!({ "role": "admin" })),
        p if p.ends_with("/seat") => Some(json!({ "seat": false })),
        p if p.ends_with("/deactivate") || p.ends_with("/activate") => Some(json!({})),
        "/api/v1/automation/rules/{id}" => Some(json!({ "enabled": false })),
        _ => None,
    }
}

#[tokio::test]
async fn every_route_keeps_accounts_apart() {
    let s = server().await;
    let a = tenant(&s, "Alfa", "alfa.pl").await;
    let b = tenant(&s, "Beta", "beta.pl").await;
    let missing = uuid::Uuid::new_v4().to_string();
    let mut checked = 0;

    for route in table() {
        let path = route.path;
        match (route.access, path) {
            (Access::Public, _) => continue,
            // Routes that take an id: B's id and a made-up id give the same answer.
            (_, p) if p.contains("{id}") => {
                let foreign = match p {
                    "/api/v1/sessions/{id}" => &b.session_id,
                    "/api/v1/invitations/{id}" => &b.invitation_id,
                    p if p.starts_with("/api/v1/users/{id}") => &b.user_id,
                    "/api/v1/billing/invoices/{id}/pdf" => &b.invoice_id,
                    "/api/v1/uploads/{id}" => &b.upload_id,
                    "/api/v1/files/{id}" => &b.file_id,
                    "/api/v1/automation/rules/{id}" => &b.rule_id,
                    "/api/v1/exports/{id}" | "/api/v1/exports/{id}/archive" => &b.export_id,
                    other => panic!("add an isolation case for {} {other}", route.method),
                };
                let mut answers = Vec::new();
                for id in [foreign.as_str(), missing.as_str(), "not-a-uuid"] {
                    let answer = s
                        .call(
                            route.method.clone(),
                            &p.replace("{id}", id),
                            Some(&a.admin.token),
                            body_for(p),
                        )
                        .await;
                    answers.push((answer.status, answer.body));
                }
                assert_eq!(
                    answers[0].0,
                    StatusCode::NOT_FOUND,
                    "{} {p}: {}",
                    route.method,
                    answers[0].1
                );
                assert_eq!(
                    answers[0], answers[1],
                    "{} {p} tells a foreign id from a missing one",
                    route.method
                );
                assert_eq!(answers[0], answers[2], "{} {p}", route.method);
            }
            // B's blob by its hash is exactly as missing as a made-up hash.
            (_, "/api/v1/blobs/{hash}") => {
                let made_up = sha256_hex(b"nothing");
                let mut answers = Vec::new();
                for hash in [b.blob_hash.as_str(), made_up.as_str(), "../x"] {
                    let answer = s.get(&path.replace("{hash}", hash), &a.admin.token).await;
                    answers.push((answer.status, answer.body));
                }
                assert_eq!(answers[0].0, StatusCode::NOT_FOUND, "{}", answers[0].1);
                assert_eq!(answers[0], answers[1], "a foreign hash tells itself apart");
            }
            // A's usage counts A's bytes only; reserving B's content is no dedup across
            // accounts: A must send the bytes itself.
            (_, "/api/v1/storage") => {
                let usage = s.get(path, &a.admin.token).await.expect(StatusCode::OK);
                assert_eq!(usage["used"], "Alfa".len());
                assert_eq!(usage["reserved"], 7);
            }
            (_, "/api/v1/uploads") => {
                let started = s
                    .post(
                        path,
                        Some(&a.admin.token),
                        json!({ "file": uuid::Uuid::now_v7().to_string(), "hash": b.blob_hash, "size": "Beta".len() }),
                    )
                    .await
                    .expect(StatusCode::CREATED);
                assert!(started["upload_id"].is_string(), "{started}");
            }
            // Routes without ids answer only about the caller's own account.
            // Writes without ids act on the caller's own user or account only.
            (
                _,
                "/api/v1/me"
                | "/api/v1/invitations"
                | "/api/v1/account/deletion"
                | "/api/v1/automation/rules"
                | "/api/v1/account/settings"
                | "/api/v1/exports",
            ) if route.method != Method::GET => {}
            // Quotes, renewals and plan changes take no ids and act on the caller's account;
            // B's invoices are checked untouched at the end. A (on its trial) has no paid
            // term to change, whatever B has.
            (_, "/api/v1/billing/quote" | "/api/v1/billing/renewals") => {}
            (_, "/api/v1/billing/changes/quote" | "/api/v1/billing/changes") => {
                s.post(
                    path,
                    Some(&a.admin.token),
                    json!({ "plan": "crm", "seats": 1 }),
                )
                .await
                .error(StatusCode::CONFLICT, "no_paid_term");
            }
            (
                _,
                "/api/v1/me"
                | "/api/v1/account"
                | "/api/v1/account/deletion"
                | "/api/v1/sessions"
                | "/api/v1/users"
                | "/api/v1/invitations"
                | "/api/v1/audit"
                | "/api/v1/billing/plan"
                | "/api/v1/billing/invoices"
                | "/api/v1/automation/rules"
                | "/api/v1/account/settings"
                | "/api/v1/exports",
            ) => {
                let answer = s
                    .call(Method::GET, path, Some(&a.admin.token), None)
                    .await
                    .expect(StatusCode::OK);
                let text = answer.to_string();
                let secrets = [
                    b.email.as_str(),
                    &b.user_id,
                    &b.session_id,
                    &b.invitation_id,
                    &b.admin.account.id,
                    &b.export_id,
                    "beta.pl",
                    "Beta",
                ];
                for secret in secrets {
                    assert!(
                        !text.contains(secret),
                        "{path} leaks `{secret}` of another account: {text}"
                    );
                }
            }
            (_, "/api/v1/me/password" | "/api/v1/sessions/current") => {}
            // The log of A holds only A's records.
            (_, "/sync/v1/pull") => {
                let log = pull(&s, &a.admin.token).await;
                assert!(
                    log.entries
                        .iter()
                        .all(|e| e.body != EntryBody::Change(b.change.clone())),
                    "B's change reached A's log"
                );
                assert!(
                    log.entries
                        .iter()
                        .any(|e| e.body == EntryBody::Change(a.change.clone()))
                );
            }
            // A's bootstrap holds only A's documents.
            (_, "/sync/v1/bootstrap") => {
                let res = s
                    .http
                    .get(format!("{}/sync/v1/bootstrap", s.url))
                    .bearer_auth(&a.admin.token)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), StatusCode::OK);
                let page: BootstrapPage = decode(&res.bytes().await.unwrap()).unwrap();
                assert!(!page.docs.is_empty());
                for saved in &page.docs {
                    let document = automerge::AutoCommit::load(&saved.bytes).unwrap();
                    let name = doc::read_record(&document, saved.id)
                        .unwrap()
                        .text("name")
                        .to_owned();
                    assert_ne!(name, "Beta", "B's record reached A's bootstrap");
                }
            }
            // Record ids live per account: A pushing to B's id touches only A's own copy and
            // answers exactly as for a new id.
            (_, "/sync/v1/push") => {
                let (onto_b, _) = push(&s, &a.admin.token, b.record, "Podmiana").await;
                let (fresh, _) =
                    push(&s, &a.admin.token, RecordId(uuid::Uuid::new_v4()), "Nowa").await;
                assert_eq!(onto_b.results[0].status, fresh.results[0].status);
                let b_log = pull(&s, &b.admin.token).await;
                assert_eq!(b_log.entries.len(), 1, "B's log is untouched");
                assert_eq!(b_log.entries[0].body, EntryBody::Change(b.change.clone()));
            }
            // Announcements go to the caller's account only: tests/tests/e2e/live.rs checks
            // that another account's pushes are never announced.
            (_, "/sync/v1/live") => {}
            // Tombstones are read by the caller's account only (e2e/compaction.rs erases in
            // one account and checks the other's list).
            (_, "/sync/v1/erased") => {}
            (_, other) => panic!("add an isolation case for {} {other}", route.method),
        }
        checked += 1;
    }
    let guarded = table()
        .iter()
        .filter(|r| r.access != Access::Public)
        .count();
    assert_eq!(checked, guarded, "every signed-in route has a case");

    // B is untouched: Jan still signs in with his seat, his session lives, the invitation waits.
    s.sign_in(&b.email, PASSWORD)
        .await
        .expect(StatusCode::CREATED);
    let users = s
        .get("/api/v1/users", &b.admin.token)
        .await
        .expect(StatusCode::OK);
    let jan = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == b.email.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (
            jan["role"].as_str(),
            jan["seat"].as_bool(),
            jan["active"].as_bool()
        ),
        (Some("user"), Some(true), Some(true))
    );
    let invitations = s
        .get("/api/v1/invitations", &b.admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(invitations.as_array().unwrap().len(), 2);
    let invoices_of_b = s
        .get("/api/v1/billing/invoices", &b.admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(invoices_of_b.as_array().unwrap().len(), 1);
    assert_eq!(invoices_of_b[0]["id"], b.invoice_id.as_str());
    let export_of_b = s
        .get(&format!("/api/v1/exports/{}", b.export_id), &b.admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(export_of_b["id"], b.export_id.as_str(), "B's export is B's");
    let sessions_of_b = s
        .get("/api/v1/audit", &b.admin.token)
        .await
        .expect(StatusCode::OK);
    assert!(!sessions_of_b.to_string().contains("alfa.pl"));
    // B's rule is untouched: still there, still on.
    let rules_of_b = s
        .get("/api/v1/automation/rules", &b.admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(rules_of_b["rules"].as_array().unwrap().len(), 1);
    assert_eq!(rules_of_b["rules"][0]["id"], b.rule_id.as_str());
    assert_eq!(rules_of_b["rules"][0]["enabled"], true);
    // B's bytes and its upload are untouched.
    let res = s
        .http
        .get(format!("{}/api/v1/blobs/{}", s.url, b.blob_hash))
        .bearer_auth(&b.admin.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), "Beta");
    let usage = s
        .get("/api/v1/storage", &b.admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        (usage["used"].as_u64(), usage["reserved"].as_u64()),
        (Some(4), Some(7))
    );
}
