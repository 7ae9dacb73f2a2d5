//! Scenario `data`: data ownership at account scale. A replica with N people carrying 10
//! custom fields is exported to XLSX (the whole list, in Polish order), then an N-row CSV —
//! new people plus a tenth that repeat existing ones by e-mail — is imported with duplicate
//! matching through the batch path. Last, one account of N records is restored on the
//! server out of a backup holding five (`restore.rs`). Between them, the server builds the
//! advanced export of one account of N people (`advanced_export.rs`).

use std::fmt::Write as _;
use std::time::Instant;

use anyhow::{Result, ensure};
use chrono::NaiveDate;
use localspace_client::Replica;
use localspace_client::export::{ExportList, Language, export_xlsx};
use localspace_client::import::{ImportOptions, read_file, run_import, suggest_mapping};
use localspace_client::query::ListQuery;
use localspace_client::replica::{Durability, OpenOptions};
use localspace_core::{Currency, Kind, Money, Patch, RecordId, SystemClock, Value};
use localspace_fixtures::Faker;

use crate::measure::Metric;

const BATCH: usize = 5_000;
/// (key, label, type) of the ten custom fields every person carries.
const CUSTOM: [(&str, &str, &str); 10] = [
    ("segment", "Segment", "select"),
    ("source", "Źródło", "text"),
    ("region", "Region", "text"),
    ("employees", "Pracownicy", "number"),
    ("score", "Ocena", "number"),
    ("budget", "Budżet", "money"),
    ("potential", "Potencjał", "money"),
    ("first_contact", "Pierwszy kontakt", "date"),
    ("renewal", "Odnowienie", "date"),
    ("newsletter", "Newsletter", "bool"),
];
const SEGMENTS: [&str; 3] = ["VIP", "Partner", "Lead"];

pub fn run(people: usize) -> Result<Vec<Metric>> {
    ensure!(people >= 100, "--records must be at least 100");
    let dir = tempfile::tempdir()?;
    let options = OpenOptions {
        clock: std::sync::Arc::new(SystemClock),
        durability: Durability::Full,
    };
    let replica = Replica::open_with(dir.path().join("replica.sqlite"), options)?;
    println!(
        "bench data: {people} people with {} custom fields, {} companies; SQLite synchronous = {}",
        CUSTOM.len(),
        people / 10,
        replica.durability().as_str()
    );
    let mut faker = Faker::new(42);
    let owners: Vec<uuid::Uuid> = faker.owners(20).into_iter().map(|u| u.0).collect();
    let mut faker = faker.with_owners(owners);
    let mut rng = fastrand::Rng::with_seed(7);

    let definitions = CUSTOM
        .iter()
        .enumerate()
        .map(|(i, (key, label, ty))| {
            let mut patch = Patch::new()
                .text("target", "person")
                .text("key", key)
                .text("label", label)
                .text("field_type", ty)
                .set("position", Value::Int(i as i64));
            if *ty == "select" {
                patch = patch.set(
                    "options",
                    Value::List(SEGMENTS.iter().map(|s| (*s).to_owned()).collect()),
                );
            }
            replica.create(Kind::CustomField, &patch)
        })
        .collect::<Result<Vec<RecordId>, _>>()?;

    let mut company_names = Vec::new();
    let companies = create_all(&replica, Kind::Company, people / 10, |_| {
        let patch = faker.company();
        if let Some(Some(Value::Text(name))) = patch.fields.get("name") {
            company_names.push(name.clone());
        }
        patch
    })?;
    let mut emails = Vec::new();
    create_all(&replica, Kind::Person, people, |_| {
        let company = (rng.u8(..10) < 7).then(|| companies[rng.usize(..companies.len())]);
        let mut patch = faker.person(company);
        if let Some(Some(Value::List(list))) = patch.fields.get("emails")
            && let Some(first) = list.first()
        {
            emails.push(first.clone());
        }
        for (def, value) in definitions.iter().zip(custom_values(&mut rng)) {
            patch = patch.custom(*def, Some(value));
        }
        patch
    })?;

    // Export the whole list.
    let xlsx = dir.path().join("osoby.xlsx");
    let started = Instant::now();
    let summary = export_xlsx(
        &replica,
        &ExportList::Records(Box::new(ListQuery::new(Kind::Person))),
        Language::Polish,
        &xlsx,
        &mut |_| {},
    )?;
    let export_s = started.elapsed().as_secs_f64();
    println!(
        "  exported {} rows × {} columns in {export_s:.2} s ({:.1} MB)",
        summary.rows,
        summary.columns.len(),
        std::fs::metadata(&xlsx)?.len() as f64 / 1e6
    );

    // Import a CSV of the same size: 90% new people, 10% repeating existing e-mails.
    let csv = dir.path().join("import.csv");
    let duplicates = write_csv(&csv, people, &mut faker, &mut rng, &company_names, &emails)?;
    let started = Instant::now();
    let table = read_file(&csv)?;
    let mapping = suggest_mapping(&replica, &table, Kind::Person)?;
    let report = run_import(
        &replica,
        &table,
        Kind::Person,
        &mapping,
        &ImportOptions::default(),
        &mut |_| {},
    )?;
    let import_s = started.elapsed().as_secs_f64();
    println!(
        "  imported {people} rows in {import_s:.2} s: {} created, {} skipped as duplicates ({duplicates} planted), {} errors",
        report.created,
        report.skipped,
        report.errors.len()
    );

    let mut export = Metric::at_most("xlsx_export_100k_s", export_s, "s", "≤ 5", 5.0);
    export.failed = summary.rows != people as u64;
    let mut import = Metric::at_most("import_100k_s", import_s, "s", "≤ 15", 15.0);
    import.failed = report.skipped < duplicates
        || report.created + report.skipped + report.errors.len() != people
        || !report.errors.is_empty();
    drop(replica);
    let advanced = crate::advanced_export::run(people)?;
    let restore = crate::restore::run(people)?;
    Ok(vec![export, import, advanced, restore])
}

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
    println!(
        "  created {items} {kind} records in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    Ok(ids)
}

