//! The PCC office's assessment of a finding and the inspectorate's position on it, as the
//! record takes them (both append-only).

use chrono::NaiveDate;

use super::vocab::{Assurance, InspectoratePosition};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NewAssessment {
    pub finding_id: i64,
    pub part_id: Option<i64>,
    pub level: Assurance,
    pub assessed_on: NaiveDate,
    pub rationale: String,
    /// Whether the office shares the rationale with the force (never the evidence seen).
    pub rationale_shared: bool,
    pub evidence_seen: Option<String>,
    /// The evidence files behind the finding that the assessor ticked as seen.
    pub seen_file_ids: Vec<i64>,
    /// Set when the judgement was made at a meeting (an agenda item).
    pub meeting_id: Option<i64>,
    pub assessor_id: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NewPosition {
    pub finding_id: i64,
    pub position: InspectoratePosition,
    pub superseded_by_id: Option<i64>,
    pub as_at: NaiveDate,
    pub source: String,
    pub source_inspection_id: Option<i64>,
    /// The judgement in the report's own words, beside the normalised position.
    pub report_words: Option<String>,
    pub note: Option<String>,
    pub recorded_by: i64,
}
