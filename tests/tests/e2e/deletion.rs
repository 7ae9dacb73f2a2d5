//! Deletion on request: an admin asks, confirms with password and the account's name, can
//! cancel during the delay; then the server removes everything of the account — rows,
//! documents, history, e-mails in the outbox — so nothing of it can be found in the
//! database file, while another account goes on untouched. A trial nobody renews goes the
//! same way, through the lifecycle job; one renewed while blocked keeps every record, and
//! the edits a device made meanwhile go up on their own.

use localspace_client::sync::sync_once;
use localspace_core::api::{DeletionRequest, OrderStatus, Role, SignIn, TestOutcome};
use localspace_core::billing::lifecycle::Step;
use localspace_core::{Kind, Patch, RecordId};
use localspace_e2e::{T0, TestServer};
use localspace_server::billing::ProviderKind;
use localspace_server::deletion::run_once;

use crate::billing::renewal;
use crate::devices::{Device, PASSWORD, account, coworker, device};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const MARKER_A: &str = "Wierzbicka-Żółtowska-7731";
const MARKER_B: &str = "Kołodziejczyk-Bętkowski-4410";

fn request(password: &str, name: &str) -> DeletionRequest {
    DeletionRequest {
        password: password.into(),
        account_name: name.into(),
    }
}

/// Rows of the account left in every table that has an `account` column, by table.
fn leftovers(db: &rusqlite::Connection, account: uuid::Uuid) -> Vec<(String, i64)> {
    let tables: Vec<String> = db
        .prepare(
            "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
             WHERE m.type = 'table' AND c.name = 'account'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        tables.len() >= 10,
        "the check sees the account's tables: {tables:?}"
    );
    let mut left = Vec::new();
    for table in tables {
        let n: i64 = db
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE account = ?1"),
                [account.as_bytes()],
                |r| r.get(0),
            )
            .unwrap();
        if n > 0 {
            left.push((table, n));
        }
    }
    left
}

