//! Personal API tokens (only a SHA-256 of each secret is kept) and the writes made through
//! them with an `Idempotency-Key`.

use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

use crate::domain::vocab::{Role, TokenAccess};

/// A token as its owner and the audit log see it: never its secret or hash.
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub access: TokenAccess,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A token with the user it acts for, as a request through it needs them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenUserRow {
    pub id: i64,
    pub name: String,
    pub access: TokenAccess,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub disabled_at: Option<String>,
    /// A JSON array of the user's body ids.
    pub body_ids: String,
}

/// A new token's details, its secret already hashed.
#[derive(Debug, Clone)]
pub struct NewToken<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub access: TokenAccess,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    new: &NewToken<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into api_tokens (user_id, name, token_hash, access, created_at, expires_at)
         values (?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.user_id)
    .bind(new.name)
    .bind(new.token_hash)
    .bind(new.access)
    .bind(super::timestamp(now))
    .bind(super::timestamp(new.expires_at))
    .fetch_one(db)
    .await
}

const COLUMNS: &str = "id, user_id, name, access, created_at, expires_at, revoked_at, last_used_at";

/// The user's tokens, newest first.
pub async fn list_for_user(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
) -> Result<Vec<TokenRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS}
         from api_tokens
         where user_id = ?
         order by id desc"
    ))
    .bind(user_id)
    .fetch_all(db)
    .await
}

pub async fn find_for_user(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    id: i64,
) -> Result<Option<TokenRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS}
         from api_tokens
         where id = ?
           and user_id = ?"
    ))
    .bind(id)
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// The token whose secret has this hash, with its user.
pub async fn find_by_hash(
    db: impl SqliteExecutor<'_>,
    token_hash: &str,
) -> Result<Option<TokenUserRow>, sqlx::Error> {
    sqlx::query_as(
        "select t.id, t.name, t.access, t.expires_at, t.revoked_at, t.last_used_at,
                u.id as user_id, u.email, u.display_name, u.role, u.disabled_at,
                (select json_group_array(b.body_id) from user_bodies b where b.user_id = u.id)
                    as body_ids
         from api_tokens t
         join users u on u.id = t.user_id
         where t.token_hash = ?",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

/// Revoke a token; false if it was already revoked.
pub async fn revoke(
    db: impl SqliteExecutor<'_>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update api_tokens
         set revoked_at = ?
         where id = ?
           and revoked_at is null",
    )
    .bind(super::timestamp(now))
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Note when the token was last used (the caller does so at most once a minute).
pub async fn touch(
    db: impl SqliteExecutor<'_>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update api_tokens set last_used_at = ? where id = ?")
        .bind(super::timestamp(now))
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// A write already made with an `Idempotency-Key`: what request it was and what it made.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RequestRow {
    pub fingerprint: String,
    pub entity: String,
    pub entity_id: i64,
}

pub async fn find_request(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    key: &str,
) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(
        "select fingerprint, entity, entity_id
         from api_requests
         where user_id = ?
           and idempotency_key = ?",
    )
    .bind(user_id)
    .bind(key)
    .fetch_optional(db)
    .await
}

pub async fn insert_request(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    key: &str,
    made: &RequestRow,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into api_requests
             (user_id, idempotency_key, fingerprint, entity, entity_id, created_at)
         values (?, ?, ?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(key)
    .bind(&made.fingerprint)
    .bind(&made.entity)
    .bind(made.entity_id)
    .bind(super::timestamp(now))
    .execute(db)
    .await?;
    Ok(())
}
