//! A server on port 0 in this process, a manual clock, and small request helpers.

use std::sync::Arc;

use localspace_core::ManualClock;
use localspace_core::api::SessionCreated;
use localspace_server::Config;
use localspace_server::mail::read_outbox;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tempfile::TempDir;

/// 2026-03-02 10:00 UTC.
pub const T0: i64 = 1_772_445_600_000;
pub const PASSWORD: &str = "Zielona-Góra-7";

pub struct Server {
    pub url: String,
    pub clock: ManualClock,
    pub dir: TempDir,
    pub http: reqwest::Client,
    _stop: tokio::sync::oneshot::Sender<()>,
}

pub async fn server() -> Server {
    server_with(|_| {}).await
}

pub async fn server_with(adjust: impl FnOnce(&mut Config)) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        data_dir: dir.path().join("data"),
        public_url: "http://localspace.test".into(),
        fast_hashing: true,
        ..Config::default()
    };
    config.mail.outbox_dir = dir.path().join("outbox");
    adjust(&mut config);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let clock = ManualClock::at(T0);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let shutdown = async move {
        let _ = stopped.await;
    };
    let server_clock = Arc::new(clock.clone());
    tokio::spawn(async move {
        localspace_server::serve(listener, config, server_clock, shutdown)
            .await
            .unwrap();
    });
    Server {
        url,
        clock,
        dir,
        http: reqwest::Client::new(),
        _stop: stop,
    }
}

/// An answer: status and JSON body (`Null` when empty).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
    pub retry_after: Option<String>,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    pub fn expect(self, status: StatusCode) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        self.body
    }

    pub fn error(self, status: StatusCode, code: &str) {
        assert_eq!((self.status, self.code()), (status, code), "{}", self.body);
        assert!(
            self.body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "error without a message"
        );
    }
}

impl Server {
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut req = self.http.request(method, format!("{}{path}", self.url));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let retry_after = res
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_owned());
        let text = res.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Answer {
            status,
            body,
            retry_after,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Answer {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }

    /// Signs up a company; returns its admin's session.
    pub async fn sign_up(&self, company: &str, email: &str) -> SessionCreated {
        let body = json!({ "company": company, "name": "Anna Nowak", "email": email, "password": PASSWORD, "device": "laptop" });
        serde_json::from_value(
            self.post("/api/v1/signup", None, body)
                .await
                .expect(StatusCode::CREATED),
        )
        .unwrap()
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Answer {
        self.post(
            "/api/v1/sessions",
            None,
            json!({ "email": email, "password": password, "device": "phone" }),
        )
        .await
    }

    /// Invites `email` and accepts the invitation; returns the new user's session.
    pub async fn add_user(&self, admin: &str, email: &str, role: &str) -> SessionCreated {
        self.post(
            "/api/v1/invitations",
            Some(admin),
            json!({ "email": email, "role": role }),
        )
        .await
        .expect(StatusCode::CREATED);
        let token = self.last_link_token(email);
        let body = json!({ "token": token, "name": "Jan Kowalski", "password": PASSWORD });
        serde_json::from_value(
            self.post("/api/v1/invitations/accept", None, body)
                .await
                .expect(StatusCode::CREATED),
        )
        .unwrap()
    }

    /// Mail sent so far.
    pub fn outbox(&self) -> Vec<localspace_server::mail::ReadMail> {
        read_outbox(self.dir.path().join("outbox")).unwrap_or_default()
    }

    /// The token in the last link mailed to `email`.
    pub fn last_link_token(&self, email: &str) -> String {
        let mail = self
            .outbox()
            .into_iter()
            .rev()
            .find(|m| m.to.contains(email))
            .expect("no mail to that address");
        let start = mail.text.find("token=").expect("no link in the mail") + "token=".len();
        mail.text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }
}

/// A server whose state the test holds, to run its jobs itself on a moved clock.
pub struct Held {
    pub url: String,
    pub clock: ManualClock,
    pub state: localspace_server::AppState,
    pub dir: TempDir,
    pub http: reqwest::Client,
}

/// [`Held`] with the test payment provider and an outbox folder; `adjust` changes the rest.
pub async fn held(adjust: impl FnOnce(&mut Config)) -> Held {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        data_dir: dir.path().join("data"),
        fast_hashing: true,
        ..Config::default()
    };
    config.mail.outbox_dir = dir.path().join("outbox");
    config.billing.provider = localspace_server::billing::ProviderKind::Test;
    adjust(&mut config);
    let clock = ManualClock::at(T0);
    let state = localspace_server::state(config, Arc::new(clock.clone())).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let app = localspace_server::app(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
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
    /// Signs up a company (Pracownia) with `email` as its admin.
    pub async fn sign_up(&self, email: &str) -> SessionCreated {
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
}
