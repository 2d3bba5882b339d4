//! Changes people make to mail: their own preferences, and an administrator sending a failed
//! message again.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, RecordError, RecordResult, Saved, Tx};
use crate::db;
use crate::db::mail::Preferences;
use crate::domain::vocab::{AuditAction, Entity};

/// Save which emails `user_id` gets.
pub async fn save_preferences(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    user_id: i64,
    preferences: Preferences,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = db::mail::find_preferences(&mut *tx, user_id).await?;
    db::mail::save_preferences(&mut *tx, user_id, preferences).await?;
    let (before, after) = (
        serde_json::json!({ "mail": before }),
        serde_json::json!({ "mail": preferences }),
    );
    tx.updated(Entity::User, user_id, &before, &after).await
}

/// Queue the failed message `id` again, now.
pub async fn retry(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = db::mail::find(&mut *tx, id)
        .await?
        .ok_or(RecordError::NotFound)?;
    if !db::mail::requeue(&mut *tx, id, now).await? {
        return Err(RecordError::field(
            "retry",
            "Only a failed message can be sent again",
        ));
    }
    let (before, after) = (
        serde_json::json!({ "status": before.status, "attempts": before.attempts }),
        serde_json::json!({ "status": "queued", "attempts": 0 }),
    );
    tx.finish(
        Entity::Mail,
        id,
        AuditAction::Retry,
        Some(&before),
        Some(&after),
    )
    .await
}
