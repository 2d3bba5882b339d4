//! Action-plan items, as listed and in full with their milestones (original and current
//! dates, and every revision), the proposals to move them and their updates.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::{BodyRef, ForcePosition, MeasureBrief};
use crate::db::api::ActionListRow;
use crate::db::milestones::{RevisionRow, Schedule};
use crate::domain::vocab::MilestoneState;
use crate::domain::withdrawals::Withdrawable;
use crate::views::api::changes::{Proposal, Update};

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
