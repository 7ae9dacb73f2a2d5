//! The desktop app's service (`localspace_client::app::App`, what every Tauri command calls)
//! against a real server: sign-up, records, board, dashboard, two devices, restarts offline,
//! sign-out and a session revoked elsewhere.

use std::sync::Arc;

use localspace_client::app::contract::*;
use localspace_client::app::{App, AppEvent};
use localspace_client::query::{Filter, Row, Sort};
use localspace_client::sync::SyncStatus;
use localspace_core::{Kind, Money, Patch, RecordId, Stage, Value};
use localspace_e2e::TestServer;

use crate::apps::{AppDevice, start};

const PASSWORD: &str = "Zielona-Góra-7";

type Device = AppDevice;

fn new_device(server: &TestServer) -> Device {
    start(&server.url, tempfile::tempdir().unwrap(), Arc::default())
}

async fn signed_up(server: &TestServer, email: &str) -> Device {
    let device = new_device(server);
    device
        .app
        .sign_up(SignUpRequest {
            server_url: None,
            company: "Hydro-Tech Sp. z o.o.".into(),
            name: "Łukasz Żółkiewski".into(),
            email: email.into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    device
}

fn create(app: &App, kind: Kind, patch: Patch) -> RecordId {
    app.create_record(CreateRequest { kind, patch }).unwrap().id
}

fn stage(n: u128, name: &str, position: i64, probability: u8) -> Stage {
    Stage {
        id: RecordId(uuid::Uuid::from_u128(n)),
        name: name.into(),
        position,
        probability,
    }
}

fn pipeline(app: &App) -> (RecordId, Vec<Stage>) {
    let stages = vec![
        stage(1, "Kontakt", 0, 10),
        stage(2, "Oferta", 1, 50),
        stage(3, "Negocjacje", 2, 80),
    ];
    let id = create(
        app,
        Kind::Pipeline,
        Patch::new()
            .text("name", "Sprzedaż")
            .set("stages", Value::Stages(stages.clone())),
    );
    (id, stages)
}

fn deal(app: &App, pipeline: RecordId, stage: &Stage, title: &str, pln: i64) -> RecordId {
    create(
        app,
        Kind::Deal,
        Patch::new()
            .text("title", title)
            .set("pipeline", Value::Ref(pipeline.0))
            .text("stage", &stage.id.to_string())
            .set(
                "value",
                Value::Money(Money::new(pln * 100, localspace_core::Currency::PLN)),
            )
            .text("status", "open")
            .set("close_date", Value::Date("2026-04-15".parse().unwrap())),
    )
}

fn list(app: &App, kind: Kind, text: Option<&str>) -> ListResponse {
    app.list(ListRequest {
        kind,
        filter: Filter {
            text: text.map(Into::into),
            ..Filter::default()
        },
        sort: Sort::Name,
        descending: false,
        offset: 0,
        limit: 50,
    })
    .unwrap()
}

#[tokio::test]
async fn a_salesperson_works_on_records_the_board_and_the_dashboard() {
    let server = TestServer::start(|_| {}).await;
    let device = signed_up(&server, "lukasz@hydrotech.pl").await;
    let app = &device.app;
    let state = app.app_state();
    assert_eq!(state.session.unwrap().user.name, "Łukasz Żółkiewski");
    assert!(
        device
            .events
            .lock()
            .unwrap()
            .iter()
            .any(|e| matches!(e, AppEvent::Session { session: Some(_) })),
        "the UI hears about the sign-in"
    );

    let company = create(
        app,
        Kind::Company,
        Patch::new().text("name", "Żółw Logistyka"),
    );
    for (first, last) in [("Anna", "Łukowska"), ("Piotr", "Lis"), ("Ewa", "Zając")] {
        create(
            app,
            Kind::Person,
            Patch::new()
                .text("first_name", first)
                .text("last_name", last)
                .set("company", Value::Ref(company.0))
                .text("city", "Łódź"),
        );
    }
    let people = list(app, Kind::Person, None);
    assert_eq!(people.total, 3);
    let names: Vec<String> = people
        .rows
        .iter()
        .map(|r| match r {
            Row::Person(p) => p.last_name.clone().unwrap(),
            _ => panic!("not a person"),
        })
        .collect();
    assert_eq!(
        names,
        ["Lis", "Łukowska", "Zając"],
        "Polish order: Ł after L"
    );
    assert_eq!(list(app, Kind::Person, Some("luk")).total, 1);
    let hits = app
        .search(SearchRequest {
            text: "zolw".into(),
            limit: 10,
        })
        .unwrap()
        .hits;
    assert_eq!(hits[0].id, company);

    // A person created by the app is owned by the signed-in user.
    let page = app.open_record(IdRequest { id: company }).unwrap();
    assert_eq!(
        page.view.linked.len(),
        3,
        "the company page links its people"
    );
    let owner = page.view.record.get("owner").and_then(Value::as_ref_id);
    assert_eq!(owner, Some(app.app_state().session.unwrap().user.id.0));

    // A note lands on the timeline.
    app.add_activity(AddActivityRequest {
        record: company,
        activity_type: "note".into(),
        subject: None,
        body: "Zadzwonić po Nowym Roku".into(),
    })
    .unwrap();
    let page = app.open_record(IdRequest { id: company }).unwrap();
    assert_eq!(page.view.timeline.len(), 1);

    // The board.
    let (pipe, stages) = pipeline(app);
    let a = deal(app, pipe, &stages[0], "Pompy dla Orlenu", 10_000);
    deal(app, pipe, &stages[1], "Serwis 2027", 2_000);
    deal(app, pipe, &stages[1], "Filtry", 1_001);
    let board = app
        .board(BoardRequest {
            pipeline: pipe,
            owner: None,
        })
        .unwrap();
    assert_eq!(board.columns.len(), 3);
    assert_eq!(board.columns[1].deals.len(), 2);
    assert_eq!(board.summary.stages[1].count, 2);
    app.move_deal(MoveDealRequest {
        id: a,
        stage: stages[2].id.to_string(),
    })
    .unwrap();
    let err = app
        .move_deal(MoveDealRequest {
            id: a,
            stage: "no-such-stage".into(),
        })
        .unwrap_err();
    assert_eq!(err.code, "invalid");
    let board = app
        .board(BoardRequest {
            pipeline: pipe,
            owner: None,
        })
        .unwrap();
    assert_eq!(board.columns[0].deals.len(), 0);
    assert_eq!(board.columns[2].deals.len(), 1);

    // Closing: a lost deal needs a reason.
    let err = app
        .close_deal(CloseDealRequest {
            id: a,
            status: "lost".into(),
            reason: Some("  ".into()),
        })
        .unwrap_err();
    assert_eq!(err.code, "reason_required");
    app.close_deal(CloseDealRequest {
        id: a,
        status: "won".into(),
        reason: None,
    })
    .unwrap();

    let dashboard = app.dashboard(DashboardRequest { pipeline: pipe }).unwrap();
    assert_eq!(dashboard.won.count, 1);
    assert_eq!(dashboard.won.value.minor, 1_000_000);
    assert_eq!(dashboard.by_stage[1].count, 2);
    // 2,000 zł × 50% + 1,001 zł × 50% = 1,500.50 zł
    assert_eq!(dashboard.by_stage[1].weighted.minor, 150_050);
    assert_eq!(dashboard.per_owner.len(), 1);
    assert_eq!(dashboard.per_owner[0].name, "Łukasz Żółkiewski");

    // Everything reaches the server.
    assert!(matches!(app.sync_now().await, SyncStatus::Synced { .. }));
}

#[tokio::test]
async fn a_second_device_bootstraps_and_edits_flow_both_ways() {
    let server = TestServer::start(|_| {}).await;
    let laptop = signed_up(&server, "anna@hydrotech.pl").await;
    let person = create(
        &laptop.app,
        Kind::Person,
        Patch::new()
            .text("first_name", "Anna")
            .text("last_name", "Nowak"),
    );
    assert!(matches!(
        laptop.app.sync_now().await,
        SyncStatus::Synced { .. }
    ));

    let desktop = new_device(&server);
    desktop
        .app
        .sign_in(SignInRequest {
            server_url: None,
            email: "anna@hydrotech.pl".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    assert!(matches!(
        desktop.app.sync_now().await,
        SyncStatus::Synced { .. }
    ));
    assert_eq!(list(&desktop.app, Kind::Person, None).total, 1);
    assert!(
        desktop
            .events
            .lock()
            .unwrap()
            .iter()
            .any(|e| matches!(e, AppEvent::RecordsChanged { .. })),
        "the UI is told to refresh after the first sync"
    );

    desktop
        .app
        .update_record(UpdateRequest {
            id: person,
            patch: Patch::new().text("city", "Gdańsk"),
        })
        .unwrap();
    desktop.app.sync_now().await;
    laptop.app.sync_now().await;
    let page = laptop.app.open_record(IdRequest { id: person }).unwrap();
    assert_eq!(page.view.record.text("city"), "Gdańsk");
}

#[tokio::test]
async fn conflicts_show_both_values_and_picking_one_resolves_them_everywhere() {
    let server = TestServer::start(|_| {}).await;
    let a = signed_up(&server, "ewa@hydrotech.pl").await;
    let person = create(
        &a.app,
        Kind::Person,
        Patch::new().text("last_name", "Kowalska"),
    );
    a.app.sync_now().await;
    let b = new_device(&server);
    b.app
        .sign_in(SignInRequest {
            server_url: None,
            email: "ewa@hydrotech.pl".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    b.app.sync_now().await;
    for (device, city) in [(&a, "Kraków"), (&b, "Poznań")] {
        device
            .app
            .update_record(UpdateRequest {
                id: person,
                patch: Patch::new().text("city", city),
            })
            .unwrap();
    }
    a.app.sync_now().await;
    b.app.sync_now().await;
    a.app.sync_now().await;
    let field = a
        .app
        .open_record(IdRequest { id: person })
        .unwrap()
        .view
        .record
        .fields["city"]
        .clone();
    assert_eq!(field.conflicts.len(), 1, "both cities are shown");
    let chosen = field.conflicts[0].clone();
    let err = a
        .app
        .resolve_conflict(ResolveConflictRequest {
            id: person,
            field: "city".into(),
            value: Value::Text("Warszawa".into()),
        })
        .unwrap_err();
    assert_eq!(
        err.code, "invalid",
        "only one of the competing values can be picked"
    );
    a.app
        .resolve_conflict(ResolveConflictRequest {
            id: person,
            field: "city".into(),
            value: chosen.clone(),
        })
        .unwrap();
    a.app.sync_now().await;
    b.app.sync_now().await;
    for device in [&a, &b] {
        let field = device
            .app
            .open_record(IdRequest { id: person })
            .unwrap()
            .view
            .record
            .fields["city"]
            .clone();
        assert!(field.conflicts.is_empty());
        assert_eq!(field.value, chosen);
    }
}

#[tokio::test]
async fn after_one_sign_in_the_app_restarts_offline_and_keeps_every_edit() {
    let server = TestServer::start(|_| {}).await;
    let device = signed_up(&server, "marek@hydrotech.pl").await;
    let Device {
        app, tokens, dir, ..
    } = device;
    app.sync_now().await;
    drop(app);
    drop(server); // the network is gone

    let restarted = start("http://127.0.0.1:9", dir, tokens);
    let session = restarted.app.app_state().session.expect("still signed in");
    assert_eq!(session.user.email, "marek@hydrotech.pl");
    create(
        &restarted.app,
        Kind::Person,
        Patch::new().text("last_name", "Offline"),
    );
    let status = restarted.app.sync_now().await;
    assert_eq!(status, SyncStatus::Offline { pending: 1 });
    assert_eq!(list(&restarted.app, Kind::Person, None).total, 1);
}

#[tokio::test]
async fn sign_out_forgets_the_token_and_the_session_but_keeps_unpushed_edits() {
    let server = TestServer::start(|_| {}).await;
    let device = signed_up(&server, "olga@hydrotech.pl").await;
    assert_eq!(device.tokens.0.lock().unwrap().len(), 1);
    let person = create(
        &device.app,
        Kind::Person,
        Patch::new().text("last_name", "Wiśniewska"),
    );
    device.app.sign_out().await.unwrap();
    assert!(
        device.tokens.0.lock().unwrap().is_empty(),
        "token gone from the keychain"
    );
    assert!(device.app.app_state().session.is_none());
    assert_eq!(
        device
            .app
            .list(ListRequest {
                kind: Kind::Person,
                filter: Filter::default(),
                sort: Sort::Name,
                descending: false,
                offset: 0,
                limit: 10,
            })
            .unwrap_err()
            .code,
        "signed_out"
    );
    // Signing in again finds the edit made before, still waiting to be pushed.
    device
        .app
        .sign_in(SignInRequest {
            server_url: None,
            email: "olga@hydrotech.pl".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    assert!(device.app.open_record(IdRequest { id: person }).is_ok());
    assert!(matches!(
        device.app.sync_now().await,
        SyncStatus::Synced { .. }
    ));
    assert!(device.dir.path().join("replicas").is_dir());
}

#[tokio::test]
async fn a_session_revoked_elsewhere_signs_the_device_out_without_losing_data() {
    let server = TestServer::start(|_| {}).await;
    let laptop = signed_up(&server, "jan@hydrotech.pl").await;
    let phone = new_device(&server);
    phone
        .app
        .sign_in(SignInRequest {
            server_url: None,
            email: "jan@hydrotech.pl".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    // Changing the password on the phone ends every other session (the laptop's).
    phone
        .app
        .change_password(PasswordChangeRequest {
            current: PASSWORD.into(),
            new: "Nowe-Hasło-2027!".into(),
        })
        .await
        .unwrap();
    create(
        &laptop.app,
        Kind::Person,
        Patch::new().text("last_name", "Niezsynchronizowany"),
    );
    assert_eq!(laptop.app.sync_now().await, SyncStatus::SignedOut);
    assert!(
        laptop
            .events
            .lock()
            .unwrap()
            .iter()
            .any(|e| matches!(e, AppEvent::SignedOut))
    );
    assert!(laptop.tokens.0.lock().unwrap().is_empty());
    // The data stays readable, and the edit waits for the next sign-in.
    assert_eq!(list(&laptop.app, Kind::Person, None).total, 1);
}

#[tokio::test]
async fn after_the_account_is_deleted_on_request_the_device_removes_its_data() {
    let server = TestServer::start(|_| {}).await;
    let laptop = signed_up(&server, "jan@hydrotech.pl").await;
    create(
        &laptop.app,
        Kind::Person,
        Patch::new().text("last_name", "Wiśniewski"),
    );
    assert!(matches!(
        laptop.app.sync_now().await,
        SyncStatus::Synced { .. }
    ));
    let asked = laptop
        .app
        .request_deletion(localspace_core::api::DeletionRequest {
            password: PASSWORD.into(),
            account_name: "Hydro-Tech Sp. z o.o.".into(),
        })
        .await
        .unwrap();
    assert!(asked.deletes_at.is_some());
    assert_eq!(laptop.app.account_deletion().await.unwrap(), asked);
    server.clock.advance(7 * 24 * 60 * 60 * 1000);
    let deleted = localspace_server::deletion::run_once(&server.state())
        .await
        .unwrap();
    assert_eq!(deleted.len(), 1);

    // The device is signed out; its data stays readable until the user removes it.
    assert_eq!(laptop.app.sync_now().await, SyncStatus::SignedOut);
    assert_eq!(list(&laptop.app, Kind::Person, None).total, 1);
    let replicas = laptop.dir.path().join("replicas");
    let files = || std::fs::read_dir(&replicas).unwrap().count();
    assert!(files() > 0);
    laptop.app.remove_local_data().await.unwrap();
    assert_eq!(files(), 0, "the replica file and its journal are gone");
    assert!(laptop.app.app_state().session.is_none());
    assert!(laptop.tokens.0.lock().unwrap().is_empty());
    // Started again, the app is signed out with nothing left behind.
    let Device {
        app, tokens, dir, ..
    } = laptop;
    drop(app);
    let again = start(&server.url, dir, tokens);
    assert!(again.app.app_state().session.is_none());
    assert_eq!(files_in(&again.dir.path().join("replicas")), 0);
}

#[tokio::test]
async fn a_blocked_account_is_read_only_in_the_app_even_with_nothing_to_send() {
    let server = TestServer::start(|_| {}).await;
    let laptop = signed_up(&server, "jan@hydrotech.pl").await;
    let kept = create(
        &laptop.app,
        Kind::Person,
        Patch::new().text("last_name", "Wiśniewski"),
    );
    assert!(matches!(
        laptop.app.sync_now().await,
        SyncStatus::Synced { .. }
    ));
    let account = laptop.app.app_state().session.unwrap().account.id;
    let set = |status| {
        server
            .state()
            .store
            .set_account_status(account.parse().unwrap(), status)
            .unwrap()
    };
    set(localspace_server::store::AccountStatus::Blocked);

    // Nothing waits in the outbox: the pull alone says the account is blocked.
    assert_eq!(
        laptop.app.sync_now().await,
        SyncStatus::Blocked { pending: 0 }
    );
    let refused = laptop
        .app
        .create_record(CreateRequest {
            kind: Kind::Person,
            patch: Patch::new().text("last_name", "Nowak"),
        })
        .unwrap_err();
    assert_eq!(refused.code, "account_blocked");
    let update = laptop.app.update_record(UpdateRequest {
        id: kept,
        patch: Patch::new().text("city", "Gdańsk"),
    });
    assert_eq!(update.unwrap_err().code, "account_blocked");
    // Reading goes on.
    assert_eq!(list(&laptop.app, Kind::Person, None).total, 1);
    assert_eq!(laptop.app.replica().unwrap().outbox_len().unwrap(), 0);

    // Restarted, the app is read-only before its first pass: the block is kept in the replica
    // until a pass succeeds.
    let Device {
        app, tokens, dir, ..
    } = laptop;
    drop(app);
    let laptop = start(&server.url, dir, tokens);
    let refused = laptop.app.update_record(UpdateRequest {
        id: kept,
        patch: Patch::new().text("city", "Gdańsk"),
    });
    assert_eq!(refused.unwrap_err().code, "account_blocked");

    set(localspace_server::store::AccountStatus::Active);
    assert!(matches!(
        laptop.app.sync_now().await,
        SyncStatus::Synced { .. }
    ));
    create(
        &laptop.app,
        Kind::Person,
        Patch::new().text("last_name", "Nowak"),
    );
    assert_eq!(list(&laptop.app, Kind::Person, None).total, 2);
}

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| d.count())
}

#[tokio::test]
async fn wrong_passwords_and_unreachable_servers_are_clear_errors() {
    let server = TestServer::start(|_| {}).await;
    let _ = signed_up(&server, "ola@hydrotech.pl").await;
    let device = new_device(&server);
    let err = device
        .app
        .sign_in(SignInRequest {
            server_url: None,
            email: "ola@hydrotech.pl".into(),
            password: "wrong-password-1".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, "invalid_credentials");
    assert!(device.app.app_state().session.is_none());
    let err = device
        .app
        .sign_in(SignInRequest {
            server_url: Some("http://127.0.0.1:9".into()),
            email: "ola@hydrotech.pl".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, "offline");
    let err = device
        .app
        .sign_in(SignInRequest {
            server_url: Some("http://crm.example.com".into()),
            email: "ola@hydrotech.pl".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap_err();
    assert_eq!(
        err.code, "insecure_url",
        "passwords never travel over plain HTTP"
    );
}

#[tokio::test]
async fn admins_manage_coworkers_and_account_settings_from_the_app() {
    let server = TestServer::start(|_| {}).await;
    let admin = signed_up(&server, "szef@hydrotech.pl").await;
    let app = &admin.app;

    // Custom fields and saved filters are records, read back as typed views.
    create(
        app,
        Kind::CustomField,
        Patch::new()
            .text("target", "person")
            .text("key", "linkedin")
            .text("label", "LinkedIn")
            .text("field_type", "text")
            .set("position", Value::Int(2)),
    );
    create(
        app,
        Kind::CustomField,
        Patch::new()
            .text("target", "deal")
            .text("key", "source")
            .text("label", "Źródło")
            .text("field_type", "select")
            .set(
                "options",
                Value::List(vec!["Targi".into(), "Polecenie".into()]),
            ),
    );
    let person_fields = app
        .custom_fields(CustomFieldsRequest {
            target: Some(Kind::Person),
        })
        .unwrap();
    assert_eq!(person_fields.len(), 1);
    assert_eq!(person_fields[0].label, "LinkedIn");
    let all = app
        .custom_fields(CustomFieldsRequest { target: None })
        .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        all.iter().find(|f| f.key == "source").unwrap().options,
        ["Targi", "Polecenie"]
    );
    create(
        app,
        Kind::SavedFilter,
        Patch::new()
            .text("name", "Łódź")
            .text("target", "person")
            .text("query", r#"{"city":"Łódź"}"#),
    );
    let filters = app
        .saved_filters(SavedFiltersRequest {
            target: Kind::Person,
        })
        .unwrap();
    assert_eq!(filters.len(), 1);
    assert_eq!(filters[0].query, r#"{"city":"Łódź"}"#);
    assert!(
        app.saved_filters(SavedFiltersRequest {
            target: Kind::Company
        })
        .unwrap()
        .is_empty()
    );

    // Invitations, then the invited salesperson joins and gets promoted.
    let invitations = app
        .invite(InviteRequest {
            email: "nowy@hydrotech.pl".into(),
            role: localspace_core::api::Role::User,
            seat: true,
        })
        .await
        .unwrap();
    assert_eq!(invitations.invitations.len(), 1);
    let token = server
        .last_link_token("nowy@hydrotech.pl")
        .expect("invitation mail");
    let newcomer = new_device(&server);
    let session = newcomer
        .app
        .accept_invitation(AcceptInvitationRequest {
            server_url: None,
            token,
            name: "Jędrzej Ślęzak".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    let promoted = app
        .change_user(UserChangeRequest {
            user: session.user.id,
            role: Some(localspace_core::api::Role::Manager),
            seat: None,
            active: None,
        })
        .await
        .unwrap();
    assert_eq!(promoted.role, localspace_core::api::Role::Manager);
    assert_eq!(app.coworkers().await.unwrap().users.len(), 2);
    // The last admin cannot take their own role away: a coded error, nothing changed.
    let me = app.app_state().session.unwrap().user.id;
    let err = app
        .change_user(UserChangeRequest {
            user: me,
            role: Some(localspace_core::api::Role::User),
            seat: None,
            active: None,
        })
        .await
        .unwrap_err();
    assert!(!err.code.is_empty() && err.code != "internal", "{err:?}");
    // A salesperson is not an admin.
    let err = newcomer.app.invitations().await.unwrap_err();
    assert_eq!(err.code, "admin_only");
    let account = app.account().await.unwrap();
    assert_eq!(account.name, "Hydro-Tech Sp. z o.o.");
}

#[tokio::test]
async fn a_damaged_session_file_or_a_newer_replica_opens_the_app_signed_out_and_touches_nothing() {
    let server = TestServer::start(|_| {}).await;
    let Device {
        app, tokens, dir, ..
    } = signed_up(&server, "iza@hydrotech.pl").await;
    create(
        &app,
        Kind::Person,
        Patch::new().text("last_name", "Zachowana"),
    );
    drop(app);
    let session_file = dir.path().join("session.json");
    let session = std::fs::read(&session_file).unwrap();

    std::fs::write(&session_file, b"{ not json").unwrap();
    let device = start(&server.url, dir, tokens);
    assert!(device.app.app_state().session.is_none());
    let Device {
        app, tokens, dir, ..
    } = device;
    drop(app);

    // A replica written by a newer app: refused, never modified.
    std::fs::write(&session_file, &session).unwrap();
    let replica = std::fs::read_dir(dir.path().join("replicas"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "sqlite"))
        .unwrap();
    rusqlite::Connection::open(&replica)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let device = start(&server.url, dir, tokens);
    assert!(device.app.app_state().session.is_none());
    let err = device
        .app
        .sign_in(SignInRequest {
            server_url: None,
            email: "iza@hydrotech.pl".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, "replica_too_new");
    let version: i64 = rusqlite::Connection::open(&replica)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99, "the newer replica is left as it was");
}
