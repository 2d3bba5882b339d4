//! The dashboards' pure rules: the record as it stood on a date (a [`DashboardSnapshot`]), the filters
//! kept in the query string, the overview figures and the burn-down.

pub mod filters;
pub mod history;
pub mod overview;

use chrono::NaiveDate;

use crate::domain::dates::Slips;
use crate::domain::vocab::{ArisingStatus, Assurance, FindingKind, InspectoratePosition, Rag};

pub use filters::{Due, Filters, Show};

/// A finding with its three voices as at the snapshot date (never merged into one score).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingFacts {
    pub id: i64,
    pub inspection_id: i64,
    pub kind: FindingKind,
    pub reference: String,
    pub area: String,
    pub force_rag: Option<Rag>,
    pub assurance: Option<Assurance>,
    pub position: Option<InspectoratePosition>,
}

/// An action-plan item with its latest update as at the snapshot date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActionFacts {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub owner_role: String,
    pub owner_name: String,
    pub blocked_by: Option<String>,
    pub blocked_since: Option<NaiveDate>,
    pub created_on: Option<NaiveDate>,
    pub latest_as_at: Option<NaiveDate>,
    pub latest_rag: Option<Rag>,
    pub finding_ids: Vec<i64>,
}

impl ActionFacts {
    /// "Role – Name", or whichever is recorded.
    pub fn owner(&self) -> String {
        match (self.owner_role.is_empty(), self.owner_name.is_empty()) {
            (false, false) => format!("{} – {}", self.owner_role, self.owner_name),
            (false, true) => self.owner_role.clone(),
            _ => self.owner_name.clone(),
        }
    }
}

/// A milestone with its dates as they stood on the snapshot date.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneFacts {
    pub id: i64,
    pub action_id: i64,
    pub title: String,
    pub original_due_on: NaiveDate,
    /// The latest revision accepted by the snapshot date, else the original date.
    pub current_due_on: NaiveDate,
    /// Only if met on or before the snapshot date.
    pub met_on: Option<NaiveDate>,
    pub slips: Slips,
}

/// An action arising from a meeting, with its status as at the snapshot date.
#[derive(Debug, Clone, PartialEq)]
pub struct ArisingFacts {
    pub id: i64,
    pub meeting_id: i64,
    pub finding_id: Option<i64>,
    pub action_id: Option<i64>,
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ArisingStatus,
}

/// A report, the statutory regime it falls under and its response (section 55, or a fire
/// service's action plan review) as known on the snapshot date.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFacts {
    pub id: i64,
    pub title: String,
    pub regime: crate::domain::regimes::Regime,
    pub published_on: NaiveDate,
    pub response_published_on: Option<NaiveDate>,
    pub plan_review_received_on: Option<NaiveDate>,
}

/// Everything the overview and its lists need, as the record stood at the end of `as_at`.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardSnapshot {
    pub as_at: NaiveDate,
    pub findings: Vec<FindingFacts>,
    pub actions: Vec<ActionFacts>,
    pub milestones: Vec<MilestoneFacts>,
    pub arising: Vec<ArisingFacts>,
    pub reports: Vec<ReportFacts>,
}

/// The last instant (as stored text) that counts for a record entered "by the end of" `day`.
pub fn end_of_day(day: NaiveDate) -> String {
    format!("{}T23:59:60Z", day.format("%Y-%m-%d"))
}
