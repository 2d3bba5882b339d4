//! What the API answers a change with – the record it made – and the records a change makes,
//! as the reads show them too: progress updates, revision proposals, assessments and
//! inspectorate positions.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::assurance::{AssessmentRow, PositionRow};
use crate::db::proposals::ProposalRow;
use crate::db::updates::UpdateRow;
use crate::domain::vocab::{Assurance, InspectoratePosition, ProposalStatus, Rag, ReasonCategory};

/// What an update, a measure or a link is about: an action-plan item or a finding.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SubjectRef {
    /// `action` or `finding`.
    pub kind: &'static str,
    pub id: i64,
}

impl SubjectRef {
    pub fn of(action_id: Option<i64>, finding_id: Option<i64>) -> Self {
        match (action_id, finding_id) {
            (Some(id), _) => Self { kind: "action", id },
            (None, id) => Self {
                kind: "finding",
                id: id.unwrap_or_default(),
            },
        }
    }
}

/// A progress update: append-only; a correction is a new update naming the one it corrects.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Update {
    pub id: i64,
    pub subject: SubjectRef,
    /// The day the update describes the position on.
    pub as_at: NaiveDate,
    pub rag: Rag,
    pub narrative: String,
    pub evidence: Option<String>,
    /// The wording proposed for the public site (published only once the office approves it).
    pub public_summary: Option<String>,
    /// The update this one corrects, if it is a correction.
    pub corrects_id: Option<i64>,
    pub author: String,
    /// When it was entered (UTC).
    pub entered_at: String,
}

impl From<&UpdateRow> for Update {
    fn from(u: &UpdateRow) -> Self {
        Self {
            id: u.id,
            subject: SubjectRef::of(u.action_id, u.finding_id),
            as_at: u.as_at,
            rag: u.rag,
            narrative: u.narrative.clone(),
            evidence: u.evidence.clone(),
            public_summary: u.public_summary.clone(),
            corrects_id: u.corrects_id,
            author: u.author_name.clone(),
            entered_at: u.entered_at.clone(),
        }
    }
}

/// A proposed new date for a milestone, waiting for the office or decided by it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Proposal {
    pub id: i64,
    pub milestone_id: i64,
    pub action_id: i64,
    pub original_due_on: NaiveDate,
    pub current_due_on: NaiveDate,
    pub proposed_due_on: NaiveDate,
    pub reason_category: ReasonCategory,
    pub reason: String,
    pub requested_by: String,
    pub proposed_by: String,
    pub proposed_at: String,
    pub status: ProposalStatus,
    pub decided_on: Option<NaiveDate>,
    pub decision_reason: Option<String>,
}

impl From<&ProposalRow> for Proposal {
    fn from(p: &ProposalRow) -> Self {
        Self {
            id: p.id,
            milestone_id: p.milestone_id,
            action_id: p.action_id,
            original_due_on: p.original_due_on,
            current_due_on: p.current_due_on,
            proposed_due_on: p.proposed_due_on,
            reason_category: p.reason_category,
            reason: p.reason.clone(),
            requested_by: p.requested_by.clone(),
            proposed_by: p.proposed_by_name.clone(),
            proposed_at: p.proposed_at.clone(),
            status: p.status,
            decided_on: p.decided_on,
            decision_reason: p.decision_reason.clone(),
        }
    }
}

/// The PCC office's assurance judgement on a finding (or one of its parts). Who made it, the
/// evidence seen and an unshared rationale are shown to the office only.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Assessment {
    pub id: i64,
    pub level: Assurance,
    pub assessed_on: NaiveDate,
    /// The part of the finding judged, if not the whole.
    pub part: Option<String>,
    pub rationale: Option<String>,
    pub rationale_shared: bool,
    pub evidence_seen: Option<String>,
    pub assessor: Option<String>,
}

impl From<&AssessmentRow> for Assessment {
    fn from(a: &AssessmentRow) -> Self {
        Self {
            id: a.id,
            level: a.level,
            assessed_on: a.assessed_on,
            part: a.part_text.clone(),
            rationale: a.rationale.clone(),
            rationale_shared: a.rationale_shared,
            evidence_seen: a.evidence_seen.clone(),
            assessor: a.assessor.clone(),
        }
    }
}

/// The inspectorate's position on a finding, with its judgement in the report's own words.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Position {
    pub id: i64,
    pub position: InspectoratePosition,
    pub as_at: NaiveDate,
    pub part: Option<String>,
    pub superseded_by_id: Option<i64>,
    /// Where the position was stated (a report, a letter).
    pub source: String,
    pub source_inspection_title: Option<String>,
    pub report_words: Option<String>,
    pub note: Option<String>,
    pub recorded_by: String,
}

impl From<&PositionRow> for Position {
    fn from(p: &PositionRow) -> Self {
        Self {
            id: p.id,
            position: p.position,
            as_at: p.as_at,
            part: p.part_text.clone(),
            superseded_by_id: p.superseded_by_id,
            source: p.source.clone(),
            source_inspection_title: p.source_inspection_title.clone(),
            report_words: p.report_words.clone(),
            note: p.note.clone(),
            recorded_by: p.recorded_by.clone(),
        }
    }
}
