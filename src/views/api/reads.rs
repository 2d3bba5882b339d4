//! What the API says of the records it reads: the items of each list and each record in full,
//! built from the `db` rows and documented for the OpenAPI document. Every record carries the
//! address of its page (`url`); nothing withdrawn is ever shown.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::changes::{Assessment, Position, Proposal, SubjectRef, Update};
use crate::db::api::{ActionListRow, FindingListRow, InspectionListRow, MeetingListRow};
use crate::db::milestones::{RevisionRow, Schedule};
use crate::db::voices::VoicesRow;
use crate::domain::vocab::{
    ArisingStatus, Assurance, Better, FindingKind, InspectionKind, InspectoratePosition,
    MeetingKind, MeetingStatus, MilestoneState, Quantity, Rag, ResponsePosition, Source, Timescale,
};
use crate::domain::withdrawals::Withdrawable;

/// An inspected body (a police force, a fire and rescue service).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BodyRef {
    pub id: i64,
    pub name: String,
}

/// A RAG rating and the day it describes the position on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForcePosition {
    pub rag: Rag,
    pub as_at: NaiveDate,
}

/// The PCC office's latest assurance judgement on the whole finding.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssuranceVoice {
    pub level: Assurance,
    pub assessed_on: NaiveDate,
}

/// The inspectorate's latest position on the whole finding.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InspectorateVoice {
    pub position: InspectoratePosition,
    pub as_at: NaiveDate,
    /// Its judgement in the report's own words.
    pub report_words: Option<String>,
}

/// The three voices on a finding, side by side and never merged into one score. Each is null
/// until there is one: no update yet, not assessed, no position recorded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Voices {
    /// The most severe of the latest updates on the finding and on each action addressing it
    /// (blue, complete, only when every one is blue).
    pub force: Option<ForcePosition>,
    pub assurance: Option<AssuranceVoice>,
    pub inspectorate: Option<InspectorateVoice>,
}

impl Voices {
    fn of(
        force: (Option<Rag>, Option<NaiveDate>),
        assurance: (Option<Assurance>, Option<NaiveDate>),
        inspectorate: (
            Option<InspectoratePosition>,
            Option<NaiveDate>,
            Option<String>,
        ),
    ) -> Self {
        Self {
            force: force
                .0
                .zip(force.1)
                .map(|(rag, as_at)| ForcePosition { rag, as_at }),
            assurance: assurance
                .0
                .zip(assurance.1)
                .map(|(level, assessed_on)| AssuranceVoice { level, assessed_on }),
            inspectorate: inspectorate.0.zip(inspectorate.1).map(|(position, as_at)| {
                InspectorateVoice {
                    position,
                    as_at,
                    report_words: inspectorate.2,
                }
            }),
        }
    }

    /// No voice yet (a finding missing from the voices query).
    pub fn none() -> Self {
        Self::of((None, None), (None, None), (None, None, None))
    }
}

impl From<&VoicesRow> for Voices {
    fn from(v: &VoicesRow) -> Self {
        Self::of(
            (v.force_rag, v.force_as_at),
            (v.assurance, v.assessed_on),
            (v.position, v.position_as_at, v.position_words.clone()),
        )
    }
}

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

/// An action-plan item, as listed: its latest update and the findings it addresses.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionSummary {
    pub id: i64,
    /// The action's page.
    pub url: String,
    pub body: BodyRef,
    pub reference: String,
    pub title: String,
    pub owner_role: String,
    pub owner_name: String,
    /// The external body it waits on, and since when, if it is blocked.
    pub blocked_by: Option<String>,
    pub blocked_since: Option<NaiveDate>,
    /// Its latest update (corrected updates give way to their corrections); null before any.
    pub latest: Option<ForcePosition>,
    pub finding_ids: Vec<i64>,
}

impl From<&ActionListRow> for ActionSummary {
    fn from(a: &ActionListRow) -> Self {
        Self {
            id: a.id,
            url: Withdrawable::Action.path(a.id),
            body: BodyRef {
                id: a.body_id,
                name: a.body_name.clone(),
            },
            reference: a.reference.clone(),
            title: a.title.clone(),
            owner_role: a.owner_role.clone(),
            owner_name: a.owner_name.clone(),
            blocked_by: a.blocked_by.clone(),
            blocked_since: a.blocked_since,
            latest: a
                .latest_rag
                .zip(a.latest_as_at)
                .map(|(rag, as_at)| ForcePosition { rag, as_at }),
            finding_ids: a.finding_ids.0.clone(),
        }
    }
}

