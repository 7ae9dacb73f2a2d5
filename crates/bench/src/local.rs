//! Scenario `local`: a replica with N people, N/10 companies, N/5 deals and N/2 tasks of
//! seeded Polish and English data, created through the public API, then measured the way the
//! app uses it: search as you type, list pages, record pages, single edits.

use std::time::Instant;

use anyhow::{Result, bail, ensure};
use chrono::NaiveDate;
use localspace_client::Replica;
use localspace_client::query::{ListQuery, Row};
use localspace_client::replica::{Durability, OpenOptions};
use localspace_core::{Kind, Patch, RecordId, SystemClock, Value, text};
use localspace_fixtures::Faker;

use crate::measure::{Metric, Samples, peak_rss_mb};

const OWNERS: usize = 20;
const BATCH: usize = 5_000;
const TIMELINE_DEALS: usize = 20;
const TIMELINE_LEN: usize = 50;

/// Creates `items` records in batched transactions; returns their ids.
fn create_all(
    replica: &Replica,
    kind: Kind,
    items: usize,
    mut make: impl FnMut(usize) -> Patch,
) -> Result<Vec<RecordId>> {
    let started = Instant::now();
    let mut ids = Vec::with_capacity(items);
    let mut i = 0;
    while i < items {
        let end = (i + BATCH).min(items);
        let patches: Vec<Patch> = (i..end).map(&mut make).collect();
        ids.extend(replica.write(|b| b.create_many(kind, &patches))?);
        i = end;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "  created {items} {kind} records in {seconds:.2} s ({:.0}/s)",
        items as f64 / seconds
    );
    Ok(ids)
}

