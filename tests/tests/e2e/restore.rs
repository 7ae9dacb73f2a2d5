//! Restoring one account to a chosen hour: its edits after that hour are gone, another
//! account is untouched byte for byte, and its devices re-bootstrap, keeping their unpushed
//! edits rebased on the restored state; nothing pushes the undone history back.

use localspace_client::sync::sync_once;
use localspace_core::sync::PushRequest;
use localspace_core::{Clock, Kind, Patch};
use localspace_e2e::TestServer;
use localspace_server::Config;
use localspace_server::backup::restore::restore_account;
use localspace_server::backup::schedule::Backups;
use localspace_server::store::SqliteStore;
use uuid::Uuid;

use crate::devices::{account, device, person};

const HOUR_MS: i64 = 60 * 60 * 1000;

/// The backups of a test server (its job is off: the tests move the clock and run passes).
pub fn backups(server: &TestServer) -> Backups {
    Backups::of(&Config {
        data_dir: server.dir.path().join("data"),
        ..Config::default()
    })
}

pub fn store(server: &TestServer) -> SqliteStore {
    SqliteStore::open(&server.dir.path().join("data/localspace.sqlite")).unwrap()
}

/// Every row an account has in the sync tables and users, column by column, in a fixed
/// order.
fn sync_rows(server: &TestServer, account: Uuid) -> Vec<Vec<rusqlite::types::Value>> {
    let db = rusqlite::Connection::open(server.dir.path().join("data/localspace.sqlite")).unwrap();
    let mut rows = Vec::new();
    for sql in [
        "SELECT * FROM sync_docs WHERE account = ?1 ORDER BY id",
        "SELECT * FROM sync_log WHERE account = ?1 ORDER BY cursor",
        "SELECT * FROM sync_actors WHERE account = ?1 ORDER BY actor",
        "SELECT * FROM users WHERE account = ?1 ORDER BY id",
    ] {
        let mut stmt = db.prepare(sql).unwrap();
        let width = stmt.column_count();
        let found = stmt
            .query_map([account.as_bytes()], |r| {
                (0..width)
                    .map(|i| r.get(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap();
        rows.extend(found.map(Result::unwrap));
    }
    assert!(!rows.is_empty());
    rows
}

#[tokio::test]
async fn restore_puts_one_account_back_and_its_devices_keep_their_unpushed_edits() {
    let server = TestServer::start(|c| c.backup.enabled = false).await;
    let anna = account(&server, "anna@zaklady.pl").await;
    let ola = account(&server, "ola@piekarnia.pl").await;
    let restored_account = Uuid::parse_str(&anna.account().await.unwrap().id).unwrap();
    let other_account = Uuid::parse_str(&ola.account().await.unwrap().id).unwrap();
    let desk = device(&server, "anna@zaklady.pl").await;
    let laptop = device(&server, "anna@zaklady.pl").await;
    let bakery = device(&server, "ola@piekarnia.pl").await;

    // Morning: records both accounts keep.
    let nowak = desk
        .replica
        .create(Kind::Person, &person("Nowak").text("city", "Łódź"))
        .unwrap();
    let gone_later = desk.replica.create(Kind::Person, &person("Zięba")).unwrap();
    sync_once(&desk.replica, &desk.api).await.unwrap();
    sync_once(&laptop.replica, &laptop.api).await.unwrap();
    let bread = bakery
        .replica
        .create(Kind::Company, &Patch::new().text("name", "Piekarnia Żółw"))
        .unwrap();
    sync_once(&bakery.replica, &bakery.api).await.unwrap();

    // The 12-hour backup.
    server.clock.advance(12 * HOUR_MS);
    let backups = backups(&server);
    let pass = backups.run_once(server.clock.now_ms()).unwrap();
    assert!(pass.taken.as_ref().is_some_and(|m| m.verified));
    let chosen_hour = server.clock.now_ms() + HOUR_MS / 2;

    // An hour later the mistakes: the desk overwrites a city, adds a record, trashes one.
    server.clock.advance(HOUR_MS);
    desk.replica
        .update(nowak, &Patch::new().text("city", "Kraków"))
        .unwrap();
    let added_after = desk
        .replica
        .create(Kind::Person, &person("Później"))
        .unwrap();
    desk.replica.soft_delete(gone_later).unwrap();
    sync_once(&desk.replica, &desk.api).await.unwrap();
    // The laptop takes all that, then works offline: an edit and a new record, unpushed.
    sync_once(&laptop.replica, &laptop.api).await.unwrap();
    assert_eq!(laptop.replica.get(nowak).unwrap().text("city"), "Kraków");
    laptop
        .replica
        .update(nowak, &Patch::new().text("position", "Kierownik zakupów"))
        .unwrap();
    let offline_new = laptop
        .replica
        .create(Kind::Person, &person("Nowy"))
        .unwrap();
    // The other account works on too.
    bakery
        .replica
        .update(bread, &Patch::new().text("city", "Gdańsk"))
        .unwrap();
    sync_once(&bakery.replica, &bakery.api).await.unwrap();
    let other_before = sync_rows(&server, other_account);

    // The admin command: Anna's account back to half past the backup.
    let done = restore_account(
        &backups,
        &store(&server),
        restored_account,
        chosen_hour,
        server.clock.now_ms(),
    )
    .unwrap();
    assert_eq!(done.restored.epoch, 1);
    assert_eq!(
        sync_rows(&server, other_account),
        other_before,
        "the other account is untouched byte for byte"
    );

    // A push from before the restore is refused: its history would undo the restore.
    let stale = desk
        .api
        .push(&PushRequest {
            docs: vec![],
            erase: vec![],
            epoch: 0,
        })
        .await
        .unwrap_err();
    assert_eq!(stale.code(), "epoch_changed");

    // The laptop rebases: restored values, plus its own unpushed ones on top.
    let report = sync_once(&laptop.replica, &laptop.api).await.unwrap();
    assert!(report.rebased);
    let rebased = laptop.replica.get(nowak).unwrap();
    assert_eq!(rebased.text("city"), "Łódź", "the restore undid Kraków");
    assert_eq!(
        rebased.text("position"),
        "Kierownik zakupów",
        "the unpushed edit stays"
    );
    assert!(
        laptop.replica.get(added_after).is_err(),
        "made after the hour"
    );
    assert!(!laptop.replica.get(gone_later).unwrap().is_deleted());
    assert_eq!(
        laptop.replica.get(offline_new).unwrap().text("last_name"),
        "Nowy"
    );
    assert_eq!(
        laptop.replica.outbox_len().unwrap(),
        0,
        "the rebased edits went out"
    );

    // The desk (nothing unpushed) converges to restored + rebased, and pushes nothing back.
    let report = sync_once(&desk.replica, &desk.api).await.unwrap();
    assert!(report.rebased);
    assert_eq!(report.pushed, 0);
    let on_desk = desk.replica.get(nowak).unwrap();
    assert_eq!(on_desk.text("city"), "Łódź");
    assert_eq!(on_desk.text("position"), "Kierownik zakupów");
    assert!(desk.replica.get(added_after).is_err());
    assert!(!desk.replica.get(gone_later).unwrap().is_deleted());
    assert_eq!(
        desk.replica.get(offline_new).unwrap().text("last_name"),
        "Nowy"
    );

    // Later passes change nothing, and a fresh device sees the same state.
    sync_once(&laptop.replica, &laptop.api).await.unwrap();
    sync_once(&desk.replica, &desk.api).await.unwrap();
    let fresh = device(&server, "anna@zaklady.pl").await;
    sync_once(&fresh.replica, &fresh.api).await.unwrap();
    let on_fresh = fresh.replica.get(nowak).unwrap();
    assert_eq!(on_fresh.text("city"), "Łódź");
    assert_eq!(on_fresh.text("position"), "Kierownik zakupów");
    assert!(fresh.replica.get(added_after).is_err());
    for id in [nowak, gone_later, offline_new] {
        assert_eq!(
            fresh.replica.get(id).unwrap().fields,
            desk.replica.get(id).unwrap().fields
        );
    }

    // The other account's device syncs as before.
    let report = sync_once(&bakery.replica, &bakery.api).await.unwrap();
    assert!(!report.rebased);
    assert_eq!(bakery.replica.get(bread).unwrap().text("city"), "Gdańsk");

    // The restore is in the account's audit log.
    let audit = anna.audit(None, 10).await.unwrap();
    assert!(audit.entries.iter().any(|e| e.event == "account_restored"));
}
