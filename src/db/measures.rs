//! Performance measures on a finding or an action, and their dated readings (append-only).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::SqliteExecutor;

use crate::domain::measures::{NewMeasure, NewReading};
use crate::domain::subject::Subject;
use crate::domain::vocab::{Better, Quantity};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct MeasureRow {
    pub id: i64,
    pub finding_id: Option<i64>,
    pub action_id: Option<i64>,
    pub name: String,
    pub unit: String,
    pub quantity: Quantity,
    pub baseline: Option<f64>,
    pub baseline_on: Option<NaiveDate>,
    pub target: Option<f64>,
    pub better: Better,
    pub created_at: String,
    pub version: i64,
    /// Set when it was withdrawn as entered in error.
    pub withdrawn_on: Option<NaiveDate>,
}

/// A measure with its latest reading, for lists on action and finding pages.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MeasureSummaryRow {
    #[sqlx(flatten)]
    pub measure: MeasureRow,
    pub latest_on: Option<NaiveDate>,
    pub latest_value: Option<f64>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ReadingRow {
    pub id: i64,
    pub measure_id: i64,
    pub taken_on: NaiveDate,
    pub value: f64,
    pub note: Option<String>,
    pub recorded_by_name: String,
    pub created_at: String,
}

const SUMMARY: &str = "select m.*, r.taken_on as latest_on, r.value as latest_value
     from performance_measures m
     left join measure_readings r on r.id = (
         select id from measure_readings where measure_id = m.id
         order by taken_on desc, id desc limit 1)";

/// The measures on an action or finding, each with its latest reading (one query).
pub async fn list_for(
    db: impl SqliteExecutor<'_>,
    subject: Subject,
) -> Result<Vec<MeasureSummaryRow>, sqlx::Error> {
    let (column, id) = match subject {
        Subject::Action(id) => ("action_id", id),
        Subject::Finding(id) => ("finding_id", id),
    };
    sqlx::query_as(&format!("{SUMMARY} where m.{column} = ? order by m.id"))
        .bind(id)
        .fetch_all(db)
        .await
}

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<MeasureRow>, sqlx::Error> {
    sqlx::query_as("select * from performance_measures where id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// A measure's readings, oldest first.
pub async fn list_readings(
    db: impl SqliteExecutor<'_>,
    measure_id: i64,
) -> Result<Vec<ReadingRow>, sqlx::Error> {
    sqlx::query_as(
        "select r.id, r.measure_id, r.taken_on, r.value, r.note,
                u.display_name as recorded_by_name, r.created_at
         from measure_readings r
         join users u on u.id = r.recorded_by
         where r.measure_id = ?
         order by r.taken_on, r.id",
    )
    .bind(measure_id)
    .fetch_all(db)
    .await
}

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    new: &NewMeasure,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into performance_measures
             (finding_id, action_id, name, unit, quantity, baseline, baseline_on, target, better,
              created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.subject.finding_id())
    .bind(new.subject.action_id())
    .bind(&new.name)
    .bind(&new.unit)
    .bind(new.quantity)
    .bind(new.baseline)
    .bind(new.baseline_on)
    .bind(new.target)
    .bind(new.better)
    .bind(super::timestamp(now))
    .fetch_one(db)
    .await
}

pub async fn insert_reading(
    db: impl SqliteExecutor<'_>,
    new: &NewReading,
    recorded_by: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into measure_readings (measure_id, taken_on, value, note, recorded_by, created_at)
         values (?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.measure_id)
    .bind(new.taken_on)
    .bind(new.value)
    .bind(&new.note)
    .bind(recorded_by)
    .bind(super::timestamp(now))
    .fetch_one(db)
    .await
}
