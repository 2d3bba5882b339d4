//! Findings, as listed with their three voices and in full with the voices' histories,
//! their updates, the actions addressing them and their measures.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::{MeasureBrief, Voices};
use crate::db::api::FindingListRow;
use crate::db::voices::VoicesRow;
use crate::domain::vocab::{FindingKind, ResponsePosition, Timescale};
use crate::domain::withdrawals::Withdrawable;
use crate::views::api::changes::{Assessment, Position, Update};

/// A finding (cause of concern, recommendation, area for improvement) with its three voices.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FindingSummary {
    pub id: i64,
    /// The finding's page.
    pub url: String,
    pub inspection_id: i64,
    pub body_id: i64,
    /// The cause of concern it sits under, if any.
    pub parent_id: Option<i64>,
    pub kind: FindingKind,
    pub reference: String,
    pub area: String,
    pub timescale: Timescale,
    /// The date, for a timescale of `by_date`.
    pub timescale_date: Option<NaiveDate>,
    pub voices: Voices,
}

impl From<&FindingListRow> for FindingSummary {
    fn from(f: &FindingListRow) -> Self {
        Self {
            id: f.id,
            url: Withdrawable::Finding.path(f.id),
            inspection_id: f.inspection_id,
            body_id: f.body_id,
            parent_id: f.parent_id,
            kind: f.kind,
            reference: f.reference.clone(),
            area: f.area.clone(),
            timescale: f.timescale,
            timescale_date: f.timescale_date,
            voices: Voices::of(
                (f.force_rag, f.force_as_at),
                (f.assurance, f.assessed_on),
                (f.position, f.position_as_at, f.position_words.clone()),
            ),
        }
    }
}

/// One page of findings.
#[derive(Debug, Serialize, ToSchema)]
pub struct FindingList {
    pub items: Vec<FindingSummary>,
    /// Send as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// The report a finding comes from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InspectionBrief {
    pub id: i64,
    pub title: String,
    pub published_on: NaiveDate,
    pub report_url: Option<String>,
}

/// A numbered part of a finding, which an assessment or position may judge on its own.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Part {
    pub id: i64,
    pub position: i64,
    pub text: String,
}

/// A finding in full: its wording, its three voices side by side, their histories, the
/// updates posted on it, the actions addressing it and its measures.
#[derive(Debug, Serialize, ToSchema)]
pub struct Finding {
    pub id: i64,
    pub url: String,
    pub inspection: InspectionBrief,
    pub body_id: i64,
    pub parent_id: Option<i64>,
    pub parent_reference: Option<String>,
    pub kind: FindingKind,
    pub reference: String,
    pub area: String,
    /// The report's own words.
    pub official_wording: Option<String>,
    /// The plain-English wording for the public site.
    pub public_summary: Option<String>,
    pub timescale: Timescale,
    pub timescale_date: Option<NaiveDate>,
    pub parts: Vec<Part>,
    /// The position the PCC's section 55 response took on it, and what is done (or why not).
    pub response_position: Option<ResponsePosition>,
    pub response_explanation: Option<String>,
    pub voices: Voices,
    /// Every assessment, newest first.
    pub assessments: Vec<Assessment>,
    /// Every inspectorate position, newest first.
    pub positions: Vec<Position>,
    /// The updates posted on the finding itself, newest first (the actions' are on them).
    pub updates: Vec<Update>,
    /// The action-plan items addressing it.
    pub action_ids: Vec<i64>,
    pub measures: Vec<MeasureBrief>,
}

/// What a finding's record is made of, loaded by the handler.
pub struct FindingParts<'a> {
    pub finding: &'a crate::db::findings::FindingRow,
    pub body_id: i64,
    pub parts: &'a [crate::db::findings::PartRow],
    pub voices: Option<&'a VoicesRow>,
    pub assessments: &'a [crate::db::assurance::AssessmentRow],
    pub positions: &'a [crate::db::assurance::PositionRow],
    pub updates: &'a [crate::db::updates::UpdateRow],
    pub action_ids: Vec<i64>,
    pub measures: &'a [crate::db::measures::MeasureSummaryRow],
}

impl From<FindingParts<'_>> for Finding {
    fn from(p: FindingParts<'_>) -> Self {
        let f = p.finding;
        Self {
            id: f.id,
            url: Withdrawable::Finding.path(f.id),
            inspection: InspectionBrief {
                id: f.inspection_id,
                title: f.inspection_title.clone(),
                published_on: f.published_on,
                report_url: f.report_url.clone(),
            },
            body_id: p.body_id,
            parent_id: f.parent_id,
            parent_reference: f.parent_reference.clone(),
            kind: f.kind,
            reference: f.reference.clone(),
            area: f.area.clone(),
            official_wording: f.official_wording.clone(),
            public_summary: f.public_summary.clone(),
            timescale: f.timescale,
            timescale_date: f.timescale_date,
            parts: p
                .parts
                .iter()
                .map(|x| Part {
                    id: x.id,
                    position: x.position,
                    text: x.text.clone(),
                })
                .collect(),
            response_position: f.response_position,
            response_explanation: f.response_explanation.clone(),
            voices: p.voices.map_or_else(Voices::none, Voices::from),
            assessments: p.assessments.iter().map(Assessment::from).collect(),
            positions: p.positions.iter().map(Position::from).collect(),
            updates: p.updates.iter().map(Update::from).collect(),
            action_ids: p.action_ids,
            measures: MeasureBrief::list(p.measures),
        }
    }
}
