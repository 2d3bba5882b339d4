//! Recording the PCC office's assessment of a finding and the inspectorate's position on it.
//! Both are append-only; the audit payload is the input as recorded.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, RecordError, RecordResult, ResultExt, Saved, Tx};
use crate::db::{assurance, evidence};
use crate::domain::assurance::{NewAssessment, NewPosition};
use crate::domain::vocab::{AuditAction, Entity};

/// Record the assessment `new`; its id.
pub async fn assess(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: NewAssessment,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    // Only the finding's own files, still in keeping, can have been seen.
    let behind: Vec<i64> = evidence::list_for_finding(&mut *tx, new.finding_id)
        .await?
        .into_iter()
        .filter(|f| f.disposed_at.is_none())
        .map(|f| f.id)
        .collect();
    if new.seen_file_ids.iter().any(|id| !behind.contains(id)) {
        return Err(RecordError::field(
            "seen_files",
            "Choose files from the list",
        ));
    }
    let id = assurance::insert_assessment(&mut tx, &new, now).await?;
    evidence::insert_seen(&mut tx, id, &new.seen_file_ids).await?;
    tx.audit(
        Entity::Assessment,
        id,
        AuditAction::Create,
        None::<&()>,
        Some(&new),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// Record the inspectorate position `new`; its id.
pub async fn record_position(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: NewPosition,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let id = assurance::insert_position(&mut tx, &new, now)
        .await
        .on_constraint("superseded_by_id", "Choose from the list")?;
    tx.audit(
        Entity::InspectoratePosition,
        id,
        AuditAction::Create,
        None::<&()>,
        Some(&new),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(id))
}
