//! File storage on a real server: streamed round trips, the pooled quota reserved before
//! any byte is sent (exactly at the limit, one byte over, two concurrent uploads), size and
//! hash checks that store nothing, dedup within an account only, blocked accounts, freeing
//! space, and the purge removing the account's blobs. The quota's GB is shrunk to 1,000
//! bytes, so a trial's 5 seats × 8 GB are 40,000 bytes.

use std::path::{Path, PathBuf};

use localspace_core::api::SessionCreated;
use localspace_server::Config;
use localspace_server::store::AccountStatus;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::support::{PASSWORD, T0};

const DAY: i64 = 24 * 60 * 60 * 1000;

type Files = crate::support::Held;

async fn files_server(adjust: impl FnOnce(&mut Config)) -> Files {
    crate::support::held(|config| {
        config.files.gb_bytes = 1_000;
        adjust(config);
    })
    .await
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Bytes that differ per `seed`, so hashes differ.
fn bytes(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

fn new_file() -> String {
    uuid::Uuid::now_v7().to_string()
}

impl Files {
    /// Invites `email` as a user with a seat and accepts; returns their session token.
    async fn add_user(&self, admin: &str, email: &str) -> String {
        let res = self
            .http
            .post(format!("{}/api/v1/invitations", self.url))
            .bearer_auth(admin)
            .json(&json!({ "email": email, "role": "user" }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        let mail = localspace_server::mail::read_outbox(self.dir.path().join("outbox"))
            .unwrap()
            .into_iter()
            .rev()
            .find(|m| m.to.contains(email))
            .unwrap();
        let start = mail.text.find("token=").unwrap() + "token=".len();
        let token: String = mail.text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        let res = self
            .http
            .post(format!("{}/api/v1/invitations/accept", self.url))
            .json(&json!({ "token": token, "name": "Jan Kowalski", "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        let session: SessionCreated = res.json().await.unwrap();
        session.token
    }

    async fn json(res: reqwest::Response) -> (StatusCode, Value) {
        let status = res.status();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// `POST /api/v1/uploads` declaring `size` and `hash`.
    async fn reserve(&self, token: &str, file: &str, hash: &str, size: u64) -> (StatusCode, Value) {
        let res = self
            .http
            .post(format!("{}/api/v1/uploads", self.url))
            .bearer_auth(token)
            .json(&json!({ "file": file, "hash": hash, "size": size }))
            .send()
            .await
            .unwrap();
        Self::json(res).await
    }

    /// `PUT /api/v1/uploads/{id}`, the body streamed in 1 KiB chunks.
    async fn put(&self, token: &str, id: &str, body: Vec<u8>) -> (StatusCode, Value) {
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
            body.chunks(1024).map(|c| Ok(c.to_vec())).collect();
        let stream = futures_util::stream::iter(chunks);
        let res = self
            .http
            .put(format!("{}/api/v1/uploads/{id}", self.url))
            .bearer_auth(token)
            .body(reqwest::Body::wrap_stream(stream))
            .send()
            .await
            .unwrap();
        Self::json(res).await
    }

    /// Reserves and sends `body` for a new file record; returns the file id and the
    /// status of the step that decided.
    async fn upload(&self, token: &str, body: &[u8]) -> (String, StatusCode, Value) {
        let file = new_file();
        let (status, started) = self
            .reserve(token, &file, &sha256(body), body.len() as u64)
            .await;
        if status != StatusCode::CREATED {
            return (file, status, started);
        }
        let id = started["upload_id"].as_str().unwrap().to_owned();
        let (status, answer) = self.put(token, &id, body.to_vec()).await;
        (file, status, answer)
    }

    async fn download(&self, token: &str, hash: &str) -> (StatusCode, Vec<u8>) {
        let res = self
            .http
            .get(format!("{}/api/v1/blobs/{hash}", self.url))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        (res.status(), res.bytes().await.unwrap().to_vec())
    }

    async fn usage(&self, token: &str) -> Value {
        let res = self
            .http
            .get(format!("{}/api/v1/storage", self.url))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let (status, body) = Self::json(res).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    async fn delete(&self, token: &str, path: &str) -> StatusCode {
        self.http
            .delete(format!("{}{path}", self.url))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status()
    }

    fn blob_root(&self) -> PathBuf {
        self.dir.path().join("data").join("blobs")
    }

    /// Every file under the blob folder (staged uploads included).
    fn stored_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blob_root(), &mut out);
        out
    }
}

#[tokio::test]
async fn files_round_trip_byte_exact_and_dedup_within_the_account_only() {
    let s = files_server(|_| {}).await;
    let a = s.sign_up("anna@alfa.pl").await;
    let b = s.sign_up("anna@beta.pl").await;
    let body = bytes(30_000, 7);
    let hash = sha256(&body);
    let (_, status, stored) = s.upload(&a.token, &body).await;
    assert_eq!(status, StatusCode::OK, "{stored}");
    assert_eq!(stored["hash"], hash.as_str());
    let (status, back) = s.download(&a.token, &hash).await;
    assert_eq!(status, StatusCode::OK);
    assert!(back == body, "the download is byte-exact");
    assert_eq!(s.usage(&a.token).await["used"], 30_000);

    // The same bytes again in the same account: no upload, no extra space.
    let (status, again) = s.reserve(&a.token, &new_file(), &hash, 30_000).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["upload_id"], Value::Null);
    assert_eq!(s.usage(&a.token).await["used"], 30_000);

    // Another account knows the hash but not the bytes: it cannot read them, and its own
    // upload of the same content is its own blob.
    assert_eq!(s.download(&b.token, &hash).await.0, StatusCode::NOT_FOUND);
    let (_, status, _) = s.upload(&b.token, &body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(s.usage(&b.token).await["used"], 30_000);
    assert_eq!(s.stored_files().len(), 2, "one copy per account");
}

#[tokio::test]
async fn the_pool_takes_exactly_its_quota_and_refuses_one_byte_more_before_storing() {
    let s = files_server(|c| c.trial_seats = 1).await;
    let admin = s.sign_up("anna@pracownia.pl").await;
    assert_eq!(s.usage(&admin.token).await["quota"], 8_000);
    let (_, status, _) = s.upload(&admin.token, &bytes(7_999, 1)).await;
    assert_eq!(status, StatusCode::OK);

    let (status, refused) = s
        .reserve(&admin.token, &new_file(), &sha256(&bytes(2, 2)), 2)
        .await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("quota_exceeded"))
    );
    assert_eq!(refused["free_bytes"], 1);
    assert_eq!(
        s.stored_files().len(),
        1,
        "nothing of the refused file is stored"
    );

    let (_, status, _) = s.upload(&admin.token, &bytes(1, 3)).await;
    assert_eq!(status, StatusCode::OK, "exactly at the limit is accepted");
    let usage = s.usage(&admin.token).await;
    assert_eq!(
        (usage["used"].as_u64(), usage["free"].as_u64()),
        (Some(8_000), Some(0))
    );
}

#[tokio::test]
async fn the_pool_is_shared_by_every_user_of_the_account() {
    let s = files_server(|c| c.trial_seats = 2).await;
    let admin = s.sign_up("anna@pracownia.pl").await;
    let jan = s.add_user(&admin.token, "jan@pracownia.pl").await;
    assert_eq!(s.usage(&jan).await["quota"], 16_000);
    let (_, status, _) = s.upload(&admin.token, &bytes(10_000, 20)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, status, refused) = s.upload(&jan, &bytes(6_001, 21)).await;
    assert_eq!(
        (status, refused["free_bytes"].as_u64()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some(6_000))
    );
    let (_, status, _) = s.upload(&jan, &bytes(6_000, 22)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(s.usage(&admin.token).await["used"], 16_000);
}

#[tokio::test]
async fn the_pool_grows_with_seats_and_packs() {
    let s = files_server(|_| {}).await;
    let admin = s.sign_up("anna@pracownia.pl").await;
    // crm × 2 seats + 1 pack = 2 × 3 + 10 = 16 "GB" of 1,000 bytes.
    let renewal = json!({
        "plan": "crm", "seats": 2, "months": 1, "packs": 1, "test_outcome": "success",
        "buyer": { "company": "Pracownia", "address": "ul. Długa 1, Gdańsk", "nip": "5260250274", "invoice_email": "faktury@pracownia.pl" },
    });
    let res = s
        .http
        .post(format!("{}/api/v1/billing/renewals", s.url))
        .bearer_auth(&admin.token)
        .json(&renewal)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(s.usage(&admin.token).await["quota"], 16_000);
    let (_, status, _) = s.upload(&admin.token, &bytes(15_000, 4)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, status, refused) = s.upload(&admin.token, &bytes(1_001, 5)).await;
    assert_eq!(
        (status, refused["free_bytes"].as_u64()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some(1_000))
    );
}

#[tokio::test]
async fn of_two_concurrent_uploads_that_together_exceed_the_quota_exactly_one_passes() {
    let s = files_server(|c| c.trial_seats = 1).await;
    let admin = s.sign_up("anna@pracownia.pl").await;
    let (one, two) = (bytes(5_000, 8), bytes(5_000, 9));
    let (first, second) = tokio::join!(s.upload(&admin.token, &one), s.upload(&admin.token, &two));
    let mut statuses = [first.1, second.1];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::PAYLOAD_TOO_LARGE]);
    let refused = if first.1 == StatusCode::OK {
        second.2
    } else {
        first.2
    };
    assert_eq!(refused["code"], "quota_exceeded");
    assert_eq!(refused["free_bytes"], 3_000);
    let usage = s.usage(&admin.token).await;
    assert_eq!(
        (usage["used"].as_u64(), usage["reserved"].as_u64()),
        (Some(5_000), Some(0))
    );
    assert_eq!(
        s.stored_files().len(),
        1,
        "nothing of the refused upload is stored"
    );
}

#[tokio::test]
async fn uploads_over_the_size_limit_or_not_matching_their_declaration_store_nothing() {
    let s = files_server(|c| c.files.max_upload_bytes = 1_000).await;
    let admin = s.sign_up("anna@pracownia.pl").await;
    let (status, refused) = s
        .reserve(&admin.token, &new_file(), &sha256(b"x"), 1_001)
        .await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large"))
    );

    let body = bytes(500, 10);
    for (sent, code) in [
        (bytes(499, 10), "size_mismatch"),
        (bytes(501, 10), "size_mismatch"),
        (bytes(500, 11), "hash_mismatch"),
    ] {
        let (status, started) = s
            .reserve(&admin.token, &new_file(), &sha256(&body), 500)
            .await;
        assert_eq!(status, StatusCode::CREATED, "{started}");
        let id = started["upload_id"].as_str().unwrap();
        let (status, answer) = s.put(&admin.token, id, sent).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code))
        );
        // The reservation is gone with the bytes.
        assert_eq!(
            s.put(&admin.token, id, body.clone()).await.0,
            StatusCode::NOT_FOUND
        );
    }
    let usage = s.usage(&admin.token).await;
    assert_eq!(
        (usage["used"].as_u64(), usage["reserved"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(s.stored_files(), Vec::<PathBuf>::new());
    assert_eq!(
        s.download(&admin.token, &sha256(&body)).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_aborted_upload_frees_its_space_and_an_abandoned_one_expires() {
    let s = files_server(|c| c.trial_seats = 1).await;
    let admin = s.sign_up("anna@pracownia.pl").await;
    let (_, started) = s
        .reserve(&admin.token, &new_file(), &sha256(&bytes(6_000, 1)), 6_000)
        .await;
    assert_eq!(s.usage(&admin.token).await["reserved"], 6_000);
    let id = started["upload_id"].as_str().unwrap();
    assert_eq!(
        s.delete(&admin.token, &format!("/api/v1/uploads/{id}"))
            .await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(s.usage(&admin.token).await["reserved"], 0);

    s.reserve(&admin.token, &new_file(), &sha256(&bytes(6_000, 2)), 6_000)
        .await;
    s.clock.advance(6 * 60 * 60 * 1000);
    assert_eq!(
        s.usage(&admin.token).await["reserved"],
        0,
        "expired after 6 hours"
    );
}

#[tokio::test]
async fn a_blocked_account_downloads_but_does_not_upload() {
    let s = files_server(|_| {}).await;
    let admin = s.sign_up("anna@pracownia.pl").await;
    let body = bytes(1_000, 12);
    s.upload(&admin.token, &body).await;
    let account = uuid::Uuid::parse_str(&admin.account.id).unwrap();
    s.state
        .store
        .set_account_status(account, AccountStatus::Blocked)
        .unwrap();
    assert_eq!(
        s.download(&admin.token, &sha256(&body)).await,
        (StatusCode::OK, body)
    );
    let (_, status, refused) = s.upload(&admin.token, &bytes(10, 13)).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::PAYMENT_REQUIRED, Some("account_blocked"))
    );
}

#[tokio::test]
async fn deleting_the_last_reference_frees_the_space() {
    let s = files_server(|_| {}).await;
    let admin = s.sign_up("anna@pracownia.pl").await;
    let body = bytes(2_000, 14);
    let (first, _, _) = s.upload(&admin.token, &body).await;
    let second = new_file();
    s.reserve(&admin.token, &second, &sha256(&body), 2_000)
        .await;
    assert_eq!(
        s.delete(&admin.token, &format!("/api/v1/files/{first}"))
            .await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        s.usage(&admin.token).await["used"],
        2_000,
        "still referred to"
    );
    assert_eq!(
        s.delete(&admin.token, &format!("/api/v1/files/{second}"))
            .await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(s.usage(&admin.token).await["used"], 0);
    assert_eq!(s.stored_files(), Vec::<PathBuf>::new());
    assert_eq!(
        s.delete(&admin.token, &format!("/api/v1/files/{second}"))
            .await,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_account_purge_removes_its_blobs_and_no_other() {
    use localspace_server::billing::lifecycle::run_once;
    let s = files_server(|_| {}).await;
    let gone = s.sign_up("anna@pracownia.pl").await;
    s.upload(&gone.token, &bytes(1_000, 15)).await;
    let trial_end = T0 + 14 * DAY;
    // The other account pays, so it outlives the purge.
    let kept = s.sign_up("anna@zostaje.pl").await;
    let renewal = json!({
        "plan": "crm", "seats": 1, "months": 36, "test_outcome": "success",
        "buyer": { "company": "Zostaje", "address": "ul. Długa 1, Gdańsk", "nip": "5260250274", "invoice_email": "faktury@zostaje.pl" },
    });
    let res = s
        .http
        .post(format!("{}/api/v1/billing/renewals", s.url))
        .bearer_auth(&kept.token)
        .json(&renewal)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    s.upload(&kept.token, &bytes(1_000, 16)).await;
    for at in [trial_end, trial_end + 29 * DAY, trial_end + 30 * DAY] {
        s.clock.set(at);
        run_once(&s.state).await.unwrap();
    }
    let left = s.stored_files();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(s.blob_root().join(&kept.account.id)));
    assert!(!s.blob_root().join(&gone.account.id).exists());
}
