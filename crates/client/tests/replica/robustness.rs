//! One writer, keys left alone, fresh actors, damaged files, and a process killed mid-write.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ROOT, ReadDoc};
use localspace_client::replica::OpenOptions;
use localspace_client::{Error, Replica};
use localspace_core::{Kind, Patch, RecordId, Value};

use crate::support::*;

#[test]
fn the_ui_and_the_sync_loop_never_save_over_each_other() {
    let ui = replica();
    let id = create_person(&ui, "Anna", "Nowak");
    // The sync loop has its own connection to the same file, as a second process would.
    let sync = Replica::open_with(ui.path(), options(&ui.clock)).unwrap();
    let remote = replica();
    remote
        .load_saved(id, &ui.document_bytes(id).unwrap())
        .unwrap();
    let rounds = 60;
    std::thread::scope(|s| {
        s.spawn(|| {
            for i in 0..rounds {
                ui.write(|b| {
                    let mut phones = match b.get(id)?.get("phones") {
                        Some(Value::List(p)) => p.clone(),
                        _ => Vec::new(),
                    };
                    phones.push(format!("+48 600 000 {i:03}"));
                    b.update(id, &Patch::new().set("phones", Value::List(phones)))
                })
                .unwrap();
            }
        });
        s.spawn(|| {
            for i in 0..rounds {
                remote
                    .update(
                        id,
                        &Patch::new().set("description", Value::LongText(format!("Notatka {i}"))),
                    )
                    .unwrap();
                for out in remote.unpushed(10).unwrap() {
                    sync.apply_remote(out.id, &out.change_bytes().unwrap())
                        .unwrap();
                    remote.mark_pushed(out.id, &out.heads).unwrap();
                }
            }
        });
    });
    let record = ui.get(id).unwrap();
    let Some(Value::List(phones)) = record.get("phones") else {
        panic!("phones")
    };
    assert_eq!(phones.len(), rounds);
    assert_eq!(phones.iter().collect::<BTreeSet<_>>().len(), rounds);
    assert_eq!(
        record.text("description"),
        format!("Notatka {}", rounds - 1)
    );
}

#[test]
fn every_open_takes_a_fresh_actor_id() {
    let r = replica();
    let first = r.actor();
    let id = create_person(&r, "Jan", "Kos");
    let path = r.path().to_path_buf();
    let clock = r.clock.clone();
    drop(r.replica);
    let reopened = Replica::open_with(&path, options(&clock)).unwrap();
    assert_ne!(reopened.actor(), first);
    reopened
        .update(id, &Patch::new().text("city", "Płock"))
        .unwrap();
    let mut doc = AutoCommit::load(&reopened.document_bytes(id).unwrap()).unwrap();
    let actors: BTreeSet<_> = doc
        .get_changes(&[])
        .iter()
        .map(|c| c.actor_id().clone())
        .collect();
    assert_eq!(actors, BTreeSet::from([first, reopened.actor()]));
}

#[test]
fn an_edit_keeps_fields_this_version_does_not_know() {
    let r = replica();
    let id = create_person(&r, "Jan", "Kos");
    // A newer app added a field this version has never heard of.
    let mut newer = AutoCommit::load(&r.document_bytes(id).unwrap()).unwrap();
    newer
        .put(ROOT, "linkedin", "https://linkedin.com/in/jkos")
        .unwrap();
    newer.commit();
    r.load_saved(id, &newer.save()).unwrap();
    r.update(id, &Patch::new().text("city", "Płock")).unwrap();
    let doc = AutoCommit::load(&r.document_bytes(id).unwrap()).unwrap();
    let kept = doc
        .get(ROOT, "linkedin")
        .unwrap()
        .map(|(v, _)| v.to_string());
    assert_eq!(kept.as_deref(), Some("\"https://linkedin.com/in/jkos\""));
    assert_eq!(r.get(id).unwrap().text("city"), "Płock");
}

#[test]
fn a_file_that_is_not_a_replica_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replica.sqlite");
    std::fs::write(&path, vec![0x42; 8192]).unwrap();
    let err = Replica::open(&path).unwrap_err();
    assert_eq!(err.code(), "corrupt_replica", "{err}");
}

#[test]
fn a_replica_from_a_newer_app_is_refused_not_damaged() {
    let r = replica();
    let id = create_person(&r, "Jan", "Kos");
    let path = r.path().to_path_buf();
    drop(r.replica);
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert!(matches!(
        Replica::open(&path),
        Err(Error::ReplicaTooNew { found: 99, .. })
    ));
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(
            None,
            "user_version",
            localspace_client::replica::schema_version(),
        )
        .unwrap();
    assert_eq!(
        Replica::open(&path)
            .unwrap()
            .get(id)
            .unwrap()
            .text("last_name"),
        "Kos"
    );
}

const CHILD_ENV: &str = "LOCALSPACE_TEST_KILL_WRITER_DB";

/// The child side of the SIGKILL test: writes until killed, printing an ack after each Ok.
/// Does nothing when run as an ordinary test.
#[test]
fn child_writer_loop() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let r = Replica::open_with(&path, OpenOptions::default()).unwrap();
    let mut out = std::io::stdout().lock();
    for i in 0..1_000_000u32 {
        let id = r
            .create(Kind::Person, &person("Jan", &format!("Nowak {i}")))
            .unwrap();
        if i % 3 == 0 {
            r.update(id, &Patch::new().text("city", "Łódź")).unwrap();
        }
        writeln!(out, "ack {id}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn a_writer_killed_mid_loop_leaves_a_sound_replica_with_every_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replica.sqlite");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "robustness::child_writer_loop",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut acked: Vec<RecordId> = Vec::new();
    while acked.len() < 150 {
        let line = lines.next().expect("the child stopped early").unwrap();
        if let Some(id) = line.strip_prefix("ack ") {
            acked.push(id.parse().unwrap());
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // Acks already in the pipe count too: each was printed after its write returned Ok.
    for line in lines.map_while(Result::ok) {
        if let Some(id) = line.strip_prefix("ack ").and_then(|s| s.parse().ok()) {
            acked.push(id);
        }
    }
    let r = Replica::open(&path).unwrap();
    r.integrity_check().unwrap();
    for id in &acked {
        assert!(r.get(*id).unwrap().text("last_name").starts_with("Nowak "));
    }
    // The index agrees with the documents.
    let found = r
        .search_kind(Kind::Person, "nowak", 1_000_000)
        .unwrap()
        .len();
    assert!(found >= acked.len(), "{found} < {}", acked.len());
}
