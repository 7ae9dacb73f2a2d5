//! The server checks every push against the pusher's role and binds actor ids to users; a
//! refused change never loses what the user typed and never wedges the record.

use localspace_client::sync::sync_once;
use localspace_core::api::Role;
use localspace_core::sync::{DocPush, DocStatus, PushRequest};
use localspace_core::{Kind, Patch, Value};
use localspace_e2e::TestServer;

use crate::devices::{account, coworker, device};

fn deal(title: &str, owner: uuid::Uuid) -> Patch {
    Patch::new()
        .text("title", title)
        .set("owner", Value::Ref(owner))
}

#[tokio::test]
async fn a_refused_edit_keeps_the_users_value_beside_the_servers_and_nothing_wedges() {
    let server = TestServer::start(|_| {}).await;
    let admin_api = account(&server, "anna@zaklady.pl").await;
    coworker(&server, &admin_api, "jan@zaklady.pl", Role::User).await;
    let anna = device(&server, "anna@zaklady.pl").await;
    let jan = device(&server, "jan@zaklady.pl").await;
    let anna_id = anna.api.me().await.unwrap().user.id;
    let jan_id = jan.api.me().await.unwrap().user.id;

    let id = anna
        .replica
        .create(Kind::Deal, &deal("Dostawa wędlin", anna_id.0))
        .unwrap();
    sync_once(&anna.replica, &anna.api).await.unwrap();
    sync_once(&jan.replica, &jan.api).await.unwrap();

    // Jan may not edit Anna's deal: the server refuses, his device goes back to the
    // server's title and keeps his own as "not accepted" with the reason.
    jan.replica
        .update(id, &Patch::new().text("title", "Dostawa wędlin i serów"))
        .unwrap();
    let report = sync_once(&jan.replica, &jan.api).await.unwrap();
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].1, "not_owner");
    assert_eq!(jan.replica.get(id).unwrap().text("title"), "Dostawa wędlin");
    let refusal = jan
        .replica
        .refusal(id)
        .unwrap()
        .expect("the refusal is kept");
    assert_eq!(refusal.code, "not_owner");
    assert_eq!(
        refusal.not_accepted.fields.get("title"),
        Some(&Some(Value::Text("Dostawa wędlin i serów".into())))
    );
    assert_eq!(jan.replica.outbox_len().unwrap(), 0, "nothing is retried");

    // The record is not wedged: Anna's later edit reaches Jan; Jan's pass is clean.
    anna.replica
        .update(id, &Patch::new().set("probability", Value::Int(60)))
        .unwrap();
    sync_once(&anna.replica, &anna.api).await.unwrap();
    let report = sync_once(&jan.replica, &jan.api).await.unwrap();
    assert!(report.refused.is_empty() && report.damaged.is_empty());
    assert_eq!(
        jan.replica.get(id).unwrap().get("probability"),
        Some(&Value::Int(60))
    );

    // Anna adds Jan as a participant; his value, applied again, is accepted this time.
    anna.replica
        .update(
            id,
            &Patch::new().set("participants", Value::RefSet([jan_id.0].into())),
        )
        .unwrap();
    sync_once(&anna.replica, &anna.api).await.unwrap();
    sync_once(&jan.replica, &jan.api).await.unwrap();
    jan.replica.reapply_refusal(id).unwrap();
    assert!(jan.replica.refusal(id).unwrap().is_none());
    let report = sync_once(&jan.replica, &jan.api).await.unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    sync_once(&anna.replica, &anna.api).await.unwrap();
    let seen = anna.replica.get(id).unwrap();
    assert_eq!(seen.text("title"), "Dostawa wędlin i serów");
    assert_eq!(seen.get("probability"), Some(&Value::Int(60)));
}

