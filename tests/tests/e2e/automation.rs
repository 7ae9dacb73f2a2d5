//! Automation rules run on the server inside the push, exactly once: a deal moved into a
//! stage makes one task for its owner that every device pulls, whether the push is retried
//! after a lost answer or two devices move the deal at once; a won deal gets a note and its
//! managers an e-mail; nothing fires on the `crm` plan or a blocked account.

use localspace_client::query::Filter;
use localspace_client::sync::sync_once;
use localspace_core::api::{
    Buyer, NewRule, PaymentMethod, RenewalRequest, Role, RuleSpec, TestOutcome,
};
use localspace_core::billing::Plan;
use localspace_core::sync::PushRequest;
use localspace_core::{Kind, Patch, RecordId, Value};
use localspace_e2e::TestServer;
use localspace_server::billing::ProviderKind;
use localspace_server::store::AccountStatus;

use crate::devices::{Device, account, coworker, device};

const STAGE: &str = "negocjacje";

fn stage_rule(pipeline: uuid::Uuid) -> NewRule {
    NewRule {
        spec: RuleSpec::StageTask {
            pipeline: pipeline.to_string(),
            stage: STAGE.into(),
            title: "Zadzwoń w sprawie umowy".into(),
            due_in_days: 3,
        },
        enabled: true,
    }
}

/// An account with Anna (admin), Jan (salesperson) and Ewa (manager), a stage rule, and a
/// deal of Jan's in the first stage, synced to every device.
struct Team {
    server: TestServer,
    admin: localspace_client::api::ApiClient,
    anna: Device,
    jan: Device,
    jan_id: uuid::Uuid,
    deal: RecordId,
}

async fn team(adjust: impl FnOnce(&mut localspace_server::Config)) -> Team {
    let server = TestServer::start(adjust).await;
    let admin = account(&server, "anna@zaklady.pl").await;
    coworker(&server, &admin, "jan@zaklady.pl", Role::User).await;
    coworker(&server, &admin, "ewa@zaklady.pl", Role::Manager).await;
    let anna = device(&server, "anna@zaklady.pl").await;
    let jan = device(&server, "jan@zaklady.pl").await;
    let jan_id = jan.api.me().await.unwrap().user.id.0;
    let pipeline = uuid::Uuid::now_v7();
    admin
        .add_automation_rule(&stage_rule(pipeline))
        .await
        .unwrap();
    let deal = jan
        .replica
        .create(
            Kind::Deal,
            &Patch::new()
                .text("title", "Dostawa wędlin do Żabki")
                .set("pipeline", Value::Ref(pipeline))
                .text("stage", "kontakt")
                .text("status", "open")
                .set("owner", Value::Ref(jan_id)),
        )
        .unwrap();
    sync_once(&jan.replica, &jan.api).await.unwrap();
    sync_once(&anna.replica, &anna.api).await.unwrap();
    Team {
        server,
        admin,
        anna,
        jan,
        jan_id,
        deal,
    }
}

fn tasks(d: &Device) -> u64 {
    d.replica.count(Kind::Task, &Filter::default()).unwrap()
}

fn move_to_stage(d: &Device, deal: RecordId) {
    d.replica
        .update(deal, &Patch::new().text("stage", STAGE))
        .unwrap();
}

#[tokio::test]
async fn a_deal_moved_into_the_stage_makes_one_task_for_its_owner_on_every_device() {
    let t = team(|_| {}).await;
    assert_eq!(
        tasks(&t.anna),
        0,
        "creating the deal elsewhere fired nothing"
    );
    move_to_stage(&t.anna, t.deal);
    sync_once(&t.anna.replica, &t.anna.api).await.unwrap();
    sync_once(&t.jan.replica, &t.jan.api).await.unwrap();
    for d in [&t.anna, &t.jan] {
        assert_eq!(tasks(d), 1);
    }
    let today = localspace_core::billing::warsaw_date(localspace_e2e::T0);
    let mine = t
        .jan
        .replica
        .tasks(
            localspace_client::query::TaskBucket::Upcoming,
            today,
            Some(t.jan_id),
            10,
        )
        .unwrap();
    assert_eq!(mine.len(), 1, "the task is the deal owner's");
    assert_eq!(mine[0].title.as_deref(), Some("Zadzwoń w sprawie umowy"));
    assert_eq!(mine[0].due.as_deref(), Some("2026-03-05"));
    let task = t.jan.replica.get(mine[0].id).unwrap();
    assert_eq!(task.get("links"), Some(&Value::RefSet([t.deal.0].into())));
    // Staying in the stage fires nothing more; the task is edited like any other.
    t.jan
        .replica
        .update(t.deal, &Patch::new().set("probability", Value::Int(70)))
        .unwrap();
    t.jan
        .replica
        .update(mine[0].id, &Patch::new().set("done", Value::Bool(true)))
        .unwrap();
    let report = sync_once(&t.jan.replica, &t.jan.api).await.unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    sync_once(&t.anna.replica, &t.anna.api).await.unwrap();
    assert_eq!(tasks(&t.anna), 1);
    assert_eq!(
        t.anna.replica.get(mine[0].id).unwrap().get("done"),
        Some(&Value::Bool(true))
    );
}

