//! Actions arising: adding one on a meeting, and tracking it to closure (version-checked).

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, Found, RecordResult, ResultExt, Saved, Tx};
use crate::db::{self, arising::ArisingRow};
use crate::domain::meetings::{ArisingProgress, NewArising};
use crate::domain::vocab::Entity;

/// Add an action arising from meeting `meeting_id`; its id.
pub async fn add(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    meeting_id: i64,
    new: &NewArising,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let id = db::arising::insert(&mut tx, meeting_id, new, now)
        .await
        .missing_on_constraint()?;
    let after = db::arising::find(&mut *tx, id).await?;
    tx.created(Entity::ActionArising, id, &after).await
}

/// Record where action arising `id` has got to, over the `version` the person saw.
pub async fn progress(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
    progress: &ArisingProgress,
) -> RecordResult<Saved<i64, ArisingRow>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = db::arising::find(&mut *tx, id).await.found()?;
    if !db::arising::update(&mut tx, id, version, progress).await? {
        return Ok(Saved::Stale(before));
    }
    let after = db::arising::find(&mut *tx, id).await?;
    tx.updated(Entity::ActionArising, id, &before, &after).await
}
