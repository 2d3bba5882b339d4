//! Inspection reports, as listed and in full with their findings.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::{BodyRef, FindingSummary};
use crate::db::api::InspectionListRow;
use crate::domain::vocab::{InspectionKind, Source};
use crate::domain::withdrawals::Withdrawable;

/// An inspection report, as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InspectionSummary {
    pub id: i64,
    /// The inspection's page.
    pub url: String,
    pub body: BodyRef,
    pub title: String,
    pub kind: InspectionKind,
    /// Who inspected: HMICFRS, the IOPC, a coroner, internal audit…
    pub source: Source,
    pub published_on: NaiveDate,
    pub report_url: Option<String>,
}

impl From<&InspectionListRow> for InspectionSummary {
    fn from(i: &InspectionListRow) -> Self {
        Self {
            id: i.id,
            url: Withdrawable::Inspection.path(i.id),
            body: BodyRef {
                id: i.body_id,
                name: i.body_name.clone(),
            },
            title: i.title.clone(),
            kind: i.kind,
            source: i.source,
            published_on: i.published_on,
            report_url: i.report_url.clone(),
        }
    }
}

/// One page of inspections.
#[derive(Debug, Serialize, ToSchema)]
pub struct InspectionList {
    pub items: Vec<InspectionSummary>,
    /// Send as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// An inspection report with its findings (those that stand, by id).
#[derive(Debug, Serialize, ToSchema)]
pub struct Inspection {
    pub id: i64,
    pub url: String,
    pub body: BodyRef,
    pub title: String,
    pub kind: InspectionKind,
    pub source: Source,
    pub fieldwork_start: Option<NaiveDate>,
    pub fieldwork_end: Option<NaiveDate>,
    pub published_on: NaiveDate,
    pub report_url: Option<String>,
    /// The inspection this one follows up, if any.
    pub follows_up_id: Option<i64>,
    /// When the PCC's section 55 response was published, and where.
    pub response_published_on: Option<NaiveDate>,
    pub response_url: Option<String>,
    pub findings: Vec<FindingSummary>,
}

impl Inspection {
    pub fn new(i: &crate::db::inspections::InspectionRow, findings: Vec<FindingSummary>) -> Self {
        Self {
            id: i.id,
            url: Withdrawable::Inspection.path(i.id),
            body: BodyRef {
                id: i.body_id,
                name: i.body_name.clone(),
            },
            title: i.title.clone(),
            kind: i.kind,
            source: i.source,
            fieldwork_start: i.fieldwork_start,
            fieldwork_end: i.fieldwork_end,
            published_on: i.published_on,
            report_url: i.report_url.clone(),
            follows_up_id: i.follows_up_id,
            response_published_on: i.response.response_published_on,
            response_url: i.response.response_url.clone(),
            findings,
        }
    }
}