fn date(rng: &mut fastrand::Rng) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
        + chrono::Duration::days(rng.i64(0..2_500))
}

/// Values of the ten custom fields, in `CUSTOM` order.
fn custom_values(rng: &mut fastrand::Rng) -> Vec<Value> {
    vec![
        Value::Text(SEGMENTS[rng.usize(..SEGMENTS.len())].to_owned()),
        Value::Text(["targi", "polecenie", "www", "LinkedIn"][rng.usize(..4)].to_owned()),
        Value::Text(
            ["mazowieckie", "małopolskie", "śląskie", "pomorskie"][rng.usize(..4)].to_owned(),
        ),
        Value::Int(rng.i64(1..5_000)),
        Value::Int(rng.i64(0..100)),
        Value::Money(Money::new(rng.i64(0..100_000_000), Currency::PLN)),
        Value::Money(Money::new(rng.i64(0..100_000_000), Currency::PLN)),
        Value::Date(date(rng)),
        Value::Date(date(rng)),
        Value::Bool(rng.bool()),
    ]
}

fn cell(out: &mut String, value: &str) {
    if value.contains([';', '"', '\n']) {
        let _ = write!(out, "\"{}\"", value.replace('"', "\"\""));
    } else {
        out.push_str(value);
    }
}

/// Writes the import file; returns how many rows repeat an existing person's e-mail.
fn write_csv(
    path: &std::path::Path,
    rows: usize,
    faker: &mut Faker,
    rng: &mut fastrand::Rng,
    company_names: &[String],
    emails: &[String],
) -> Result<usize> {
    let mut out = String::with_capacity(rows * 200);
    out.push_str("\u{feff}Imię;Nazwisko;Firma;Stanowisko;E-mail;Telefon;Miasto");
    for (_, label, _) in CUSTOM {
        out.push(';');
        out.push_str(label);
    }
    out.push('\n');
    let mut duplicates = 0;
    for i in 0..rows {
        let patch = faker.person(None);
        let text = |key: &str| match patch.fields.get(key) {
            Some(Some(Value::Text(s))) => s.clone(),
            _ => String::new(),
        };
        let list = |key: &str| match patch.fields.get(key) {
            Some(Some(Value::List(items))) => items.join(", "),
            _ => String::new(),
        };
        let repeat = i % 10 == 0 && !emails.is_empty();
        let email = if repeat {
            duplicates += 1;
            emails[rng.usize(..emails.len())].clone()
        } else {
            // Unique, so only the planted rows match.
            format!("import{i}@example.com")
        };
        let company = if rng.u8(..10) < 7 && !company_names.is_empty() {
            company_names[rng.usize(..company_names.len())].clone()
        } else {
            String::new()
        };
        for (j, value) in [
            text("first_name"),
            text("last_name"),
            company,
            text("position"),
            email,
            list("phones"),
            text("city"),
        ]
        .iter()
        .enumerate()
        {
            if j > 0 {
                out.push(';');
            }
            cell(&mut out, value);
        }
        for value in custom_values(rng) {
            out.push(';');
            let text = match value {
                Value::Text(s) => s,
                Value::Int(n) => n.to_string(),
                Value::Money(m) => format!("{},{:02}", m.minor / 100, m.minor % 100),
                Value::Date(d) => d.format("%d.%m.%Y").to_string(),
                Value::Bool(b) => if b { "tak" } else { "nie" }.to_owned(),
                _ => String::new(),
            };
            cell(&mut out, &text);
        }
        out.push('\n');
    }
    std::fs::write(path, out)?;
    Ok(duplicates)
}
