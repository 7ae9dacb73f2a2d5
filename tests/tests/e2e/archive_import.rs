//! The advanced export read back: account A (custom fields of several types with values,
//! a pipeline of its own with deals in its stages carrying revenue and cost lines, people
//! linked to companies, tasks, notes, a space, a record in the trash, two files — one shared
//! by two records) is exported and the archive imported by a fresh account B's app. After a
//! sync a second device of B holds the same records as A, compared by content: links
//! translated through natural keys, custom values by their field's key, users by the
//! importing account's, files by parent, name and hash — and B downloads the bytes. Garbage
//! archives are refused with a typed error and leave B as it was; undo takes the whole
//! import back.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use localspace_client::Replica;
use localspace_client::app::contract::*;
use localspace_client::app::{App, AppEvent};
use localspace_core::api::ExportState;
use localspace_core::{Currency, Kind, Line, Money, Patch, Record, RecordId, Stage, Value};
use localspace_e2e::{T0, TestServer};
use tempfile::TempDir;

use crate::apps::{self, AppDevice};

const PASSWORD: &str = "Zielona-Góra-7";

struct Device {
    app: App,
    me: uuid::Uuid,
    events: Arc<Mutex<Vec<AppEvent>>>,
    dir: TempDir,
}

fn device(url: &str) -> Device {
    let AppDevice {
        app, events, dir, ..
    } = apps::fresh(url);
    Device {
        app,
        me: uuid::Uuid::nil(),
        events,
        dir,
    }
}

