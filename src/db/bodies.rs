//! Inspected bodies: the organisations that inspections are about, and merging a duplicate
//! into another (its inspections, actions and members move).

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{SqliteConnection, SqliteExecutor};

use crate::domain::bodies::NewBody;
use crate::domain::vocab::BodyKind;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct BodyRow {
    pub id: i64,
    pub name: String,
    pub kind: BodyKind,
}

/// A body with how much of the record is about it, for the office's list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BodySummaryRow {
    pub id: i64,
    pub name: String,
    pub kind: BodyKind,
    pub inspections: i64,
    pub actions: i64,
    pub members: i64,
    /// Set when the body was withdrawn as entered in error.
    #[sqlx(default)]
    pub withdrawn_on: Option<chrono::NaiveDate>,
    /// The chief officer lead's name, escalated to when round updates do not arrive.
    #[sqlx(default)]
    pub lead: Option<String>,
}

pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<BodyRow>, sqlx::Error> {
    sqlx::query_as("select id, name, kind from inspected_bodies order by name")
        .fetch_all(db)
        .await
}

/// Every body with its counts of inspections, actions and users, in one query.
pub async fn list_with_counts(
    db: impl SqliteExecutor<'_>,
) -> Result<Vec<BodySummaryRow>, sqlx::Error> {
    sqlx::query_as(
        "select b.id, b.name, b.kind,
             (select count(*) from inspections i where i.body_id = b.id) as inspections,
             (select count(*) from action_items a where a.body_id = b.id) as actions,
             (select count(*) from user_bodies u where u.body_id = b.id) as members,
             b.withdrawn_on,
             (select u.display_name from users u where u.id = b.chief_officer_id) as lead
         from inspected_bodies b
         order by b.name collate nocase",
    )
    .fetch_all(db)
    .await
}

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<BodyRow>, sqlx::Error> {
    sqlx::query_as("select id, name, kind from inspected_bodies where id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn find_by_name(
    db: impl SqliteExecutor<'_>,
    name: &str,
) -> Result<Option<BodyRow>, sqlx::Error> {
    sqlx::query_as("select id, name, kind from inspected_bodies where name = ? collate nocase")
        .bind(name)
        .fetch_optional(db)
        .await
}

/// A new body of the default kind (a police force), as typed on the inspection form.
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

/// A new body of the kind given.
pub async fn insert_new(
    db: impl SqliteExecutor<'_>,
    body: &NewBody,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into inspected_bodies (name, kind, created_at)
         values (?, ?, ?)
         returning id",
    )
    .bind(&body.name)
    .bind(body.kind)
    .bind(super::timestamp(now))
    .fetch_one(db)
    .await
}

pub async fn update(
    db: impl SqliteExecutor<'_>,
    id: i64,
    body: &NewBody,
) -> Result<(), sqlx::Error> {
    sqlx::query("update inspected_bodies set name = ?, kind = ? where id = ?")
        .bind(&body.name)
        .bind(body.kind)
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

/// The references of the body's actions.
pub async fn action_references(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("select reference from action_items where body_id = ? order by reference")
        .bind(id)
        .fetch_all(db)
        .await
}

/// How much of the record a merge moved.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Moved {
    pub inspections: u64,
    pub actions: u64,
    pub members: u64,
}

/// Move everything of body `from` to body `to` and remove `from`. A user who belonged to both
/// keeps one membership. Run inside a transaction.
pub async fn merge(tx: &mut SqliteConnection, from: i64, to: i64) -> Result<Moved, sqlx::Error> {
    let inspections = sqlx::query("update inspections set body_id = ?1 where body_id = ?2")
        .bind(to)
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let actions = sqlx::query("update action_items set body_id = ?1 where body_id = ?2")
        .bind(to)
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let members = sqlx::query(
        "insert or ignore into user_bodies (user_id, body_id)
         select user_id, ?1 from user_bodies where body_id = ?2",
    )
    .bind(to)
    .bind(from)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query("delete from user_bodies where body_id = ?")
        .bind(from)
        .execute(&mut *tx)
        .await?;
    sqlx::query("delete from inspected_bodies where id = ?")
        .bind(from)
        .execute(&mut *tx)
        .await?;
    Ok(Moved {
        inspections,
        actions,
        members,
    })
}
/// How many bodies the installation has: lists name the body only when there is more than one.
pub async fn count(db: impl SqliteExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from inspected_bodies")
        .fetch_one(db)
        .await
}
