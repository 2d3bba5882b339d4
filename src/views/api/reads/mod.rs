//! What the API says of the records it reads: the items of each list and each record in full,
//! built from the `db` rows and documented for the OpenAPI document. Every record carries the
//! address of its page (`url`); nothing withdrawn is ever shown.

mod actions;
mod findings;
mod inspections;
mod measures;
mod meetings;
mod voices;

use serde::Serialize;
use utoipa::ToSchema;

pub use actions::{Action, ActionList, ActionParts, ActionSummary, Milestone, Revision};
pub use findings::{Finding, FindingList, FindingParts, FindingSummary, InspectionBrief, Part};
pub use inspections::{Inspection, InspectionList, InspectionSummary};
pub use measures::{Measure, MeasureBrief, Reading};
pub use meetings::{ActionArising, AgendaItem, Meeting, MeetingList, MeetingSummary};
pub use voices::{AssuranceVoice, ForcePosition, InspectorateVoice, Voices};

use super::changes::Update;

/// An inspected body (a police force, a fire and rescue service).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BodyRef {
    pub id: i64,
    pub name: String,
}

/// One page of progress updates.
#[derive(Debug, Serialize, ToSchema)]
pub struct UpdateList {
    pub items: Vec<Update>,
    /// Send as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}
