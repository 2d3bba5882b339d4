//! Progress updates on an action-plan item or a finding. Append-only: there is an insert and
//! no update or delete; a correction is a new row naming the one it corrects.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::SqliteExecutor;

use crate::domain::updates::NewUpdate;
use crate::domain::vocab::Rag;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct UpdateRow {
    pub id: i64,
    pub action_id: Option<i64>,
    pub finding_id: Option<i64>,
    pub as_at: NaiveDate,
    pub rag: Rag,
    pub narrative: String,
    pub evidence: Option<String>,
    pub public_summary: Option<String>,
    pub corrects_id: Option<i64>,
    pub author_id: i64,
    pub author_name: String,
    pub entered_at: String,
}

const SELECT: &str = "select u.*, a.display_name as author_name
     from progress_updates u
     join users a on a.id = u.author_id";

/// An action's updates, newest first (by as-at date, then by entry).
pub async fn list_for_action(
    db: impl SqliteExecutor<'_>,
    action_id: i64,
) -> Result<Vec<UpdateRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where u.action_id = ? order by u.as_at desc, u.id desc"
    ))
    .bind(action_id)
    .fetch_all(db)
    .await
}

/// The updates posted directly on a finding, newest first.
pub async fn list_for_finding(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
) -> Result<Vec<UpdateRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where u.finding_id = ? order by u.as_at desc, u.id desc"
    ))
    .bind(finding_id)
    .fetch_all(db)
    .await
}

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<UpdateRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} where u.id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    new: &NewUpdate,
    author_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into progress_updates (action_id, finding_id, as_at, rag, narrative, evidence,
             public_summary, corrects_id, author_id, entered_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.subject.action_id())
    .bind(new.subject.finding_id())
    .bind(new.as_at)
    .bind(new.rag)
    .bind(&new.narrative)
    .bind(&new.evidence)
    .bind(&new.public_summary)
    .bind(new.corrects_id)
    .bind(author_id)
    .bind(super::timestamp(now))
    .fetch_one(db)
    .await
}

/// A finding's reference and report title, for headings of forms about it.
pub async fn find_finding_label(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "select f.reference, i.title
         from findings f join inspections i on i.id = f.inspection_id
         where f.id = ?",
    )
    .bind(finding_id)
    .fetch_optional(db)
    .await
}
