//! Part of scenario `data`: restoring one account on the server. A server database holds 5
//! accounts of N person records each (merged documents plus one log entry per record); a
//! snapshot of it is taken, the first account is then changed, and the timed step is the
//! operator's `restore-account`: pick the snapshot, copy it to scratch, check its hash,
//! migrate it, and replace that account's rows in one transaction.

use std::time::Instant;

use anyhow::{Result, ensure};
use localspace_core::api::Role;
use localspace_core::{Kind, UserId, doc};
use localspace_fixtures::Faker;
use localspace_server::Config;
use localspace_server::backup::restore::restore_account;
use localspace_server::backup::schedule::Backups;
use localspace_server::store::{Account, AccountStatus, SqliteStore, Store, User};
use uuid::Uuid;

use crate::measure::Metric;

const ACCOUNTS: usize = 5;
const BATCH: usize = 5_000;

pub fn run(records: usize) -> Result<Metric> {
    let dir = tempfile::tempdir()?;
    let config = Config {
        data_dir: dir.path().join("server"),
        ..Config::default()
    };
    std::fs::create_dir_all(&config.data_dir)?;
    let store = SqliteStore::open(&config.database_path())?;
    println!("  restore: {ACCOUNTS} accounts × {records} records in one server database");

    // One set of documents, stored under every account (ids are per account).
    let started = Instant::now();
    let mut faker = Faker::new(11);
    let actor = automerge::ActorId::random();
    let docs: Vec<(Uuid, Vec<u8>)> = (0..records)
        .map(|i| {
            let mut document = doc::create(actor.clone(), Kind::Person, &faker.person(None), 0)?;
            Ok((Uuid::from_u128(i as u128 + 1), document.save()))
        })
        .collect::<Result<_>>()?;
    let accounts: Vec<(Uuid, UserId)> = (0..ACCOUNTS)
        .map(|n| add_account(&store, n))
        .collect::<Result<_>>()?;
    for (account, user) in &accounts {
        for chunk in docs.chunks(BATCH) {
            store.sync_tx(*account, &mut |tx| {
                for (id, bytes) in chunk {
                    tx.put_doc(*id, "person", bytes)?;
                    let mut hash = [0u8; 32];
                    hash[..16].copy_from_slice(id.as_bytes());
                    tx.append(*id, "person", &hash, bytes, *user, 0)?;
                }
                Ok(())
            })?;
        }
    }
    println!(
        "  stored {} documents and log entries in {:.1} s",
        records * ACCOUNTS,
        started.elapsed().as_secs_f64()
    );

    let backups = Backups::of(&config);
    let started = Instant::now();
    let snapshot = backups.take_now(1_000)?;
    ensure!(snapshot.verified, "the snapshot failed its check");
    println!(
        "  snapshot {:.1} MB taken and verified in {:.1} s",
        snapshot.size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    // The mistake: the first account loses a tenth of its records.
    let (target, _) = accounts[0];
    store.sync_tx(target, &mut |tx| {
        for (id, _) in docs.iter().step_by(10) {
            tx.erase(*id, accounts[0].1, 2_000)?;
        }
        Ok(())
    })?;

    let started = Instant::now();
    let done = restore_account(&backups, &store, target, 1_000, 3_000)?;
    let restore_s = started.elapsed().as_secs_f64();
    let docs_back = done
        .restored
        .rows
        .iter()
        .find(|(t, _)| t == "sync_docs")
        .map_or(0, |(_, n)| *n);
    println!("  restored one account ({docs_back} documents) in {restore_s:.2} s");
    let mut metric = Metric::at_most("restore_account_s", restore_s, "s", "≤ 30", 30.0);
    metric.failed = docs_back != records as u64;
    Ok(metric)
}

fn add_account(store: &SqliteStore, n: usize) -> Result<(Uuid, UserId)> {
    let id = Uuid::from_u128(0xacc0_0000 + n as u128);
    let admin = UserId(Uuid::from_u128(0xad00_0000 + n as u128));
    store.create_account(
        &Account {
            id,
            name: format!("Firma {n} Sp. z o.o."),
            status: AccountStatus::Active,
            created_at: 0,
            trial_ends: 0,
            seats: 5,
        },
        &User {
            id: admin,
            account: id,
            email: format!("admin{n}@firma.pl"),
            name: "Anna Wiśniewska".into(),
            password_hash: String::new(),
            role: Role::Admin,
            seat: true,
            active: true,
            lang: "pl".into(),
            created_at: 0,
        },
    )?;
    Ok((id, admin))
}
