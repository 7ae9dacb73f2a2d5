//! Getting the records to the server the way a device does: write them into a scratch
//! replica, then run sync passes until its outbox is empty.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail, ensure};
use localspace_client::Replica;
use localspace_client::api::ApiClient;
use localspace_client::replica::{Durability, OpenOptions};
use localspace_client::sync::sync_once;
use localspace_core::Clock;

/// Sync passes after which a non-empty outbox is an error rather than progress.
const MAX_PASSES: usize = 10;

/// True when the account has at least one record on the server.
pub(crate) async fn holds_records(api: &ApiClient) -> Result<bool> {
    let page = api
        .bootstrap(None, 1)
        .await
        .context("asking the server whether the account holds records")?;
    Ok(page.total > 0 || !page.docs.is_empty())
}

/// Opens a fresh scratch replica for `account` in `dir`, fills it with `make` (on a
/// blocking thread), pushes everything and deletes the scratch files. Returns what `make`
/// returned.
pub(crate) async fn create_and_push(
    api: &ApiClient,
    dir: &Path,
    account: &str,
    clock: Arc<dyn Clock>,
    make: impl FnOnce(&Replica) -> localspace_client::Result<usize> + Send + 'static,
) -> Result<usize> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("creating the scratch folder {}", dir.display()))?;
    let path = dir.join(format!("demo-{account}.sqlite"));
    // A run that died half-way left its replica behind; start over.
    remove(&path)?;
    let options = OpenOptions {
        clock,
        durability: Durability::Normal,
    };
    let replica = Replica::open_with(&path, options)
        .with_context(|| format!("opening the scratch replica {}", path.display()))?;
    let (replica, created) = tokio::task::spawn_blocking(move || {
        let created = make(&replica);
        (replica, created)
    })
    .await
    .context("the record generator stopped")?;
    let created = created.context("writing the demo records into the scratch replica")?;
    push(&replica, api).await?;
    drop(replica);
    remove(&path)?;
    Ok(created)
}

/// Sync passes until the outbox is empty; a refused record is an error.
async fn push(replica: &Replica, api: &ApiClient) -> Result<()> {
    for _ in 0..MAX_PASSES {
        let report = sync_once(replica, api)
            .await
            .context("pushing the demo records")?;
        if let Some((id, code, reason)) = report.refused.first() {
            bail!(
                "the server refused {} demo records, e.g. {id}: {code} ({reason})",
                report.refused.len()
            );
        }
        if replica.outbox_len()? == 0 {
            return Ok(());
        }
    }
    let left = replica.outbox_len()?;
    ensure!(
        left == 0,
        "{left} demo records still wait in the outbox after {MAX_PASSES} sync passes"
    );
    Ok(())
}

/// Deletes a replica file with its write-ahead log and shared-memory files.
fn remove(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let file = PathBuf::from(name);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(e).with_context(|| format!("removing {}", file.display()));
            }
        }
    }
    Ok(())
}
