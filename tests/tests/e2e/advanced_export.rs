//! The advanced export through the desktop app's service against a real server: records and
//! a file made on a device sync up, the admin runs the export, follows it and saves the
//! archive, and the CSVs read back join (people → companies, deals → companies, files →
//! parent) with the file's bytes intact. And the admin switch for basic export: a user is
//! refused while it is off (also offline, from what the app kept), allowed when on, and an
//! admin always may.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Arc;

use localspace_client::app::contract::*;
use localspace_client::app::{App, AppEvent};
use localspace_client::query::{Filter, Sort};
use localspace_core::api::{ExportState, Role};
use localspace_core::{Kind, Patch, RecordId, Value};
use localspace_e2e::TestServer;
use tempfile::TempDir;

use crate::apps::{self, AppDevice};

const PASSWORD: &str = "Zielona-Góra-7";

type Device = AppDevice;

fn device_in(url: &str, dir: TempDir) -> Device {
    apps::start(url, dir, Arc::default())
}

async fn admin(url: &str) -> Device {
    let d = device_in(url, tempfile::tempdir().unwrap());
    d.app
        .sign_up(SignUpRequest {
            server_url: None,
            company: "Drewpol Sp. z o.o.".into(),
            name: "Anna Wiśniewska".into(),
            email: "anna@drewpol.pl".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    d
}

async fn invited(server: &TestServer, admin: &Device, email: &str, role: Role) -> Device {
    admin
        .app
        .invite(InviteRequest {
            email: email.into(),
            role,
            seat: true,
        })
        .await
        .unwrap();
    let d = device_in(&server.url, tempfile::tempdir().unwrap());
    d.app
        .accept_invitation(AcceptInvitationRequest {
            server_url: None,
            token: server.last_link_token(email).unwrap(),
            name: "Jan Kowalski".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    d
}

fn create(app: &App, kind: Kind, patch: Patch) -> RecordId {
    app.create_record(CreateRequest { kind, patch }).unwrap().id
}

fn unpack(path: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut out = BTreeMap::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().to_string_lossy().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        out.insert(name, bytes);
    }
    out
}

fn rows(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn row(rows: &[BTreeMap<String, String>], id: RecordId) -> &BTreeMap<String, String> {
    rows.iter()
        .find(|r| r["id"] == id.0.to_string())
        .unwrap_or_else(|| panic!("no row for {id:?}"))
}

#[tokio::test]
async fn an_admin_exports_everything_the_devices_synced_and_saves_the_archive() {
    let server = TestServer::start(|_| {}).await;
    let a = admin(&server.url).await;
    let company = create(
        &a.app,
        Kind::Company,
        Patch::new().text("name", "Żuraw Łódź S.A."),
    );
    let person = create(
        &a.app,
        Kind::Person,
        Patch::new()
            .text("first_name", "Łucja")
            .text("last_name", "Ślązak")
            .set("company", Value::Ref(company.0)),
    );
    let deal = create(
        &a.app,
        Kind::Deal,
        Patch::new()
            .text("title", "Dźwigi 2026")
            .set("companies", Value::RefSet([company.0].into())),
    );
    let bytes: Vec<u8> = (0..300_000).map(|i| (i * 13 % 251) as u8).collect();
    let picked = a.dir.path().join("Oferta źródłowa.pdf");
    std::fs::write(&picked, &bytes).unwrap();
    let attached = a
        .app
        .attach_file(AttachFileRequest {
            record: deal,
            path: picked.display().to_string(),
        })
        .await
        .unwrap();
    let AttachOutcome::Uploaded { file } = attached else {
        panic!("not uploaded: {attached:?}");
    };
    assert!(matches!(
        a.app.sync_now().await,
        localspace_client::sync::SyncStatus::Synced { .. }
    ));

    let started = a.app.start_advanced_export().await.unwrap();
    let mut job = started.clone();
    while job.state == ExportState::Running {
        job = a
            .app
            .advanced_export(ExportJobRequest {
                id: started.id.clone(),
                wait: true,
            })
            .await
            .unwrap();
    }
    assert_eq!(job.state, ExportState::Ready, "{job:?}");
    assert_eq!(
        a.app.advanced_exports().await.unwrap().jobs[0].id,
        started.id
    );
    let target = a.dir.path().join("Eksport").join("localspace.tar.gz");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let saved = a
        .app
        .save_advanced_export(SaveArchiveRequest {
            id: job.id.clone(),
            path: target.display().to_string(),
        })
        .await
        .unwrap();
    assert_eq!(Some(saved.size), job.size);
    assert!(a.events.lock().unwrap().iter().any(|e| matches!(
        e,
        AppEvent::ExportDownload { done, total } if done == total && *total == saved.size
    )));

    let archive = unpack(&target);
    let companies = rows(&archive["companies.csv"]);
    assert_eq!(row(&companies, company)["name"], "Żuraw Łódź S.A.");
    let people = rows(&archive["people.csv"]);
    let p = row(&people, person);
    assert_eq!(p["last_name"], "Ślązak");
    assert_eq!(p["company"], company.0.to_string());
    let deals = rows(&archive["deals.csv"]);
    assert_eq!(row(&deals, deal)["companies"], company.0.to_string());
    let files = rows(&archive["files.csv"]);
    let f = row(&files, file);
    assert_eq!(f["links"], deal.0.to_string());
    assert_eq!(f["name"], "Oferta źródłowa.pdf");
    assert!(archive[f["archive_path"].as_str()] == bytes, "byte-exact");
    let coworkers = rows(&archive["coworkers.csv"]);
    assert_eq!(coworkers[0]["email"], "anna@drewpol.pl");

    // Only admins: a salesperson's app gets the server's code.
    let jan = invited(&server, &a, "jan@drewpol.pl", Role::User).await;
    let refused = jan.app.start_advanced_export().await.unwrap_err();
    assert_eq!(refused.code, "admin_only");
}

fn export_request(dir: &std::path::Path) -> ExportRequest {
    ExportRequest {
        list: ExportListName::Companies,
        filter: Filter::default(),
        sort: Sort::Name,
        descending: false,
        path: dir.join("firmy.xlsx").display().to_string(),
        locale: Locale::Pl,
    }
}

#[tokio::test]
async fn the_admin_switch_turns_basic_export_off_for_users_and_managers_only() {
    let server = TestServer::start(|_| {}).await;
    let a = admin(&server.url).await;
    create(&a.app, Kind::Company, Patch::new().text("name", "Drewpol"));
    let jan = invited(&server, &a, "jan@drewpol.pl", Role::User).await;
    let ewa = invited(&server, &a, "ewa@drewpol.pl", Role::Manager).await;

    // On by default.
    jan.app.export_list(export_request(jan.dir.path())).unwrap();

    let session = a
        .app
        .set_basic_export(BasicExportRequest { allowed: false })
        .await
        .unwrap();
    assert!(!session.account.basic_export);
    for d in [&jan, &ewa] {
        d.app.refresh_session().await.unwrap();
        assert!(!d.app.basic_export_allowed().unwrap());
        let refused = d.app.export_list(export_request(d.dir.path())).unwrap_err();
        assert_eq!(refused.code, "export_disabled");
    }
    // Admins always may.
    assert!(a.app.basic_export_allowed().unwrap());
    a.app.export_list(export_request(a.dir.path())).unwrap();

    // The refusal holds offline: the app restarted without a token keeps what it saw.
    let jan_dir = jan.dir;
    drop(jan.app);
    let offline = device_in("http://127.0.0.1:9", jan_dir);
    let refused = offline
        .app
        .export_list(export_request(offline.dir.path()))
        .unwrap_err();
    assert_eq!(refused.code, "export_disabled");

    // Switched back on, the manager may again once the app refreshes the account.
    a.app
        .set_basic_export(BasicExportRequest { allowed: true })
        .await
        .unwrap();
    assert!(ewa.app.account().await.unwrap().basic_export);
    ewa.app.export_list(export_request(ewa.dir.path())).unwrap();
}
