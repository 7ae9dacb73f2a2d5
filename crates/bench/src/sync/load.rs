//! Push-only devices for the server's load figures: each holds one person document of its
//! own (built with the same core functions as a replica) and sends single-field edits, one
//! change per push, as a laptop does after each edit. Cheap on the device side, so the figure
//! is the server's.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use automerge::{ActorId, AutoCommit};
use localspace_client::api::ApiClient;
use localspace_core::sync::{DocPush, DocStatus, PushRequest};
use localspace_core::{Kind, Patch, RecordId, doc};
use tokio::task::JoinSet;

/// One push-only device.
pub struct LoadDevice {
    api: ApiClient,
    id: RecordId,
    doc: AutoCommit,
    edits: u64,
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl LoadDevice {
    /// Creates the device's record on the server.
    pub async fn new(api: ApiClient, n: usize) -> Result<LoadDevice> {
        let patch = Patch::new()
            .text("first_name", "Urządzenie")
            .text("last_name", &format!("Obciążeniowe {n}"));
        let mut doc = doc::create(ActorId::random(), Kind::Person, &patch, now_ms())?;
        let id = RecordId::new_v7(
            now_ms() as u64,
            fastrand::u128(..).to_le_bytes()[..10].try_into()?,
        );
        let changes = doc
            .get_changes(&[])
            .into_iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect();
        let mut device = LoadDevice {
            api,
            id,
            doc,
            edits: 0,
        };
        device.push(changes).await?;
        Ok(device)
    }

    /// One field edit, pushed and acknowledged.
    pub async fn edit(&mut self) -> Result<()> {
        self.edits += 1;
        let city = format!("Miasto {}", self.edits);
        let hash = doc::update(
            &mut self.doc,
            Kind::Person,
            &Patch::new().text("city", &city),
            now_ms(),
        )?
        .context("the edit changed nothing")?;
        let change = self.doc.get_change_by_hash(&hash).context("no change")?;
        self.push(vec![change.raw_bytes().to_vec()]).await
    }

    async fn push(&mut self, changes: Vec<Vec<u8>>) -> Result<()> {
        let request = PushRequest {
            docs: vec![DocPush {
                id: self.id,
                kind: Kind::Person,
                changes,
                saved: None,
            }],
            erase: vec![],
            epoch: 0,
        };
        let response = self.api.push(&request).await?;
        let status = &response.results.first().context("no result")?.status;
        ensure!(
            matches!(status, DocStatus::Accepted { appended } if *appended > 0),
            "a load push was not accepted: {status:?}"
        );
        Ok(())
    }
}

/// Every device sends `edits_each` edits as fast as the server acknowledges them; the
/// server's acknowledged changes per second, and the devices back.
pub async fn saturate(
    devices: Vec<LoadDevice>,
    edits_each: usize,
) -> Result<(f64, Vec<LoadDevice>)> {
    let started = Instant::now();
    let mut set = JoinSet::new();
    for mut device in devices {
        set.spawn(async move {
            for _ in 0..edits_each {
                device.edit().await?;
            }
            anyhow::Ok(device)
        });
    }
    let mut back = Vec::new();
    while let Some(joined) = set.join_next().await {
        back.push(joined??);
    }
    let per_s = (back.len() * edits_each) as f64 / started.elapsed().as_secs_f64();
    Ok((per_s, back))
}

/// Devices sending `per_s` edits per second in all, in the background, until stopped.
pub struct Background {
    stop: Arc<AtomicBool>,
    sent: Arc<AtomicU64>,
    started: Instant,
    set: JoinSet<Result<LoadDevice>>,
}

impl Background {
    pub fn start(devices: Vec<LoadDevice>, per_s: u32) -> Background {
        let stop = Arc::new(AtomicBool::new(false));
        let sent = Arc::new(AtomicU64::new(0));
        let period = Duration::from_secs_f64(devices.len() as f64 / f64::from(per_s));
        let mut set = JoinSet::new();
        for mut device in devices {
            let stop = stop.clone();
            let sent = sent.clone();
            set.spawn(async move {
                let mut tick = tokio::time::interval(period);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
                while !stop.load(Ordering::Relaxed) {
                    tick.tick().await;
                    device.edit().await?;
                    sent.fetch_add(1, Ordering::Relaxed);
                }
                Ok(device)
            });
        }
        Background {
            stop,
            sent,
            started: Instant::now(),
            set,
        }
    }

    /// Stops the devices: the rate they actually reached, in changes per second, and the
    /// devices back.
    pub async fn stop(mut self) -> Result<(f64, Vec<LoadDevice>)> {
        self.stop.store(true, Ordering::Relaxed);
        let mut back = Vec::new();
        while let Some(joined) = self.set.join_next().await {
            back.push(joined??);
        }
        let per_s = self.sent.load(Ordering::Relaxed) as f64 / self.started.elapsed().as_secs_f64();
        Ok((per_s, back))
    }
}
