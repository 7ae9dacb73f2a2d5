//! A server whose state the test holds, so it runs the job's passes itself on a moved clock.

use localspace_core::billing::lifecycle::Step;
use localspace_server::billing::lifecycle::run_once;
use reqwest::StatusCode;
use serde_json::{Value, json};

pub use crate::support::Held;
use crate::support::PASSWORD;

pub const DAY: i64 = 24 * 60 * 60 * 1000;

/// A held server for the lifecycle tests.
pub async fn held() -> Held {
    crate::support::held(|_| {}).await
}

impl Held {
    /// A sign-in with the right password: the answer's status and body.
    pub async fn sign_in(&self, email: &str) -> (StatusCode, Value) {
        let res = self
            .http
            .post(format!("{}/api/v1/sessions", self.url))
            .json(&json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        (res.status(), res.json().await.unwrap())
    }

    /// `GET /api/v1/account`: the answer's status and body.
    pub async fn account(&self, token: &str) -> (StatusCode, Value) {
        let res = self
            .http
            .get(format!("{}/api/v1/account", self.url))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        (res.status(), res.json().await.unwrap())
    }

    /// The answer's status and the account's `status`.
    pub async fn status(&self, token: &str) -> (StatusCode, String) {
        let (status, body) = self.account(token).await;
        (
            status,
            body["status"].as_str().unwrap_or_default().to_owned(),
        )
    }

    /// Renews the `crm` plan for one seat and `months`, paid at once by the test provider.
    pub async fn renew(&self, token: &str, months: u32) {
        let body = json!({
            "plan": "crm", "seats": 1, "months": months, "test_outcome": "success",
            "buyer": { "company": "Pracownia", "address": "ul. Długa 1, Gdańsk", "nip": "5260250274", "invoice_email": "faktury@pracownia.pl" },
        });
        let res = self
            .http
            .post(format!("{}/api/v1/billing/renewals", self.url))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
    }

    /// Checks the account is gone: `token`'s session ended with it and `email` signs in no
    /// more.
    pub async fn assert_deleted(&self, token: &str, email: &str) {
        let (status, body) = self.account(token).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("invalid_session"))
        );
        assert_eq!(self.sign_in(email).await.0, StatusCode::UNAUTHORIZED);
    }

    /// Moves the clock to `at`.
    pub fn set_clock(&self, at: i64) {
        self.clock.set(at);
    }

    /// Moves the clock to `at` and runs one pass; returns the steps.
    pub async fn pass_at(&self, at: i64) -> Vec<Step> {
        self.clock.set(at);
        run_once(&self.state)
            .await
            .unwrap()
            .into_iter()
            .map(|(_, step)| step)
            .collect()
    }

    /// The subjects of the deletion warnings sent so far.
    pub fn warnings(&self) -> Vec<String> {
        localspace_server::mail::read_outbox(self.dir.path().join("outbox"))
            .unwrap()
            .into_iter()
            .filter(|m| m.subject.contains("usunięte"))
            .map(|m| m.subject)
            .collect()
    }
}

/// The `paid_until`, `access_ended` and `deletion_on` of an account view.
pub fn days(account: &Value) -> [Option<&str>; 3] {
    ["paid_until", "access_ended", "deletion_on"].map(|k| account[k].as_str())
}
