//! Creating a private calendar feed and revoking one. Only the token's SHA-256 is stored.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, Found, RecordResult, Saved, Tx};
use crate::db::{self, calendar};
use crate::domain::vocab::{AuditAction, Entity};

/// Create a feed for the user `user_id` authorised by the token with this hash; its id.
pub async fn create_feed(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    user_id: i64,
    token_hash: &str,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let id = calendar::insert(&mut *tx, user_id, token_hash, now).await?;
    let after = json!({ "user_id": user_id, "created_at": db::timestamp(now) });
    tx.created(Entity::CalendarFeed, id, &after).await
}

/// Revoke the user's feed `id` (not found if it is someone else's). Revoking a revoked feed
/// changes nothing and records nothing.
pub async fn revoke(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    user_id: i64,
    id: i64,
) -> RecordResult<Saved<(), Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = calendar::find_for_user(&mut *tx, user_id, id)
        .await
        .found()?;
    if !calendar::revoke(&mut *tx, id, now).await? {
        // Dropping the transaction rolls it back: there was nothing to write.
        return Ok(Saved::Done(()));
    }
    let after = calendar::find_for_user(&mut *tx, user_id, id).await?;
    tx.audit(
        Entity::CalendarFeed,
        id,
        AuditAction::Revoke,
        Some(&before),
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(()))
}
