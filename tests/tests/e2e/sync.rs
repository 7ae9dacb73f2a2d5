//! Devices with their own replica files sync through a real server.

use localspace_client::sync::sync_once;
use localspace_core::api::Role;
use localspace_core::sync::{DocPush, DocStatus, PushRequest};
use localspace_core::{Kind, Patch, Value};
use localspace_e2e::TestServer;

use crate::devices::{account, coworker, device, person};

#[tokio::test]
async fn three_devices_edit_offline_and_converge_through_the_server() {
    let server = TestServer::start(|_| {}).await;
    account(&server, "anna@zaklady.pl").await;
    let devices = [
        device(&server, "anna@zaklady.pl").await,
        device(&server, "anna@zaklady.pl").await,
        device(&server, "anna@zaklady.pl").await,
    ];
    let id = devices[0]
        .replica
        .create(Kind::Person, &person("Nowak"))
        .unwrap();
    for d in &devices {
        sync_once(&d.replica, &d.api).await.unwrap();
    }
    // Offline: the same field, the same note, a delete against an edit, and new records.
    for (i, (d, city)) in devices.iter().zip(["Łódź", "Kraków", "Gdańsk"]).enumerate() {
        d.replica
            .update(id, &Patch::new().text("city", city))
            .unwrap();
        let note = ["Ważny klient. ", "Dzwonić rano. ", "Faktura co miesiąc. "][i];
        d.replica
            .update(
                id,
                &Patch::new().set("description", Value::LongText(note.into())),
            )
            .unwrap();
        d.replica
            .create(
                Kind::Company,
                &Patch::new().text("name", &format!("Firma {i}")),
            )
            .unwrap();
    }
    devices[2].replica.soft_delete(id).unwrap();
    // Reconnect in a scrambled order, twice round.
    for order in [[2, 0, 1], [1, 2, 0]] {
        for i in order {
            sync_once(&devices[i].replica, &devices[i].api)
                .await
                .unwrap();
        }
    }
    let records: Vec<_> = devices.iter().map(|d| d.replica.get(id).unwrap()).collect();
    assert_eq!(records[0], records[1]);
    assert_eq!(records[0], records[2]);
    let city = &records[0].fields["city"];
    assert_eq!(city.conflicts.len(), 2, "every device shows the conflict");
    let note = records[0].text("description");
    for part in ["Ważny klient.", "Dzwonić rano.", "Faktura co miesiąc."] {
        assert!(note.contains(part), "{note}");
    }
    assert!(
        records[0].is_deleted(),
        "the delete stands; the edits are kept for a restore"
    );
    for d in &devices {
        assert_eq!(d.replica.search("firma", 10).unwrap().len(), 3);
        assert_eq!(d.replica.outbox_len().unwrap(), 0);
    }
}

#[tokio::test]
async fn a_retried_push_appends_nothing_and_missing_history_is_asked_for() {
    let server = TestServer::start(|_| {}).await;
    account(&server, "anna@zaklady.pl").await;
    let a = device(&server, "anna@zaklady.pl").await;
    let id = a.replica.create(Kind::Person, &person("Lis")).unwrap();
    let first = a.replica.unpushed(10).unwrap().remove(0);
    a.replica.mark_pushed(id, &first.heads).unwrap();
    a.replica
        .update(id, &Patch::new().text("city", "Toruń"))
        .unwrap();
    let second = a.replica.unpushed(10).unwrap().remove(0);

    // The edit alone: the server lacks its history and says so instead of queueing it.
    let lone = PushRequest {
        docs: vec![DocPush {
            id,
            kind: Kind::Person,
            changes: second.changes.clone(),
            saved: None,
        }],
        erase: vec![],
        epoch: 0,
    };
    let answer = a.api.push(&lone).await.unwrap();
    assert!(
        matches!(answer.results[0].status, DocStatus::MissingDeps { ref missing } if missing.len() == 1)
    );

    let mut chain = first.change_bytes().unwrap();
    chain.extend(second.changes.clone());
    let full = PushRequest {
        docs: vec![DocPush {
            id,
            kind: Kind::Person,
            changes: chain,
            saved: None,
        }],
        erase: vec![],
        epoch: 0,
    };
    let answer = a.api.push(&full).await.unwrap();
    assert_eq!(
        answer.results[0].status,
        DocStatus::Accepted { appended: 2 }
    );
    // The answer is lost; the device retries the same push.
    let retry = a.api.push(&full).await.unwrap();
    assert_eq!(retry.results[0].status, DocStatus::Accepted { appended: 0 });
    assert_eq!(retry.cursor, answer.cursor);
    let log = a.api.pull(0, 100, 0).await.unwrap();
    assert_eq!(log.entries.len(), 2);

    // The engine itself recovers from a missing history: B only ever pushes its edit.
    let b = device(&server, "anna@zaklady.pl").await;
    sync_once(&b.replica, &b.api).await.unwrap();
    assert_eq!(b.replica.get(id).unwrap().text("city"), "Toruń");
}

