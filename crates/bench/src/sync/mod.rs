//! Scenario `sync`: the real server on loopback in a process of its own (its real durability
//! setting) and devices with their own replica files. Device A creates N people offline and
//! pushes them all; a fresh device B bootstraps them in a process of its own (its peak memory
//! is measured); single edits travel A → server → B on an idle server, then while 20 other
//! devices push 200 changes per second; finally 20 push-only devices send edits as fast as
//! the server acknowledges them.

mod bootstrap_process;
mod load;
mod server_process;

use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, ensure};
use localspace_client::Replica;
use localspace_client::api::ApiClient;
use localspace_client::replica::{Durability, OpenOptions};
use localspace_client::sync::sync_once;
use localspace_core::api::{SignIn, SignUp};
use localspace_core::{Kind, Patch, RecordId, SystemClock};
use localspace_fixtures::Faker;

pub use bootstrap_process::{SCENARIO as BOOTSTRAP_PROCESS, run as bootstrap_process};
pub use server_process::{SCENARIO as SERVER_PROCESS, serve as server_process};

use crate::measure::{Metric, Samples};
use load::{Background, LoadDevice};
use server_process::ServerProcess;

/// Edits timed on an idle server, and while the load devices push.
const IDLE_EDITS: usize = 1_000;
const LOADED_EDITS: usize = 300;
/// The other devices, and their combined rate during the loaded measure.
const LOAD_DEVICES: usize = 20;
const LOAD_PER_S: u32 = 200;
/// Edits each push-only device sends for the throughput figure.
const SATURATE_EDITS: usize = 150;

const EMAIL: &str = "anna@zaklady.pl";
const PASSWORD: &str = "Zielona-Góra-7";

fn replica(path: &std::path::Path) -> Result<Replica> {
    let options = OpenOptions {
        clock: Arc::new(SystemClock),
        durability: Durability::Full,
    };
    Ok(Replica::open_with(path, options)?)
}

pub fn run(records: usize) -> Result<Vec<Metric>> {
    let dir = tempfile::tempdir()?;
    let server = ServerProcess::start(dir.path())?;
    println!(
        "bench sync: {records} people, server at {} in its own process (pushes answered after a disk sync)",
        server.url
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let metrics = runtime.block_on(scenario(records, dir.path(), &server))?;
    let server_rss = server.peak_rss_mb();
    server.stop()?;
    let mut metrics = metrics;
    metrics.push(Metric::at_most(
        "server_rss_mb",
        server_rss,
        "MB",
        "≤ 200",
        200.0,
    ));
    Ok(metrics)
}

async fn sign_in(anon: &ApiClient) -> Result<ApiClient> {
    let sign_in = SignIn {
        email: EMAIL.into(),
        password: PASSWORD.into(),
        device: None,
    };
    Ok(anon.clone().with_token(anon.sign_in(&sign_in).await?.token))
}

/// Times `edits` single-field edits on A until B's projection shows each.
async fn propagation(
    a: &Replica,
    a_api: &ApiClient,
    b: &Replica,
    b_api: &ApiClient,
    target: RecordId,
    edits: usize,
    label: &str,
) -> Result<Samples> {
    let mut samples = Samples::default();
    for i in 0..edits {
        let city = format!("{label} {i}");
        let started = Instant::now();
        a.update(target, &Patch::new().text("city", &city))?;
        sync_once(a, a_api).await?;
        sync_once(b, b_api).await?;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        ensure!(
            b.get(target)?.text("city") == city,
            "edit {i} did not arrive"
        );
        samples.push(elapsed);
    }
    Ok(samples)
}

async fn scenario(
    records: usize,
    dir: &std::path::Path,
    server: &ServerProcess,
) -> Result<Vec<Metric>> {
    let anon = ApiClient::new(&server.url)?;
    let sign_up = SignUp {
        company: "Zakłady Mięsne Łódź".into(),
        name: "Anna Wiśniewska".into(),
        email: EMAIL.into(),
        password: PASSWORD.into(),
        lang: None,
        device: None,
    };
    let a_api = anon.clone().with_token(anon.sign_up(&sign_up).await?.token);
    let b_api = sign_in(&anon).await?;

    let a = replica(&dir.join("a.sqlite"))?;
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
    let memory = |phase: &str| {
        println!(
            "bench sync: server peak memory after {phase}: {:.0} MB",
            server.peak_rss_mb()
        );
    };
    memory("the push");
    ensure!(
        pushed.pushed == records,
        "pushed {} of {records}",
        pushed.pushed
    );

    let b_path = dir.join("b.sqlite");
    let b_token = b_api.token().context("B has no token")?.to_owned();
    let booted = tokio::task::spawn_blocking({
        let url = server.url.clone();
        let path = b_path.clone();
        move || bootstrap_process::measure(&url, &b_token, &path)
    })
    .await??;
    ensure!(
        booted.records == records,
        "bootstrapped {} of {records}",
        booted.records
    );
    memory("the bootstrap");
    let b = replica(&b_path)?;
    let hits = b.search_kind(Kind::Person, "a", 1)?;
    let target = hits.first().context("B's search finds nobody")?.id();

    let idle = propagation(&a, &a_api, &b, &b_api, target, IDLE_EDITS, "Miasto").await?;
    memory("the idle edits");

    let mut devices = Vec::with_capacity(LOAD_DEVICES);
    for n in 0..LOAD_DEVICES {
        devices.push(LoadDevice::new(sign_in(&anon).await?, n).await?);
    }
    memory("signing in the load devices");
    let background = Background::start(devices, LOAD_PER_S);
    let loaded = propagation(&a, &a_api, &b, &b_api, target, LOADED_EDITS, "Gród").await;
    let (reached, devices) = background.stop().await?;
    let mut loaded = loaded?;
    println!(
        "bench sync: the load devices reached {reached:.0} changes/s during the loaded measure"
    );

    memory("the loaded edits");
    let (changes_per_s, _) = load::saturate(devices, SATURATE_EDITS).await?;
    memory("the saturation");

    let mut idle = idle;
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
            booted.seconds * 100_000.0 / records as f64,
            "s",
            "≤ 5",
            5.0,
        ),
        Metric::at_most("bootstrap_rss_mb", booted.peak_rss_mb, "MB", "≤ 150", 150.0),
        Metric::at_most("edit_propagation_p50_ms", idle.p50(), "ms", "≤ 10", 10.0),
        Metric::at_most("edit_propagation_p95_ms", idle.p95(), "ms", "≤ 25", 25.0),
        Metric::at_most(
            "loaded_propagation_p95_ms",
            loaded.p95(),
            "ms",
            "≤ 100",
            100.0,
        ),
        Metric::at_least(
            "server_changes_per_s",
            changes_per_s,
            "/s",
            "≥ 2000",
            2000.0,
        ),
    ])
}
