//! What each change takes: the JSON bodies, documented for OpenAPI. Unknown fields are
//! refused (400), so a misspelt optional field is not silently dropped.

use serde::Deserialize;
use utoipa::ToSchema;

/// A progress update on an action-plan item or a finding.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUpdateBody {
    /// The day the update describes the position on (YYYY-MM-DD): today if left out; not
    /// after today.
    #[schema(format = Date, example = "2026-12-01")]
    pub as_at: Option<String>,
    /// `red`, `amber`, `green` or `blue` (complete).
    #[schema(example = "amber")]
    pub rag: String,
    pub narrative: String,
    pub evidence: Option<String>,
    /// Wording proposed for the public site; published only once the office approves it.
    pub public_summary: Option<String>,
    /// True to save an as-at date before the report was published (refused otherwise).
    #[serde(default)]
    pub confirm_date: bool,
}

/// A proposed new date for a milestone, for the office to accept or reject.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProposalBody {
    /// The new due date (YYYY-MM-DD), different from the current one.
    #[schema(format = Date, example = "2027-03-31")]
    pub date: String,
    /// One of the reason categories (see the `ReasonCategory` schema).
    pub reason_category: String,
    pub reason: String,
    /// Who asked for the new date.
    pub requested_by: String,
}

/// The PCC office's assurance judgement on a finding.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssessmentBody {
    /// One of the assurance levels (see the `Assurance` schema).
    pub level: String,
    /// The part of the finding judged; the whole finding if left out.
    pub part_id: Option<i64>,
    pub rationale: String,
    /// True to share the rationale with the force.
    #[serde(default)]
    pub rationale_shared: bool,
    pub evidence_seen: Option<String>,
    /// The day of the judgement (YYYY-MM-DD): today if left out.
    #[schema(format = Date)]
    pub assessed_on: Option<String>,
}

/// The inspectorate's position on a finding.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPositionBody {
    /// One of the positions (see the `InspectoratePosition` schema).
    pub position: String,
    /// The finding that supersedes this one (only with `superseded`).
    pub superseded_by_id: Option<i64>,
    /// The day the position was stated (YYYY-MM-DD): today if left out.
    #[schema(format = Date)]
    pub as_at: Option<String>,
    /// Where it was stated (a report, a letter).
    pub source: String,
    /// The inspection whose report stated it, if one in this record.
    pub source_inspection_id: Option<i64>,
    /// The judgement in the report's own words.
    pub report_words: Option<String>,
    pub note: Option<String>,
}
