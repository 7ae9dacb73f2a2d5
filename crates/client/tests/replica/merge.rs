//! Merge correctness: three replicas edit concurrently and exchange changes only through the
//! sync API (outbox → server log → apply remote), in random orders and partitions; they end
//! with identical documents, projections and search results.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use automerge::AutoCommit;
use localspace_client::Replica;
use localspace_client::replica::Applied;
use localspace_core::{Kind, Patch, RecordId, Value};
use proptest::prelude::*;

use crate::support::*;

/// The server's change log, as the sync engine will see it: append-only, deduplicated by
/// change hash, read by cursor.
#[derive(Default)]
struct Log {
    entries: Vec<(RecordId, Vec<u8>)>,
    seen: HashSet<automerge::ChangeHash>,
}

struct Device {
    replica: TestReplica,
    cursor: usize,
}

impl Device {
    fn push(&self, log: &mut Log) {
        for out in self.replica.unpushed(10_000).unwrap() {
            for bytes in &out.change_bytes().unwrap() {
                let change = automerge::Change::try_from(bytes.as_slice()).unwrap();
                if log.seen.insert(change.hash()) {
                    log.entries.push((out.id, bytes.clone()));
                }
            }
            self.replica.mark_pushed(out.id, &out.heads).unwrap();
        }
    }

    fn pull(&mut self, log: &Log) {
        let mut by_doc: BTreeMap<RecordId, Vec<Vec<u8>>> = BTreeMap::new();
        for (id, bytes) in &log.entries[self.cursor..] {
            by_doc.entry(*id).or_default().push(bytes.clone());
        }
        for (id, changes) in by_doc {
            let applied = self.replica.apply_remote(id, &changes).unwrap();
            assert_ne!(applied, Applied::MissingDeps, "the log is causally ordered");
        }
        self.cursor = log.entries.len();
    }
}

