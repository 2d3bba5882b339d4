//! Two-step sign-in: each person's authenticator secret, their recovery codes (hashed) and
//! sign-ins waiting for their second step.

use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

/// Someone's authenticator, when two-step sign-in is on for them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TwoStepRow {
    pub user_id: i64,
    /// Base32, as the authenticator app was given it.
    pub secret: String,
    pub enabled_at: String,
    pub last_step: i64,
}

pub async fn find(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
) -> Result<Option<TwoStepRow>, sqlx::Error> {
    sqlx::query_as("select * from two_step where user_id = ?")
        .bind(user_id)
        .fetch_optional(db)
        .await
}

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    secret: &str,
    now: DateTime<Utc>,
    last_step: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into two_step (user_id, secret, enabled_at, last_step) values (?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(secret)
    .bind(super::timestamp(now))
    .bind(last_step)
    .execute(db)
    .await?;
    Ok(())
}

/// Turn two-step sign-in off for `user_id`: the secret and every recovery code go.
pub async fn delete(db: &mut sqlx::SqliteConnection, user_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query("delete from recovery_codes where user_id = ?")
        .bind(user_id)
        .execute(&mut *db)
        .await?;
    let done = sqlx::query("delete from two_step where user_id = ?")
        .bind(user_id)
        .execute(&mut *db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Accept the code of `step` only if no code of it or a later step was accepted before.
pub async fn advance_step(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    step: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("update two_step set last_step = ? where user_id = ? and last_step < ?")
        .bind(step)
        .bind(user_id)
        .bind(step)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn insert_code(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    code_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into recovery_codes (user_id, code_hash) values (?, ?)")
        .bind(user_id)
        .bind(code_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Mark an unused recovery code used; false when there is no such unused code.
pub async fn use_code(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    code_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update recovery_codes set used_at = ?
         where user_id = ? and code_hash = ? and used_at is null",
    )
    .bind(super::timestamp(now))
    .bind(user_id)
    .bind(code_hash)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn codes_left(db: impl SqliteExecutor<'_>, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from recovery_codes where user_id = ? and used_at is null")
        .bind(user_id)
        .fetch_one(db)
        .await
}

/// A sign-in waiting for its second step.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChallengeRow {
    pub user_id: i64,
    pub next: String,
    pub created_at: String,
    pub failures: i64,
}

pub async fn insert_challenge(
    db: impl SqliteExecutor<'_>,
    token_hash: &str,
    user_id: i64,
    next: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into two_step_challenges (token_hash, user_id, next, created_at)
         values (?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(next)
    .bind(super::timestamp(now))
    .execute(db)
    .await?;
    Ok(())
}

pub async fn find_challenge(
    db: impl SqliteExecutor<'_>,
    token_hash: &str,
) -> Result<Option<ChallengeRow>, sqlx::Error> {
    sqlx::query_as(
        "select user_id, next, created_at, failures from two_step_challenges
         where token_hash = ?",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

pub async fn fail_challenge(
    db: impl SqliteExecutor<'_>,
    token_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("update two_step_challenges set failures = failures + 1 where token_hash = ?")
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Wrong codes given for `user_id` in the challenges still kept (the last few minutes').
pub async fn recent_failures(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "select coalesce(sum(failures), 0) from two_step_challenges where user_id = ?",
    )
    .bind(user_id)
    .fetch_one(db)
    .await
}

pub async fn delete_challenge(
    db: impl SqliteExecutor<'_>,
    token_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from two_step_challenges where token_hash = ?")
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Forget challenges made before `before` (they can no longer be answered).
pub async fn delete_stale_challenges(
    db: impl SqliteExecutor<'_>,
    before: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from two_step_challenges where created_at < ?")
        .bind(super::timestamp(before))
        .execute(db)
        .await?;
    Ok(())
}
