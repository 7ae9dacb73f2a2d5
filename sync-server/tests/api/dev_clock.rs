//! Dev and test builds move the whole server's clock: the trial ends, and the lifecycle job
//! runs at once, without waiting two weeks.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::server;

#[tokio::test]
async fn moving_the_clock_ends_the_trial_at_once() {
    let s = server().await;
    let admin = s.sign_up("Pracownia", "anna@pracownia.pl").await;
    let status = |body: serde_json::Value| body["status"].as_str().unwrap_or_default().to_owned();
    let account = s.get("/api/v1/account", &admin.token).await;
    assert_eq!(status(account.body), "trial");

    let moved = s
        .post("/dev/v1/clock", None, json!({ "advance_days": 13 }))
        .await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(
        status(s.get("/api/v1/account", &admin.token).await.body),
        "trial"
    );
    let moved = s
        .post("/dev/v1/clock", None, json!({ "advance_days": 1 }))
        .await;
    assert_eq!(moved.body["lifecycle_steps"], 1);
    assert_eq!(
        status(s.get("/api/v1/account", &admin.token).await.body),
        "blocked"
    );

    // Time only moves forward, by a sane amount.
    for bad in [
        json!({ "advance_days": -1 }),
        json!({ "advance_days": i64::MAX }),
    ] {
        let answer = s.post("/dev/v1/clock", None, bad).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}
