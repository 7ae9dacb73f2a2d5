//! The desktop app's data commands (what the Export button, the import wizard and the
//! duplicates screen call), headless: an `App` resumed offline from a session file over a
//! real replica file in a temp dir, on a manual clock, with its events recorded.

use std::sync::{Arc, Mutex};

use calamine::{Data, Reader, Xlsx, open_workbook};
use localspace_client::app::contract::*;
use localspace_client::app::{App, AppConfig, AppError, TokenStore};
use localspace_client::import::{Decision, Target};
use localspace_client::query::{Filter, Row, Sort};
use localspace_core::api::{AccountView, Role, UserView};
use localspace_core::{Kind, ManualClock, Patch, Record, RecordId, UserId, Value};
use tempfile::TempDir;

use crate::support::T0;

/// No keychain entry: the app works offline, as after a restart without network.
#[derive(Debug)]
struct NoTokens;

impl TokenStore for NoTokens {
    fn save(&self, _: &str, _: &str) -> Result<(), AppError> {
        Ok(())
    }
    fn load(&self, _: &str) -> Result<Option<String>, AppError> {
        Ok(None)
    }
    fn delete(&self, _: &str) -> Result<(), AppError> {
        Ok(())
    }
}

struct Desk {
    app: App,
    events: Arc<Mutex<Vec<AppEvent>>>,
    clock: ManualClock,
    dir: TempDir,
}

fn me() -> UserView {
    UserView {
        id: UserId(uuid::Uuid::from_bytes([7; 16])),
        name: "Anna Zielińska".into(),
        email: "anna@drewpol.pl".into(),
        role: Role::User,
        seat: true,
        active: true,
        lang: "pl".into(),
    }
}

/// An app signed in (offline) as a salesperson of Drewpol.
fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let session = SessionInfo {
        server_url: "http://127.0.0.1:9".into(),
        user: me(),
        account: AccountView {
            id: "acc".into(),
            name: "Drewpol Sp. z o.o.".into(),
            status: "active".into(),
            trial_ends: "2026-03-16T10:00:00Z".into(),
            seats: 5,
            seats_used: 1,
            basic_export: true,
            paid_until: None,
            access_ended: None,
            deletion_on: None,
        },
    };
    std::fs::write(
        dir.path().join("session.json"),
        serde_json::to_vec(&session).unwrap(),
    )
    .unwrap();
    let clock = ManualClock::at(T0);
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let app = App::start(
        AppConfig {
            data_dir: dir.path().to_path_buf(),
            default_server: "http://127.0.0.1:9".into(),
            tokens: Arc::new(NoTokens),
            clock: Arc::new(clock.clone()),
            device: "test".into(),
            poll_every: std::time::Duration::from_secs(15),
        },
        Box::new(move |e| sink.lock().unwrap().push(e)),
    )
    .unwrap();
    assert!(app.app_state().session.is_some(), "resumed offline");
    Desk {
        app,
        events,
        clock,
        dir,
    }
}

fn create(app: &App, kind: Kind, patch: Patch) -> RecordId {
    app.create_record(CreateRequest { kind, patch }).unwrap().id
}

fn person(first: &str, last: &str, city: &str, email: &str) -> Patch {
    Patch::new()
        .text("first_name", first)
        .text("last_name", last)
        .text("city", city)
        .set("emails", Value::List(vec![email.into()]))
}

/// Every live and trashed record of the kinds an import or merge touches, with its fields.
fn snapshot(app: &App) -> Vec<(bool, Record)> {
    let replica = app.replica().unwrap();
    let mut out = Vec::new();
    for kind in [
        Kind::Person,
        Kind::Company,
        Kind::Deal,
        Kind::Task,
        Kind::Activity,
    ] {
        for trash in [false, true] {
            let rows = app
                .list(ListRequest {
                    kind,
                    filter: Filter {
                        trash,
                        ..Filter::default()
                    },
                    sort: Sort::Created,
                    descending: false,
                    offset: 0,
                    limit: 500,
                })
                .unwrap()
                .rows;
            for row in rows {
                out.push((trash, replica.get(row.id()).unwrap()));
            }
        }
    }
    out
}

