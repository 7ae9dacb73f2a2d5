//! Restoring one account to a chosen moment (the `restore-account` command): the nearest
//! verified snapshot taken at or before it, from either target, is fetched into a scratch
//! file (the backup itself is never opened for writing), checked against its manifest's
//! SHA-256, brought to this server's schema, and the account's rows are replaced by its rows in one
//! transaction (`SqliteStore::restore_account_from`). Its epoch moves, so every device of
//! the account loads the records again and rebases its unsent edits. Recorded in the
//! account's audit log.

use uuid::Uuid;

use super::manifest::{Manifest, sha256_of};
use super::schedule::Backups;
use super::{BackupError, BackupResult, io};
use crate::store::{AuditRecord, Restored, SqliteStore, Store};

/// What a restore did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountRestore {
    /// The snapshot used.
    pub snapshot: Manifest,
    /// Where it was kept.
    pub target: String,
    pub restored: Restored,
}

/// The newest verified snapshot taken at or before `at_ms`, and the target holding it.
pub fn choose(
    backups: &Backups,
    at_ms: i64,
) -> BackupResult<(Manifest, std::sync::Arc<dyn super::target::Target>)> {
    backups
        .all()?
        .into_iter()
        .rev()
        .find(|(m, _)| m.verified && m.taken_at_ms <= at_ms)
        .ok_or_else(|| {
            BackupError::Refused("no verified backup was taken at or before that moment".into())
        })
}

/// Restores `account` as it was in the nearest verified backup at or before `at_ms`.
pub fn restore_account(
    backups: &Backups,
    store: &SqliteStore,
    account: Uuid,
    at_ms: i64,
    now_ms: i64,
) -> BackupResult<AccountRestore> {
    let (snapshot, target) = choose(backups, at_ms)?;
    let scratch_dir = backups.local.0.join(".scratch");
    std::fs::create_dir_all(&scratch_dir).map_err(io("creating the scratch folder"))?;
    let scratch = scratch_dir.join(format!("restore-{}", snapshot.file));
    let _ = std::fs::remove_file(&scratch);
    let result = (|| {
        target.fetch(&snapshot, &scratch)?;
        // The snapshot passed the full check when it was taken; the same bytes are the
        // same snapshot.
        let (sha256, _) = sha256_of(&scratch)?;
        if sha256 != snapshot.sha256 {
            return Err(BackupError::Refused(format!(
                "the backup {} changed since it was checked (sha256 {sha256}, the manifest says {})",
                snapshot.file, snapshot.sha256
            )));
        }
        // An older snapshot is migrated forward in the scratch copy, so its tables line up.
        drop(SqliteStore::open(&scratch)?);
        let restored = store
            .restore_account_from(&scratch, account)
            .map_err(|e| match e {
                crate::store::StoreError::NotFound => BackupError::Refused(format!(
                    "the account {account} is not in the backup {} (or not on this server)",
                    snapshot.file
                )),
                other => other.into(),
            })?;
        store.append_audit(&AuditRecord {
            id: 0,
            account,
            at: now_ms,
            actor: None,
            event: crate::audit::event::ACCOUNT_RESTORED.into(),
            detail: serde_json::json!({
                "backup": snapshot.taken_at,
                "requested": chrono::DateTime::from_timestamp_millis(at_ms)
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                "epoch": restored.epoch,
            }),
        })?;
        Ok(restored)
    })();
    for leftover in [
        scratch.clone(),
        scratch.with_extension("sqlite-wal"),
        scratch.with_extension("sqlite-shm"),
    ] {
        let _ = std::fs::remove_file(leftover);
    }
    let restored = result?;
    Ok(AccountRestore {
        target: target.describe(),
        snapshot,
        restored,
    })
}
