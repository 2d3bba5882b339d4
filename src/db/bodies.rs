//! Inspected bodies: the organisations that inspections are about.

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BodyRow {
    pub id: i64,
    pub name: String,
}

pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<BodyRow>, sqlx::Error> {
    sqlx::query_as("select id, name from inspected_bodies order by name")
        .fetch_all(db)
        .await
}

pub async fn find_by_name(
    db: impl SqliteExecutor<'_>,
    name: &str,
) -> Result<Option<BodyRow>, sqlx::Error> {
    sqlx::query_as("select id, name from inspected_bodies where name = ? collate nocase")
        .bind(name)
        .fetch_optional(db)
        .await
}

pub async fn insert(
    tx: &mut SqliteConnection,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into inspected_bodies (name, created_at)
         values (?, ?)
         returning id",
    )
    .bind(name)
    .bind(super::timestamp(now))
    .fetch_one(tx)
    .await
}

/// How many bodies the installation has: lists name the body only when there is more than one.
pub async fn count(db: impl SqliteExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from inspected_bodies")
        .fetch_one(db)
        .await
}
