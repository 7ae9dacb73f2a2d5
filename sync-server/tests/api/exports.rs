//! The advanced export on a real server: an admin starts the job, follows it to the end by
//! waiting on the status route, downloads the tar.gz and reads every CSV back — headers, a
//! row per record, ids that join, custom values, Polish letters, a file's bytes — on a
//! blocked account too; erased records are absent, non-admins are refused, one job runs at
//! a time, archives expire. And the admin switch for basic export.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use automerge::ActorId;
use localspace_core::sync::{DocPush, PushRequest, PushResponse, decode, encode};
use localspace_core::{Currency, Kind, Line, Money, Patch, RecordId, Value, doc};
use reqwest::{Method, StatusCode};
use serde_json::{Value as Json, json};

use crate::support::*;

/// The files of an unpacked archive.
type Archive = BTreeMap<String, Vec<u8>>;

/// A CSV read back: header and rows as maps.
struct Table {
    header: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

impl Table {
    fn read(bytes: &[u8]) -> Table {
        let mut reader = csv::Reader::from_reader(bytes);
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                header
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_owned))
                    .collect()
            })
            .collect();
        Table { header, rows }
    }

    fn by_id(&self, id: RecordId) -> &BTreeMap<String, String> {
        let id = id.0.to_string();
        self.rows
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no row {id}"))
    }

    fn ids(&self) -> BTreeSet<String> {
        self.rows.iter().map(|r| r["id"].clone()).collect()
    }
}