pub fn run(people: usize) -> Result<Vec<Metric>> {
    ensure!(people >= 100, "--records must be at least 100");
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("replica.sqlite");
    let options = OpenOptions {
        clock: std::sync::Arc::new(SystemClock),
        durability: Durability::Full,
    };
    let replica = Replica::open_with(&path, options)?;
    println!(
        "bench local: {people} people, {} companies, {} deals, {} tasks; SQLite synchronous = {}",
        people / 10,
        people / 5,
        people / 2,
        replica.durability().as_str()
    );

    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
    let mut faker = Faker::new(42);
    let owners: Vec<uuid::Uuid> = faker.owners(OWNERS).into_iter().map(|u| u.0).collect();
    let mut faker = faker.with_owners(owners.clone()).with_today(today);
    let mut rng = fastrand::Rng::with_seed(7);

    // Creation, timed as a whole.
    let start = Instant::now();
    let (pipeline_patch, stages) = faker.pipeline();
    let pipeline = replica.create(Kind::Pipeline, &pipeline_patch)?;
    let companies = create_all(&replica, Kind::Company, people / 10, |_| faker.company())?;
    let mut last_names = Vec::with_capacity(people);
    let persons = create_all(&replica, Kind::Person, people, |_| {
        let company = (rng.u8(..10) < 7).then(|| companies[rng.usize(..companies.len())]);
        let patch = faker.person(company);
        last_names.push(text::fold(match patch.fields.get("last_name") {
            Some(Some(Value::Text(s))) => s,
            _ => "",
        }));
        patch
    })?;
    let deals = create_all(&replica, Kind::Deal, people / 5, |_| {
        let company = companies[rng.usize(..companies.len())];
        let contacts = [persons[rng.usize(..persons.len())]];
        faker.deal(pipeline, &stages, Some(company), &contacts)
    })?;
    create_all(&replica, Kind::Task, people / 2, |i| {
        let target = if i % 2 == 0 {
            persons[rng.usize(..persons.len())]
        } else {
            deals[rng.usize(..deals.len())]
        };
        faker.task(&[target], today)
    })?;
    let created = 1 + companies.len() + persons.len() + deals.len() + people / 2;
    let create_per_s = created as f64 / start.elapsed().as_secs_f64();

    // Timelines of some deals (not part of the creation figure).
    let timeline_deals: Vec<RecordId> = deals.iter().take(TIMELINE_DEALS).copied().collect();
    let base = 1_764_000_000_000i64;
    create_all(
        &replica,
        Kind::Activity,
        TIMELINE_DEALS * TIMELINE_LEN,
        |i| {
            faker.activity(
                &[timeline_deals[i / TIMELINE_LEN]],
                base + i as i64 * 60_000,
            )
        },
    )?;
    let records = created + TIMELINE_DEALS * TIMELINE_LEN;

    // Search as you type: 3-letter prefixes of real last names.
    let mut search = Samples::default();
    for _ in 0..300 {
        let name = &last_names[rng.usize(..last_names.len())];
        let prefix: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(3)
            .collect();
        let hits = search.time(|| replica.search_kind(Kind::Person, &prefix, 50))?;
        if hits.is_empty() {
            bail!("search for `{prefix}` found nothing");
        }
    }

    // A page of 100 in the middle of one owner's people, reached by keyset.
    let mut list = Samples::default();
    let mut short_pages = 0;
    for owner in &owners {
        let mut query = ListQuery::new(Kind::Person);
        query.filter.owner = Some(*owner);
        query.limit = 100;
        let mut total = 0;
        let mut cursor_pages = Vec::new();
        loop {
            let page = replica.list(&query)?;
            total += page.rows.len();
            match page.next {
                Some(next) => {
                    cursor_pages.push(next.clone());
                    query.after = Some(next);
                }
                None => break,
            }
        }
        let middle = cursor_pages.len() / 2;
        query.after = if cursor_pages.is_empty() {
            None
        } else {
            Some(cursor_pages[middle.min(cursor_pages.len() - 1)].clone())
        };
        let start_row = if query.after.is_some() {
            (middle.min(cursor_pages.len() - 1) + 1) * 100
        } else {
            0
        };
        let expected = (total - start_row).min(100);
        for _ in 0..15 {
            let page = list.time(|| replica.list(&query))?;
            if page.rows.len() != expected
                || !page
                    .rows
                    .iter()
                    .all(|r| matches!(r, Row::Person(p) if p.owner == Some(*owner)))
            {
                short_pages += 1;
            }
        }
    }

    // A deal page with links and a 50-entry timeline.
    let mut open = Samples::default();
    for i in 0..300 {
        let view =
            open.time(|| replica.open_record(timeline_deals[i % TIMELINE_DEALS], TIMELINE_LEN))?;
        ensure!(
            view.timeline.len() == TIMELINE_LEN,
            "timeline has {} entries",
            view.timeline.len()
        );
        ensure!(!view.linked.is_empty(), "the deal shows no links");
    }

    // Single-field edits, each its own transaction.
    let mut edit = Samples::default();
    for i in 0..1_000 {
        let id = persons[rng.usize(..persons.len())];
        let city = if i % 2 == 0 { "Łódź" } else { "Kraków" };
        edit.time(|| replica.update(id, &Patch::new().text("city", city)))?;
    }

    replica.checkpoint()?;
    let size = std::fs::metadata(&path)?.len()
        + std::fs::metadata(path.with_extension("sqlite-wal"))
            .map(|m| m.len())
            .unwrap_or(0);

    let mut list_metric = Metric::at_most("list_page_p95_ms", list.p95(), "ms", "≤ 2", 2.0);
    list_metric.failed = short_pages > 0;
    if short_pages > 0 {
        println!("{short_pages} list pages came back short or with another owner's rows");
    }
    Ok(vec![
        Metric::at_least("create_per_s", create_per_s, "rec/s", "≥ 15000", 15_000.0),
        Metric::at_most("search_p95_ms", search.p95(), "ms", "≤ 2", 2.0),
        list_metric,
        Metric::at_most("open_record_p95_ms", open.p95(), "ms", "≤ 3", 3.0),
        Metric::at_most("edit_p95_ms", edit.p95(), "ms", "≤ 2", 2.0),
        Metric::at_most(
            "bytes_per_record",
            size as f64 / records as f64,
            "B",
            "≤ 1200",
            1_200.0,
        ),
        Metric::at_most("rss_mb", peak_rss_mb(), "MB", "≤ 120", 120.0),
    ])
}
