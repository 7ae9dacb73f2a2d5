//! Visibility: a private deal and the tasks and notes hanging from it reach only the people
//! who may see it; widening it delivers it (a grant with the document), narrowing it again
//! takes it off their devices (a revoke), also for a device that was away meanwhile.

use localspace_client::sync::sync_once;
use localspace_core::api::Role;
use localspace_core::sync::EntryBody;
use localspace_core::{Clock, Kind, Patch, RecordId, UserId, Value};
use localspace_e2e::TestServer;
use localspace_server::store::SqliteStore;
use localspace_server::sync::compaction::compact_all;

use crate::devices::{Device, account, coworker, device};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

struct Team {
    anna: Device,
    jan: Device,
    ola: Device,
    marek: Device,
    anna_id: UserId,
    jan_id: UserId,
    ola_id: UserId,
}

/// Anna (admin), Jan and Ola (salespeople), Marek (manager), one device each.
async fn team(server: &TestServer) -> Team {
    let admin = account(server, "anna@zaklady.pl").await;
    coworker(server, &admin, "jan@zaklady.pl", Role::User).await;
    coworker(server, &admin, "ola@zaklady.pl", Role::User).await;
    coworker(server, &admin, "marek@zaklady.pl", Role::Manager).await;
    let anna = device(server, "anna@zaklady.pl").await;
    let jan = device(server, "jan@zaklady.pl").await;
    let ola = device(server, "ola@zaklady.pl").await;
    let marek = device(server, "marek@zaklady.pl").await;
    let anna_id = anna.api.me().await.unwrap().user.id;
    let jan_id = jan.api.me().await.unwrap().user.id;
    let ola_id = ola.api.me().await.unwrap().user.id;
    Team {
        anna,
        jan,
        ola,
        marek,
        anna_id,
        jan_id,
        ola_id,
    }
}

/// A private deal of Anna's with a task and a note hanging from it; returns their ids.
fn private_deal(team: &Team) -> [RecordId; 3] {
    let deal = team
        .anna
        .replica
        .create(
            Kind::Deal,
            &Patch::new()
                .text("title", "Przejęcie hurtowni w Żyrardowie")
                .set("owner", Value::Ref(team.anna_id.0))
                .text("visibility", "private"),
        )
        .unwrap();
    let task = team
        .anna
        .replica
        .create(
            Kind::Task,
            &Patch::new()
                .text("title", "Przygotować ofertę")
                .set("links", Value::RefSet([deal.0].into())),
        )
        .unwrap();
    let note = team
        .anna
        .replica
        .create(
            Kind::Activity,
            &Patch::new()
                .text("type", "note")
                .set("body", Value::LongText("Cena wstępna 4,2 mln zł".into()))
                .set("links", Value::RefSet([deal.0].into())),
        )
        .unwrap();
    [deal, task, note]
}

async fn sync(device: &Device) -> localspace_client::sync::SyncReport {
    let report = sync_once(&device.replica, &device.api).await.unwrap();
    assert!(report.damaged.is_empty(), "{:?}", report.damaged);
    report
}

fn holds(device: &Device, ids: &[RecordId]) -> Vec<bool> {
    ids.iter()
        .map(|id| device.replica.get(*id).is_ok())
        .collect()
}

#[tokio::test]
async fn a_private_deal_reaches_only_its_people_and_leaves_when_narrowed() {
    let server = TestServer::start(|_| {}).await;
    let t = team(&server).await;
    let public = t
        .anna
        .replica
        .create(Kind::Company, &Patch::new().text("name", "Hurtownia Łódź"))
        .unwrap();
    let ids = private_deal(&t);
    sync(&t.anna).await;

    // The salespeople get the public company and nothing of the private deal, not even in
    // the raw log or in the bootstrap count; the manager sees everything.
    for d in [&t.jan, &t.ola] {
        sync(d).await;
        assert!(d.replica.get(public).is_ok());
        assert_eq!(holds(d, &ids), [false; 3]);
        let log = d.api.pull(0, 1000, 0).await.unwrap();
        assert!(log.entries.iter().all(|e| !ids.contains(&e.id)));
        assert!(log.entries.iter().any(|e| e.id == public));
        assert_eq!(d.api.bootstrap(None, 100).await.unwrap().total, 1);
        // A hidden entry still moves the cursor: nothing is pulled again and again.
        assert_eq!(
            log.cursor,
            t.anna.api.pull(0, 1000, 0).await.unwrap().cursor
        );
    }
    sync(&t.marek).await;
    assert_eq!(holds(&t.marek, &ids), [true; 3]);

    // Anna adds Jan as a participant: Jan gets the deal, its task and its note; Ola not.
    t.anna
        .replica
        .update(
            ids[0],
            &Patch::new().set("participants", Value::RefSet([t.jan_id.0].into())),
        )
        .unwrap();
    sync(&t.anna).await;
    let report = sync(&t.jan).await;
    assert_eq!(report.granted, 3);
    assert_eq!(holds(&t.jan, &ids), [true; 3]);
    assert_eq!(
        t.jan.replica.get(ids[2]).unwrap().get("body"),
        Some(&Value::LongText("Cena wstępna 4,2 mln zł".into()))
    );
    sync(&t.ola).await;
    assert_eq!(holds(&t.ola, &ids), [false; 3]);

    // Jan's edit to the shared deal goes through and reaches Anna.
    t.jan
        .replica
        .update(ids[0], &Patch::new().set("probability", Value::Int(40)))
        .unwrap();
    assert!(sync(&t.jan).await.refused.is_empty());
    sync(&t.anna).await;
    assert_eq!(
        t.anna.replica.get(ids[0]).unwrap().get("probability"),
        Some(&Value::Int(40))
    );

    // Made public: Ola gets all three, with Jan's edit.
    t.anna
        .replica
        .update(ids[0], &Patch::new().text("visibility", "public"))
        .unwrap();
    sync(&t.anna).await;
    sync(&t.ola).await;
    assert_eq!(holds(&t.ola, &ids), [true; 3]);
    assert_eq!(
        t.ola.replica.get(ids[0]).unwrap().get("probability"),
        Some(&Value::Int(40))
    );

    // Narrowed again to Anna alone: the deal, its task and its note leave both devices;
    // the manager keeps them and the public company stays everywhere.
    t.anna
        .replica
        .update(
            ids[0],
            &Patch::new()
                .text("visibility", "private")
                .set("participants", Value::RefSet(Default::default())),
        )
        .unwrap();
    sync(&t.anna).await;
    for d in [&t.jan, &t.ola] {
        let report = sync(d).await;
        assert_eq!(report.revoked, 3);
        assert_eq!(holds(d, &ids), [false; 3]);
        assert!(d.replica.get(public).is_ok());
        assert!(
            d.replica.search("Żyrardowie", 10).unwrap().is_empty(),
            "nothing of it stays searchable"
        );
    }
    sync(&t.marek).await;
    assert_eq!(holds(&t.marek, &ids), [true; 3]);

    // Later changes of the deal stay hidden from them.
    t.anna
        .replica
        .update(ids[0], &Patch::new().set("probability", Value::Int(70)))
        .unwrap();
    sync(&t.anna).await;
    let log = t.jan.api.pull(0, 1000, 0).await.unwrap();
    assert!(
        log.entries
            .iter()
            .filter(|e| ids.contains(&e.id))
            .all(|e| matches!(e.body, EntryBody::Granted(_) | EntryBody::Revoked)),
        "only Jan's own grants and revokes name the deal"
    );
}

