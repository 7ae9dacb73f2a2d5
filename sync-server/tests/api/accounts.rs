//! Sign-up, sign-in, sessions and their limits.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::*;

const DAY: i64 = 24 * 60 * 60 * 1000;

#[tokio::test]
async fn sign_up_starts_a_14_day_trial_with_the_first_admin() {
    let s = server().await;
    let created = s.sign_up("Zakłady Mięsne Łódź", "anna@zaklady.pl").await;
    assert_eq!(created.user.role, localspace_core::api::Role::Admin);
    assert!(created.user.seat);
    assert_eq!(created.account.status, "trial");
    assert_eq!(created.account.trial_ends, "2026-03-16T10:00:00Z");
    assert_eq!(created.token.len(), 43);
    let me = s
        .get("/api/v1/me", &created.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(me["account"]["name"], "Zakłady Mięsne Łódź");
    assert_eq!(me["user"]["email"], "anna@zaklady.pl");
    let welcome = &s.outbox()[0];
    assert!(welcome.text.contains("16.03.2026"), "{}", welcome.text);
    // The same e-mail cannot sign up twice.
    let again =
        json!({ "company": "X", "name": "Y", "email": "ANNA@zaklady.pl", "password": PASSWORD });
    s.post("/api/v1/signup", None, again)
        .await
        .error(StatusCode::CONFLICT, "email_taken");
}

#[tokio::test]
async fn sign_up_checks_its_fields() {
    let s = server().await;
    let weak =
        json!({ "company": "Acme", "name": "Anna", "email": "a@acme.pl", "password": "krótkie1" });
    s.post("/api/v1/signup", None, weak)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "weak_password");
    let bad_email =
        json!({ "company": "Acme", "name": "Anna", "email": "a-at-acme", "password": PASSWORD });
    s.post("/api/v1/signup", None, bad_email)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    let no_company =
        json!({ "company": " ", "name": "Anna", "email": "a@acme.pl", "password": PASSWORD });
    s.post("/api/v1/signup", None, no_company)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
}

#[tokio::test]
async fn sign_in_gives_a_session_and_wrong_passwords_or_unknown_emails_look_the_same() {
    let s = server().await;
    s.sign_up("Acme", "anna@acme.pl").await;
    let ok = s
        .sign_in("Anna@Acme.pl", PASSWORD)
        .await
        .expect(StatusCode::CREATED);
    let token = ok["token"].as_str().unwrap().to_owned();
    s.get("/api/v1/me", &token).await.expect(StatusCode::OK);
    s.sign_in("anna@acme.pl", "Zielona-Góra-8")
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    s.sign_in("nobody@acme.pl", PASSWORD)
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    s.get("/api/v1/me", "not-a-token")
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_session");
    s.call(Method::GET, "/api/v1/me", None, None)
        .await
        .error(StatusCode::UNAUTHORIZED, "signed_out");
}

#[tokio::test]
async fn sessions_are_listed_signed_out_and_revoked() {
    let s = server().await;
    let first = s.sign_up("Acme", "anna@acme.pl").await;
    let second = s
        .sign_in("anna@acme.pl", PASSWORD)
        .await
        .expect(StatusCode::CREATED);
    let second_token = second["token"].as_str().unwrap();
    let list = s
        .get("/api/v1/sessions", &first.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(
        list.as_array()
            .unwrap()
            .iter()
            .filter(|x| x["current"] == true)
            .count(),
        1
    );
    // Revoke the phone's session from the laptop.
    let path = format!(
        "/api/v1/sessions/{}",
        second["session_id"].as_str().unwrap()
    );
    assert_eq!(
        s.call(Method::DELETE, &path, Some(&first.token), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    s.get("/api/v1/me", second_token)
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_session");
    // Sign out ends the laptop's session.
    let out = s
        .call(
            Method::DELETE,
            "/api/v1/sessions/current",
            Some(&first.token),
            None,
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    s.get("/api/v1/me", &first.token)
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_session");
}

#[tokio::test]
async fn a_session_unused_for_90_days_expires() {
    let s = server().await;
    let a = s.sign_up("Acme", "anna@acme.pl").await;
    s.clock.advance(89 * DAY);
    s.get("/api/v1/me", &a.token).await.expect(StatusCode::OK);
    s.clock.advance(89 * DAY);
    s.get("/api/v1/me", &a.token).await.expect(StatusCode::OK);
    s.clock.advance(91 * DAY);
    s.get("/api/v1/me", &a.token)
        .await
        .error(StatusCode::UNAUTHORIZED, "session_expired");
    s.get("/api/v1/me", &a.token)
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_session");
}

#[tokio::test]
async fn failed_sign_ins_are_rate_limited_per_email_and_audited() {
    let s = server().await;
    let admin = s.sign_up("Acme", "anna@acme.pl").await;
    for _ in 0..10 {
        s.sign_in("anna@acme.pl", "wrong-password-1")
            .await
            .error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    let limited = s.sign_in("anna@acme.pl", PASSWORD).await;
    assert_eq!(limited.retry_after.as_deref(), Some("900"));
    limited.error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    s.clock.advance(15 * 60 * 1000);
    s.sign_in("anna@acme.pl", PASSWORD)
        .await
        .expect(StatusCode::CREATED);
    let audit = s
        .get("/api/v1/audit", &admin.token)
        .await
        .expect(StatusCode::OK);
    let failures = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "sign_in_failed")
        .count();
    assert_eq!(failures, 10);
}

#[tokio::test]
async fn requests_per_ip_are_limited() {
    let s = server_with(|c| c.requests_per_ip = 5).await;
    for i in 0..5 {
        s.sign_in(&format!("user{i}@acme.pl"), PASSWORD)
            .await
            .error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    s.sign_in("user9@acme.pl", PASSWORD)
        .await
        .error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    s.post(
        "/api/v1/password-resets",
        None,
        json!({ "email": "x@acme.pl" }),
    )
    .await
    .error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
}

#[tokio::test]
async fn the_profile_changes_name_and_language() {
    let s = server().await;
    let a = s.sign_up("Acme", "anna@acme.pl").await;
    let me = s
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&a.token),
            Some(json!({ "name": "Anna Wiśniewska", "lang": "en" })),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        (me["user"]["name"].as_str(), me["user"]["lang"].as_str()),
        (Some("Anna Wiśniewska"), Some("en"))
    );
    s.call(
        Method::PATCH,
        "/api/v1/me",
        Some(&a.token),
        Some(json!({ "lang": "de" })),
    )
    .await
    .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
}
