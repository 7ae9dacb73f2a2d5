//! [`AutomationStore`] on the embedded SQLite file: one row per rule, its settings as JSON
//! (the same `RuleSpec` the API carries).

use localspace_core::api::RuleSpec;
use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;

use super::{SqliteStore, backend, uuid_at};
use crate::automation::{AutomationStore, StoredRule};
use crate::store::{StoreError, StoreResult};

/// The rules table, appended to the store's migrations.
pub(super) const MIGRATION: &str = r#"
CREATE TABLE automation_rules (
    account BLOB NOT NULL REFERENCES accounts(id), id BLOB NOT NULL, spec TEXT NOT NULL,
    enabled INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    PRIMARY KEY (account, id)
) WITHOUT ROWID;
"#;

/// Deletes an account's rules (the purge).
pub(super) const PURGE: &str = "DELETE FROM automation_rules WHERE account = ?1";

const COLUMNS: &str = "id, account, spec, enabled, created_at, updated_at";

fn rule_row(r: &Row<'_>) -> rusqlite::Result<StoredRule> {
    let spec: String = r.get(2)?;
    Ok(StoredRule {
        id: uuid_at(r, 0)?,
        account: uuid_at(r, 1)?,
        spec: serde_json::from_str(&spec).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
        })?,
        enabled: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

fn json(spec: &RuleSpec) -> StoreResult<String> {
    serde_json::to_string(spec).map_err(|e| StoreError::Backend(e.to_string()))
}

impl AutomationStore for SqliteStore {
    fn rules(&self, account: Uuid) -> StoreResult<Vec<StoredRule>> {
        self.with(|c| {
            let mut stmt = c
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM automation_rules WHERE account = ?1 ORDER BY created_at, id"
                ))
                .map_err(backend)?;
            let rows = stmt
                .query_map([account.as_bytes()], rule_row)
                .map_err(backend)?;
            rows.collect::<rusqlite::Result<_>>().map_err(backend)
        })
    }

    fn insert_rule(&self, rule: &StoredRule) -> StoreResult<()> {
        let spec = json(&rule.spec)?;
        self.with(|c| {
            c.execute(
                &format!(
                    "INSERT INTO automation_rules ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                ),
                params![
                    rule.id.as_bytes(),
                    rule.account.as_bytes(),
                    spec,
                    rule.enabled,
                    rule.created_at,
                    rule.updated_at
                ],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn update_rule(
        &self,
        account: Uuid,
        id: Uuid,
        spec: Option<&RuleSpec>,
        enabled: Option<bool>,
        at: i64,
    ) -> StoreResult<StoredRule> {
        let spec = spec.map(json).transpose()?;
        self.in_tx(|tx| {
            let changed = tx
                .execute(
                    "UPDATE automation_rules SET spec = coalesce(?3, spec),
                       enabled = coalesce(?4, enabled), updated_at = ?5
                     WHERE account = ?1 AND id = ?2",
                    params![account.as_bytes(), id.as_bytes(), spec, enabled, at],
                )
                .map_err(backend)?;
            if changed == 0 {
                return Err(StoreError::NotFound);
            }
            tx.query_row(
                &format!("SELECT {COLUMNS} FROM automation_rules WHERE account = ?1 AND id = ?2"),
                [account.as_bytes(), id.as_bytes()],
                rule_row,
            )
            .optional()
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
        })
    }

    fn delete_rule(&self, account: Uuid, id: Uuid) -> StoreResult<()> {
        self.with(|c| {
            let gone = c
                .execute(
                    "DELETE FROM automation_rules WHERE account = ?1 AND id = ?2",
                    [account.as_bytes(), id.as_bytes()],
                )
                .map_err(backend)?;
            if gone == 0 {
                Err(StoreError::NotFound)
            } else {
                Ok(())
            }
        })
    }
}
