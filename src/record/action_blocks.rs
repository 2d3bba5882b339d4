//! Marking an action-plan item as blocked by a named external body, and unblocking it. Both
//! are saved over the version the person saw.

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, Found, RecordResult, Saved, Tx};
use crate::db::actions::{self, ActionRow};
use crate::domain::blocks::Blocked;
use crate::domain::vocab::{AuditAction, Entity};

/// Mark the action `id` as blocked; stale (with the action as it is now) if it changed since
/// `version`.
pub async fn block(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
    blocked: Blocked,
) -> RecordResult<Saved<(), ActionRow>> {
    save(pool, actor, now, id, version, Some(&blocked)).await
}

/// Mark the action `id` as no longer blocked; stale if it changed since `version`.
pub async fn unblock(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
) -> RecordResult<Saved<(), ActionRow>> {
    save(pool, actor, now, id, version, None).await
}

async fn save(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
    blocked: Option<&Blocked>,
) -> RecordResult<Saved<(), ActionRow>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = actions::find(&mut *tx, id).await.found()?;
    if !actions::update_blocked(&mut *tx, id, version, blocked, now).await? {
        // Nothing was written: the transaction rolls back when dropped.
        return Ok(Saved::Stale(before));
    }
    let after = actions::find(&mut *tx, id).await?;
    let action = match blocked {
        Some(_) => AuditAction::Block,
        None => AuditAction::Unblock,
    };
    tx.audit(
        Entity::ActionItem,
        id,
        action,
        Some(&before),
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(()))
}
