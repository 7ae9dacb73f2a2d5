//! Password change and recovery.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let s = server().await;
    let laptop = s.sign_up("Acme", "anna@acme.pl").await;
    let phone = s
        .sign_in("anna@acme.pl", PASSWORD)
        .await
        .expect(StatusCode::CREATED);
    let wrong = json!({ "current": "nie-to-haslo-1", "new": "Nowe-Hasło-2026" });
    s.put("/api/v1/me/password", &laptop.token, wrong)
        .await
        .error(StatusCode::FORBIDDEN, "wrong_password");
    let weak = json!({ "current": PASSWORD, "new": "abc" });
    s.put("/api/v1/me/password", &laptop.token, weak)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "weak_password");
    let ok = json!({ "current": PASSWORD, "new": "Nowe-Hasło-2026" });
    assert_eq!(
        s.put("/api/v1/me/password", &laptop.token, ok).await.status,
        StatusCode::NO_CONTENT
    );
    s.get("/api/v1/me", &laptop.token)
        .await
        .expect(StatusCode::OK);
    s.get("/api/v1/me", phone["token"].as_str().unwrap())
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_session");
    s.sign_in("anna@acme.pl", PASSWORD)
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    s.sign_in("anna@acme.pl", "Nowe-Hasło-2026")
        .await
        .expect(StatusCode::CREATED);
    assert!(
        s.outbox()
            .iter()
            .any(|m| m.to.contains("anna@acme.pl") && m.subject.to_lowercase().contains("has"))
    );
}

#[tokio::test]
async fn recovery_does_not_reveal_whether_an_email_exists() {
    let s = server().await;
    s.sign_up("Acme", "anna@acme.pl").await;
    let before = s.outbox().len();
    let known = s
        .post(
            "/api/v1/password-resets",
            None,
            json!({ "email": "anna@acme.pl" }),
        )
        .await;
    let unknown = s
        .post(
            "/api/v1/password-resets",
            None,
            json!({ "email": "nikt@acme.pl" }),
        )
        .await;
    assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
    assert_eq!(known.status, StatusCode::ACCEPTED);
    assert_eq!(
        s.outbox().len(),
        before + 1,
        "only the real address gets a mail"
    );
}

#[tokio::test]
async fn a_reset_token_works_once_within_an_hour_and_ends_every_session() {
    let s = server().await;
    let a = s.sign_up("Acme", "anna@acme.pl").await;
    s.post(
        "/api/v1/password-resets",
        None,
        json!({ "email": "anna@acme.pl" }),
    )
    .await
    .expect(StatusCode::ACCEPTED);
    let token = s.last_link_token("anna@acme.pl");
    let weak = json!({ "token": token, "password": "abc" });
    s.post("/api/v1/password-resets/confirm", None, weak)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "weak_password");
    let body = json!({ "token": token, "password": "Nowe-Hasło-2026" });
    assert_eq!(
        s.post("/api/v1/password-resets/confirm", None, body.clone())
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    s.get("/api/v1/me", &a.token)
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_session");
    s.sign_in("anna@acme.pl", "Nowe-Hasło-2026")
        .await
        .expect(StatusCode::CREATED);
    s.post("/api/v1/password-resets/confirm", None, body)
        .await
        .error(StatusCode::GONE, "token_used");

    s.post(
        "/api/v1/password-resets",
        None,
        json!({ "email": "anna@acme.pl" }),
    )
    .await
    .expect(StatusCode::ACCEPTED);
    let late = s.last_link_token("anna@acme.pl");
    s.clock.advance(60 * 60 * 1000);
    let body = json!({ "token": late, "password": "Jeszcze-Inne-3" });
    s.post("/api/v1/password-resets/confirm", None, body)
        .await
        .error(StatusCode::GONE, "token_expired");
    let body = json!({ "token": "made-up", "password": "Jeszcze-Inne-3" });
    s.post("/api/v1/password-resets/confirm", None, body)
        .await
        .error(StatusCode::GONE, "token_invalid");
}

#[tokio::test]
async fn recovery_requests_are_rate_limited_per_email() {
    let s = server().await;
    for _ in 0..3 {
        s.post(
            "/api/v1/password-resets",
            None,
            json!({ "email": "anna@acme.pl" }),
        )
        .await
        .expect(StatusCode::ACCEPTED);
    }
    let limited = s
        .post(
            "/api/v1/password-resets",
            None,
            json!({ "email": "anna@acme.pl" }),
        )
        .await;
    assert!(limited.retry_after.is_some());
    limited.error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
}