fn sheet(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn progress_of(events: &[AppEvent], export: bool) -> Vec<Progress> {
    events
        .iter()
        .filter_map(|e| match e {
            AppEvent::Export { progress } if export => Some(*progress),
            AppEvent::Import { progress } if !export => Some(*progress),
            _ => None,
        })
        .collect()
}

#[test]
fn export_writes_the_list_as_on_screen_with_progress_events() {
    let d = desk();
    for (first, last, city) in [
        ("Anna", "Łukasik", "Łódź"),
        ("Jan", "Lis", "Łódź"),
        ("Ewa", "Żak", "Łódź"),
        ("Olga", "Sowa", "Kraków"),
        ("Piotr", "Adamski", "Łódź"),
    ] {
        let email = format!("{}@x.pl", first.to_lowercase());
        create(&d.app, Kind::Person, person(first, last, city, &email));
    }
    let path = d.dir.path().join("osoby.xlsx");
    let done = d
        .app
        .export_list(ExportRequest {
            list: ExportListName::People,
            filter: Filter {
                city: Some("Łódź".into()),
                ..Filter::default()
            },
            sort: Sort::Name,
            descending: true,
            path: path.display().to_string(),
            locale: Locale::Pl,
        })
        .unwrap();
    assert_eq!(done.rows, 4);
    let rows = sheet(&path);
    let last_name = rows[0]
        .iter()
        .position(|h| *h == "Nazwisko")
        .expect("a Polish header");
    let names: Vec<String> = rows[1..].iter().map(|r| r[last_name].to_string()).collect();
    // Only Łódź, in Polish order backwards: Ż after Ł after L after A.
    assert_eq!(names, ["Żak", "Łukasik", "Lis", "Adamski"]);
    assert_eq!(rows[0].len() as u32, done.columns);
    let progress = progress_of(&d.events.lock().unwrap(), true);
    assert_eq!(progress.first(), Some(&Progress { done: 0, total: 4 }));
    assert_eq!(progress.last(), Some(&Progress { done: 4, total: 4 }));

    // Coworkers: the cached list (here only this user), English headers.
    let coworkers = d.dir.path().join("coworkers.xlsx");
    d.app
        .replica()
        .unwrap()
        .set_sync_state("app.coworkers", &serde_json::to_string(&[me()]).unwrap())
        .unwrap();
    let done = d
        .app
        .export_list(ExportRequest {
            list: ExportListName::Coworkers,
            filter: Filter::default(),
            sort: Sort::Name,
            descending: false,
            path: coworkers.display().to_string(),
            locale: Locale::En,
        })
        .unwrap();
    assert_eq!(done.rows, 1);
    let rows = sheet(&coworkers);
    assert!(rows[1].iter().any(|c| *c == "Anna Zielińska"));

    // A folder that does not exist: a coded error and no file.
    let err = d
        .app
        .export_list(ExportRequest {
            list: ExportListName::Deals,
            filter: Filter::default(),
            sort: Sort::Name,
            descending: false,
            path: d.dir.path().join("nie/ma/deals.xlsx").display().to_string(),
            locale: Locale::Pl,
        })
        .unwrap_err();
    assert!(err.code.starts_with("export_"), "{err:?}");
}

#[test]
fn import_previews_runs_with_choices_lists_history_and_undo_restores_the_replica() {
    let d = desk();
    let app = &d.app;
    let existing = create(
        app,
        Kind::Person,
        person("Anna", "Nowak", "Łódź", "anna.nowak@drewpol.pl").text("position", "Handlowiec"),
    );
    create(
        app,
        Kind::Person,
        person("Jan", "Lis", "Gdańsk", "jan.lis@drewpol.pl"),
    );
    let vip = create(
        app,
        Kind::CustomField,
        Patch::new()
            .text("target", "person")
            .text("key", "vip")
            .text("label", "Klient VIP")
            .text("field_type", "text")
            .set("position", Value::Int(0)),
    );
    let before = snapshot(app);

    let csv = d.dir.path().join("kontakty.csv");
    std::fs::write(
        &csv,
        "Imię;Nazwisko;E-mail;Stanowisko;Klient VIP\n\
         Anna;Nowak;ANNA.NOWAK@drewpol.pl;Kierownik zakupów;tak\n\
         Jan;Lis;jan.lis@drewpol.pl;Prezes;\n\
         Zofia;Wrona;zofia@wrona.pl;Księgowa;nie\n\
         Bez;;brak@nazwiska.pl;;\n",
    )
    .unwrap();
    let path = csv.display().to_string();
    let preview = app
        .import_preview(ImportPreviewRequest {
            path: path.clone(),
            kind: Kind::Person,
            mapping: None,
            limit: 2,
        })
        .unwrap();
    assert_eq!(preview.file_name, "kontakty.csv");
    assert_eq!(
        preview.preview.mapping.columns,
        [
            Target::Field("first_name".into()),
            Target::Field("last_name".into()),
            Target::Field("emails".into()),
            Target::Field("position".into()),
            Target::Custom(vip),
        ]
    );
    assert_eq!(preview.preview.total_rows, 4);
    assert_eq!(preview.preview.matched, 2);
    assert_eq!(preview.preview.failed, 1);
    assert_eq!(preview.preview.rows.len(), 2);
    assert_eq!(preview.samples[0][3], "Kierownik zakupów");
    assert!(
        preview
            .targets
            .iter()
            .any(|t| t.target == Target::Custom(vip) && t.label.as_deref() == Some("Klient VIP"))
    );
    assert!(
        preview
            .targets
            .iter()
            .any(|t| t.target == Target::Field("emails".into()))
    );
    // Nothing was written by looking.
    assert_eq!(snapshot(app), before);

    // Skip matches by default, but update Anna (line 2).
    d.clock.advance(60_000);
    let report = app
        .run_import(RunImportRequest {
            path: path.clone(),
            kind: Kind::Person,
            mapping: preview.preview.mapping.clone(),
            on_match: Decision::Skip,
            decisions: vec![LineDecision {
                line: 2,
                decision: Decision::Update,
            }],
        })
        .unwrap();
    assert_eq!((report.created, report.updated, report.skipped), (1, 1, 1));
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].line, 5);
    let anna = app.replica().unwrap().get(existing).unwrap();
    assert_eq!(
        anna.fields["position"].value,
        Value::Text("Kierownik zakupów".into())
    );
    let progress = progress_of(&d.events.lock().unwrap(), false);
    assert_eq!(progress.last(), Some(&Progress { done: 2, total: 2 }));
    assert!(
        d.events.lock().unwrap().iter().any(
            |e| matches!(e, AppEvent::RecordsChanged { kinds } if kinds == &vec![Kind::Person])
        )
    );

    let history = app.imports().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].record.id, report.import);
    assert_eq!(history[0].file.as_deref(), Some("kontakty.csv"));
    assert_eq!(history[0].at_ms, Some(T0 + 60_000));
    assert!(history[0].record.complete && !history[0].record.undone);

    let undo = app
        .undo_import(ImportIdRequest {
            id: report.import.clone(),
        })
        .unwrap();
    assert_eq!((undo.removed, undo.restored), (1, 1));
    // Live records exactly as before; the one created sits in the trash (the undo syncs).
    let after = snapshot(app);
    let live = |s: &[(bool, Record)]| -> Vec<Record> {
        s.iter()
            .filter(|(t, _)| !t)
            .map(|(_, r)| r.clone())
            .collect()
    };
    assert_eq!(live(&after), live(&before));
    let trashed: Vec<&Record> = after.iter().filter(|(t, _)| *t).map(|(_, r)| r).collect();
    assert_eq!(trashed.len(), 1);
    assert_eq!(
        trashed[0].fields["last_name"].value,
        Value::Text("Wrona".into())
    );
    assert!(app.imports().unwrap()[0].record.undone);
    let again = app
        .undo_import(ImportIdRequest { id: report.import })
        .unwrap_err();
    assert_eq!(again.code, "import_already_undone");
}