#[tokio::test]
async fn settings_are_for_admins_and_records_change_hands_only_through_managers() {
    let server = TestServer::start(|_| {}).await;
    let admin_api = account(&server, "anna@zaklady.pl").await;
    coworker(&server, &admin_api, "jan@zaklady.pl", Role::User).await;
    coworker(&server, &admin_api, "ewa@zaklady.pl", Role::Manager).await;
    let anna = device(&server, "anna@zaklady.pl").await;
    let jan = device(&server, "jan@zaklady.pl").await;
    let ewa = device(&server, "ewa@zaklady.pl").await;
    let anna_id = anna.api.me().await.unwrap().user.id;
    let jan_id = jan.api.me().await.unwrap().user.id;

    // A pipeline from a manager is refused; the record stays on her device, marked.
    let pipeline = ewa
        .replica
        .create(Kind::Pipeline, &Patch::new().text("name", "Przetargi"))
        .unwrap();
    let report = sync_once(&ewa.replica, &ewa.api).await.unwrap();
    assert_eq!(report.refused[0].1, "admin_only");
    assert_eq!(ewa.replica.get(pipeline).unwrap().text("name"), "Przetargi");
    assert!(ewa.replica.refusal(pipeline).unwrap().is_some());
    // An edit of the refused record waits for the user; it does not loop.
    ewa.replica
        .update(pipeline, &Patch::new().text("name", "Przetargi publiczne"))
        .unwrap();
    let report = sync_once(&ewa.replica, &ewa.api).await.unwrap();
    assert_eq!(report.refused.len(), 1);
    assert_eq!(ewa.replica.outbox_len().unwrap(), 0);

    // Jan creates a company for himself (fine) and one for Anna (refused).
    let own = jan
        .replica
        .create(Kind::Company, &company("Hurtownia Żółw", jan_id.0))
        .unwrap();
    let given = jan
        .replica
        .create(Kind::Company, &company("Piekarnia Łan", anna_id.0))
        .unwrap();
    let report = sync_once(&jan.replica, &jan.api).await.unwrap();
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].0, given);
    assert_eq!(report.refused[0].1, "owner_change");

    // The manager hands Jan's company to Anna: accepted.
    sync_once(&ewa.replica, &ewa.api).await.unwrap();
    ewa.replica
        .update(own, &Patch::new().set("owner", Value::Ref(anna_id.0)))
        .unwrap();
    let report = sync_once(&ewa.replica, &ewa.api).await.unwrap();
    assert!(report.refused.iter().all(|r| r.0 != own));
    sync_once(&anna.replica, &anna.api).await.unwrap();
    assert_eq!(
        anna.replica.get(own).unwrap().get("owner"),
        Some(&Value::Ref(anna_id.0))
    );
}

fn company(name: &str, owner: uuid::Uuid) -> Patch {
    Patch::new()
        .text("name", name)
        .set("owner", Value::Ref(owner))
}

#[tokio::test]
async fn a_change_under_another_users_actor_id_is_refused() {
    let server = TestServer::start(|_| {}).await;
    let admin_api = account(&server, "anna@zaklady.pl").await;
    coworker(&server, &admin_api, "jan@zaklady.pl", Role::Manager).await;
    let anna = device(&server, "anna@zaklady.pl").await;
    let jan = device(&server, "jan@zaklady.pl").await;

    // Anna's device pushes once: its actor id is now hers.
    anna.replica
        .create(Kind::Person, &crate::devices::person("Nowak"))
        .unwrap();
    sync_once(&anna.replica, &anna.api).await.unwrap();
    // Jan's client forges a change under Anna's actor id.
    let forged = anna
        .replica
        .create(Kind::Person, &crate::devices::person("Podstawiony"))
        .unwrap();
    let outgoing = anna
        .replica
        .unpushed(10)
        .unwrap()
        .into_iter()
        .find(|o| o.id == forged)
        .unwrap();
    let answer = jan
        .api
        .push(&PushRequest {
            docs: vec![DocPush {
                id: forged,
                kind: Kind::Person,
                changes: outgoing.change_bytes().unwrap(),
                saved: None,
            }],
            erase: vec![],
            epoch: 0,
        })
        .await
        .unwrap();
    assert_eq!(
        answer.results[0].status,
        DocStatus::Refused {
            code: "forged_actor".into(),
            reason: "a change carries the actor id of another user's device".into(),
        }
    );
    // Nothing was stored; Anna's own push of the same change goes through.
    let report = sync_once(&anna.replica, &anna.api).await.unwrap();
    assert!(report.refused.is_empty());
    assert_eq!(report.pushed, 1);
}