#[tokio::test]
async fn a_puller_in_a_tight_loop_misses_nothing_while_many_devices_push() {
    let server = TestServer::start(|_| {}).await;
    account(&server, "anna@zaklady.pl").await;
    let mut pushers = Vec::new();
    for _ in 0..5 {
        pushers.push(device(&server, "anna@zaklady.pl").await);
    }
    let puller = device(&server, "anna@zaklady.pl").await;
    let per_device = 40;
    let pushing = async {
        let tasks = pushers.iter().enumerate().map(|(n, d)| async move {
            for i in 0..per_device {
                d.replica
                    .create(Kind::Person, &person(&format!("Urządzenie{n} Nr{i}")))
                    .unwrap();
                sync_once(&d.replica, &d.api).await.unwrap();
            }
        });
        futures_join(tasks).await;
    };
    let pulling = async {
        let mut after = 0;
        let mut seen = 0;
        while seen < 5 * per_device {
            let page = puller.api.pull(after, 7, 0).await.unwrap();
            for e in &page.entries {
                assert_eq!(e.cursor, after + 1, "a cursor was skipped");
                after = e.cursor;
                seen += 1;
            }
            tokio::task::yield_now().await;
        }
        seen
    };
    let ((), seen) = tokio::join!(pushing, pulling);
    assert_eq!(seen, 5 * per_device);
}