async fn signed_up(url: &str, company: &str, email: &str) -> Device {
    let mut d = device(url);
    let session = d
        .app
        .sign_up(SignUpRequest {
            server_url: None,
            company: company.into(),
            name: "Admin".into(),
            email: email.into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    d.me = session.user.id.0;
    d
}

async fn signed_in(url: &str, email: &str) -> Device {
    let d = device(url);
    d.app
        .sign_in(SignInRequest {
            server_url: None,
            email: email.into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    d
}

fn create(app: &App, kind: Kind, patch: Patch) -> RecordId {
    app.create_record(CreateRequest { kind, patch }).unwrap().id
}

async fn synced(app: &App) {
    let status = app.sync_now().await;
    assert!(
        matches!(status, localspace_client::sync::SyncStatus::Synced { .. }),
        "{status:?}"
    );
}

fn pln(minor: i64) -> Money {
    Money::new(minor, Currency::PLN)
}

fn set(ids: &[RecordId]) -> Value {
    Value::RefSet(ids.iter().map(|i| i.0).collect())
}

async fn attach(d: &Device, record: RecordId, name: &str, bytes: &[u8]) -> RecordId {
    let path = d.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    match d
        .app
        .attach_file(AttachFileRequest {
            record,
            path: path.display().to_string(),
        })
        .await
        .unwrap()
    {
        AttachOutcome::Uploaded { file } => file,
        other => panic!("not uploaded: {other:?}"),
    }
}

/// Account A with something of every kind.
async fn account_a(server: &TestServer) -> Device {
    let a = signed_up(&server.url, "Drewpol Sp. z o.o.", "anna@drewpol.pl").await;
    let app = &a.app;
    let segment = create(
        app,
        Kind::CustomField,
        Patch::new()
            .text("target", "company")
            .text("key", "segment")
            .text("label", "Segment")
            .text("field_type", "select")
            .set("options", Value::List(vec!["VIP".into(), "SMB".into()])),
    );
    let tags = create(
        app,
        Kind::CustomField,
        Patch::new()
            .text("target", "person")
            .text("key", "tagi")
            .text("label", "Tagi")
            .text("field_type", "multiselect")
            .set(
                "options",
                Value::List(vec!["targi".into(), "polecenie".into(), "www".into()]),
            ),
    );
    let hobby = create(
        app,
        Kind::CustomField,
        Patch::new()
            .text("target", "person")
            .text("key", "hobby")
            .text("label", "Hobby")
            .text("field_type", "text"),
    );
    let budget = create(
        app,
        Kind::CustomField,
        Patch::new()
            .text("target", "deal")
            .text("key", "budzet")
            .text("label", "Budżet klienta")
            .text("field_type", "money"),
    );
    let stages: Vec<Stage> = ["Kontakt", "Oferta", "Negocjacje"]
        .iter()
        .enumerate()
        .map(|(i, name)| Stage {
            id: RecordId(uuid::Uuid::new_v4()),
            name: (*name).into(),
            position: i as i64,
            probability: (i as u8 + 1) * 25,
        })
        .collect();
    let pipeline = create(
        app,
        Kind::Pipeline,
        Patch::new()
            .text("name", "Projekty specjalne")
            .set("stages", Value::Stages(stages.clone()))
            .set("position", Value::Int(5)),
    );
    let zuraw = create(
        app,
        Kind::Company,
        Patch::new()
            .text("name", "Żuraw Łódź S.A.")
            .text("city", "Łódź")
            .set("emails", Value::List(vec!["biuro@zuraw.pl".into()]))
            .set("phones", Value::List(vec!["+48 42 123 45 67".into()]))
            .custom(segment, Some(Value::Text("VIP".into()))),
    );
    let kwiat = create(
        app,
        Kind::Company,
        Patch::new()
            .text("name", "Kwiatex")
            .custom(segment, Some(Value::Text("SMB".into()))),
    );
    let gone = create(app, Kind::Company, Patch::new().text("name", "Stara firma"));
    app.delete_records(IdsRequest { ids: vec![gone] }).unwrap();
    let lucja = create(
        app,
        Kind::Person,
        Patch::new()
            .text("first_name", "Łucja")
            .text("last_name", "Ślązak")
            .set("company", Value::Ref(zuraw.0))
            .set(
                "emails",
                Value::List(vec!["lucja@zuraw.pl".into(), "l.slazak@gmail.com".into()]),
            )
            .set("phones", Value::List(vec!["600 100 200".into()]))
            .custom(
                tags,
                Some(Value::TextSet(
                    ["targi".to_owned(), "www".to_owned()].into(),
                )),
            )
            .custom(hobby, Some(Value::Text("żeglarstwo; góry".into()))),
    );
    let piotr = create(
        app,
        Kind::Person,
        Patch::new()
            .text("first_name", "Piotr")
            .text("last_name", "Kwiatkowski")
            .set("company", Value::Ref(kwiat.0))
            .set("emails", Value::List(vec!["piotr@kwiatex.pl".into()])),
    );
    let space = create(
        app,
        Kind::Space,
        Patch::new().text("name", "Wdrożenia 2026").set(
            "description",
            Value::LongText("Projekty wdrożeniowe".into()),
        ),
    );
    app.update_record(UpdateRequest {
        id: space,
        patch: Patch::new().set("members", Value::RefSet([a.me].into())),
    })
    .unwrap();
    let line = |name: &str, qty: i64, price: i64, pos: i64| Line {
        id: RecordId(uuid::Uuid::new_v4()),
        name: name.into(),
        quantity: qty,
        unit_price: pln(price),
        position: pos,
    };
    let big = create(
        app,
        Kind::Deal,
        Patch::new()
            .text("title", "Dźwigi 2026")
            .set("pipeline", Value::Ref(pipeline.0))
            .text("stage", &stages[1].id.0.to_string())
            .set("value", Value::Money(pln(12_345_678)))
            .set(
                "close_date",
                Value::Date(chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()),
            )
            .set("people", set(&[lucja]))
            .set("companies", set(&[zuraw]))
            .set("space", Value::Ref(space.0))
            .set(
                "revenues",
                Value::Lines(vec![
                    line("Dźwig", 2, 5_000_000, 0),
                    line("Montaż", 1, 2_345_678, 1),
                ]),
            )
            .set(
                "costs",
                Value::Lines(vec![line("Transport", 3, 150_050, 0)]),
            )
            .custom(
                budget,
                Some(Value::Money(Money::new(99_900, Currency::EUR))),
            ),
    );
    let small = create(
        app,
        Kind::Deal,
        Patch::new()
            .text("title", "Kwiaty do biura")
            .set("pipeline", Value::Ref(pipeline.0))
            .text("stage", &stages[2].id.0.to_string())
            .set("value", Value::Money(pln(50_000)))
            .set("people", set(&[piotr]))
            .set("companies", set(&[kwiat])),
    );
    create(
        app,
        Kind::Task,
        Patch::new()
            .text("title", "Zadzwonić do Łucji")
            .set(
                "due",
                Value::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()),
            )
            .set("done", Value::Bool(false))
            .set("links", set(&[big, lucja])),
    );
    create(
        app,
        Kind::Activity,
        Patch::new()
            .text("type", "note")
            .text("subject", "Spotkanie na targach")
            .set(
                "body",
                Value::LongText("Zainteresowani dwoma dźwigami.".into()),
            )
            .set("at", Value::Timestamp(T0 - 3_600_000))
            .set("links", set(&[zuraw, big])),
    );
    create(
        app,
        Kind::Activity,
        Patch::new()
            .text("type", "call")
            .text("subject", "Telefon do Piotra")
            .set("duration_min", Value::Int(15))
            .set("links", set(&[piotr, small])),
    );
    let offer: Vec<u8> = (0..200_000).map(|i| (i * 7 % 253) as u8).collect();
    attach(&a, big, "Oferta.pdf", &offer).await;
    let plan = attach(&a, zuraw, "Plan placu.png", b"\x89PNG fake image bytes").await;
    // The plan belongs to the company and to the deal.
    app.update_record(UpdateRequest {
        id: plan,
        patch: Patch::new().set("links", set(&[zuraw, big])),
    })
    .unwrap();
    synced(app).await;
    a
}

async fn export(a: &Device) -> PathBuf {
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
    let target = a.dir.path().join("archiwum.tar.gz");
    a.app
        .save_advanced_export(SaveArchiveRequest {
            id: job.id,
            path: target.display().to_string(),
        })
        .await
        .unwrap();
    target
}

const KINDS: [Kind; 9] = [
    Kind::CustomField,
    Kind::Pipeline,
    Kind::Company,
    Kind::Person,
    Kind::Deal,
    Kind::Space,
    Kind::Task,
    Kind::Activity,
    Kind::File,
];

fn records(replica: &Replica, except: &BTreeSet<RecordId>) -> Vec<Record> {
    KINDS
        .iter()
        .flat_map(|k| replica.ids_of_kind(*k).unwrap())
        .filter(|id| !except.contains(id))
        .map(|id| replica.get(id).unwrap())
        .collect()
}

fn all_ids(replica: &Replica) -> BTreeSet<RecordId> {
    KINDS
        .iter()
        .flat_map(|k| replica.ids_of_kind(*k).unwrap())
        .collect()
}

fn live_ids(replica: &Replica) -> BTreeSet<RecordId> {
    all_ids(replica)
        .into_iter()
        .filter(|id| !replica.get(*id).unwrap().is_deleted())
        .collect()
}

/// A record's natural key: its kind and the field that names it.
fn natural(r: &Record) -> String {
    let name = ["name", "title", "last_name", "subject", "key"]
        .iter()
        .find_map(|k| r.get(k).and_then(Value::as_text))
        .unwrap_or_default();
    format!("{}:{name}", r.kind)
}

const USER_FIELDS: [&str; 5] = ["owner", "author", "assignee", "participants", "members"];

/// Every record by content: links as natural keys, users as `user`, custom values by their
/// field's key, the trash as a flag.
fn by_content(records: &[Record]) -> BTreeSet<String> {
    let names: BTreeMap<uuid::Uuid, String> =
        records.iter().map(|r| (r.id.0, natural(r))).collect();
    let keys: BTreeMap<RecordId, String> = records
        .iter()
        .filter(|r| r.kind == Kind::CustomField)
        .map(|r| {
            (
                r.id,
                r.get("key")
                    .and_then(Value::as_text)
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    let link = |id: &uuid::Uuid| names.get(id).cloned().unwrap_or_else(|| format!("?{id}"));
    records
        .iter()
        .map(|r| {
            let mut fields = BTreeMap::new();
            for (key, read) in &r.fields {
                let shown = if USER_FIELDS.contains(&key.as_str()) {
                    "user".to_owned()
                } else {
                    match &read.value {
                        Value::Ref(id) => link(id),
                        Value::RefSet(ids) => {
                            format!("{:?}", ids.iter().map(link).collect::<BTreeSet<_>>())
                        }
                        other => format!("{other:?}"),
                    }
                };
                fields.insert(key.clone(), shown);
            }
            let custom: BTreeMap<String, String> = r
                .custom
                .iter()
                .map(|(id, read)| {
                    (
                        keys.get(id).cloned().unwrap_or_default(),
                        format!("{:?}", read.value),
                    )
                })
                .collect();
            format!(
                "{} deleted={} fields={fields:?} custom={custom:?}",
                r.kind,
                r.is_deleted()
            )
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn an_archive_imported_into_a_fresh_account_holds_the_same_records_links_values_and_files() {
    let server = TestServer::start(|_| {}).await;
    let a = account_a(&server).await;
    let archive = export(&a).await;
    let a_records = records(&a.app.replica().unwrap(), &BTreeSet::new());

    let b = signed_up(&server.url, "Kwiaciarnia Róża", "ola@roza.pl").await;
    synced(&b.app).await;
    let before = all_ids(&b.app.replica().unwrap());
    let report = b
        .app
        .import_archive(ImportArchiveRequest {
            path: archive.display().to_string(),
        })
        .await
        .unwrap();
    assert_eq!(report.files_uploaded, 2);
    assert_eq!(report.trashed, 1);
    assert_eq!(report.dropped_links, 0);
    let created: u32 = report.created.iter().map(|c| c.count).sum();
    assert_eq!(created as usize, a_records.len());
    let progress: Vec<(u32, u32)> = b
        .events
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            AppEvent::Import { progress } => Some((progress.done, progress.total)),
            _ => None,
        })
        .collect();
    assert_eq!(progress.first(), Some(&(0, created)));
    assert_eq!(progress.last(), Some(&(created, created)));
    assert!(progress.windows(2).all(|w| w[0].0 <= w[1].0));
    synced(&b.app).await;

    // A second device of B sees what the import made, through the server.
    let b2 = signed_in(&server.url, "ola@roza.pl").await;
    synced(&b2.app).await;
    let b_records = records(&b2.app.replica().unwrap(), &before);
    assert_eq!(by_content(&b_records), by_content(&a_records));
    // A's only user has no namesake in B: what was hers is the importing admin's.
    for r in &b_records {
        for key in USER_FIELDS {
            match r.get(key) {
                Some(Value::Ref(id)) => assert_eq!(*id, b.me, "{key} of {}", natural(r)),
                Some(Value::RefSet(ids)) => assert!(ids.iter().all(|id| *id == b.me)),
                _ => {}
            }
        }
    }
    let ids: BTreeSet<RecordId> = b_records.iter().map(|r| r.id).collect();
    assert!(a_records.iter().all(|r| !ids.contains(&r.id)), "new ids");

    // The files' bytes are on B's server: a download matches A's hash.
    let offer = b_records
        .iter()
        .find(|r| {
            r.kind == Kind::File && r.get("name").and_then(Value::as_text) == Some("Oferta.pdf")
        })
        .unwrap();
    let saved = b2.dir.path().join("pobrana.pdf");
    b2.app
        .download_file(DownloadFileRequest {
            id: offer.id,
            path: saved.display().to_string(),
        })
        .await
        .unwrap();
    let bytes = std::fs::read(&saved).unwrap();
    assert_eq!(
        Some(sha256(&bytes).as_str()),
        offer.get("content_hash").and_then(Value::as_text)
    );
    assert_eq!(bytes.len(), 200_000);

    // The import is in the history and undone as a whole.
    let history = b.app.imports().unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.record.id == report.import && e.record.archive == Some(true))
    );
    let live_before: BTreeSet<RecordId> = before
        .iter()
        .copied()
        .filter(|id| !b.app.replica().unwrap().get(*id).unwrap().is_deleted())
        .collect();
    b.app
        .undo_import(ImportIdRequest {
            id: report.import.clone(),
        })
        .unwrap();
    assert_eq!(live_ids(&b.app.replica().unwrap()), live_before);
    synced(&b.app).await;
    synced(&b2.app).await;
    assert_eq!(live_ids(&b2.app.replica().unwrap()), live_before);
}

/// The archive rebuilt with one entry's bytes changed.
fn rewritten(from: &Path, to: &Path, name: &str, change: impl Fn(Vec<u8>) -> Vec<u8>) {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(from).unwrap(),
    ));
    let out = flate2::write::GzEncoder::new(
        std::fs::File::create(to).unwrap(),
        flate2::Compression::fast(),
    );
    let mut builder = tar::Builder::new(out);
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let path = entry.path().unwrap().to_string_lossy().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if path == name {
            bytes = change(bytes);
        }
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder
            .append_data(&mut header, &path, bytes.as_slice())
            .unwrap();
    }
    builder
        .into_inner()
        .unwrap()
        .finish()
        .unwrap()
        .flush()
        .unwrap();
}

#[tokio::test]
async fn garbage_archives_are_refused_with_a_typed_error_and_change_nothing() {
    let server = TestServer::start(|_| {}).await;
    let a = account_a(&server).await;
    let archive = export(&a).await;
    let b = signed_up(&server.url, "Kwiaciarnia Róża", "ola@roza.pl").await;
    synced(&b.app).await;
    let dir = b.dir.path();

    let noise = dir.join("szum.tar.gz");
    std::fs::write(
        &noise,
        (0..100_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let truncated = dir.join("urwane.tar.gz");
    let full = std::fs::read(&archive).unwrap();
    std::fs::write(&truncated, &full[..full.len() / 2]).unwrap();
    let bad_header = dir.join("naglowek.tar.gz");
    rewritten(&archive, &bad_header, "people.csv", |bytes| {
        let text = String::from_utf8(bytes).unwrap();
        text.replacen("last_name", "nazwisko", 1).into_bytes()
    });
    let bad_cell = dir.join("komorka.tar.gz");
    rewritten(&archive, &bad_cell, "deal_lines.csv", |bytes| {
        let text = String::from_utf8(bytes).unwrap();
        text.replacen(",PLN,", ",złote,", 1).into_bytes()
    });
    let newer = dir.join("nowsze.tar.gz");
    rewritten(&archive, &newer, "README.txt", |bytes| {
        let text = String::from_utf8(bytes).unwrap();
        text.replacen("Format: 1", "Format: 2", 1).into_bytes()
    });
    let no_people = dir.join("bez-osob.tar.gz");
    rewritten(&archive, &no_people, "people.csv", |_| b"".to_vec());

    let replica = b.app.replica().unwrap();
    let before = records(&replica, &BTreeSet::new());
    let imports_before = b.app.imports().unwrap().len();
    for (path, code) in [
        (&noise, "archive_not_an_archive"),
        (&truncated, "archive_not_an_archive"),
        (&bad_header, "archive_bad_header"),
        (&bad_cell, "archive_bad_csv"),
        (&newer, "archive_unknown_version"),
        (&no_people, "archive_bad_header"),
    ] {
        let refused = b
            .app
            .import_archive(ImportArchiveRequest {
                path: path.display().to_string(),
            })
            .await
            .unwrap_err();
        assert_eq!(refused.code, code, "{path:?}: {}", refused.message);
        assert_eq!(records(&replica, &BTreeSet::new()), before, "{path:?}");
        assert_eq!(b.app.imports().unwrap().len(), imports_before);
    }
    // Only admins import archives.
    b.app
        .invite(InviteRequest {
            email: "jan@roza.pl".into(),
            role: localspace_core::api::Role::User,
            seat: true,
        })
        .await
        .unwrap();
    let jan = device(&server.url);
    jan.app
        .accept_invitation(AcceptInvitationRequest {
            server_url: None,
            token: server.last_link_token("jan@roza.pl").unwrap(),
            name: "Jan".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    let refused = jan
        .app
        .import_archive(ImportArchiveRequest {
            path: archive.display().to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, "forbidden");
    assert!(jan.app.imports().unwrap().is_empty());

    // Nothing is left in the scratch folder.
    let scratch = dir.join("import-scratch");
    assert!(!scratch.exists() || std::fs::read_dir(&scratch).unwrap().next().is_none());
}

#[tokio::test]
async fn a_file_over_the_quota_stops_the_import_saying_what_went_in_and_that_part_undoes() {
    let server = TestServer::start(|c| {
        c.trial_seats = 1;
        c.files.gb_bytes = 31_250; // the trial's 8 GB are 250,000 bytes
    })
    .await;
    let a = account_a(&server).await;
    let archive = export(&a).await;
    let b = signed_up(&server.url, "Kwiaciarnia Róża", "ola@roza.pl").await;
    // B already uses 100,000 bytes: the archive's 200,000-byte offer does not fit.
    let own = create(&b.app, Kind::Company, Patch::new().text("name", "Róża"));
    attach(&b, own, "cennik.pdf", &vec![7u8; 100_000]).await;
    synced(&b.app).await;
    let replica = b.app.replica().unwrap();
    let live_before = live_ids(&replica);

    let refused = b
        .app
        .import_archive(ImportArchiveRequest {
            path: archive.display().to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, "quota_exceeded", "{}", refused.message);
    assert!(refused.message.contains("3 company"), "{}", refused.message);
    assert!(refused.message.contains("2 deal"), "{}", refused.message);
    let names: BTreeSet<String> = records(&replica, &live_before)
        .iter()
        .filter(|r| r.kind == Kind::Company)
        .filter_map(|r| r.get("name").and_then(Value::as_text).map(str::to_owned))
        .collect();
    assert!(names.contains("Kwiatex"), "the records went in: {names:?}");
    assert!(
        !records(&replica, &live_before)
            .iter()
            .any(|r| r.kind == Kind::File
                && r.get("name").and_then(Value::as_text) == Some("Oferta.pdf")),
        "no record for the refused file"
    );

    let import = b
        .app
        .imports()
        .unwrap()
        .into_iter()
        .find(|e| e.record.archive == Some(true))
        .unwrap();
    assert!(!import.record.complete);
    assert!(refused.message.contains(&import.record.id));
    b.app
        .undo_import(ImportIdRequest {
            id: import.record.id,
        })
        .unwrap();
    assert_eq!(live_ids(&replica), live_before);
}
