//! Invitations, roles, seats and deactivation.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn an_invitation_is_accepted_once_and_expires() {
    let s = server().await;
    let admin = s.sign_up("Acme", "anna@acme.pl").await;
    s.post(
        "/api/v1/invitations",
        Some(&admin.token),
        json!({ "email": "jan@acme.pl", "role": "manager", "lang": "en" }),
    )
    .await
    .expect(StatusCode::CREATED);
    let mail = s
        .outbox()
        .into_iter()
        .find(|m| m.to.contains("jan@acme.pl"))
        .unwrap();
    assert!(mail.subject.contains("Acme"), "{}", mail.subject);
    let token = s.last_link_token("jan@acme.pl");
    let body = json!({ "token": token, "name": "Jan Kowalski", "password": PASSWORD });
    let jan = s
        .post("/api/v1/invitations/accept", None, body.clone())
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(jan["user"]["role"], "manager");
    assert_eq!(jan["user"]["lang"], "en");
    s.post("/api/v1/invitations/accept", None, body)
        .await
        .error(StatusCode::GONE, "token_used");
    s.sign_in("jan@acme.pl", PASSWORD)
        .await
        .expect(StatusCode::CREATED);

    s.post(
        "/api/v1/invitations",
        Some(&admin.token),
        json!({ "email": "ola@acme.pl", "role": "user" }),
    )
    .await
    .expect(StatusCode::CREATED);
    let late = s.last_link_token("ola@acme.pl");
    s.clock.advance(7 * 24 * 60 * 60 * 1000);
    let body = json!({ "token": late, "name": "Ola Lis", "password": PASSWORD });
    s.post("/api/v1/invitations/accept", None, body)
        .await
        .error(StatusCode::GONE, "token_expired");
    let list = s
        .get("/api/v1/invitations", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 2);
    s.post(
        "/api/v1/invitations",
        Some(&admin.token),
        json!({ "email": "jan@acme.pl", "role": "user" }),
    )
    .await
    .error(StatusCode::CONFLICT, "email_taken");
}