/// Runs futures concurrently on this task.
async fn futures_join<F: std::future::Future<Output = ()>>(futures: impl IntoIterator<Item = F>) {
    let mut set: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    std::future::poll_fn(move |cx| {
        set.retain_mut(|f| f.as_mut().poll(cx).is_pending());
        if set.is_empty() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
}

#[tokio::test]
async fn a_blocked_account_pulls_but_cannot_push_and_keeps_its_outbox() {
    let server = TestServer::start(|_| {}).await;
    let admin = account(&server, "anna@zaklady.pl").await;
    let a = device(&server, "anna@zaklady.pl").await;
    let b = device(&server, "anna@zaklady.pl").await;
    a.replica.create(Kind::Person, &person("Przed")).unwrap();
    sync_once(&a.replica, &a.api).await.unwrap();
    let from_b = b.replica.create(Kind::Person, &person("Kolega")).unwrap();
    sync_once(&b.replica, &b.api).await.unwrap();
    let account_id = admin.me().await.unwrap().account.id;
    block(&server, &account_id, "blocked");
    a.replica.create(Kind::Person, &person("Po")).unwrap();
    let err = sync_once(&a.replica, &a.api).await.unwrap_err();
    assert_eq!(err.code(), "account_blocked");
    assert_eq!(
        a.replica.outbox_len().unwrap(),
        1,
        "the edit waits on the device"
    );
    // A device with nothing to send learns it from the pull.
    let err = sync_once(&b.replica, &b.api).await.unwrap_err();
    assert_eq!(err.code(), "account_blocked");
    let pulled = a.replica.get(from_b).unwrap();
    assert_eq!(
        pulled.text("last_name"),
        "Kolega",
        "a blocked account still pulls"
    );
    block(&server, &account_id, "active");
    sync_once(&a.replica, &a.api).await.unwrap();
    assert_eq!(a.replica.outbox_len().unwrap(), 0);
}

/// Sets the account's status in the server's database (billing does this in its issue).
fn block(server: &TestServer, account: &str, status: &str) {
    let conn =
        rusqlite::Connection::open(server.dir.path().join("data/localspace.sqlite")).unwrap();
    let id = uuid_bytes(account);
    conn.execute(
        "UPDATE accounts SET status = ?2 WHERE id = ?1",
        rusqlite::params![id, status],
    )
    .unwrap();
}

fn uuid_bytes(s: &str) -> Vec<u8> {
    let hex: String = s.chars().filter(|c| *c != '-').collect();
    (0..16)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

#[tokio::test]
async fn accounts_never_see_each_others_log_and_garbage_is_refused() {
    let server = TestServer::start(|_| {}).await;
    account(&server, "anna@alfa.pl").await;
    account(&server, "ewa@beta.pl").await;
    let a = device(&server, "anna@alfa.pl").await;
    let b = device(&server, "ewa@beta.pl").await;
    let id = a.replica.create(Kind::Person, &person("Tajny")).unwrap();
    sync_once(&a.replica, &a.api).await.unwrap();
    sync_once(&b.replica, &b.api).await.unwrap();
    assert!(b.api.pull(0, 100, 0).await.unwrap().entries.is_empty());
    assert!(matches!(
        b.replica.get(id),
        Err(localspace_client::Error::NotFound(_))
    ));

    let http = reqwest::Client::new();
    let token = b.api.token().unwrap().to_owned();
    let send = |body: Vec<u8>| {
        http.post(format!("{}/sync/v1/push", server.url))
            .bearer_auth(&token)
            .body(body)
            .send()
    };
    let mut old = localspace_core::sync::encode(&PushRequest {
        docs: vec![],
        erase: vec![],
        epoch: 0,
    });
    old[4..6].copy_from_slice(&0u16.to_be_bytes());
    let truncated = localspace_core::sync::encode(&PushRequest {
        docs: vec![DocPush {
            id,
            kind: Kind::Person,
            changes: vec![vec![1; 50]],
            saved: None,
        }],
        erase: vec![],
        epoch: 0,
    });
    for (body, status, code) in [
        (b"{\"docs\": []}".to_vec(), 400, "bad_message"),
        (
            truncated[..truncated.len() - 3].to_vec(),
            400,
            "bad_message",
        ),
        (old, 426, "upgrade_required"),
    ] {
        let res = send(body).await.unwrap();
        assert_eq!(res.status().as_u16(), status);
        let json: serde_json::Value = res.json().await.unwrap();
        assert_eq!(json["code"], code);
    }
    // A change that is not automerge is refused for that record only.
    let answer = b
        .api
        .push(&PushRequest {
            docs: vec![DocPush {
                id,
                kind: Kind::Person,
                changes: vec![vec![7; 40]],
                saved: None,
            }],
            erase: vec![],
            epoch: 0,
        })
        .await
        .unwrap();
    assert!(
        matches!(answer.results[0].status, DocStatus::Refused { ref code, .. } if code == "bad_change")
    );
    sync_once(&b.replica, &b.api).await.unwrap();
}

#[tokio::test]
async fn an_erased_record_is_gone_everywhere_and_an_offline_edit_does_not_bring_it_back() {
    let server = TestServer::start(|_| {}).await;
    let admin_api = account(&server, "anna@zaklady.pl").await;
    let admin = device(&server, "anna@zaklady.pl").await;
    let laptop = device(&server, "anna@zaklady.pl").await;
    let id = admin
        .replica
        .create(Kind::Person, &person("Doerase"))
        .unwrap();
    let keep = admin
        .replica
        .create(Kind::Person, &person("Zostaje"))
        .unwrap();
    sync_once(&admin.replica, &admin.api).await.unwrap();
    sync_once(&laptop.replica, &laptop.api).await.unwrap();

    // The laptop goes offline and edits the record; meanwhile the admin erases it.
    laptop
        .replica
        .update(id, &Patch::new().text("city", "Poznań"))
        .unwrap();
    admin.replica.erase(id).unwrap();
    let report = sync_once(&admin.replica, &admin.api).await.unwrap();
    assert!(report.refused.is_empty());
    assert!(admin.replica.unpushed_erasures().unwrap().is_empty());

    // Back online: the edit is answered `Erased`, the record goes, nothing is recreated.
    sync_once(&laptop.replica, &laptop.api).await.unwrap();
    assert!(matches!(
        laptop.replica.get(id),
        Err(localspace_client::Error::Erased(_))
    ));
    assert!(laptop.replica.search("doerase", 5).unwrap().is_empty());
    assert_eq!(laptop.replica.outbox_len().unwrap(), 0);
    assert_eq!(
        laptop.replica.get(keep).unwrap().text("last_name"),
        "Zostaje"
    );
    let fresh = device(&server, "anna@zaklady.pl").await;
    sync_once(&fresh.replica, &fresh.api).await.unwrap();
    assert!(
        fresh.replica.get(id).is_err(),
        "the history is gone from the server"
    );
    assert!(fresh.replica.get(keep).is_ok());
    let audit = admin_api.audit(None, 50).await.unwrap();
    assert!(audit.entries.iter().any(|e| e.event == "record_erased"));
}

#[tokio::test]
async fn only_admins_erase_and_a_refused_erase_gives_the_record_back() {
    let server = TestServer::start(|_| {}).await;
    let admin_api = account(&server, "anna@zaklady.pl").await;
    coworker(&server, &admin_api, "jan@zaklady.pl", Role::User).await;
    let jan = device(&server, "jan@zaklady.pl").await;
    let id = jan.replica.create(Kind::Person, &person("Klient")).unwrap();
    sync_once(&jan.replica, &jan.api).await.unwrap();
    jan.replica.erase(id).unwrap();
    let report = sync_once(&jan.replica, &jan.api).await.unwrap();
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].1, "admin_only");
    assert!(jan.replica.unpushed_erasures().unwrap().is_empty());
    // The same pass bootstrapped: the record is back on the device that tried to erase it.
    assert!(report.bootstrapped >= 1);
    assert_eq!(jan.replica.get(id).unwrap().text("last_name"), "Klient");
    let other = device(&server, "jan@zaklady.pl").await;
    sync_once(&other.replica, &other.api).await.unwrap();
    assert!(other.replica.get(id).is_ok(), "the server kept the record");
}

#[tokio::test]
async fn a_new_device_bootstraps_10_000_records_with_progress_then_follows_the_log() {
    let server = TestServer::start(|_| {}).await;
    account(&server, "anna@zaklady.pl").await;
    let a = device(&server, "anna@zaklady.pl").await;
    let patches: Vec<Patch> = (0..10_000)
        .map(|i| person(&format!("Nowak {i:05}")))
        .collect();
    let ids = a
        .replica
        .write(|b| b.create_many(Kind::Person, &patches))
        .unwrap();
    a.replica
        .update(ids[0], &Patch::new().text("city", "Łódź"))
        .unwrap();
    sync_once(&a.replica, &a.api).await.unwrap();

    let b = device(&server, "anna@zaklady.pl").await;
    let mut seen = Vec::new();
    let report =
        localspace_client::sync::sync_with_progress(&b.replica, &b.api, &mut |done, total| {
            seen.push((done, total))
        })
        .await
        .unwrap();
    assert_eq!(report.bootstrapped, 10_000);
    assert_eq!(report.pulled, 0, "the log tail was empty");
    assert_eq!(seen.last(), Some(&(10_000, 10_000)));
    assert!(
        seen.len() >= 10 && seen.windows(2).all(|w| w[0].0 < w[1].0),
        "progress moves forward"
    );
    assert_eq!(b.replica.get(ids[0]).unwrap().text("city"), "Łódź");
    assert_eq!(
        b.replica
            .search_kind(Kind::Person, "nowak", 20_000)
            .unwrap()
            .len(),
        10_000
    );
    assert_eq!(
        b.replica.outbox_len().unwrap(),
        0,
        "nothing bootstrapped is pushed back"
    );

    // Afterwards B follows the log.
    a.replica
        .update(ids[1], &Patch::new().text("city", "Gdańsk"))
        .unwrap();
    sync_once(&a.replica, &a.api).await.unwrap();
    let report = sync_once(&b.replica, &b.api).await.unwrap();
    assert_eq!((report.bootstrapped, report.pulled), (0, 1));
    assert_eq!(b.replica.get(ids[1]).unwrap().text("city"), "Gdańsk");
}