async fn push_docs(s: &Server, token: &str, docs: Vec<DocPush>, erase: Vec<RecordId>) {
    let res = s
        .http
        .post(format!("{}/sync/v1/push", s.url))
        .bearer_auth(token)
        .body(encode(&PushRequest {
            docs,
            erase,
            epoch: 0,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let answer: PushResponse = decode(&res.bytes().await.unwrap()).unwrap();
    for r in answer.results {
        assert!(
            matches!(r.status, localspace_core::sync::DocStatus::Accepted { .. }),
            "{:?}",
            r.status
        );
    }
}

/// Creates a record on the server (as a device would push it); `trash` puts it in the trash.
async fn create(s: &Server, token: &str, kind: Kind, patch: Patch, trash: bool) -> RecordId {
    let id = RecordId(uuid::Uuid::now_v7());
    let mut document = doc::create(ActorId::random(), kind, &patch, T0).unwrap();
    if trash {
        doc::soft_delete(&mut document, T0 + 1).unwrap();
    }
    let changes = document
        .get_changes(&[])
        .into_iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect();
    push_docs(
        s,
        token,
        vec![DocPush {
            id,
            kind,
            changes,
            saved: None,
        }],
        vec![],
    )
    .await;
    id
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn upload(s: &Server, token: &str, file: RecordId, content: &[u8]) -> String {
    let hash = sha256_hex(content);
    let started = s
        .post(
            "/api/v1/uploads",
            Some(token),
            json!({ "file": file.0.to_string(), "hash": hash, "size": content.len() }),
        )
        .await
        .expect(StatusCode::CREATED);
    let res = s
        .http
        .put(format!(
            "{}/api/v1/uploads/{}",
            s.url,
            started["upload_id"].as_str().unwrap()
        ))
        .bearer_auth(token)
        .body(content.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    hash
}

/// Starts an export and waits (on the status route's `wait`) until it is no longer running.
async fn run_export(s: &Server, token: &str) -> Json {
    let started = s
        .post("/api/v1/exports", Some(token), json!({}))
        .await
        .expect(StatusCode::ACCEPTED);
    let id = started["id"].as_str().unwrap().to_owned();
    loop {
        let job = s
            .get(&format!("/api/v1/exports/{id}?wait=10"), token)
            .await
            .expect(StatusCode::OK);
        if job["state"] != "running" {
            return job;
        }
    }
}

async fn download(s: &Server, token: &str, id: &str) -> Archive {
    let res = s
        .http
        .get(format!("{}/api/v1/exports/{id}/archive", s.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/gzip");
    let bytes = res.bytes().await.unwrap();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..]));
    let mut out = Archive::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let path = entry.path().unwrap().to_string_lossy().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.insert(path, data);
    }
    out
}

fn table(archive: &Archive, name: &str) -> Table {
    Table::read(
        archive
            .get(name)
            .unwrap_or_else(|| panic!("{name} is missing")),
    )
}

#[tokio::test]
async fn the_archive_holds_every_list_with_ids_that_join_and_the_files_bytes() {
    let s = server().await;
    let admin = s.sign_up("Drewpol", "anna@drewpol.pl").await;
    let t = admin.token.as_str();
    let me = uuid::Uuid::parse_str(&admin.user.id.to_string()).unwrap();

    let nip_field = create(
        &s,
        t,
        Kind::CustomField,
        Patch::new()
            .text("target", "company")
            .text("key", "branza")
            .text("label", "Branża")
            .text("field_type", "text"),
        false,
    )
    .await;
    let budget_field = create(
        &s,
        t,
        Kind::CustomField,
        Patch::new()
            .text("target", "deal")
            .text("key", "budzet")
            .text("label", "Budżet")
            .text("field_type", "money"),
        false,
    )
    .await;
    let company = create(
        &s,
        t,
        Kind::Company,
        Patch::new()
            .text("name", "Zakład Stolarski Łódź")
            .text("city", "Łódź")
            .custom(nip_field, Some(Value::Text("Meble gięte".into()))),
        false,
    )
    .await;
    let trashed = create(
        &s,
        t,
        Kind::Company,
        Patch::new().text("name", "Stara Firma"),
        true,
    )
    .await;
    let erased = create(
        &s,
        t,
        Kind::Company,
        Patch::new().text("name", "Wymazana Spółka"),
        false,
    )
    .await;
    let person = create(
        &s,
        t,
        Kind::Person,
        Patch::new()
            .text("first_name", "Żaneta")
            .text("last_name", "Gęślą")
            .set("company", Value::Ref(company.0))
            .set(
                "emails",
                Value::List(vec!["zaneta@lodz.pl".into(), "z.gesla@drewpol.pl".into()]),
            )
            .set("owner", Value::Ref(me)),
        false,
    )
    .await;
    let space = create(
        &s,
        t,
        Kind::Space,
        Patch::new().text("name", "Przetarg Śląsk"),
        false,
    )
    .await;
    let line = Line {
        id: RecordId(uuid::Uuid::now_v7()),
        name: "Licencje".into(),
        quantity: 3,
        unit_price: Money::new(12_345, Currency::PLN),
        position: 0,
    };
    let deal = create(
        &s,
        t,
        Kind::Deal,
        Patch::new()
            .text("title", "Wdrożenie CRM")
            .set("value", Value::Money(Money::new(1_234_550, Currency::PLN)))
            .set(
                "close_date",
                Value::Date(chrono::NaiveDate::from_ymd_opt(2026, 4, 30).unwrap()),
            )
            .set("companies", Value::RefSet([company.0].into()))
            .set("people", Value::RefSet([person.0].into()))
            .set("revenues", Value::Lines(vec![line.clone()]))
            .custom(
                budget_field,
                Some(Value::Money(Money::new(99_900, Currency::EUR))),
            ),
        false,
    )
    .await;
    let task = create(
        &s,
        t,
        Kind::Task,
        Patch::new()
            .text("title", "Zadzwonić do Żanety")
            .set("links", Value::RefSet([person.0].into())),
        false,
    )
    .await;
    let mut activities = Vec::new();
    for parent in [person, company, deal, space] {
        activities.push((
            create(
                &s,
                t,
                Kind::Activity,
                Patch::new()
                    .text("type", "note")
                    .set("body", Value::LongText("Spotkanie w Łodzi — zółć".into()))
                    .set("links", Value::RefSet([parent.0].into())),
                false,
            )
            .await,
            parent,
        ));
    }
    let content = "Oferta dla Łodzi: żółć, gęś, źrebię.".as_bytes();
    let file = RecordId(uuid::Uuid::now_v7());
    let hash = upload(&s, t, file, content).await;
    let file_doc = doc::create(
        ActorId::random(),
        Kind::File,
        &Patch::new()
            .text("name", "oferta ../łódź.txt")
            .set("size", Value::Int(content.len() as i64))
            .text("content_hash", &hash)
            .set("links", Value::RefSet([deal.0].into())),
        T0,
    )
    .unwrap();
    push_docs(
        &s,
        t,
        vec![DocPush {
            id: file,
            kind: Kind::File,
            changes: file_doc
                .clone()
                .get_changes(&[])
                .into_iter()
                .map(|c| c.raw_bytes().to_vec())
                .collect(),
            saved: None,
        }],
        vec![],
    )
    .await;
    push_docs(&s, t, vec![], vec![erased]).await;

    // The trial ends: a blocked account may still export.
    s.post("/dev/v1/clock", None, json!({ "advance_days": 15 }))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        s.get("/api/v1/account", t).await.expect(StatusCode::OK)["status"],
        "blocked"
    );

    let job = run_export(&s, t).await;
    assert_eq!(job["state"], "ready", "{job}");
    assert_eq!(job["done"], job["total"]);
    assert!(job["size"].as_u64().unwrap() > 0);
    let archive = download(&s, t, job["id"].as_str().unwrap()).await;

    for name in [
        "README.txt",
        "companies.csv",
        "people.csv",
        "coworkers.csv",
        "deals.csv",
        "deal_lines.csv",
        "spaces.csv",
        "tasks.csv",
        "activities.csv",
        "files.csv",
        "links.csv",
        "pipelines.csv",
        "pipeline_stages.csv",
        "custom_fields.csv",
    ] {
        assert!(
            archive.contains_key(name),
            "{name} missing: {:?}",
            archive.keys()
        );
    }
    let readme = String::from_utf8(archive["README.txt"].clone()).unwrap();
    for needle in [
        "companies.csv",
        "deal_lines.csv",
        "Branża [custom.branza]",
        "PL:",
        "EN:",
    ] {
        assert!(readme.contains(needle), "README lacks {needle}");
    }

    // Companies: the live one with its custom value and Polish letters, the trashed one
    // with `deleted_at`, the erased one absent.
    let companies = table(&archive, "companies.csv");
    assert_eq!(companies.rows.len(), 2);
    let row = companies.by_id(company);
    assert_eq!(row["name"], "Zakład Stolarski Łódź");
    assert_eq!(row["city"], "Łódź");
    assert_eq!(row["Branża [custom.branza]"], "Meble gięte");
    assert_eq!(row["deleted_at"], "");
    assert!(!companies.by_id(trashed)["deleted_at"].is_empty());
    assert!(!companies.ids().contains(&erased.0.to_string()));
    assert!(!String::from_utf8_lossy(&archive["links.csv"]).contains(&erased.0.to_string()));

    // People → companies; owner → coworkers.
    let people = table(&archive, "people.csv");
    let p = people.by_id(person);
    assert_eq!(
        (p["first_name"].as_str(), p["last_name"].as_str()),
        ("Żaneta", "Gęślą")
    );
    assert!(companies.ids().contains(&p["company"]));
    assert_eq!(p["emails"], "zaneta@lodz.pl;z.gesla@drewpol.pl");
    let coworkers = table(&archive, "coworkers.csv");
    assert!(coworkers.ids().contains(&p["owner"]));
    assert_eq!(coworkers.rows[0]["email"], "anna@drewpol.pl");
    assert!(!coworkers.header.iter().any(|h| h.contains("password")));

    // Deals → companies and people; money as decimals with a currency; lines → deals.
    let deals = table(&archive, "deals.csv");
    let d = deals.by_id(deal);
    assert_eq!(d["companies"], company.0.to_string());
    assert_eq!(d["people"], person.0.to_string());
    assert_eq!(
        (d["value"].as_str(), d["value_currency"].as_str()),
        ("12345.50", "PLN")
    );
    assert_eq!(d["close_date"], "2026-04-30");
    assert_eq!(d["Budżet [custom.budzet]"], "999.00");
    assert_eq!(d["Budżet [custom.budzet] currency"], "EUR");
    let lines = table(&archive, "deal_lines.csv");
    assert_eq!(lines.rows.len(), 1);
    let l = &lines.rows[0];
    assert_eq!(l["id"], line.id.0.to_string());
    assert!(deals.ids().contains(&l["deal_id"]));
    assert_eq!(
        (
            l["type"].as_str(),
            l["unit_price"].as_str(),
            l["total"].as_str(),
            l["currency"].as_str()
        ),
        ("revenue", "123.45", "370.35", "PLN")
    );

    // Tasks, spaces, activities → their parents (with the parent's kind in links.csv).
    let tasks = table(&archive, "tasks.csv");
    assert_eq!(tasks.by_id(task)["links"], person.0.to_string());
    assert_eq!(
        table(&archive, "spaces.csv").by_id(space)["name"],
        "Przetarg Śląsk"
    );
    let acts = table(&archive, "activities.csv");
    assert_eq!(acts.rows.len(), 4);
    let links = table(&archive, "links.csv");
    for ((activity, parent), kind) in activities
        .iter()
        .zip(["person", "company", "deal", "space"])
    {
        assert_eq!(acts.by_id(*activity)["body"], "Spotkanie w Łodzi — zółć");
        assert!(
            links
                .rows
                .iter()
                .any(|r| r["record_id"] == activity.0.to_string()
                    && r["record_kind"] == "activity"
                    && r["target_id"] == parent.0.to_string()
                    && r["target_kind"] == kind),
            "activity of a {kind}"
        );
    }

    // The file list → its parent, and the bytes in the archive match.
    let files = table(&archive, "files.csv");
    let f = files.by_id(file);
    assert_eq!(f["links"], deal.0.to_string());
    assert_eq!(f["content_hash"], hash);
    let path = &f["archive_path"];
    assert_eq!(path, &format!("files/{}/oferta .._łódź.txt", file.0));
    assert_eq!(archive[path.as_str()], content);

    let definitions = table(&archive, "custom_fields.csv");
    assert_eq!(definitions.rows.len(), 2);

    // The export is in the audit log, and the download too.
    let audit = s
        .get("/api/v1/audit", t)
        .await
        .expect(StatusCode::OK)
        .to_string();
    assert!(audit.contains("export_started") && audit.contains("export_downloaded"));
}

#[tokio::test]
async fn only_admins_export_one_job_at_a_time_and_archives_expire() {
    let s = server().await;
    let admin = s.sign_up("Drewpol", "anna@drewpol.pl").await;
    let jan = s.add_user(&admin.token, "jan@drewpol.pl", "manager").await;
    s.post("/api/v1/exports", Some(&jan.token), json!({}))
        .await
        .error(StatusCode::FORBIDDEN, "admin_only");
    for _ in 0..3 {
        create(
            &s,
            &admin.token,
            Kind::Company,
            Patch::new().text("name", "Firma"),
            false,
        )
        .await;
    }
    // Two starts at once: one job, the other is refused while it runs (or, when the first
    // already finished, a second job runs after it — never two at a time).
    let (a, b) = tokio::join!(
        s.post("/api/v1/exports", Some(&admin.token), json!({})),
        s.post("/api/v1/exports", Some(&admin.token), json!({}))
    );
    let statuses = [a.status, b.status];
    assert!(statuses.contains(&StatusCode::ACCEPTED), "{statuses:?}");
    for answer in [a, b] {
        if answer.status != StatusCode::ACCEPTED {
            answer.error(StatusCode::CONFLICT, "export_running");
        }
    }
    let job = run_export_after_running(&s, &admin.token).await;
    assert_eq!(job["state"], "ready");
    let id = job["id"].as_str().unwrap().to_owned();
    s.get(&format!("/api/v1/exports/{id}/archive"), &jan.token)
        .await
        .error(StatusCode::FORBIDDEN, "admin_only");
    let listed = s
        .get("/api/v1/exports", &admin.token)
        .await
        .expect(StatusCode::OK);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|j| j["id"] == id.as_str())
    );

    // Kept `export_keep_hours` (24 by default), then gone: bytes removed, the job says so.
    let archive_file = s
        .dir
        .path()
        .join("data/exports")
        .join(&admin.account.id)
        .join(format!("{id}.tar.gz"));
    assert!(archive_file.exists());
    s.clock.advance(24 * 60 * 60 * 1000);
    s.get(&format!("/api/v1/exports/{id}/archive"), &admin.token)
        .await
        .error(StatusCode::NOT_FOUND, "export_expired");
    assert_eq!(
        s.get(&format!("/api/v1/exports/{id}"), &admin.token)
            .await
            .expect(StatusCode::OK)["state"],
        "expired"
    );
    assert!(!archive_file.exists());
}

