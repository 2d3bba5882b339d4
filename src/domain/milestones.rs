//! Milestones as the record takes them: a new milestone, a move of its date (revised by the
//! office directly, or proposed and later accepted) and a proposal awaiting a decision.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::vocab::ReasonCategory;

/// A new milestone: the original and current dates both start at `due_on`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewMilestone {
    pub action_id: i64,
    pub title: String,
    pub due_on: NaiveDate,
}

/// A new due date for a milestone and why: what a revision or a proposal asks for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateMove {
    pub new_due_on: NaiveDate,
    pub reason_category: ReasonCategory,
    pub reason: String,
    pub requested_by: String,
}

/// A proposal to move a milestone's date, awaiting the office's decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewProposal {
    pub milestone_id: i64,
    pub proposed_due_on: NaiveDate,
    pub reason_category: ReasonCategory,
    pub reason: String,
    pub requested_by: String,
}

impl NewProposal {
    /// A proposal to make `change` to the milestone `milestone_id`.
    pub fn of(milestone_id: i64, change: DateMove) -> Self {
        Self {
            milestone_id,
            proposed_due_on: change.new_due_on,
            reason_category: change.reason_category,
            reason: change.reason,
            requested_by: change.requested_by,
        }
    }
}