fn file_holds(path: &std::path::Path, marker: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    let needle = marker.as_bytes();
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn a_requested_deletion_waits_can_be_cancelled_and_then_leaves_nothing() {
    let server = TestServer::start(|_| {}).await;
    let admin = account(&server, "anna@zaklady.pl").await;
    coworker(&server, &admin, "jan@zaklady.pl", Role::User).await;
    let anna = device(&server, "anna@zaklady.pl").await;
    let jan = device(&server, "jan@zaklady.pl").await;
    let other_admin = account(&server, "ewa@hurtownia.pl").await;
    let ewa = device(&server, "ewa@hurtownia.pl").await;
    let a_id: uuid::Uuid = admin.account().await.unwrap().id.parse().unwrap();
    let b_id: uuid::Uuid = other_admin.account().await.unwrap().id.parse().unwrap();
    let name = admin.account().await.unwrap().name;

    for (d, marker) in [(&anna, MARKER_A), (&ewa, MARKER_B)] {
        for i in 0..20 {
            d.replica
                .create(
                    Kind::Person,
                    &Patch::new()
                        .text("first_name", &format!("Osoba {i}"))
                        .text("last_name", marker),
                )
                .unwrap();
        }
        sync_once(&d.replica, &d.api).await.unwrap();
    }

    // Only an admin asks, with the right password and the account's exact name.
    let refused = jan.api.request_deletion(&request(PASSWORD, &name)).await;
    assert_eq!(refused.unwrap_err().code(), "admin_only");
    let refused = anna
        .api
        .request_deletion(&request("nie-to-haslo", &name))
        .await;
    assert_eq!(refused.unwrap_err().code(), "wrong_password");
    let refused = anna
        .api
        .request_deletion(&request(PASSWORD, "Zakłady"))
        .await;
    assert_eq!(refused.unwrap_err().code(), "invalid");
    assert_eq!(anna.api.deletion().await.unwrap().deletes_at, None);

    // Asked, then cancelled: nothing happens even long after.
    let asked = anna
        .api
        .request_deletion(&request(PASSWORD, &name))
        .await
        .unwrap();
    assert_eq!(asked.delay_days, 7);
    assert!(asked.deletes_at.is_some() && asked.backups_gone_at.is_some());
    assert_eq!(
        jan.api.deletion().await.unwrap(),
        asked,
        "everyone sees the schedule"
    );
    let mails = localspace_server::mail::read_outbox(server.outbox()).unwrap();
    assert!(
        mails
            .iter()
            .any(|m| m.to == "anna@zaklady.pl" && m.subject.contains("zostanie usunięte")),
        "the admins are told"
    );
    assert_eq!(anna.api.cancel_deletion().await.unwrap().deletes_at, None);
    server.clock.advance(30 * DAY_MS);
    let state = server.state();
    assert!(run_once(&state).await.unwrap().is_empty());
    assert!(sync_once(&anna.replica, &anna.api).await.is_ok());

    // Asked again: due after the delay, not a moment before.
    anna.api
        .request_deletion(&request(PASSWORD, &name))
        .await
        .unwrap();
    server.clock.advance(7 * DAY_MS - 1);
    assert!(run_once(&state).await.unwrap().is_empty());
    server.clock.advance(1);
    assert_eq!(run_once(&state).await.unwrap(), [a_id]);
    assert!(run_once(&state).await.unwrap().is_empty(), "deleted once");

    // Nobody of it signs in; its devices are signed out.
    let sign_in = localspace_client::api::ApiClient::new(&server.url)
        .unwrap()
        .sign_in(&SignIn {
            email: "anna@zaklady.pl".into(),
            password: PASSWORD.into(),
            device: None,
        })
        .await;
    assert!(sign_in.is_err());
    let gone = sync_once(&jan.replica, &jan.api).await.unwrap_err();
    assert_eq!(gone.code(), "invalid_session");

    // Nothing of the account is left in the database: no rows (invoices aside — there are
    // none here), one audit entry with the fact, and not a byte of its records in the file.
    drop(state);
    let path = server.config.database_path();
    let db = rusqlite::Connection::open(&path).unwrap();
    let left = leftovers(&db, a_id);
    assert_eq!(left, [("audit".to_owned(), 1)], "{left:?}");
    let event: String = db
        .query_row(
            "SELECT event FROM audit WHERE account = ?1",
            [a_id.as_bytes()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(event, "account_deleted");
    let users: i64 = db
        .query_row(
            "SELECT count(*) FROM users WHERE email LIKE '%zaklady.pl'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(users, 0);
    drop(db);
    let wal = path.with_extension("sqlite-wal");
    assert!(!file_holds(&path, MARKER_A) && !file_holds(&wal, MARKER_A));
    assert!(
        file_holds(&path, MARKER_B) || file_holds(&wal, MARKER_B),
        "the check finds what is there"
    );

    // No e-mail to its people is kept; the other account's are.
    let mails = localspace_server::mail::read_outbox(server.outbox()).unwrap();
    assert!(mails.iter().all(|m| !m.to.ends_with("@zaklady.pl")));
    assert!(mails.iter().any(|m| m.to == "ewa@hurtownia.pl"));

    // The other account goes on: a new device gets all its records.
    let ewa2 = device(&server, "ewa@hurtownia.pl").await;
    let report = sync_once(&ewa2.replica, &ewa2.api).await.unwrap();
    assert_eq!(report.bootstrapped, 20);
    assert!(!leftovers(&rusqlite::Connection::open(&path).unwrap(), b_id).is_empty());
}

/// A trial nobody renews is blocked at its end and deleted 30 days later by the lifecycle
/// job, through the same purge as a deletion on request: nothing of it is left, while an
/// account whose trial started later is only blocked.
#[tokio::test]
async fn a_lapsed_trial_is_deleted_with_everything_while_a_later_one_waits() {
    let server = TestServer::start(|_| {}).await;
    let admin = account(&server, "anna@zaklady.pl").await;
    let anna = device(&server, "anna@zaklady.pl").await;
    let a_id: uuid::Uuid = admin.account().await.unwrap().id.parse().unwrap();
    server.clock.advance(10 * DAY_MS);
    let other_admin = account(&server, "ewa@hurtownia.pl").await;
    let ewa = device(&server, "ewa@hurtownia.pl").await;
    let b_id: uuid::Uuid = other_admin.account().await.unwrap().id.parse().unwrap();
    for (d, marker) in [(&anna, MARKER_A), (&ewa, MARKER_B)] {
        for i in 0..10 {
            let patch = Patch::new()
                .text("first_name", &format!("Osoba {i}"))
                .text("last_name", marker);
            d.replica.create(Kind::Person, &patch).unwrap();
        }
        sync_once(&d.replica, &d.api).await.unwrap();
    }

    // 14 days of trial and 30 of grace for the first account; the second is 10 days younger.
    // A job that slept through it all blocks and warns first, and deletes a day later.
    let state = server.state();
    for days in [40, 1] {
        server.clock.advance(days * DAY_MS);
        while !localspace_server::billing::lifecycle::run_once(&state)
            .await
            .unwrap()
            .is_empty()
        {}
    }
    let gone = sync_once(&anna.replica, &anna.api).await.unwrap_err();
    assert_eq!(gone.code(), "invalid_session");
    let blocked = sync_once(&ewa.replica, &ewa.api).await.unwrap_err();
    assert_eq!(blocked.code(), "account_blocked", "the later trial waits");

    drop(state);
    let path = server.config.database_path();
    let db = rusqlite::Connection::open(&path).unwrap();
    let left = leftovers(&db, a_id);
    assert!(
        left.iter().all(|(table, _)| table == "audit"),
        "only the fact of deletion stays: {left:?}"
    );
    assert!(!leftovers(&db, b_id).is_empty());
    drop(db);
    let wal = path.with_extension("sqlite-wal");
    assert!(!file_holds(&path, MARKER_A) && !file_holds(&wal, MARKER_A));
    assert!(file_holds(&path, MARKER_B) || file_holds(&wal, MARKER_B));
    let mails = localspace_server::mail::read_outbox(server.outbox()).unwrap();
    assert!(mails.iter().all(|m| !m.to.ends_with("@zaklady.pl")));
    assert!(mails.iter().any(|m| m.to == "ewa@hurtownia.pl"));
}

/// The last names of `ids` on a device, in order.
fn last_names(d: &Device, ids: &[RecordId]) -> Vec<String> {
    ids.iter()
        .map(|id| d.replica.get(*id).unwrap().text("last_name").to_owned())
        .collect()
}

/// A trial that ends is blocked with its data; edits a device made before it learnt of the
/// block wait in its outbox (the app refuses new ones while blocked). Renewed on day 29 of the block, the device pushes them on its next pass, the
/// other device pulls them, and later lifecycle passes delete nothing.
#[tokio::test]
async fn a_renewal_during_the_block_keeps_every_record_and_the_edits_waiting_in_the_outbox() {
    let server = TestServer::start(|c| c.billing.provider = ProviderKind::Test).await;
    let admin = account(&server, "anna@zaklady.pl").await;
    let a = device(&server, "anna@zaklady.pl").await;
    let b = device(&server, "anna@zaklady.pl").await;
    let mut ids: Vec<RecordId> = (0..10)
        .map(|i| {
            let patch = Patch::new()
                .text("first_name", &format!("Osoba {i}"))
                .text("last_name", &format!("Nowak {i}"));
            a.replica.create(Kind::Person, &patch).unwrap()
        })
        .collect();
    assert_eq!(sync_once(&a.replica, &a.api).await.unwrap().pushed, 10);
    assert_eq!(
        sync_once(&b.replica, &b.api).await.unwrap().bootstrapped,
        10
    );

    // A edits three people and adds two, offline as far as the server is concerned.
    for (i, id) in ids.iter().take(3).enumerate() {
        let patch = Patch::new().text("last_name", &format!("Zmieniony {i}"));
        a.replica.update(*id, &patch).unwrap();
    }
    for i in 0..2 {
        let patch = Patch::new()
            .text("first_name", "Nowa")
            .text("last_name", &format!("Dodana {i}"));
        ids.push(a.replica.create(Kind::Person, &patch).unwrap());
    }
    assert_eq!(a.replica.outbox_len().unwrap(), 5);
    let edited = last_names(&a, &ids);

    // The trial ends; the job blocks the account. A's push is refused and its outbox waits;
    // B still reads what was synced.
    let state = server.state();
    let trial_end = T0 + 14 * DAY_MS;
    server.clock.set(trial_end);
    let a_id: uuid::Uuid = admin.account().await.unwrap().id.parse().unwrap();
    let steps = localspace_server::billing::lifecycle::run_once(&state)
        .await
        .unwrap();
    assert_eq!(steps, [(a_id, Step::Block)]);
    let refused = sync_once(&a.replica, &a.api).await.unwrap_err();
    assert_eq!(refused.code(), "account_blocked");
    assert_eq!(a.replica.outbox_len().unwrap(), 5, "the edits wait");
    let blocked = sync_once(&b.replica, &b.api).await.unwrap_err();
    assert_eq!(blocked.code(), "account_blocked");
    assert_eq!(
        last_names(&b, &ids[..10]),
        [
            "Nowak 0", "Nowak 1", "Nowak 2", "Nowak 3", "Nowak 4", "Nowak 5", "Nowak 6", "Nowak 7",
            "Nowak 8", "Nowak 9"
        ]
    );

    // Day 29 of the block: the last warning went out; the admin renews.
    server.clock.set(trial_end + 29 * DAY_MS);
    let steps = localspace_server::billing::lifecycle::run_once(&state)
        .await
        .unwrap();
    assert!(matches!(steps[..], [(_, Step::Warn { days: 1, .. })]));
    let renewed = admin.renew(&renewal(TestOutcome::Success)).await.unwrap();
    assert_eq!(renewed.status, OrderStatus::Paid);
    assert_eq!(admin.account().await.unwrap().status, "active");

    // A's next pass sends the outbox by itself; B pulls A's edits and new people.
    let report = sync_once(&a.replica, &a.api).await.unwrap();
    assert_eq!((report.pushed, report.refused.len()), (5, 0));
    assert_eq!(a.replica.outbox_len().unwrap(), 0);
    sync_once(&b.replica, &b.api).await.unwrap();
    assert_eq!(last_names(&b, &ids), edited);
    assert_eq!(&edited[..3], ["Zmieniony 0", "Zmieniony 1", "Zmieniony 2"]);
    assert_eq!(&edited[10..], ["Dodana 0", "Dodana 1"]);

    // Days 31 and 120 after the trial's end: the paid year runs, nothing is due.
    for day in [31, 120] {
        server.clock.set(trial_end + day * DAY_MS);
        let steps = localspace_server::billing::lifecycle::run_once(&state)
            .await
            .unwrap();
        assert_eq!(steps, [], "day {day}");
    }
    // Every record is on the server: a new device loads all twelve as A holds them.
    let c = device(&server, "anna@zaklady.pl").await;
    assert_eq!(
        sync_once(&c.replica, &c.api).await.unwrap().bootstrapped,
        12
    );
    assert_eq!(last_names(&c, &ids), edited);
}
