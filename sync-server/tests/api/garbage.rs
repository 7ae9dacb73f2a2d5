//! Garbage on every JSON endpoint: wrong types, broken JSON, invalid UTF-8, huge bodies, no
//! content type. Each gets a 4xx with a code, and the server keeps serving.

use localspace_server::routes::table;
use reqwest::StatusCode;

use crate::support::*;

#[tokio::test]
async fn garbage_gets_a_coded_4xx_and_the_server_keeps_serving() {
    let s = server_with(|c| c.max_body_bytes = 64 * 1024).await;
    let admin = s.sign_up("Acme", "anna@acme.pl").await;
    let huge = format!("{{\"email\": \"{}\"}}", "a".repeat(200 * 1024));
    let bodies: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "wrong types",
            br#"{"email": 5, "password": [], "company": {}, "role": 7, "seat": "yes"}"#.to_vec(),
            "application/json",
        ),
        ("broken json", b"{\"email\": ".to_vec(), "application/json"),
        (
            "invalid utf-8",
            b"{\"email\": \"\xff\xfe\"}".to_vec(),
            "application/json",
        ),
        ("not an object", b"[1, 2, 3]".to_vec(), "application/json"),
        ("no content type", b"{}".to_vec(), "text/plain"),
        ("huge", huge.into_bytes(), "application/json"),
    ];
    let mut checked = 0;
    for route in table()
        .into_iter()
        .filter(|r| matches!(r.method.as_str(), "POST" | "PUT" | "PATCH"))
    {
        let path = route
            .path
            .replace("{id}", &uuid::Uuid::new_v4().to_string());
        for (what, body, content_type) in &bodies {
            let res = s
                .http
                .request(route.method.clone(), format!("{}{path}", s.url))
                .bearer_auth(&admin.token)
                .header("content-type", *content_type)
                .body(body.clone())
                .send()
                .await
                .unwrap();
            let status = res.status();
            let answer: serde_json::Value = res
                .json()
                .await
                .unwrap_or_else(|e| panic!("{path} {what}: not JSON: {e}"));
            assert!(
                status.is_client_error(),
                "{} {path} {what}: {status} {answer}",
                route.method
            );
            assert!(
                answer["code"].as_str().is_some_and(|c| !c.is_empty()),
                "{path} {what}: {answer}"
            );
            // Upload bodies are raw streamed bytes, not JSON: an unknown upload is 404.
            let streamed = route.path == "/api/v1/uploads/{id}";
            if *what == "huge"
                && path.starts_with("/api/")
                && !path.ends_with("activate")
                && !streamed
            {
                assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{path}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 60, "{checked}");
    s.get("/api/v1/me", &admin.token)
        .await
        .expect(StatusCode::OK);
    let health = s
        .http
        .get(format!("{}/health", s.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_push_over_the_size_limit_is_refused_before_it_is_read() {
    let s = server().await;
    let admin = s.sign_up("Acme", "anna@acme.pl").await;
    let body = vec![0u8; localspace_server::routes::MAX_PUSH_BYTES + 1];
    let res = s
        .http
        .post(format!("{}/sync/v1/push", s.url))
        .bearer_auth(&admin.token)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let answer: serde_json::Value = res.json().await.unwrap();
    assert_eq!(answer["code"], "too_large");
    s.get("/api/v1/me", &admin.token)
        .await
        .expect(StatusCode::OK);
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_in_json() {
    let s = server().await;
    let admin = s.sign_up("Acme", "anna@acme.pl").await;
    s.get("/api/v1/nothing-here", &admin.token)
        .await
        .error(StatusCode::NOT_FOUND, "not_found");
    s.call(
        reqwest::Method::DELETE,
        "/api/v1/users",
        Some(&admin.token),
        None,
    )
    .await
    .error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    s.get("/api/v1/audit?limit=lots", &admin.token)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
}
