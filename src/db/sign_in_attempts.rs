//! Every sign-in attempt, kept for throttling by account and by address.

use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    email: &str,
    address: &str,
    succeeded: bool,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into sign_in_attempts (email, address, succeeded, at)
         values (?, ?, ?, ?)",
    )
    .bind(email)
    .bind(address)
    .bind(succeeded)
    .bind(super::timestamp(at))
    .execute(db)
    .await?;
    Ok(())
}

/// Failed attempts since `since`: for the account (counting only those after its last
/// successful sign-in) and for the address.
pub async fn count_recent_failures(
    db: impl SqliteExecutor<'_>,
    email: &str,
    address: &str,
    since: &str,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "select
             (select count(*)
              from sign_in_attempts
              where email = ?1
                and succeeded = 0
                and at >= max(?3, coalesce((select max(at)
                                             from sign_in_attempts
                                             where email = ?1
                                               and succeeded = 1), ''))),
             (select count(*)
              from sign_in_attempts
              where address = ?2
                and succeeded = 0
                and at >= ?3)",
    )
    .bind(email)
    .bind(address)
    .bind(since)
    .fetch_one(db)
    .await
}
