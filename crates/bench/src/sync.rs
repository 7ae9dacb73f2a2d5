//! Scenario `sync`: a real server on loopback (in this process, with its real durability
//! setting) and devices with their own replica files. Device A creates N people offline and
//! pushes them all; a fresh device B bootstraps them; then single edits travel A → server → B.

use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, ensure};
use localspace_client::Replica;
use localspace_client::api::ApiClient;
use localspace_client::replica::{Durability, OpenOptions};
use localspace_client::sync::sync_once;
use localspace_core::api::{SignIn, SignUp};
use localspace_core::{Kind, Patch, SystemClock};
use localspace_fixtures::Faker;

use crate::measure::{Metric, Samples};

const EDITS: usize = 300;

fn replica(dir: &tempfile::TempDir, name: &str) -> Result<Replica> {
    let options = OpenOptions {
        clock: Arc::new(SystemClock),
        durability: Durability::Full,
    };
    Ok(Replica::open_with(dir.path().join(name), options)?)
}

pub fn run(records: usize) -> Result<Vec<Metric>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(scenario(records))
}

async fn scenario(records: usize) -> Result<Vec<Metric>> {
    let dir = tempfile::tempdir()?;
    let config = localspace_server::Config {
        data_dir: dir.path().join("server"),
        ..localspace_server::Config::default()
    };
    let mut config = config;
    config.mail.outbox_dir = dir.path().join("outbox");
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(localspace_server::serve(
        listener,
        config,
        Arc::new(SystemClock),
        async move {
            let _ = stopped.await;
        },
    ));
    println!("bench sync: {records} people, server at {url} (SQLite synchronous = FULL)");

    let anon = ApiClient::new(&url)?;
    let password = "Zielona-Góra-7";
    let sign_up = SignUp {
        company: "Zakłady Mięsne Łódź".into(),
        name: "Anna Wiśniewska".into(),
        email: "anna@zaklady.pl".into(),
        password: password.into(),
        lang: None,
        device: None,
    };
    let a_api = anon.clone().with_token(anon.sign_up(&sign_up).await?.token);
    let sign_in = SignIn {
        email: "anna@zaklady.pl".into(),
        password: password.into(),
        device: None,
    };
    let b_api = anon.clone().with_token(anon.sign_in(&sign_in).await?.token);

    let a = replica(&dir, "a.sqlite")?;
    let mut faker = Faker::new(11);
    let mut created = 0;
    while created < records {
        let n = (records - created).min(5_000);
        let patches: Vec<Patch> = (0..n).map(|_| faker.person(None)).collect();
        a.write(|w| w.create_many(Kind::Person, &patches))?;
        created += n;
    }

    let started = Instant::now();
    let pushed = sync_once(&a, &a_api).await.context("pushing")?;
    let push_s = started.elapsed().as_secs_f64();
    ensure!(
        pushed.pushed == records,
        "pushed {} of {records}",
        pushed.pushed
    );

    let b = replica(&dir, "b.sqlite")?;
    let started = Instant::now();
    let booted = sync_once(&b, &b_api).await.context("bootstrapping")?;
    let bootstrap_s = started.elapsed().as_secs_f64();
    ensure!(
        booted.bootstrapped == records,
        "bootstrapped {} of {records}",
        booted.bootstrapped
    );

    let ids: Vec<_> = b
        .search_kind(Kind::Person, "a", 1)?
        .iter()
        .map(|r| r.id())
        .collect();
    let target = *ids.first().context("B has no people")?;
    let mut propagation = Samples::default();
    for i in 0..EDITS {
        let city = format!("Miasto {i}");
        a.update(target, &Patch::new().text("city", &city))?;
        let started = Instant::now();
        sync_once(&a, &a_api).await?;
        sync_once(&b, &b_api).await?;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        ensure!(
            b.get(target)?.text("city") == city,
            "edit {i} did not arrive"
        );
        propagation.push(elapsed);
    }
    let _ = stop.send(());
    server.await.context("server task")?.context("server")?;

    Ok(vec![
        Metric::at_most(
            "push_100k_s",
            push_s * 100_000.0 / records as f64,
            "s",
            "≤ 8",
            8.0,
        ),
        Metric::at_most(
            "bootstrap_100k_s",
            bootstrap_s * 100_000.0 / records as f64,
            "s",
            "≤ 5",
            5.0,
        ),
        Metric::at_most(
            "edit_propagation_p50_ms",
            propagation.p50(),
            "ms",
            "≤ 10",
            10.0,
        ),
        Metric::at_most(
            "edit_propagation_p95_ms",
            propagation.p95(),
            "ms",
            "≤ 25",
            25.0,
        ),
    ])
}
