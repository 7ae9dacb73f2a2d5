//! Part of scenario `data`: the advanced export on the server. One account holds N people,
//! N/10 companies and N/10 deals (with their pipeline and revenue lines) as merged
//! documents; the timed step is building the tar.gz the way the server's job does — every
//! list read one page of documents at a time, written as CSV, packed with the README (no
//! files' bytes).

use std::time::Instant;

use anyhow::{Result, ensure};
use localspace_core::api::Role;
use localspace_core::{Kind, RecordId, UserId, doc};
use localspace_fixtures::Faker;
use localspace_server::export::job::{Build, write_archive};
use localspace_server::export::tables::Source;
use localspace_server::store::{Account, AccountStatus, SqliteStore, Store, User};
use uuid::Uuid;

use crate::measure::Metric;

const BATCH: usize = 5_000;

pub fn run(people: usize) -> Result<Metric> {
    let dir = tempfile::tempdir()?;
    let store = SqliteStore::open(&dir.path().join("server.sqlite"))?;
    let account = Uuid::from_u128(0xacc0_0001);
    let admin = UserId(Uuid::from_u128(0xad00_0001));
    store.create_account(
        &Account {
            id: account,
            name: "Drewpol Sp. z o.o.".into(),
            status: AccountStatus::Active,
            created_at: 0,
            trial_ends: 0,
            seats: 5,
        },
        &User {
            id: admin,
            account,
            email: "anna@drewpol.pl".into(),
            name: "Anna Wiśniewska".into(),
            password_hash: String::new(),
            role: Role::Admin,
            seat: true,
            active: true,
            lang: "pl".into(),
            created_at: 0,
        },
    )?;

    let started = Instant::now();
    let mut faker = Faker::new(17);
    let actor = automerge::ActorId::random();
    let mut docs: Vec<(Uuid, Kind, Vec<u8>)> = Vec::new();
    let mut save = |kind: Kind, patch: &localspace_core::Patch| -> Result<RecordId> {
        let id = RecordId(Uuid::now_v7());
        let mut document = doc::create(actor.clone(), kind, patch, 0)?;
        docs.push((id.0, kind, document.save()));
        Ok(id)
    };
    let (pipeline, stages) = faker.pipeline();
    let pipeline = save(Kind::Pipeline, &pipeline)?;
    let companies: Vec<RecordId> = (0..people / 10)
        .map(|_| save(Kind::Company, &faker.company()))
        .collect::<Result<_>>()?;
    let mut persons = Vec::with_capacity(people);
    for i in 0..people {
        let company = companies.get(i % companies.len().max(1)).copied();
        persons.push(save(Kind::Person, &faker.person(company))?);
    }
    for i in 0..people / 10 {
        let patch = faker.deal(
            pipeline,
            &stages,
            companies.get(i).copied(),
            &persons[i..i + 1],
        );
        save(Kind::Deal, &patch)?;
    }
    let records = docs.len();
    for chunk in docs.chunks(BATCH) {
        store.sync_tx(account, &mut |tx| {
            for (id, kind, bytes) in chunk {
                tx.put_doc(*id, kind.as_str(), bytes)?;
            }
            Ok(())
        })?;
    }
    drop(docs);
    println!(
        "  advanced export: {records} documents ({people} people) stored in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let out = dir.path().join("exports");
    std::fs::create_dir_all(&out)?;
    let build = Build {
        src: Source {
            account,
            store: &store,
            exports: &store,
            files: &store,
        },
        dir: &out,
        id: Uuid::now_v7(),
        account_name: "Drewpol Sp. z o.o.",
        started_at: 0,
        keep_hours: 24,
    };
    let mut last = 0;
    let started = Instant::now();
    let size = write_archive(
        &build,
        &mut |_| Err(std::io::Error::other("no files in this bench")),
        &mut |_, done, _| last = done,
    )?;
    let export_s = started.elapsed().as_secs_f64();
    println!(
        "  advanced export of {records} records: {:.1} MB tar.gz in {export_s:.2} s",
        size as f64 / 1e6
    );
    ensure!(size > 0, "an empty archive");
    let mut metric = Metric::at_most("advanced_export_100k_s", export_s, "s", "≤ 10", 10.0);
    metric.failed = last != records as u64;
    Ok(metric)
}
