//! Log compaction: the server forgets log entries every device seen in the last 30 days has
//! pulled; a device away for longer bootstraps again, keeps its unpushed edits and drops the
//! records erased meanwhile.

use localspace_client::sync::sync_once;
use localspace_core::{Clock, Kind, Patch, RecordId};
use localspace_e2e::TestServer;
use localspace_server::store::SqliteStore;
use localspace_server::sync::compaction::compact_all;

use crate::devices::{account, device, person};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

fn compact(server: &TestServer) -> u64 {
    let store = SqliteStore::open(&server.dir.path().join("data/localspace.sqlite")).unwrap();
    compact_all(&store, server.clock.now_ms()).unwrap()
}

#[tokio::test]
async fn a_device_behind_the_horizon_bootstraps_again_and_keeps_its_edits() {
    let server = TestServer::start(|_| {}).await;
    account(&server, "anna@zaklady.pl").await;
    let desk = device(&server, "anna@zaklady.pl").await;
    let old_laptop = device(&server, "anna@zaklady.pl").await;
    let kept = desk.replica.create(Kind::Person, &person("Nowak")).unwrap();
    let erased = desk
        .replica
        .create(Kind::Person, &person("Usunięty"))
        .unwrap();
    sync_once(&desk.replica, &desk.api).await.unwrap();
    sync_once(&old_laptop.replica, &old_laptop.api)
        .await
        .unwrap();

    // The old laptop goes into a drawer with an unpushed edit.
    old_laptop
        .replica
        .update(kept, &Patch::new().text("city", "Łódź"))
        .unwrap();
    // Meanwhile the desk erases one record and adds another, and keeps syncing for a month.
    desk.replica.erase(erased).unwrap();
    let added = desk.replica.create(Kind::Person, &person("Nowy")).unwrap();
    sync_once(&desk.replica, &desk.api).await.unwrap();
    server.clock.advance(31 * DAY_MS);
    sync_once(&desk.replica, &desk.api).await.unwrap();

    assert!(
        compact(&server) > 0,
        "the log below the desk's cursor is gone"
    );
    // The desk, up to date, pulls on as before.
    let report = sync_once(&desk.replica, &desk.api).await.unwrap();
    assert_eq!(report.bootstrapped, 0);

    // The laptop comes back: its edit goes out, it loads the records again, and the erased
    // record goes from it even though the log entry announcing it is gone.
    let report = sync_once(&old_laptop.replica, &old_laptop.api)
        .await
        .unwrap();
    assert_eq!(report.pushed, 1);
    assert!(report.bootstrapped > 0);
    assert!(old_laptop.replica.get(erased).is_err());
    assert_eq!(
        old_laptop.replica.get(added).unwrap().text("last_name"),
        "Nowy"
    );
    assert_eq!(old_laptop.replica.get(kept).unwrap().text("city"), "Łódź");
    assert_eq!(old_laptop.replica.outbox_len().unwrap(), 0);
    sync_once(&desk.replica, &desk.api).await.unwrap();
    assert_eq!(desk.replica.get(kept).unwrap().text("city"), "Łódź");
}

#[tokio::test]
async fn a_device_seen_lately_holds_the_horizon_and_tombstones_stay_per_account() {
    let server = TestServer::start(|_| {}).await;
    account(&server, "anna@zaklady.pl").await;
    account(&server, "ola@piekarnia.pl").await;
    let desk = device(&server, "anna@zaklady.pl").await;
    let laptop = device(&server, "anna@zaklady.pl").await;
    let ola = device(&server, "ola@piekarnia.pl").await;
    desk.replica.create(Kind::Person, &person("Nowak")).unwrap();
    sync_once(&desk.replica, &desk.api).await.unwrap();
    sync_once(&laptop.replica, &laptop.api).await.unwrap();
    for last in ["Wójcik", "Mazur"] {
        desk.replica.create(Kind::Person, &person(last)).unwrap();
    }
    sync_once(&desk.replica, &desk.api).await.unwrap();

    // The laptop was seen 10 days ago: nothing it has not pulled may go.
    server.clock.advance(10 * DAY_MS);
    sync_once(&desk.replica, &desk.api).await.unwrap();
    compact(&server);
    let report = sync_once(&laptop.replica, &laptop.api).await.unwrap();
    assert_eq!(report.bootstrapped, 0, "the laptop pulls the log as usual");
    assert_eq!(report.pulled, 2);

    // Ola's erasure is hers alone.
    let gone = ola
        .replica
        .create(Kind::Person, &person("Zieliński"))
        .unwrap();
    sync_once(&ola.replica, &ola.api).await.unwrap();
    ola.replica.erase(gone).unwrap();
    sync_once(&ola.replica, &ola.api).await.unwrap();
    let hers = ola.api.erased(None, 100).await.unwrap();
    assert_eq!(hers.ids, vec![gone]);
    let annas: Vec<RecordId> = desk.api.erased(None, 100).await.unwrap().ids;
    assert!(annas.is_empty());
}
