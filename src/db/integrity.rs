//! Checking every append-only table against the audit log, for `scrutineer audit verify`.
//!
//! The hash chain shows whether the log itself was changed. These checks show whether the
//! append-only rows still say what the log recorded when they were written:
//!
//! - every row has the audit event that created it (`create`, `correct` or `publish`, naming
//!   the row), except the rows loaded with the example data, which the one `load` event
//!   vouches for: it records, per table, the last id loaded and the SHA-256 of those rows
//!   ([`digest`]), which must still match (a database loaded before the digest was recorded
//!   accepts rows below the first one created through the application) until the example
//!   data's `remove` event, after which it vouches for nothing;
//! - every field that event recorded which is a column of the row still has that value (a row
//!   rewritten behind the triggers' back, e.g. by INSERT OR REPLACE, shows here);
//! - every row a creating event names is still there (a deleted row shows);
//! - an edition's content and its published file still have their recorded SHA-256, its
//!   publish event records the same hashes, and the chain head its file carries is still in
//!   the log with the same hash (a shortened or rewritten log shows, even when the chain
//!   itself was recomputed); a meeting pack's content still has its recorded SHA-256.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use sqlx::SqliteConnection;

use crate::domain::edition::{PublishedFile, content_hash};
use crate::domain::vocab::Entity;

/// What the check found for one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCheck {
    pub table: &'static str,
    pub rows: usize,
    /// Rows vouched for only by the example data's load event.
    pub example_rows: usize,
    /// What is wrong, one line each (empty when the table is intact).
    pub problems: Vec<String>,
}

/// The append-only tables checked row by row, and the audit entity of their rows.
const TABLES: [(&str, Entity); 6] = [
    ("progress_updates", Entity::ProgressUpdate),
    ("milestone_revisions", Entity::MilestoneRevision),
    ("assessments", Entity::Assessment),
    ("inspectorate_positions", Entity::InspectoratePosition),
    ("measure_readings", Entity::MeasureReading),
    ("meeting_packs", Entity::MeetingPack),
];

const CREATING: &str = "('create', 'correct', 'publish')";

/// Check every append-only table (the audit log itself is checked by `audit::verify`).
pub async fn check(conn: &mut SqliteConnection) -> Result<Vec<TableCheck>, sqlx::Error> {
    let example = example_load(conn).await?;
    let mut out = Vec::new();
    for (table, entity) in TABLES {
        out.push(check_table(conn, table, entity, example.as_ref()).await?);
    }
    out.push(check_editions(conn).await?);
    Ok(out)
}

/// What the example data's load event recorded for each table, by table name; `None` when
/// it was never loaded or has been removed since (its rows are then gone, and every row left
/// needs its own event).
async fn example_load(conn: &mut SqliteConnection) -> Result<Option<Value>, sqlx::Error> {
    let removed: Option<i64> = sqlx::query_scalar(
        "select id from audit_events where entity = 'example_data' and action = 'remove' limit 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    if removed.is_some() {
        return Ok(None);
    }
    let after: Option<Option<String>> = sqlx::query_scalar(
        "select after from audit_events where entity = 'example_data' and action = 'load'
         order by id limit 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(after.map(|a| {
        a.and_then(|a| serde_json::from_str::<Value>(&a).ok())
            .map_or(Value::Null, |v| v["rows"].clone())
    }))
}

/// The tables the example data's load event vouches for.
pub fn example_tables() -> impl Iterator<Item = &'static str> {
    TABLES.iter().map(|(table, _)| *table)
}