/// One page of action-plan items.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionList {
    pub items: Vec<ActionSummary>,
    /// Send as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// An accepted move of a milestone's date.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Revision {
    pub id: i64,
    /// The due date before the move.
    pub from: NaiveDate,
    /// The due date after it.
    pub to: NaiveDate,
    pub reason_category: crate::domain::vocab::ReasonCategory,
    pub reason: String,
    pub requested_by: String,
    /// The day the move took effect.
    pub decided_on: NaiveDate,
}

impl From<&RevisionRow> for Revision {
    fn from(r: &RevisionRow) -> Self {
        Self {
            id: r.id,
            from: r.previous_due_on,
            to: r.new_due_on,
            reason_category: r.reason_category,
            reason: r.reason.clone(),
            requested_by: r.requested_by.clone(),
            decided_on: r.decided_on,
        }
    }
}

/// A milestone: the date first committed to, the date now due (after any revisions) and the
/// date it was met.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Milestone {
    pub id: i64,
    pub title: String,
    pub original_due_on: NaiveDate,
    pub current_due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
    /// Worked out from the dates as at today.
    pub state: MilestoneState,
    /// Every accepted move of its date, oldest first.
    pub revisions: Vec<Revision>,
}

impl Milestone {
    pub fn new(s: &Schedule, today: NaiveDate) -> Self {
        let m = &s.milestone;
        Self {
            id: m.id,
            title: m.title.clone(),
            original_due_on: m.original_due_on,
            current_due_on: m.current_due_on,
            met_on: m.met_on,
            state: s.dates().state(today),
            revisions: s.revisions.iter().map(Revision::from).collect(),
        }
    }
}

/// An action-plan item in full: its milestones with their revisions, the proposals to move
/// them, its updates, the findings it addresses and its measures.
#[derive(Debug, Serialize, ToSchema)]
pub struct Action {
    pub id: i64,
    pub url: String,
    pub body: BodyRef,
    pub reference: String,
    pub title: String,
    pub description: String,
    pub owner_role: String,
    pub owner_name: String,
    pub blocked_by: Option<String>,
    pub blocked_since: Option<NaiveDate>,
    /// When it was entered and last changed (UTC).
    pub created_at: String,
    pub updated_at: String,
    pub milestones: Vec<Milestone>,
    /// Every proposal to move one of its milestones, newest first.
    pub proposals: Vec<Proposal>,
    /// Its updates, newest first.
    pub updates: Vec<Update>,
    pub finding_ids: Vec<i64>,
    pub measures: Vec<MeasureBrief>,
}

/// What an action's record is made of, loaded by the handler.
pub struct ActionParts<'a> {
    pub action: &'a crate::db::actions::ActionRow,
    pub schedules: &'a [Schedule],
    pub proposals: &'a [crate::db::proposals::ProposalRow],
    pub updates: &'a [crate::db::updates::UpdateRow],
    pub finding_ids: Vec<i64>,
    pub measures: &'a [crate::db::measures::MeasureSummaryRow],
    pub today: NaiveDate,
}

impl From<ActionParts<'_>> for Action {
    fn from(p: ActionParts<'_>) -> Self {
        let a = p.action;
        let standing: Vec<&Schedule> = p
            .schedules
            .iter()
            .filter(|s| s.milestone.withdrawn_on.is_none())
            .collect();
        let shown = |id: i64| standing.iter().any(|s| s.milestone.id == id);
        Self {
            id: a.id,
            url: Withdrawable::Action.path(a.id),
            body: BodyRef {
                id: a.body_id,
                name: a.body_name.clone(),
            },
            reference: a.reference.clone(),
            title: a.title.clone(),
            description: a.description.clone(),
            owner_role: a.owner_role.clone(),
            owner_name: a.owner_name.clone(),
            blocked_by: a.blocked_by.clone(),
            blocked_since: a.blocked_since,
            created_at: a.created_at.clone(),
            updated_at: a.updated_at.clone(),
            milestones: standing
                .iter()
                .map(|s| Milestone::new(s, p.today))
                .collect(),
            proposals: p
                .proposals
                .iter()
                .filter(|x| shown(x.milestone_id))
                .map(Proposal::from)
                .collect(),
            updates: p.updates.iter().map(Update::from).collect(),
            finding_ids: p.finding_ids,
            measures: MeasureBrief::list(p.measures),
        }
    }
}

