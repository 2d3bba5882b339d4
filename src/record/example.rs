//! Removing the example data, from the admin page or `scrutineer example remove`: refused
//! while anything entered since depends on it (see `db::example`), otherwise one audited
//! transaction.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, RecordResult, Tx};
use crate::db::{self, example};
use crate::domain::vocab::{AuditAction, Entity};

/// What a removal came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// Removed: how many rows went, by table.
    Removed(Vec<(&'static str, u64)>),
    /// There is no example data to remove (never loaded, or removed already).
    NothingToRemove,
    /// Refused: what depends on the example data, one sentence each.
    Refused(Vec<String>),
}

/// The sentence a refusal shows, naming what depends on the example data.
pub fn refusal_message(dependents: &[String]) -> String {
    format!(
        "The example data cannot be removed while records entered since depend on it: {}. \
         Change or withdraw those first, or start a new database with --no-example-data.",
        dependents.join("; ")
    )
}

/// Remove the example data as `actor` at `now`.
pub async fn remove(pool: &SqlitePool, actor: &Actor, now: DateTime<Utc>) -> RecordResult<Removal> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    if !example::present(&mut tx).await? {
        drop(tx);
        return Ok(Removal::NothingToRemove);
    }
    let dependents = example::dependents(&mut tx).await?;
    if !dependents.is_empty() {
        drop(tx);
        return Ok(Removal::Refused(dependents));
    }
    let removed = example::delete(&mut tx, &db::timestamp(now)).await?;
    let rows: serde_json::Map<String, serde_json::Value> = removed
        .iter()
        .map(|(table, n)| (table.to_string(), json!(n)))
        .collect();
    tx.audit_single(
        Entity::ExampleData,
        AuditAction::Remove,
        Some(&json!({ "seed": "derbyshire" })),
        Some(&json!({ "removed_rows": rows, "editions": "kept as published", "demo_accounts": "disabled" })),
    )
    .await?;
    tx.commit().await?;
    Ok(Removal::Removed(removed))
}
