//! Adding a performance measure to an action or a finding, and adding a dated reading to a
//! measure (readings are append-only).

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, RecordResult, ResultExt, Saved, Tx};
use crate::db::measures;
use crate::domain::measures::{NewMeasure, NewReading};
use crate::domain::vocab::{AuditAction, Entity};

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
        .missing_on_constraint()?;
    let after = measures::find(&mut *tx, id).await?;
    tx.created(Entity::PerformanceMeasure, id, &after).await
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
        .missing_on_constraint()?;
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