#[test]
fn garbage_files_are_clear_errors_and_change_nothing() {
    let d = desk();
    let app = &d.app;
    create(app, Kind::Person, person("Anna", "Nowak", "Łódź", "a@x.pl"));
    let before = snapshot(app);
    // Deterministic noise: binary bytes, a "workbook" that is not a zip, an old .xls.
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases = [
        ("szum.csv", noise.clone(), "import_not_text"),
        (
            "zepsuty.xlsx",
            b"PK\x03\x04 to nie jest zip".to_vec(),
            "import_bad_xlsx",
        ),
        (
            "stary.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 stary".to_vec(),
            "import_legacy_xls",
        ),
        ("pusty.csv", Vec::new(), "import_empty"),
    ];
    for (name, bytes, code) in cases {
        let file = d.dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let path = file.display().to_string();
        let err = app
            .import_preview(ImportPreviewRequest {
                path: path.clone(),
                kind: Kind::Person,
                mapping: None,
                limit: 20,
            })
            .unwrap_err();
        assert_eq!(err.code, code, "{name}: {err:?}");
        assert!(!err.message.is_empty());
        let err = app
            .run_import(RunImportRequest {
                path,
                kind: Kind::Person,
                mapping: localspace_client::import::Mapping {
                    columns: vec![Target::Field("last_name".into())],
                },
                on_match: Decision::Create,
                decisions: vec![],
            })
            .unwrap_err();
        assert_eq!(err.code, code, "{name}: {err:?}");
    }
    let missing = app
        .import_preview(ImportPreviewRequest {
            path: d.dir.path().join("nie-ma.csv").display().to_string(),
            kind: Kind::Person,
            mapping: None,
            limit: 20,
        })
        .unwrap_err();
    assert_eq!(missing.code, "import_io");
    assert_eq!(snapshot(app), before);
    assert!(app.imports().unwrap().is_empty());
}

