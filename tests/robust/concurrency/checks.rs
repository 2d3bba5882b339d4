//! What must hold after the load: each update once, each record's saves one chain of
//! versions, one audit event per acknowledged write.

use scrutineer::db;
use serde_json::Value;

use super::{RECORDS, Record, Save, Tally};
use crate::support;

pub async fn assert_each_update_stored_once(pool: &sqlx::SqlitePool, acknowledged: &[String]) {
    let stored: Vec<String> = sqlx::query_scalar(
        "select narrative from progress_updates where narrative like 'robust marker %'",
    )
    .fetch_all(pool)
    .await
    .expect("updates");
    let mut stored_sorted = stored.clone();
    stored_sorted.sort();
    let mut acked = acknowledged.to_vec();
    acked.sort();
    assert_eq!(
        stored_sorted, acked,
        "the stored updates are exactly the acknowledged ones, each once"
    );
}

/// The acknowledged saves of one stored row were each based on the version the one before
/// wrote: no two on the same version (a lost update), none missing; the last save of each form
/// is what is stored.
pub async fn assert_one_chain(
    pool: &sqlx::SqlitePool,
    saves: &[Save],
    record: &Record,
    start: i64,
) {
    let same_row = |s: &&Save| s.record.table == record.table && s.record.id == record.id;
    let mut chain: Vec<&Save> = saves.iter().filter(same_row).collect();
    chain.sort_by_key(|s| s.base);
    let bases: Vec<i64> = chain.iter().map(|s| s.base).collect();
    let expected: Vec<i64> = (start..start + chain.len() as i64).collect();
    assert_eq!(
        bases, expected,
        "{}: saves form one chain of versions",
        record.save_path
    );
    assert_eq!(
        version(pool, record.table, record.id).await,
        start + chain.len() as i64,
        "{}: one version per save",
        record.save_path
    );
    let sql = format!(
        "select {} from {} where id = ?",
        record.column, record.table
    );
    let stored: Option<String> = sqlx::query_scalar(&sql)
        .bind(record.id)
        .fetch_one(pool)
        .await
        .expect("stored value");
    if let Some(last) = chain.iter().rev().find(|s| s.record == record) {
        assert_eq!(
            stored.as_deref(),
            Some(last.marker.as_str()),
            "{}: the last save is what is stored",
            record.save_path
        );
    }
}

pub async fn assert_audit_matches(pool: &sqlx::SqlitePool, baseline: i64, tally: &Tally) {
    support::assert_intact(db::audit::verify(pool).await.expect("verify"));
    let events: Vec<(String, String, Option<i64>, Option<String>)> = sqlx::query_as(
        "select entity, action, entity_id, before from audit_events where id > ? order by id",
    )
    .bind(baseline)
    .fetch_all(pool)
    .await
    .expect("events");
    let count = |entity: &str, action: &str| {
        events
            .iter()
            .filter(|(e, a, _, _)| e == entity && a == action)
            .count()
    };
    assert_eq!(count("progress_update", "create"), tally.updates.len());
    for record in RECORDS {
        let saves = tally.saves.iter().filter(|s| s.record == record).count();
        let (entity, action) = record.audit;
        assert_eq!(count(entity, action), saves, "{}", record.save_path);
    }
    assert_eq!(
        events.len(),
        tally.updates.len() + tally.saves.len(),
        "exactly one audit event per acknowledged write: {:?}",
        events
            .iter()
            .map(|(e, a, _, _)| format!("{e}/{a}"))
            .collect::<Vec<_>>()
    );
    // Each edit's audit event records as "before" the very version that edit replaced.
    let mut finding_befores: Vec<i64> = events
        .iter()
        .filter(|(e, a, _, _)| e == "finding" && a == "update")
        .map(|(_, _, _, before)| {
            let before: Value =
                serde_json::from_str(before.as_deref().unwrap_or("null")).expect("before json");
            before["finding"]["version"]
                .as_i64()
                .expect("version in before")
        })
        .collect();
    finding_befores.sort();
    let mut bases: Vec<i64> = tally
        .saves
        .iter()
        .filter(|s| s.record.table == "findings")
        .map(|s| s.base)
        .collect();
    bases.sort();
    assert_eq!(
        finding_befores, bases,
        "audit 'before' is the version replaced"
    );
}

pub async fn scalar(pool: &sqlx::SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(pool)
        .await
        .expect("scalar")
}

pub async fn version(pool: &sqlx::SqlitePool, table: &str, id: i64) -> i64 {
    sqlx::query_scalar(&format!("select version from {table} where id = ?"))
        .bind(id)
        .fetch_one(pool)
        .await
        .expect("version")
}
