//! Creating a private calendar feed and revoking one – or all of a user's, when a change to
//! their account (password, role, disabling) means the old addresses must stop working.
//! Only the token's SHA-256 is stored.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, Found, RecordError, RecordResult, Saved, Tx};
use crate::db::{self, calendar, users};
use crate::domain::vocab::{AuditAction, Entity};

/// Create a feed for the user `user_id` authorised by the token with this hash; its id.
/// Refused (forbidden) while the user still has a one-time password: whoever knows it
/// could otherwise take a feed that outlives the first password change.
pub async fn create_feed(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    user_id: i64,
    token_hash: &str,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let owner = users::find(&mut *tx, user_id).await.found()?;
    if owner.must_change_password || owner.disabled_at.is_some() {
        return Err(RecordError::Forbidden);
    }
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

/// Revoke every live feed of the user `user_id` inside the caller's change to their account,
/// one audit event per feed: a new password, a new role or a disabled account must not leave
/// an address that still shows what the old one could see.
pub(super) async fn revoke_all(tx: &mut Tx, user_id: i64) -> RecordResult<()> {
    let now = tx.now();
    let feeds = calendar::list_for_user(&mut **tx, user_id).await?;
    for before in feeds.into_iter().filter(|f| f.revoked_at.is_none()) {
        calendar::revoke(&mut **tx, before.id, now).await?;
        let after = calendar::find_for_user(&mut **tx, user_id, before.id).await?;
        tx.audit(
            Entity::CalendarFeed,
            before.id,
            AuditAction::Revoke,
            Some(&before),
            after.as_ref(),
        )
        .await?;
    }
    Ok(())
}
