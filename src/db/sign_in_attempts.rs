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

/// Failed attempts since `since`, each as (count, latest): for the account from the address
/// (only those after its last success from there) and for the address, whatever the account.
pub async fn recent_failures(
    db: impl SqliteExecutor<'_>,
    email: &str,
    address: &str,
    since: &str,
) -> Result<((i64, Option<String>), (i64, Option<String>)), sqlx::Error> {
    let (pair, pair_latest, by_address, address_latest) = sqlx::query_as(
        "with pair as (
             select at
             from sign_in_attempts
             where email = ?1
               and address = ?2
               and succeeded = 0
               and at >= max(?3, coalesce((select max(at)
                                            from sign_in_attempts
                                            where email = ?1
                                              and address = ?2
                                              and succeeded = 1), ''))
         ),
         by_address as (
             select at
             from sign_in_attempts
             where address = ?2
               and succeeded = 0
               and at >= ?3
         )
         select (select count(*) from pair),
                (select max(at) from pair),
                (select count(*) from by_address),
                (select max(at) from by_address)",
    )
    .bind(email)
    .bind(address)
    .bind(since)
    .fetch_one(db)
    .await?;
    Ok(((pair, pair_latest), (by_address, address_latest)))
}

/// Forget attempts made before `before`: they no longer count for anything.
pub async fn delete_older_than(
    db: impl SqliteExecutor<'_>,
    before: &str,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "delete from sign_in_attempts
         where at < ?",
    )
    .bind(before)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