#[derive(Clone, Debug)]
enum Op {
    Create {
        dev: usize,
        last: String,
    },
    City {
        dev: usize,
        rec: usize,
        city: String,
    },
    Note {
        dev: usize,
        rec: usize,
        at: usize,
        text: String,
    },
    Phone {
        dev: usize,
        rec: usize,
        n: u16,
    },
    Delete {
        dev: usize,
        rec: usize,
    },
    Restore {
        dev: usize,
        rec: usize,
    },
    Push {
        dev: usize,
    },
    Pull {
        dev: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let dev = 0..3usize;
    let rec = 0..6usize;
    prop_oneof![
        2 => (dev.clone(), "[A-ZŁŚŻ][a-ząęółńż]{2,8}").prop_map(|(dev, last)| Op::Create { dev, last }),
        3 => (dev.clone(), rec.clone(), prop::sample::select(vec!["Łódź", "Kraków", "Gdańsk", "Poznań"]))
            .prop_map(|(dev, rec, city)| Op::City { dev, rec, city: city.into() }),
        3 => (dev.clone(), rec.clone(), 0..40usize, "[a-zż ]{1,6}").prop_map(|(dev, rec, at, text)| Op::Note { dev, rec, at, text }),
        2 => (dev.clone(), rec.clone(), 0..1000u16).prop_map(|(dev, rec, n)| Op::Phone { dev, rec, n }),
        1 => (dev.clone(), rec.clone()).prop_map(|(dev, rec)| Op::Delete { dev, rec }),
        1 => (dev.clone(), rec.clone()).prop_map(|(dev, rec)| Op::Restore { dev, rec }),
        2 => dev.clone().prop_map(|dev| Op::Push { dev }),
        2 => dev.prop_map(|dev| Op::Pull { dev }),
    ]
}

fn devices() -> Vec<Device> {
    (0..3)
        .map(|_| Device {
            replica: replica(),
            cursor: 0,
        })
        .collect()
}

/// Runs one op; edits of records a device has not received yet are skipped.
fn run(op: &Op, devs: &mut [Device], log: &mut Log, ids: &mut Vec<RecordId>) {
    let pick = |rec: usize, ids: &[RecordId]| (!ids.is_empty()).then(|| ids[rec % ids.len()]);
    let edit = |r: &Replica, id: RecordId, f: &dyn Fn(&localspace_core::Record) -> Patch| {
        r.write(|b| {
            let record = b.get(id)?;
            b.update(id, &f(&record))
        })
    };
    let result = match op {
        Op::Create { dev, last } => {
            ids.push(
                devs[*dev]
                    .replica
                    .create(Kind::Person, &person("Jan", last))
                    .unwrap(),
            );
            Ok(())
        }
        Op::City { dev, rec, city } => match pick(*rec, ids) {
            Some(id) => devs[*dev]
                .replica
                .update(id, &Patch::new().text("city", city)),
            None => Ok(()),
        },
        Op::Note { dev, rec, at, text } => match pick(*rec, ids) {
            Some(id) => edit(&devs[*dev].replica, id, &|record| {
                let mut note: Vec<char> = record.text("description").chars().collect();
                let at = (*at).min(note.len());
                note.splice(at..at, text.chars());
                Patch::new().set("description", Value::LongText(note.into_iter().collect()))
            }),
            None => Ok(()),
        },
        Op::Phone { dev, rec, n } => match pick(*rec, ids) {
            Some(id) => edit(&devs[*dev].replica, id, &|record| {
                let mut phones = match record.get("phones") {
                    Some(Value::List(p)) => p.clone(),
                    _ => Vec::new(),
                };
                phones.push(format!("+48 500 000 {n:03}"));
                Patch::new().set("phones", Value::List(phones))
            }),
            None => Ok(()),
        },
        Op::Delete { dev, rec } => {
            pick(*rec, ids).map_or(Ok(()), |id| devs[*dev].replica.soft_delete(id))
        }
        Op::Restore { dev, rec } => {
            pick(*rec, ids).map_or(Ok(()), |id| devs[*dev].replica.restore(id))
        }
        Op::Push { dev } => {
            devs[*dev].push(log);
            Ok(())
        }
        Op::Pull { dev } => {
            devs[*dev].pull(log);
            Ok(())
        }
    };
    match result {
        Ok(()) | Err(localspace_client::Error::NotFound(_)) => {}
        Err(e) => panic!("{op:?}: {e}"),
    }
}

fn sync_all(devs: &mut [Device], log: &mut Log) {
    for _ in 0..2 {
        for d in devs.iter() {
            d.push(log);
        }
        for d in devs.iter_mut() {
            d.pull(log);
        }
    }
}

/// Every projection row, keyed by record id instead of the local row number.
fn projections(r: &Replica) -> BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open(r.path()).unwrap();
    let mut out = BTreeMap::new();
    for table in [
        "people",
        "companies",
        "deals",
        "tasks",
        "activities",
        "spaces",
        "files",
    ] {
        let sql = format!("SELECT d.id, t.* FROM {table} t JOIN docs d ON d.n = t.n");
        let mut stmt = conn.prepare(&sql).unwrap();
        let columns = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |row| {
                let values: Vec<String> = (0..columns)
                    .filter(|&i| i != 1) // the local row number
                    .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(values.join("|"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.insert(table.to_owned(), rows);
    }
    let mut stmt = conn
        .prepare("SELECT hex(s.id), l.rel, hex(l.dst) FROM links l JOIN docs s ON s.n = l.src")
        .unwrap();
    let mut links: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{}|{}|{}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    links.sort();
    out.insert("links".into(), links);
    let mut docs: Vec<String> = conn
        .prepare("SELECT hex(id), kind, title, deleted, dirty FROM docs")
        .unwrap()
        .query_map([], |r| {
            Ok(format!(
                "{}|{}|{}|{}|{}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    docs.sort();
    out.insert("docs".into(), docs);
    out
}

fn heads(r: &Replica, id: RecordId) -> Vec<automerge::ChangeHash> {
    let mut heads = AutoCommit::load(&r.document_bytes(id).unwrap())
        .unwrap()
        .get_heads();
    heads.sort();
    heads
}

fn search_results(r: &Replica) -> Vec<BTreeSet<RecordId>> {
    ["lodz", "krak", "a", "jan", "500", "z", "gdańsk"]
        .iter()
        .map(|q| {
            r.search(q, 1000)
                .unwrap()
                .into_iter()
                .map(|h| h.id)
                .collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn three_replicas_converge(ops in prop::collection::vec(op(), 1..60)) {
        let mut devs = devices();
        let mut log = Log::default();
        let mut ids = Vec::new();
        for op in &ops {
            run(op, &mut devs, &mut log, &mut ids);
            for d in &devs {
                d.replica.clock.advance(1_000);
            }
        }
        sync_all(&mut devs, &mut log);
        for id in &ids {
            let records: Vec<_> = devs.iter().map(|d| d.replica.get(*id).unwrap()).collect();
            prop_assert_eq!(&records[0], &records[1]);
            prop_assert_eq!(&records[0], &records[2]);
            let h: Vec<_> = devs.iter().map(|d| heads(&d.replica, *id)).collect();
            prop_assert_eq!(&h[0], &h[1]);
            prop_assert_eq!(&h[0], &h[2]);
        }
        let p: Vec<_> = devs.iter().map(|d| projections(&d.replica)).collect();
        prop_assert_eq!(&p[0], &p[1]);
        prop_assert_eq!(&p[0], &p[2]);
        let s: Vec<_> = devs.iter().map(|d| search_results(&d.replica)).collect();
        prop_assert_eq!(&s[0], &s[1]);
        prop_assert_eq!(&s[0], &s[2]);
        for d in &devs {
            prop_assert_eq!(d.replica.outbox_len().unwrap(), 0);
        }
    }
}

#[test]
fn a_field_edited_on_three_devices_at_once_shows_every_value_everywhere() {
    let mut devs = devices();
    let mut log = Log::default();
    let id = devs[0]
        .replica
        .create(Kind::Person, &person("Anna", "Nowak"))
        .unwrap();
    sync_all(&mut devs, &mut log);
    for (d, city) in devs.iter().zip(["Łódź", "Kraków", "Gdańsk"]) {
        d.replica
            .update(id, &Patch::new().text("city", city))
            .unwrap();
    }
    sync_all(&mut devs, &mut log);
    for d in &devs {
        let field = &d.replica.get(id).unwrap().fields["city"];
        let mut values: Vec<_> = field
            .conflicts
            .iter()
            .chain([&field.value])
            .map(|v| v.as_text().unwrap().to_owned())
            .collect();
        values.sort();
        assert_eq!(values, ["Gdańsk", "Kraków", "Łódź"]);
    }
    // Picking one value on any device resolves it everywhere.
    devs[1]
        .replica
        .update(id, &Patch::new().text("city", "Kraków"))
        .unwrap();
    sync_all(&mut devs, &mut log);
    for d in &devs {
        let field = &d.replica.get(id).unwrap().fields["city"];
        assert_eq!(
            (field.value.as_text(), field.conflicts.len()),
            (Some("Kraków"), 0)
        );
    }
}
