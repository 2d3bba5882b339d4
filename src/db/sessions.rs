//! Server-side sessions. The cookie holds a random token; only its SHA-256 is stored.

use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

use crate::domain::vocab::Role;

/// A live session joined with its user: what a request needs to know who is asking.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionUserRow {
    pub id_hash: String,
    pub csrf_token: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub must_change_password: bool,
    pub disabled_at: Option<String>,
    /// Whether two-step sign-in is on for the user.
    pub two_step_on: bool,
    /// The bodies the user belongs to, as a JSON array.
    pub body_ids: String,
}

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    id_hash: &str,
    user_id: i64,
    csrf_token: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at)
         values (?, ?, ?, ?, ?)",
    )
    .bind(id_hash)
    .bind(user_id)
    .bind(csrf_token)
    .bind(super::timestamp(now))
    .bind(super::timestamp(now))
    .execute(db)
    .await?;
    Ok(())
}

pub async fn find_with_user(
    db: impl SqliteExecutor<'_>,
    id_hash: &str,
) -> Result<Option<SessionUserRow>, sqlx::Error> {
    sqlx::query_as(
        "select s.id_hash, s.csrf_token, s.created_at, s.last_seen_at,
                u.id as user_id, u.email, u.display_name, u.role, u.must_change_password,
                u.disabled_at,
                exists (select 1 from two_step t where t.user_id = u.id) as two_step_on,
                (select json_group_array(b.body_id) from user_bodies b where b.user_id = u.id)
                    as body_ids
         from sessions s
         join users u on u.id = s.user_id
         where s.id_hash = ?",
    )
    .bind(id_hash)
    .fetch_optional(db)
    .await
}

pub async fn touch(
    db: impl SqliteExecutor<'_>,
    id_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update sessions set last_seen_at = ? where id_hash = ?")
        .bind(super::timestamp(now))
        .bind(id_hash)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn delete(db: impl SqliteExecutor<'_>, id_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sessions where id_hash = ?")
        .bind(id_hash)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn delete_for_user(db: impl SqliteExecutor<'_>, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sessions where user_id = ?")
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// End every session of a user except the one making the request.
pub async fn delete_others(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    keep_id_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sessions where user_id = ? and id_hash <> ?")
        .bind(user_id)
        .bind(keep_id_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Forget sessions that can no longer be used: started before `started_before` (past the
/// absolute lifetime) or last seen before `seen_before` (past the idle timeout).
pub async fn delete_expired(
    db: impl SqliteExecutor<'_>,
    started_before: DateTime<Utc>,
    seen_before: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("delete from sessions where created_at < ? or last_seen_at < ?")
        .bind(super::timestamp(started_before))
        .bind(super::timestamp(seen_before))
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
