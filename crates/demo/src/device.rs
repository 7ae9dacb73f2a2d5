//! A second device for the desktop E2E (`localspace-demo --dump`): signs in with its own
//! replica in a scratch folder, pulls everything the account holds with the client's sync
//! pass, exactly as another laptop would, and lists the records one line each, so a test
//! can check that edits made in the app reached the server and another device.
//!
//! A line is the kind, then `key=value` pairs, separated by tabs (shown as `\t` here; tabs
//! and line breaks inside values become spaces):
//!
//! ```text
//! person\tid=…\tfirst_name=Zofia\tlast_name=Kołodziej\tcity=Gdańsk\tcompany=Stalmet Sp. z o.o.
//! deal\tid=…\ttitle=Linia cięcia\tstage=Negocjacje
//! ```

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use localspace_client::Replica;
use localspace_client::api::ApiClient;
use localspace_client::query::ListQuery;
use localspace_client::sync::sync_once;
use localspace_core::api::SignIn;
use localspace_core::{Kind, Record, Value};

/// Sync passes after which a device that still pulls something is an error.
const MAX_PASSES: usize = 20;

/// The kinds listed, in this order.
const KINDS: [Kind; 6] = [
    Kind::Pipeline,
    Kind::Company,
    Kind::Person,
    Kind::Deal,
    Kind::Task,
    Kind::Activity,
];

/// Signs in as `email` on `server_url` with a fresh replica in `dir`, pulls the account and
/// returns one line per live record.
pub async fn dump(
    server_url: &str,
    email: &str,
    password: &str,
    dir: &Path,
) -> Result<Vec<String>> {
    let anon = ApiClient::new(server_url).with_context(|| format!("server URL {server_url}"))?;
    let created = anon
        .sign_in(&SignIn {
            email: email.to_owned(),
            password: password.to_owned(),
            device: Some("localspace-demo second device".to_owned()),
        })
        .await
        .with_context(|| format!("signing in as {email} at {server_url}"))?;
    let api = anon.with_token(created.token);
    std::fs::create_dir_all(dir)
        .with_context(|| format!("creating the scratch folder {}", dir.display()))?;
    let path = dir.join(format!("device-{}.sqlite", created.user.id));
    remove(&path)?;
    let replica =
        Replica::open(&path).with_context(|| format!("opening the replica {}", path.display()))?;
    pull_all(&replica, &api).await?;
    let lines = lines(&replica)?;
    drop(replica);
    remove(&path)?;
    Ok(lines)
}

/// Sync passes until one brings nothing new.
async fn pull_all(replica: &Replica, api: &ApiClient) -> Result<()> {
    for _ in 0..MAX_PASSES {
        let report = sync_once(replica, api)
            .await
            .context("pulling the account")?;
        if let Some((id, reason)) = report.damaged.first() {
            bail!("record {id} could not be applied: {reason}");
        }
        if report.pulled == 0 && report.bootstrapped == 0 {
            return Ok(());
        }
    }
    bail!("the account still had changes to pull after {MAX_PASSES} sync passes")
}

fn lines(replica: &Replica) -> Result<Vec<String>> {
    let mut records: Vec<Record> = Vec::new();
    for kind in KINDS {
        let page = replica.list(&ListQuery {
            limit: 10_000,
            ..ListQuery::new(kind)
        })?;
        for row in page.rows {
            records.push(replica.get(row.id())?);
        }
    }
    let titles: HashMap<String, String> = records
        .iter()
        .map(|r| (r.id.to_string(), title(r)))
        .collect();
    let stages: HashMap<String, String> = records
        .iter()
        .filter_map(|r| match r.get("stages") {
            Some(Value::Stages(stages)) => Some(stages),
            _ => None,
        })
        .flatten()
        .map(|s| (s.id.to_string(), s.name.clone()))
        .collect();
    let mut out = Vec::with_capacity(records.len());
    for record in &records {
        let mut line = vec![record.kind.to_string(), format!("id={}", record.id)];
        for (key, value) in record.fields.iter().map(|(k, f)| (k, &f.value)) {
            let shown = match (key.as_str(), value) {
                ("stage", Value::Text(id)) => stages.get(id.as_str()).cloned().unwrap_or_default(),
                (_, Value::Ref(id)) => titles.get(&id.to_string()).cloned().unwrap_or_default(),
                (_, Value::RefSet(ids)) => ids
                    .iter()
                    .filter_map(|id| titles.get(&id.to_string()).cloned())
                    .collect::<Vec<_>>()
                    .join("|"),
                (_, v) => match v.as_text() {
                    Some(text) => text.to_owned(),
                    None => match v {
                        Value::Bool(b) => b.to_string(),
                        _ => continue,
                    },
                },
            };
            line.push(format!("{key}={}", clean(&shown)));
        }
        out.push(line.join("\t"));
    }
    Ok(out)
}

/// A record's name in one string: a person's full name, else its name or title.
fn title(record: &Record) -> String {
    match record.kind {
        Kind::Person => format!("{} {}", record.text("first_name"), record.text("last_name"))
            .trim()
            .to_owned(),
        _ if !record.text("name").is_empty() => record.text("name").to_owned(),
        _ => record.text("title").to_owned(),
    }
}

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

fn remove(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("removing {}", file.display())),
        }
    }
    Ok(())
}
