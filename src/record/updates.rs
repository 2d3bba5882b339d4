//! Posting a progress update, or a correction of one (a new update naming the one it
//! corrects: updates are never edited or deleted).

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, Found, RecordResult, ResultExt, Saved, Tx};
use crate::db::updates;
use crate::domain::updates::NewUpdate;
use crate::domain::vocab::{AuditAction, Entity};

/// Post `new` as the user `author_id`; the new update's id.
pub async fn post(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    author_id: i64,
    new: NewUpdate,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let corrected = match new.corrects_id {
        Some(id) => Some(updates::find(&mut *tx, id).await.found()?),
        None => None,
    };
    let id = updates::insert(&mut *tx, &new, author_id, now)
        .await
        // The only references are the subject and the corrected update.
        .missing_on_constraint()?;
    let after = updates::find(&mut *tx, id).await?;
    let action = match corrected {
        Some(_) => AuditAction::Correct,
        None => AuditAction::Create,
    };
    tx.finish(
        Entity::ProgressUpdate,
        id,
        action,
        corrected.as_ref(),
        after.as_ref(),
    )
    .await
}
