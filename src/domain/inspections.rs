//! An inspection as the record takes it (the report, the body it is about) and its section 55
//! response: the dated steps and each finding's response position.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::vocab::{InspectionKind, ResponsePosition, Source};

/// A checked inspection ready to save.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewInspection {
    pub body_id: i64,
    /// A body typed by name rather than chosen: found (or created) when the inspection is
    /// saved, and `body_id` becomes its id. Not part of the audit payload.
    #[serde(skip)]
    pub new_body: Option<String>,
    pub title: String,
    pub kind: InspectionKind,
    pub source: Source,
    pub fieldwork_start: Option<NaiveDate>,
    pub fieldwork_end: Option<NaiveDate>,
    pub published_on: NaiveDate,
    /// The day the report was sent, where a clock starts from it and it is not the day the
    /// report is dated (`None`: sent that day).
    pub sent_on: Option<NaiveDate>,
    pub report_url: Option<String>,
    pub follows_up_id: Option<i64>,
    /// Whether section 55 applies (`None`: as usual for the kind of report).
    pub section_55_applies: Option<bool>,
    /// Whether the six-week action plan applies (`None`: as usual).
    pub action_plan_applies: Option<bool>,
}

/// The section 55 steps of an inspection, each dated when it happened.
#[derive(Debug, Clone, Default, PartialEq, sqlx::FromRow, Serialize)]
pub struct Section55 {
    pub comments_requested_on: Option<NaiveDate>,
    pub comments_deadline: Option<NaiveDate>,
    pub comments_received_on: Option<NaiveDate>,
    pub response_published_on: Option<NaiveDate>,
    pub response_url: Option<String>,
    pub copy_to_hmicfrs_on: Option<NaiveDate>,
    pub copy_to_home_secretary_on: Option<NaiveDate>,
    pub action_plan_received_on: Option<NaiveDate>,
}

/// The response to one finding: the position taken and what is done (or why not).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingResponse {
    pub finding_id: i64,
    pub position: Option<ResponsePosition>,
    pub explanation: Option<String>,
}

/// A checked section 55 response: every step, and a response for every finding.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSection55 {
    pub steps: Section55,
    pub responses: Vec<FindingResponse>,
}