#[tokio::test]
async fn a_push_retried_after_a_lost_answer_makes_one_task() {
    let t = team(|_| {}).await;
    move_to_stage(&t.jan, t.deal);
    let outbox = t.jan.replica.unpushed(100).unwrap();
    let request = PushRequest {
        docs: outbox.iter().map(|o| o.to_push()).collect(),
        erase: vec![],
        epoch: 0,
    };
    // The answer is lost: the device never marks the changes pushed and sends them again,
    // by hand and then in its normal pass.
    t.jan.api.push(&request).await.unwrap();
    t.jan.api.push(&request).await.unwrap();
    sync_once(&t.jan.replica, &t.jan.api).await.unwrap();
    sync_once(&t.anna.replica, &t.anna.api).await.unwrap();
    assert_eq!(tasks(&t.jan), 1);
    assert_eq!(tasks(&t.anna), 1);
}

#[tokio::test]
async fn two_devices_moving_the_deal_at_once_make_one_task() {
    let t = team(|_| {}).await;
    let jan_laptop = device(&t.server, "jan@zaklady.pl").await;
    sync_once(&jan_laptop.replica, &jan_laptop.api)
        .await
        .unwrap();
    // Both move the deal offline, then both push at the same moment.
    move_to_stage(&t.anna, t.deal);
    move_to_stage(&jan_laptop, t.deal);
    let (a, b) = tokio::join!(
        sync_once(&t.anna.replica, &t.anna.api),
        sync_once(&jan_laptop.replica, &jan_laptop.api)
    );
    a.unwrap();
    b.unwrap();
    for d in [&t.anna, &jan_laptop, &t.jan] {
        sync_once(&d.replica, &d.api).await.unwrap();
        assert_eq!(tasks(d), 1);
    }
}

#[tokio::test]
async fn a_won_deal_gets_a_note_and_its_managers_an_email() {
    let t = team(|_| {}).await;
    t.admin
        .add_automation_rule(&NewRule {
            spec: RuleSpec::WonNote {
                note: "Wystaw fakturę i podziękuj klientowi".into(),
            },
            enabled: true,
        })
        .await
        .unwrap();
    t.jan
        .replica
        .update(t.deal, &Patch::new().text("status", "won"))
        .unwrap();
    sync_once(&t.jan.replica, &t.jan.api).await.unwrap();
    sync_once(&t.jan.replica, &t.jan.api).await.unwrap();
    sync_once(&t.anna.replica, &t.anna.api).await.unwrap();
    for d in [&t.anna, &t.jan] {
        assert_eq!(
            d.replica.count(Kind::Activity, &Filter::default()).unwrap(),
            1
        );
    }
    let mails = localspace_server::mail::read_outbox(t.server.outbox()).unwrap();
    let won: Vec<_> = mails
        .iter()
        .filter(|m| m.subject.contains("Dostawa wędlin do Żabki"))
        .collect();
    let mut to: Vec<&str> = won.iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(
        to,
        ["anna@zaklady.pl", "ewa@zaklady.pl"],
        "the manager and the admin, once each; not the salesperson"
    );
    assert!(won[0].text.contains("Wystaw fakturę i podziękuj klientowi"));
}

#[tokio::test]
async fn nothing_fires_on_the_crm_plan() {
    let t = team(|c| c.billing.provider = ProviderKind::Test).await;
    t.admin
        .renew(&RenewalRequest {
            plan: Plan::Crm,
            seats: 3,
            months: 1,
            packs: 0,
            buyer: Buyer {
                company: "Zakłady Mięsne Łódź Sp. z o.o.".into(),
                address: "ul. Piotrkowska 1, Łódź".into(),
                nip: "526-025-02-74".into(),
                invoice_email: "faktury@zaklady.pl".into(),
            },
            method: PaymentMethod::Online,
            test_outcome: Some(TestOutcome::Success),
            lang: None,
        })
        .await
        .unwrap();
    move_to_stage(&t.jan, t.deal);
    sync_once(&t.jan.replica, &t.jan.api).await.unwrap();
    sync_once(&t.anna.replica, &t.anna.api).await.unwrap();
    assert_eq!(
        t.anna.replica.get(t.deal).unwrap().text("stage"),
        STAGE,
        "the move itself syncs"
    );
    assert_eq!(tasks(&t.anna), 0);
    assert_eq!(tasks(&t.jan), 0);
}

#[tokio::test]
async fn nothing_fires_on_a_blocked_account() {
    let t = team(|_| {}).await;
    let account = t.admin.me().await.unwrap().account.id.parse().unwrap();
    t.server
        .state()
        .store
        .set_account_status(account, AccountStatus::Blocked)
        .unwrap();
    move_to_stage(&t.jan, t.deal);
    let err = sync_once(&t.jan.replica, &t.jan.api).await.unwrap_err();
    assert_eq!(err.code(), "account_blocked");
    // Anna's pass pulls, then says the account is blocked.
    let err = sync_once(&t.anna.replica, &t.anna.api).await.unwrap_err();
    assert_eq!(err.code(), "account_blocked");
    assert_eq!(tasks(&t.anna), 0);
    assert_eq!(t.anna.replica.get(t.deal).unwrap().text("stage"), "kontakt");
}
