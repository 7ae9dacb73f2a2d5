//! The lifecycle job on a real server: trial end blocks, warnings go out 7 and 1 days before
//! deletion (once each, also after downtime), deletion purges the account, and a renewal
//! before deletion unblocks at once.

use std::net::SocketAddr;
use std::sync::Arc;

use localspace_core::ManualClock;
use localspace_core::api::SessionCreated;
use localspace_core::billing::lifecycle::Step;
use localspace_server::billing::ProviderKind;
use localspace_server::billing::lifecycle::run_once;
use localspace_server::{AppState, Config};
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{PASSWORD, T0};

const DAY: i64 = 24 * 60 * 60 * 1000;

/// A server whose state the test holds, so it can run the job's passes itself.
struct Held {
    url: String,
    clock: ManualClock,
    state: AppState,
    dir: tempfile::TempDir,
    http: reqwest::Client,
}

async fn held() -> Held {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        data_dir: dir.path().join("data"),
        fast_hashing: true,
        ..Config::default()
    };
    config.mail.outbox_dir = dir.path().join("outbox");
    config.billing.provider = ProviderKind::Test;
    let clock = ManualClock::at(T0);
    let state = localspace_server::state(config, Arc::new(clock.clone())).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let app = localspace_server::app(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    Held {
        url,
        clock,
        state,
        dir,
        http: reqwest::Client::new(),
    }
}

impl Held {
    async fn sign_up(&self, email: &str) -> SessionCreated {
        let body =
            json!({ "company": "Pracownia", "name": "Anna", "email": email, "password": PASSWORD });
        let res = self
            .http
            .post(format!("{}/api/v1/signup", self.url))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json().await.unwrap()
    }

    async fn status(&self, token: &str) -> (StatusCode, String) {
        let res = self
            .http
            .get(format!("{}/api/v1/account", self.url))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let status = res.status();
        let body: serde_json::Value = res.json().await.unwrap();
        (
            status,
            body["status"].as_str().unwrap_or_default().to_owned(),
        )
    }

    /// Moves the clock to `at` and runs one pass; returns the steps.
    async fn pass_at(&self, at: i64) -> Vec<Step> {
        self.clock.set(at);
        run_once(&self.state)
            .await
            .unwrap()
            .into_iter()
            .map(|(_, step)| step)
            .collect()
    }

    fn warnings(&self) -> Vec<String> {
        localspace_server::mail::read_outbox(self.dir.path().join("outbox"))
            .unwrap()
            .into_iter()
            .filter(|m| m.subject.contains("usunięte"))
            .map(|m| m.subject)
            .collect()
    }
}

#[tokio::test]
async fn a_trial_is_blocked_warned_once_each_and_deleted() {
    let h = held().await;
    let admin = h.sign_up("anna@pracownia.pl").await;
    let trial_end = T0 + 14 * DAY;
    assert_eq!(h.pass_at(trial_end - 1).await, []);
    assert_eq!(h.pass_at(trial_end).await, [Step::Block]);
    assert_eq!(h.status(&admin.token).await.1, "blocked");
    assert!(matches!(
        h.pass_at(trial_end + 23 * DAY).await[..],
        [Step::Warn { days: 7, .. }]
    ));
    assert_eq!(h.pass_at(trial_end + 23 * DAY + 1).await, [], "warned once");
    assert!(matches!(
        h.pass_at(trial_end + 29 * DAY).await[..],
        [Step::Warn { days: 1, .. }]
    ));
    assert_eq!(
        h.warnings(),
        [
            "Konto Pracownia zostanie usunięte za 7 dni",
            "Konto Pracownia zostanie usunięte jutro"
        ]
    );
    assert_eq!(h.pass_at(trial_end + 30 * DAY).await, [Step::Delete]);
    // The data is gone: the session ended and nobody signs in any more.
    assert_eq!(h.status(&admin.token).await.0, StatusCode::UNAUTHORIZED);
    let res = h
        .http
        .post(format!("{}/api/v1/sessions", h.url))
        .json(&json!({ "email": "anna@pracownia.pl", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(h.pass_at(trial_end + 40 * DAY).await, [], "deleted once");
}

#[tokio::test]
async fn a_job_that_was_down_warns_once_and_a_renewal_unblocks_at_once() {
    let h = held().await;
    let admin = h.sign_up("anna@pracownia.pl").await;
    let trial_end = T0 + 14 * DAY;
    // Down from before the trial's end until a day before deletion: one pass blocks and
    // sends only the nearest warning.
    assert!(matches!(
        h.pass_at(trial_end + 29 * DAY).await[..],
        [Step::Block, Step::Warn { days: 1, .. }]
    ));
    assert_eq!(h.warnings().len(), 1);
    let body = json!({
        "plan": "crm", "seats": 1, "months": 1, "test_outcome": "success",
        "buyer": { "company": "Pracownia", "address": "ul. Długa 1, Gdańsk", "nip": "5260250274", "invoice_email": "faktury@pracownia.pl" },
    });
    let res = h
        .http
        .post(format!("{}/api/v1/billing/renewals", h.url))
        .bearer_auth(&admin.token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(h.status(&admin.token).await.1, "active");
    // Nothing is deleted: the new term runs.
    assert_eq!(h.pass_at(trial_end + 31 * DAY).await, []);
    assert_eq!(h.status(&admin.token).await.1, "active");
}
