//! Performance measures: as listed on an action or finding, and in full with every reading.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::vocab::{Better, Quantity};
use crate::domain::withdrawals::Withdrawable;
use crate::views::api::changes::SubjectRef;

/// A performance measure, as listed on its action or finding, with its latest reading.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeasureBrief {
    pub id: i64,
    /// The measure's page (and `/api/v1/measures/{id}` for its readings).
    pub url: String,
    pub name: String,
    pub unit: String,
    pub latest_value: Option<f64>,
    pub latest_on: Option<NaiveDate>,
}

impl MeasureBrief {
    /// The measures that stand, each with its latest reading.
    pub fn list(rows: &[crate::db::measures::MeasureSummaryRow]) -> Vec<Self> {
        rows.iter()
            .filter(|m| m.measure.withdrawn_on.is_none())
            .map(|m| Self {
                id: m.measure.id,
                url: Withdrawable::Measure.path(m.measure.id),
                name: m.measure.name.clone(),
                unit: m.measure.unit.clone(),
                latest_value: m.latest_value,
                latest_on: m.latest_on,
            })
            .collect()
    }
}

/// One dated reading of a measure.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Reading {
    pub id: i64,
    pub taken_on: NaiveDate,
    pub value: f64,
    pub note: Option<String>,
    pub recorded_by: String,
}

/// A performance measure on an action or a finding, with every reading, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct Measure {
    pub id: i64,
    pub url: String,
    pub subject: SubjectRef,
    pub name: String,
    pub unit: String,
    pub quantity: Quantity,
    pub baseline: Option<f64>,
    pub baseline_on: Option<NaiveDate>,
    pub target: Option<f64>,
    /// Whether a higher or a lower value is better.
    pub better: Better,
    pub readings: Vec<Reading>,
}

impl Measure {
    pub fn new(
        m: &crate::db::measures::MeasureRow,
        readings: &[crate::db::measures::ReadingRow],
    ) -> Self {
        Self {
            id: m.id,
            url: Withdrawable::Measure.path(m.id),
            subject: SubjectRef::of(m.action_id, m.finding_id),
            name: m.name.clone(),
            unit: m.unit.clone(),
            quantity: m.quantity,
            baseline: m.baseline,
            baseline_on: m.baseline_on,
            target: m.target,
            better: m.better,
            readings: readings
                .iter()
                .map(|r| Reading {
                    id: r.id,
                    taken_on: r.taken_on,
                    value: r.value,
                    note: r.note.clone(),
                    recorded_by: r.recorded_by_name.clone(),
                })
                .collect(),
        }
    }
}
