//! Scrutiny meetings, as listed and in full with their agenda and the actions arising.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::api::MeetingListRow;
use crate::domain::vocab::{ArisingStatus, Assurance, MeetingKind, MeetingStatus};
use crate::domain::withdrawals::Withdrawable;
use crate::views::api::changes::SubjectRef;

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