#[tokio::test]
async fn only_admins_manage_coworkers() {
    let s = server().await;
    let admin = s.sign_up("Acme", "anna@acme.pl").await;
    let user = s.add_user(&admin.token, "jan@acme.pl", "user").await;
    let manager = s.add_user(&admin.token, "ewa@acme.pl", "manager").await;
    for token in [&user.token, &manager.token] {
        s.post(
            "/api/v1/invitations",
            Some(token),
            json!({ "email": "x@acme.pl", "role": "admin" }),
        )
        .await
        .error(StatusCode::FORBIDDEN, "admin_only");
        let path = format!("/api/v1/users/{}/role", admin.user.id);
        s.put(&path, token, json!({ "role": "user" }))
            .await
            .error(StatusCode::FORBIDDEN, "admin_only");
        s.get("/api/v1/audit", token)
            .await
            .error(StatusCode::FORBIDDEN, "admin_only");
    }
    // Everyone sees the coworker list.
    let list = s
        .get("/api/v1/users", &user.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn roles_change_and_the_last_admin_stays() {
    let s = server().await;
    let admin = s.sign_up("Acme", "anna@acme.pl").await;
    let jan = s.add_user(&admin.token, "jan@acme.pl", "user").await;
    let me = format!("/api/v1/users/{}", admin.user.id);
    s.put(
        &format!("{me}/role"),
        &admin.token,
        json!({ "role": "user" }),
    )
    .await
    .error(StatusCode::CONFLICT, "last_admin");
    s.post(&format!("{me}/deactivate"), Some(&admin.token), json!({}))
        .await
        .error(StatusCode::CONFLICT, "last_admin");
    s.put(
        &format!("{me}/seat"),
        &admin.token,
        json!({ "seat": false }),
    )
    .await
    .error(StatusCode::CONFLICT, "last_admin");
    let promoted = s
        .put(
            &format!("/api/v1/users/{}/role", jan.user.id),
            &admin.token,
            json!({ "role": "admin" }),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(promoted["role"], "admin");
    s.put(
        &format!("{me}/role"),
        &admin.token,
        json!({ "role": "manager" }),
    )
    .await
    .expect(StatusCode::OK);
    let audit = s
        .get("/api/v1/audit", &jan.token)
        .await
        .expect(StatusCode::OK);
    let roles = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "role_changed")
        .count();
    assert_eq!(roles, 2);
}

#[tokio::test]
async fn a_user_without_a_seat_cannot_sign_in_and_seats_are_limited() {
    let s = server_with(|c| c.trial_seats = 2).await;
    let admin = s.sign_up("Acme", "anna@acme.pl").await;
    let jan = s.add_user(&admin.token, "jan@acme.pl", "user").await;
    // Both seats are used: the next person joins without one.
    s.post(
        "/api/v1/invitations",
        Some(&admin.token),
        json!({ "email": "ola@acme.pl", "role": "user" }),
    )
    .await
    .expect(StatusCode::CREATED);
    let token = s.last_link_token("ola@acme.pl");
    let body = json!({ "token": token, "name": "Ola Lis", "password": PASSWORD });
    s.post("/api/v1/invitations/accept", None, body)
        .await
        .error(StatusCode::FORBIDDEN, "no_seat");
    s.sign_in("ola@acme.pl", PASSWORD)
        .await
        .error(StatusCode::FORBIDDEN, "no_seat");
    let users = s
        .get("/api/v1/users", &admin.token)
        .await
        .expect(StatusCode::OK);
    let ola = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "ola@acme.pl")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    s.put(
        &format!("/api/v1/users/{ola}/seat"),
        &admin.token,
        json!({ "seat": true }),
    )
    .await
    .error(StatusCode::CONFLICT, "no_free_seat");
    // Reassign Jan's seat to Ola: Jan's sessions end.
    s.put(
        &format!("/api/v1/users/{}/seat", jan.user.id),
        &admin.token,
        json!({ "seat": false }),
    )
    .await
    .expect(StatusCode::OK);
    s.get("/api/v1/me", &jan.token)
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_session");
    s.put(
        &format!("/api/v1/users/{ola}/seat"),
        &admin.token,
        json!({ "seat": true }),
    )
    .await
    .expect(StatusCode::OK);
    s.sign_in("ola@acme.pl", PASSWORD)
        .await
        .expect(StatusCode::CREATED);
    s.sign_in("jan@acme.pl", PASSWORD)
        .await
        .error(StatusCode::FORBIDDEN, "no_seat");
    let account = s
        .get("/api/v1/account", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        (account["seats"].as_u64(), account["seats_used"].as_u64()),
        (Some(2), Some(2))
    );
}

#[tokio::test]
async fn a_deactivated_user_is_signed_out_and_cannot_sign_in() {
    let s = server().await;
    let admin = s.sign_up("Acme", "anna@acme.pl").await;
    let jan = s.add_user(&admin.token, "jan@acme.pl", "user").await;
    let path = format!("/api/v1/users/{}/deactivate", jan.user.id);
    let view = s
        .post(&path, Some(&admin.token), json!({}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        (view["active"].as_bool(), view["seat"].as_bool()),
        (Some(false), Some(false))
    );
    s.get("/api/v1/me", &jan.token)
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_session");
    s.sign_in("jan@acme.pl", PASSWORD)
        .await
        .error(StatusCode::FORBIDDEN, "user_deactivated");
    s.sign_in("jan@acme.pl", "wrong-password-9")
        .await
        .error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    let path = format!("/api/v1/users/{}/activate", jan.user.id);
    s.post(&path, Some(&admin.token), json!({}))
        .await
        .expect(StatusCode::OK);
    s.sign_in("jan@acme.pl", PASSWORD)
        .await
        .error(StatusCode::FORBIDDEN, "no_seat");
    let events: Vec<String> = s
        .get("/api/v1/audit", &admin.token)
        .await
        .expect(StatusCode::OK)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    for expected in [
        "user_deactivated",
        "user_activated",
        "invitation_sent",
        "invitation_accepted",
        "sign_in_failed",
    ] {
        assert!(
            events.iter().any(|e| e == expected),
            "{expected} missing from {events:?}"
        );
    }
}