/// Every column of `table`, and the SQL of one row as a JSON object of them.
async fn row_json(
    conn: &mut SqliteConnection,
    table: &str,
) -> Result<(Vec<String>, String), sqlx::Error> {
    let columns: Vec<String> =
        sqlx::query_scalar("select name from pragma_table_info(?) order by cid")
            .bind(table)
            .fetch_all(&mut *conn)
            .await?;
    let fields = columns
        .iter()
        .map(|c| format!("'{c}', \"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    Ok((columns, format!("json_object({fields})")))
}

/// The last id of `table` and the SHA-256 of its rows up to it (every column, as JSON, one
/// line each): recorded when the example data is loaded, and recomputed by the check.
pub async fn digest(
    conn: &mut SqliteConnection,
    table: &str,
    up_to: Option<i64>,
) -> Result<(i64, String), sqlx::Error> {
    use futures_util::TryStreamExt;
    use sha2::{Digest, Sha256};
    let (_, json) = row_json(conn, table).await?;
    let sql = format!("select id, {json} from {table} where ?1 is null or id <= ?1 order by id");
    let mut rows = sqlx::query_as::<_, (i64, String)>(&sql)
        .bind(up_to)
        .fetch(&mut *conn);
    let (mut hash, mut last) = (Sha256::new(), 0);
    while let Some((id, row)) = rows.try_next().await? {
        hash.update(row.as_bytes());
        hash.update(b"\n");
        last = id;
    }
    Ok((last, hex::encode(hash.finalize())))
}

/// The first creating event's recorded `after` for each row of `entity`, by row id (as
/// stored: parsed when its row is checked).
async fn creating_events(
    conn: &mut SqliteConnection,
    entity: Entity,
) -> Result<BTreeMap<i64, Option<String>>, sqlx::Error> {
    let events: Vec<(i64, Option<String>)> = sqlx::query_as(&format!(
        "select entity_id, after from audit_events
         where entity = ? and entity_id is not null and action in {CREATING}
         order by id"
    ))
    .bind(entity.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut by_row = BTreeMap::new();
    for (id, after) in events {
        by_row.entry(id).or_insert(after);
    }
    Ok(by_row)
}

fn parse(after: &Option<String>) -> Value {
    after
        .as_deref()
        .and_then(|a| serde_json::from_str(a).ok())
        .unwrap_or(Value::Null)
}

async fn check_table(
    conn: &mut SqliteConnection,
    table: &'static str,
    entity: Entity,
    example: Option<&Value>,
) -> Result<TableCheck, sqlx::Error> {
    use futures_util::TryStreamExt;
    let (columns, json) = row_json(conn, table).await?;
    let events = creating_events(conn, entity).await?;
    let mut check = TableCheck {
        table,
        rows: 0,
        example_rows: 0,
        problems: Vec::new(),
    };
    // Which rows without their own event the example data vouches for: those up to the
    // last id it recorded (whose digest must still match), or, for a database loaded before
    // digests were recorded, those below the first row created through the application.
    let recorded = example.and_then(|rows| rows.get(table));
    let example_up_to = match (example, recorded) {
        (None, _) => None,
        (Some(_), Some(loaded)) => {
            let last = loaded["last_id"].as_i64().unwrap_or(0);
            let (_, now) = digest(conn, table, Some(last)).await?;
            if loaded["sha256"].as_str() != Some(now.as_str()) {
                check.problems.push(format!(
                    "the rows up to {last} loaded as example data are no longer as loaded"
                ));
            }
            Some(last)
        }
        (Some(_), None) => Some(events.keys().next().map_or(i64::MAX, |first| first - 1)),
    };
    let mut present = BTreeSet::new();
    // One row at a time: a national record holds hundreds of thousands.
    let sql = format!("select id, {json} from {table} order by id");
    let mut rows = sqlx::query_as::<_, (i64, String)>(&sql).fetch(&mut *conn);
    while let Some((id, json)) = rows.try_next().await? {
        check.rows += 1;
        present.insert(id);
        let row: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
        if table == "meeting_packs" {
            let content = row["content"].as_str().unwrap_or_default();
            if Some(content_hash(content).as_str()) != row["sha256"].as_str() {
                check
                    .problems
                    .push(format!("pack {id}'s content does not match its SHA-256"));
            }
        }
        let Some(after) = events.get(&id) else {
            if example_up_to.is_some_and(|last| id <= last) {
                check.example_rows += 1;
            } else {
                check.problems.push(format!(
                    "row {id} has no audit event recording its creation"
                ));
            }
            continue;
        };
        // A revision's event records the revision and the milestone after it.
        let after = parse(after);
        let recorded = match &after {
            Value::Array(parts) => parts.first().unwrap_or(&Value::Null),
            other => other,
        };
        if let Value::Object(recorded) = recorded {
            for (field, value) in recorded {
                if columns.contains(field) && !same(value, &row[field.as_str()]) {
                    check.problems.push(format!(
                        "row {id}'s {field} is not what its audit event recorded"
                    ));
                }
            }
        }
    }
    for id in events.keys().filter(|id| !present.contains(id)) {
        check.problems.push(format!(
            "row {id} is in the audit log but no longer in the table"
        ));
    }
    Ok(check)
}

/// Whether a stored value is the one an audit event recorded (numbers as numbers, booleans
/// as 0 or 1, instants to the second).
fn same(recorded: &Value, stored: &Value) -> bool {
    match (recorded, stored) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Bool(b), Value::Number(n)) => n.as_i64() == Some(i64::from(*b)),
        (Value::String(a), Value::String(b)) => a == b || same_instant(a, b),
        (a, b) => a == b,
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    use chrono::{DateTime, Utc};
    match (a.parse::<DateTime<Utc>>(), b.parse::<DateTime<Utc>>()) {
        (Ok(a), Ok(b)) => a.timestamp() == b.timestamp(),
        _ => false,
    }
}

#[derive(sqlx::FromRow)]
struct EditionCheckRow {
    number: i64,
    content: String,
    sha256: String,
    note: Option<String>,
    document: Option<String>,
    fingerprint: Option<String>,
}

async fn check_editions(conn: &mut SqliteConnection) -> Result<TableCheck, sqlx::Error> {
    let events: BTreeMap<i64, Value> = creating_events(conn, Entity::Edition)
        .await?
        .iter()
        .map(|(n, after)| (*n, parse(after)))
        .collect();
    let numbers: Vec<i64> = sqlx::query_scalar("select number from editions order by number")
        .fetch_all(&mut *conn)
        .await?;
    let mut check = TableCheck {
        table: "editions",
        rows: numbers.len(),
        example_rows: 0,
        problems: Vec::new(),
    };
    // One at a time: a national edition is tens of megabytes.
    for &number in &numbers {
        let e: EditionCheckRow = sqlx::query_as(
            "select number, content, sha256, note, document, fingerprint
             from editions where number = ?",
        )
        .bind(number)
        .fetch_one(&mut *conn)
        .await?;
        let n = e.number;
        if content_hash(&e.content) != e.sha256 {
            check
                .problems
                .push(format!("edition {n}'s content does not match its SHA-256"));
        }
        let copy: Option<Vec<u8>> =
            sqlx::query_scalar("select gzip from edition_copies where number = ?")
                .bind(number)
                .fetch_optional(&mut *conn)
                .await?;
        if copy.is_some_and(|gzip| !super::editions::copy_matches(&gzip, &e.sha256)) {
            check.problems.push(format!(
                "edition {n}'s compressed copy does not match its SHA-256"
            ));
        }
        if let (Some(document), Some(fingerprint)) = (&e.document, &e.fingerprint) {
            if &content_hash(document) != fingerprint {
                check
                    .problems
                    .push(format!("edition {n}'s file does not match its fingerprint"));
            }
            match PublishedFile::parse(document.as_bytes()) {
                Some(PublishedFile {
                    edition,
                    chain_head: Some(head),
                }) if edition == n => {
                    if let Some(problem) = super::audit::check_head(&mut *conn, &head).await? {
                        check.problems.push(format!("edition {n}: {problem}"));
                    }
                }
                _ => check.problems.push(format!(
                    "edition {n}'s file does not say which history it saw"
                )),
            }
        }
        let Some(after) = events.get(&n) else {
            check
                .problems
                .push(format!("edition {n} has no publish event in the audit log"));
            continue;
        };
        let recorded = |field: &str| after.get(field).and_then(Value::as_str).map(str::to_string);
        if recorded("sha256").as_ref() != Some(&e.sha256)
            || recorded("note") != e.note
            || (after.get("fingerprint").is_some() && recorded("fingerprint") != e.fingerprint)
        {
            check.problems.push(format!(
                "edition {n} is not the edition its publish event recorded"
            ));
        }
    }
    for n in events.keys().filter(|n| !numbers.contains(n)) {
        check.problems.push(format!(
            "edition {n} is in the audit log but no longer in the table"
        ));
    }
    Ok(check)
}

#[cfg(test)]
mod tests {
    use super::same;
    use serde_json::json;

    #[test]
    fn a_recorded_value_matches_the_stored_one_across_representations() {
        assert!(same(&json!(12), &json!(12.0)));
        assert!(same(&json!(true), &json!(1)));
        assert!(same(&json!("2026-03-01"), &json!("2026-03-01")));
        assert!(same(
            &json!("2026-03-01T10:00:00.123456Z"),
            &json!("2026-03-01T10:00:00Z")
        ));
        assert!(same(&json!(null), &json!(null)));
        assert!(!same(&json!(12), &json!(99.0)));
        assert!(!same(&json!("narrative"), &json!("rewritten")));
        assert!(!same(
            &json!("2026-03-01T10:00:01Z"),
            &json!("2026-03-01T10:00:00Z")
        ));
        assert!(!same(&json!(null), &json!("filled in")));
    }
}
