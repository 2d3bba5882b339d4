//! What a pack is computed from: plain rows of the record, loaded by `db::packs`.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::vocab::{ArisingStatus, Assurance, Better, Rag, ReasonCategory};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MilestoneIn {
    pub id: i64,
    pub action_id: i64,
    pub action_reference: String,
    pub title: String,
    pub original_due_on: NaiveDate,
    pub current_due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RevisionIn {
    pub milestone_id: i64,
    pub previous_due_on: NaiveDate,
    pub new_due_on: NaiveDate,
    pub reason_category: ReasonCategory,
    pub reason: String,
    pub accepted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ActionIn {
    pub id: i64,
    pub reference: String,
    pub title: String,
}

/// A progress update, on an action or directly on a finding.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct UpdateIn {
    pub action_id: Option<i64>,
    pub finding_id: Option<i64>,
    pub as_at: NaiveDate,
    pub rag: Rag,
    pub entered_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ArisingIn {
    pub id: i64,
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ArisingStatus,
}

/// An item the force was asked to update before this meeting; `label` names it ("CP-05").
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RequestIn {
    pub id: i64,
    pub action_id: Option<i64>,
    pub finding_id: Option<i64>,
    pub label: String,
    pub requested_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AssessmentIn {
    pub id: i64,
    pub finding_id: i64,
    pub finding_reference: String,
    pub part_id: Option<i64>,
    pub level: Assurance,
    pub assessed_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ReadingIn {
    pub measure_id: i64,
    pub name: String,
    pub unit: String,
    pub better: Better,
    pub taken_on: NaiveDate,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ReportIn {
    pub id: i64,
    pub title: String,
    pub published_on: NaiveDate,
    pub response_published_on: Option<NaiveDate>,
}

/// Everything the pack is computed from.
#[derive(Debug, Clone, Default)]
pub struct PackInput {
    pub meeting_date: NaiveDate,
    pub today: NaiveDate,
    pub previous_meeting: Option<NaiveDate>,
    pub next_meeting: Option<NaiveDate>,
    pub update_deadline: Option<NaiveDate>,
    pub stale_after_days: i64,
    pub milestones: Vec<MilestoneIn>,
    pub revisions: Vec<RevisionIn>,
    pub actions: Vec<ActionIn>,
    pub updates: Vec<UpdateIn>,
    pub arising: Vec<ArisingIn>,
    pub requests: Vec<RequestIn>,
    pub assessments: Vec<AssessmentIn>,
    pub readings: Vec<ReadingIn>,
    pub reports: Vec<ReportIn>,
}