#[tokio::test]
async fn a_task_is_seen_by_its_assignee_and_a_hidden_record_cannot_be_pushed_to() {
    let server = TestServer::start(|_| {}).await;
    let t = team(&server).await;
    let ids = private_deal(&t);
    // The task is assigned to Ola: she sees her task, not the deal nor its note.
    t.anna
        .replica
        .update(
            ids[1],
            &Patch::new().set("assignee", Value::Ref(t.ola_id.0)),
        )
        .unwrap();
    sync(&t.anna).await;
    sync(&t.ola).await;
    assert_eq!(holds(&t.ola, &ids), [false, true, false]);

    // Jan holds the deal as a participant and edits it offline; meanwhile Anna removes
    // him. His push is refused as `not_visible`, and the pull takes the deal away.
    t.anna
        .replica
        .update(
            ids[0],
            &Patch::new().set("participants", Value::RefSet([t.jan_id.0].into())),
        )
        .unwrap();
    sync(&t.anna).await;
    sync(&t.jan).await;
    t.jan
        .replica
        .update(
            ids[0],
            &Patch::new().text("title", "Przejęcie — wersja Jana"),
        )
        .unwrap();
    t.anna
        .replica
        .update(
            ids[0],
            &Patch::new().set("participants", Value::RefSet(Default::default())),
        )
        .unwrap();
    sync(&t.anna).await;
    let report = sync(&t.jan).await;
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].1, "not_visible");
    assert_eq!(holds(&t.jan, &ids[..1]), [false]);
    sync(&t.anna).await;
    assert_eq!(
        t.anna.replica.get(ids[0]).unwrap().text("title"),
        "Przejęcie hurtowni w Żyrardowie"
    );
}

#[tokio::test]
async fn a_device_away_past_the_horizon_drops_what_was_narrowed_meanwhile() {
    let server = TestServer::start(|_| {}).await;
    let t = team(&server).await;
    let ids = private_deal(&t);
    let public = t
        .anna
        .replica
        .create(Kind::Company, &Patch::new().text("name", "Hurtownia Łódź"))
        .unwrap();
    t.anna
        .replica
        .update(
            ids[0],
            &Patch::new().set("participants", Value::RefSet([t.jan_id.0].into())),
        )
        .unwrap();
    sync(&t.anna).await;
    let laptop = device(&server, "jan@zaklady.pl").await;
    sync(&laptop).await;
    assert_eq!(holds(&laptop, &ids), [true; 3]);

    // The laptop stays in a drawer while Anna narrows the deal and the log is compacted.
    t.anna
        .replica
        .update(
            ids[0],
            &Patch::new().set("participants", Value::RefSet(Default::default())),
        )
        .unwrap();
    sync(&t.anna).await;
    server.clock.advance(31 * DAY_MS);
    sync(&t.anna).await;
    sync(&t.jan).await;
    let store = SqliteStore::open(&server.dir.path().join("data/localspace.sqlite")).unwrap();
    assert!(compact_all(&store, server.clock.now_ms()).unwrap() > 0);

    let report = sync(&laptop).await;
    assert_eq!(report.bootstrapped, 1, "it loaded what Jan may see again");
    assert_eq!(report.revoked, 3);
    assert_eq!(holds(&laptop, &ids), [false; 3]);
    assert!(laptop.replica.get(public).is_ok());
}
