//! The scheduled backups' log (`backup_runs`): what each run did, for the admin page.

use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

/// One scheduled backup, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BackupRunRow {
    pub id: i64,
    pub started_at: String,
    pub finished_at: String,
    pub file: String,
    pub outcome: String,
    pub bytes: Option<i64>,
    pub audit_events: Option<i64>,
    pub problem: Option<String>,
    pub removed_at: Option<String>,
}

impl BackupRunRow {
    pub fn verified(&self) -> bool {
        self.outcome == "verified"
    }
}

/// What a run came to: a verified copy (its size and audit event count) or what went wrong.
#[derive(Debug, Clone)]
pub enum Outcome {
    Verified { bytes: i64, audit_events: i64 },
    Failed { problem: String },
}

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    started: DateTime<Utc>,
    finished: DateTime<Utc>,
    file: &str,
    outcome: &Outcome,
) -> Result<i64, sqlx::Error> {
    let (name, bytes, events, problem) = match outcome {
        Outcome::Verified {
            bytes,
            audit_events,
        } => ("verified", Some(*bytes), Some(*audit_events), None),
        Outcome::Failed { problem } => ("failed", None, None, Some(problem.as_str())),
    };
    sqlx::query_scalar(
        "insert into backup_runs (started_at, finished_at, file, outcome, bytes, audit_events,
                                  problem)
         values (?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(super::timestamp(started))
    .bind(super::timestamp(finished))
    .bind(file)
    .bind(name)
    .bind(bytes)
    .bind(events)
    .bind(problem)
    .fetch_one(db)
    .await
}

/// Note that pruning deleted the copy `file`.
pub async fn mark_removed(
    db: impl SqliteExecutor<'_>,
    file: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update backup_runs
         set removed_at = ?
         where file = ?
           and removed_at is null",
    )
    .bind(super::timestamp(at))
    .bind(file)
    .execute(db)
    .await?;
    Ok(())
}

/// The newest runs, newest first.
pub async fn list_recent(
    db: impl SqliteExecutor<'_>,
    limit: i64,
) -> Result<Vec<BackupRunRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, started_at, finished_at, file, outcome, bytes, audit_events, problem,
                removed_at
         from backup_runs
         order by id desc
         limit ?",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The newest run, if any.
pub async fn find_latest(db: impl SqliteExecutor<'_>) -> Result<Option<BackupRunRow>, sqlx::Error> {
    Ok(list_recent(db, 1).await?.pop())
}