/// Waits for any running job, then runs a fresh one to the end.
async fn run_export_after_running(s: &Server, token: &str) -> Json {
    loop {
        let jobs = s.get("/api/v1/exports", token).await.expect(StatusCode::OK);
        let running = jobs
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["state"] == "running")
            .cloned();
        match running {
            Some(j) => {
                s.get(
                    &format!("/api/v1/exports/{}?wait=10", j["id"].as_str().unwrap()),
                    token,
                )
                .await
                .expect(StatusCode::OK);
            }
            None => return run_export(s, token).await,
        }
    }
}

#[tokio::test]
async fn admins_switch_basic_export_for_users_and_managers() {
    let s = server().await;
    let admin = s.sign_up("Drewpol", "anna@drewpol.pl").await;
    assert!(admin.account.basic_export, "on by default");
    let jan = s.add_user(&admin.token, "jan@drewpol.pl", "user").await;
    let settings = s
        .get("/api/v1/account/settings", &jan.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(settings, json!({ "basic_export": true }));
    s.put(
        "/api/v1/account/settings",
        &jan.token,
        json!({ "basic_export": false }),
    )
    .await
    .error(StatusCode::FORBIDDEN, "admin_only");
    s.put(
        "/api/v1/account/settings",
        &admin.token,
        json!({ "basic_export": false }),
    )
    .await
    .expect(StatusCode::OK);
    // Every member reads it, with the account and at sign-in.
    assert_eq!(
        s.get("/api/v1/account/settings", &jan.token)
            .await
            .expect(StatusCode::OK)["basic_export"],
        false
    );
    assert_eq!(
        s.get("/api/v1/account", &jan.token)
            .await
            .expect(StatusCode::OK)["basic_export"],
        false
    );
    let again = s
        .sign_in("jan@drewpol.pl", PASSWORD)
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(again["account"]["basic_export"], false);
    s.call(
        Method::PUT,
        "/api/v1/account/settings",
        Some(&admin.token),
        Some(json!({ "basic_export": "no" })),
    )
    .await
    .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    let audit = s
        .get("/api/v1/audit", &admin.token)
        .await
        .expect(StatusCode::OK);
    let entry = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "export_settings_changed")
        .expect("audited")
        .clone();
    assert_eq!(entry["detail"]["basic_export"], false);
}
