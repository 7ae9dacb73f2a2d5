//! The live socket: the server announces its log cursor to the devices of the account that
//! pushed, never to another account's, and the desktop app pulls at once when it hears one.

use std::sync::Arc;
use std::time::Duration;

use localspace_client::api::{ApiClient, LiveSocket};
use localspace_client::app::contract::SignUpRequest;
use localspace_client::app::{App, AppConfig, AppEvent};
use localspace_client::sync::{SyncStatus, sync_once};
use localspace_core::Kind;
use localspace_e2e::TestServer;

use crate::apps;
use crate::devices::{Device, PASSWORD, account, device, person};

/// Bounds a wait so a broken build fails instead of hanging; never reached when it works.
const HANG_GUARD: Duration = Duration::from_secs(120);

async fn push_one(device: &Device, last: &str) -> u64 {
    device.replica.create(Kind::Person, &person(last)).unwrap();
    sync_once(&device.replica, &device.api)
        .await
        .unwrap()
        .cursor
}

async fn heard(socket: &mut LiveSocket) -> u64 {
    tokio::time::timeout(HANG_GUARD, socket.next_cursor())
        .await
        .expect("an announcement")
        .unwrap()
}

#[tokio::test]
async fn pushes_are_announced_to_the_accounts_devices_only() {
    let server = TestServer::start(|_| {}).await;
    account(&server, "anna@zaklady.pl").await;
    account(&server, "ola@piekarnia.pl").await;
    let anna_laptop = device(&server, "anna@zaklady.pl").await;
    let anna_phone = device(&server, "anna@zaklady.pl").await;
    let ola = device(&server, "ola@piekarnia.pl").await;
    let first = push_one(&anna_laptop, "Nowak").await;

    let mut socket = anna_phone.api.open_live().await.unwrap();
    assert_eq!(heard(&mut socket).await, first, "the cursor when it opens");

    // Another account pushes more than Anna's account has: nothing of it reaches Anna.
    for last in ["Kowalska", "Wójcik", "Zieliński", "Lewandowska"] {
        push_one(&ola, last).await;
    }
    let second = push_one(&anna_laptop, "Mazur").await;
    assert!(second > first);
    let heard = heard(&mut socket).await;
    assert_eq!(heard, second, "Anna's own push, not Ola's");
}

#[tokio::test]
async fn the_live_socket_needs_a_session_and_a_websocket() {
    let server = TestServer::start(|_| {}).await;
    let admin = account(&server, "anna@zaklady.pl").await;
    let anonymous = ApiClient::new(&server.url).unwrap();
    let refused = anonymous.open_live().await.unwrap_err();
    assert_eq!(
        (refused.status(), refused.code()),
        (Some(401), "signed_out")
    );
    let forged = ApiClient::new(&server.url)
        .unwrap()
        .with_token("not-a-token");
    assert_eq!(
        forged.open_live().await.unwrap_err().code(),
        "invalid_session"
    );
    // A plain GET (no upgrade) gets a coded answer, not a hang.
    let plain = reqwest::Client::new()
        .get(format!("{}/sync/v1/live", server.url))
        .bearer_auth(admin.token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 400);
    let body: serde_json::Value = plain.json().await.unwrap();
    assert_eq!(body["code"], "websocket_required");
}

#[tokio::test]
async fn the_app_pulls_as_soon_as_another_device_pushes() {
    let server = TestServer::start(|_| {}).await;
    let dir = tempfile::tempdir().unwrap();
    let (sink, mut events) = tokio::sync::mpsc::unbounded_channel();
    let config = AppConfig {
        // Without the live socket the next pass would come in an hour.
        poll_every: Duration::from_secs(3600),
        ..apps::config(&server.url, dir.path(), Arc::default())
    };
    let app = App::start(
        config,
        Box::new(move |e| {
            let _ = sink.send(e);
        }),
    )
    .unwrap();
    app.sign_up(SignUpRequest {
        server_url: None,
        company: "Zakłady Mięsne Łódź".into(),
        name: "Anna Wiśniewska".into(),
        email: "anna@zaklady.pl".into(),
        password: PASSWORD.into(),
    })
    .await
    .unwrap();
    let phone = device(&server, "anna@zaklady.pl").await;

    let scenario = async {
        // The app's first pass is done when its status turns to synced.
        while let Some(event) = events.recv().await {
            if matches!(
                event,
                AppEvent::SyncStatus {
                    status: SyncStatus::Synced { .. }
                }
            ) {
                break;
            }
        }
        // The first record may come with the second pass (sign-in asked for one); once it is
        // here, only a wake-up brings another pass, and only the live socket wakes the app.
        for last in ["Dąbrowski", "Kamiński"] {
            let id = phone.replica.create(Kind::Person, &person(last)).unwrap();
            sync_once(&phone.replica, &phone.api).await.unwrap();
            while app.replica().unwrap().get(id).is_err() {
                events.recv().await.expect("the app keeps running");
            }
        }
    };
    tokio::select! {
        () = app.run_sync_loop() => unreachable!("the sync loop runs forever"),
        done = tokio::time::timeout(HANG_GUARD, scenario) => done.expect("the record arrived"),
    }
}
