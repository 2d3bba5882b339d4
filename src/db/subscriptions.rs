//! Public subscriptions: who asked to be told when a new edition changes a body, an inspection
//! or the whole site. Addresses are kept for this alone and deleted on unsubscribing.

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use super::timestamp;
use crate::domain::vocab::SubscriptionScope;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SubscriptionRow {
    pub id: i64,
    pub email: String,
    pub scope: SubscriptionScope,
    pub body_id: Option<i64>,
    pub inspection_id: Option<i64>,
    pub token: String,
    pub created_at: String,
    pub confirmed_at: Option<String>,
}

const COLUMNS: &str = "id, email, scope, body_id, inspection_id, token, created_at, confirmed_at";

/// A new sign-up, unconfirmed; None when that address already follows that (confirmed or not).
pub async fn insert(
    db: &mut SqliteConnection,
    email: &str,
    scope: SubscriptionScope,
    body_id: Option<i64>,
    inspection_id: Option<i64>,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "insert into subscriptions (email, scope, body_id, inspection_id, token, created_at)
         values (?, ?, ?, ?, ?, ?)
         on conflict do nothing
         returning id",
    )
    .bind(email)
    .bind(scope)
    .bind(body_id)
    .bind(inspection_id)
    .bind(token)
    .bind(timestamp(now))
    .fetch_optional(db)
    .await
}

/// The existing sign-up of `email` to that, if any.
pub async fn find_same(
    db: impl SqliteExecutor<'_>,
    email: &str,
    scope: SubscriptionScope,
    body_id: Option<i64>,
    inspection_id: Option<i64>,
) -> Result<Option<SubscriptionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from subscriptions
         where email = ? and scope = ? and coalesce(body_id, 0) = coalesce(?, 0)
           and coalesce(inspection_id, 0) = coalesce(?, 0)"
    ))
    .bind(email)
    .bind(scope)
    .bind(body_id)
    .bind(inspection_id)
    .fetch_optional(db)
    .await
}

pub async fn find_by_token(
    db: impl SqliteExecutor<'_>,
    token: &str,
) -> Result<Option<SubscriptionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from subscriptions where token = ?"
    ))
    .bind(token)
    .fetch_optional(db)
    .await
}

pub async fn confirm(
    db: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    sqlx::query("update subscriptions set confirmed_at = ? where id = ? and confirmed_at is null")
        .bind(timestamp(now))
        .bind(id)
        .execute(db)
        .await
        .map(|r| r.rows_affected() == 1)
}

/// Delete the subscription and (by cascade) every message to it: the address is gone.
pub async fn delete(db: &mut SqliteConnection, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query("delete from subscriptions where id = ?")
        .bind(id)
        .execute(db)
        .await
        .map(|r| r.rows_affected() == 1)
}

/// Delete sign-ups never confirmed within a week of asking.
pub async fn delete_unconfirmed_before(
    db: impl SqliteExecutor<'_>,
    before: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    sqlx::query("delete from subscriptions where confirmed_at is null and created_at < ?")
        .bind(timestamp(before))
        .execute(db)
        .await
        .map(|r| r.rows_affected())
}

/// Every confirmed subscription (told about each new edition that changes what it follows).
pub async fn list_confirmed(
    db: impl SqliteExecutor<'_>,
) -> Result<Vec<SubscriptionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from subscriptions where confirmed_at is not null order by id"
    ))
    .fetch_all(db)
    .await
}

/// How many confirmed subscriptions there are, by scope (the admin sees counts, never addresses).
pub async fn count_confirmed(
    db: impl SqliteExecutor<'_>,
) -> Result<Vec<(SubscriptionScope, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select scope, count(*) from subscriptions where confirmed_at is not null
         group by scope order by scope",
    )
    .fetch_all(db)
    .await
}