/// One page of progress updates.
#[derive(Debug, Serialize, ToSchema)]
pub struct UpdateList {
    pub items: Vec<Update>,
    /// Send as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
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

/// A scrutiny meeting, as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingSummary {
    pub id: i64,
    /// The meeting's page.
    pub url: String,
    pub kind: MeetingKind,
    pub title: String,
    /// Local date and time, `YYYY-MM-DDTHH:MM:SS`.
    #[schema(example = "2026-03-10T10:00:00")]
    pub starts_at: String,
    pub location: String,
    pub status: MeetingStatus,
    /// The day by which the force is asked to update the items named for it.
    pub update_deadline: Option<NaiveDate>,
}

impl From<&MeetingListRow> for MeetingSummary {
    fn from(m: &MeetingListRow) -> Self {
        Self {
            id: m.id,
            url: Withdrawable::Meeting.path(m.id),
            kind: m.kind,
            title: m.title.clone(),
            starts_at: m.starts_at.clone(),
            location: m.location.clone(),
            status: m.status,
            update_deadline: m.update_deadline,
        }
    }
}

/// One page of meetings.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingList {
    pub items: Vec<MeetingSummary>,
    /// Send as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// An item of a meeting's agenda: a question about a finding or action and its answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgendaItem {
    pub id: i64,
    pub position: i64,
    /// What it is about, if a finding or an action.
    pub subject: Option<SubjectRef>,
    pub question: String,
    pub answer: String,
    /// The assurance judgement made at it, if any.
    pub assessment_id: Option<i64>,
    pub level: Option<Assurance>,
}

/// An action arising from a meeting, tracked to closure.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionArising {
    pub id: i64,
    pub subject: Option<SubjectRef>,
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ArisingStatus,
    pub response: Option<String>,
    pub closed_on: Option<NaiveDate>,
}

/// A meeting in full, with its agenda and the actions arising from it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Meeting {
    pub id: i64,
    pub url: String,
    pub kind: MeetingKind,
    pub title: String,
    /// Local date and time, `YYYY-MM-DDTHH:MM:SS`.
    pub starts_at: String,
    pub location: String,
    pub attendees: String,
    pub status: MeetingStatus,
    pub minutes: Option<String>,
    pub public_summary: Option<String>,
    pub update_deadline: Option<NaiveDate>,
    pub agenda: Vec<AgendaItem>,
    pub arising: Vec<ActionArising>,
}

fn subject(action_id: Option<i64>, finding_id: Option<i64>) -> Option<SubjectRef> {
    (action_id.is_some() || finding_id.is_some()).then(|| SubjectRef::of(action_id, finding_id))
}

impl Meeting {
    pub fn new(
        m: &crate::db::meetings::MeetingRow,
        agenda: &[crate::db::agenda::AgendaItemRow],
        arising: &[crate::db::arising::ArisingRow],
    ) -> Self {
        Self {
            id: m.id,
            url: Withdrawable::Meeting.path(m.id),
            kind: m.kind,
            title: m.title.clone(),
            starts_at: m.starts_at.clone(),
            location: m.location.clone(),
            attendees: m.attendees.clone(),
            status: m.status,
            minutes: m.minutes.clone(),
            public_summary: m.public_summary.clone(),
            update_deadline: m.update_deadline,
            agenda: agenda
                .iter()
                .map(|g| AgendaItem {
                    id: g.id,
                    position: g.position,
                    subject: subject(g.action_id, g.finding_id),
                    question: g.question.clone(),
                    answer: g.answer.clone(),
                    assessment_id: g.assessment_id,
                    level: g.level,
                })
                .collect(),
            arising: arising
                .iter()
                .map(|x| ActionArising {
                    id: x.id,
                    subject: subject(x.action_id, x.finding_id),
                    description: x.description.clone(),
                    owner: x.owner.clone(),
                    due_on: x.due_on,
                    status: x.status,
                    response: x.response.clone(),
                    closed_on: x.closed_on,
                })
                .collect(),
        }
    }
}
