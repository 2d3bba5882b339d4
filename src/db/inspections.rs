//! Inspections (reports) and the findings listed under them.

use chrono::NaiveDate;
use sqlx::SqliteExecutor;

use crate::domain::vocab::{FindingKind, InspectionKind, Timescale};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InspectionSummaryRow {
    pub id: i64,
    pub title: String,
    pub kind: InspectionKind,
    pub body_name: String,
    pub published_on: NaiveDate,
    pub report_url: Option<String>,
    pub response_published_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FindingSummaryRow {
    pub id: i64,
    pub inspection_id: i64,
    pub kind: FindingKind,
    pub reference: String,
    pub area: String,
    pub public_summary: Option<String>,
    pub official_wording: Option<String>,
    pub timescale: Timescale,
    pub timescale_date: Option<NaiveDate>,
}

pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<InspectionSummaryRow>, sqlx::Error> {
    sqlx::query_as(
        "select i.id, i.title, i.kind, b.name as body_name, i.published_on, i.report_url,
                i.response_published_on
         from inspections i
         join inspected_bodies b on b.id = i.body_id
         order by i.published_on desc, i.id desc",
    )
    .fetch_all(db)
    .await
}

/// Every finding of every inspection, in report order (one query for a whole page).
pub async fn list_all_findings(
    db: impl SqliteExecutor<'_>,
) -> Result<Vec<FindingSummaryRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, inspection_id, kind, reference, area, public_summary, official_wording,
                timescale, timescale_date
         from findings
         order by inspection_id, length(reference), reference",
    )
    .fetch_all(db)
    .await
}
