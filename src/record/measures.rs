//! Adding a performance measure to an action or a finding, and adding a dated reading to a
//! measure (readings are append-only).

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, RecordError, RecordResult, Saved, Tx};
use crate::db::{self, measures};
use crate::domain::measures::{NewMeasure, NewReading};
use crate::domain::vocab::{AuditAction, Entity};

/// The only reference is the subject (or the measure): a broken one is not found.
fn missing_reference(e: sqlx::Error) -> RecordError {
    match db::is_constraint_violation(&e) {
        true => RecordError::NotFound,
        false => e.into(),
    }
}

/// Add the measure `new`; the new measure's id.
pub async fn add(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: NewMeasure,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let id = measures::insert(&mut *tx, &new, now)
        .await
        .map_err(missing_reference)?;
    let after = measures::find(&mut *tx, id).await?;
    tx.audit(
        Entity::PerformanceMeasure,
        id,
        AuditAction::Create,
        None::<&()>,
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// Add the reading `new` as the user `recorded_by`; the measure's id.
pub async fn add_reading(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    recorded_by: i64,
    new: NewReading,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let id = measures::insert_reading(&mut *tx, &new, recorded_by, now)
        .await
        .map_err(missing_reference)?;
    tx.audit(
        Entity::MeasureReading,
        id,
        AuditAction::Create,
        None::<&()>,
        Some(&new),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(new.measure_id))
}