#[test]
fn duplicates_show_side_by_side_and_merge_keeps_every_link_and_shows_on_the_timeline() {
    let d = desk();
    let app = &d.app;
    let winner = create(
        app,
        Kind::Person,
        person("Anna", "Nowak", "Łódź", "anna@drewpol.pl")
            .set("phones", Value::List(vec!["600 100 200".into()])),
    );
    d.clock.advance(1);
    let loser = create(
        app,
        Kind::Person,
        Patch::new()
            .text("first_name", "Ania")
            .text("last_name", "Nowak")
            .text("position", "Zakupy")
            .set("emails", Value::List(vec!["ANNA@drewpol.pl".into()]))
            .set("phones", Value::List(vec!["601 300 400".into()])),
    );
    create(
        app,
        Kind::Person,
        person("Jan", "Lis", "Gdańsk", "jan@x.pl"),
    );
    let links = |id: RecordId| Value::RefSet([id.0].into());
    let deal = create(
        app,
        Kind::Deal,
        Patch::new()
            .text("title", "Meble biurowe")
            .set("people", links(loser)),
    );
    let task = create(
        app,
        Kind::Task,
        Patch::new()
            .text("title", "Zadzwonić")
            .set("links", links(loser)),
    );
    let call = app
        .add_activity(AddActivityRequest {
            record: loser,
            activity_type: "call".into(),
            subject: Some("Oferta".into()),
            body: "Rozmowa o meblach".into(),
        })
        .unwrap()
        .id;
    let file = create(
        app,
        Kind::File,
        Patch::new()
            .text("name", "oferta.pdf")
            .text("url", "https://example.com/oferta.pdf")
            .set("links", links(loser)),
    );

    let found = app
        .duplicates(DuplicatesRequest { kind: Kind::Person })
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.groups[0].rows.len(), 2);
    let ids: Vec<RecordId> = found.groups[0].rows.iter().map(Row::id).collect();
    assert_eq!(ids, [winner, loser]);
    assert!(
        matches!(&found.groups[0].rows[1], Row::Person(p) if p.position.as_deref() == Some("Zakupy"))
    );
    assert_eq!(
        app.duplicates(DuplicatesRequest { kind: Kind::Deal })
            .unwrap_err()
            .code,
        "invalid"
    );

    d.clock.advance(1_000);
    let report = app
        .merge_records(MergeRequest {
            winner,
            loser,
            locale: Locale::Pl,
        })
        .unwrap();
    for id in [deal, task, call, file] {
        assert!(report.repointed.contains(&id), "{id:?} re-pointed");
    }
    let page = app.open_record(IdRequest { id: winner }).unwrap().view;
    let kept = &page.record.fields;
    assert_eq!(kept["position"].value, Value::Text("Zakupy".into()));
    assert!(
        matches!(&kept["phones"].value, Value::List(p) if p.len() == 2),
        "both phones: {:?}",
        kept["phones"]
    );
    assert!(page.timeline.iter().any(|e| e.id == call));
    assert!(page.timeline.iter().any(|e| e.id == report.note));
    assert!(page.tasks.iter().any(|t| t.id == task));
    assert!(page.files.iter().any(|f| f.id == file));
    assert!(page.linked.iter().any(|l| l.id == deal));
    // The loser is in the trash (restorable), and the note is on its timeline too.
    let gone = app.open_record(IdRequest { id: loser }).unwrap().view;
    assert!(gone.record.deleted_at.is_some());
    assert!(gone.timeline.iter().any(|e| e.id == report.note));
    assert!(
        app.duplicates(DuplicatesRequest { kind: Kind::Person })
            .unwrap()
            .groups
            .is_empty()
    );
}

#[test]
fn a_list_page_reports_the_whole_total_whether_or_not_it_counts() {
    let desk = desk();
    for i in 0..7 {
        let city = if i < 5 { "Łódź" } else { "Gdynia" };
        create(
            &desk.app,
            Kind::Person,
            person(
                "Jan",
                &format!("Kowal{i}"),
                city,
                &format!("jan{i}@drewpol.pl"),
            ),
        );
    }
    let total = |text: Option<&str>, offset: u32, limit: u32| {
        let res = desk
            .app
            .list(ListRequest {
                kind: Kind::Person,
                filter: Filter {
                    text: text.map(str::to_owned),
                    ..Filter::default()
                },
                sort: Sort::Name,
                descending: false,
                offset,
                limit,
            })
            .unwrap();
        (res.rows.len(), res.total)
    };
    // A full page counts; a short page is the end of the list; a page past the end counts.
    assert_eq!(total(None, 0, 3), (3, 7));
    assert_eq!(total(None, 3, 3), (3, 7));
    assert_eq!(total(None, 6, 3), (1, 7));
    assert_eq!(total(None, 0, 100), (7, 7));
    assert_eq!(total(None, 20, 3), (0, 7));
    assert_eq!(total(Some("gdyn"), 0, 100), (2, 2));
    assert_eq!(total(Some("lodz"), 0, 2), (2, 5));
    assert_eq!(total(Some("nikt"), 0, 100), (0, 0));
}
