//! The dashboards' pure rules: the record as it stood on a date (a [`DashboardSnapshot`]), the filters
//! kept in the query string, the overview figures and the burn-down.

pub mod filters;
pub mod history;
pub mod overview;
pub mod upkeep;

use chrono::NaiveDate;

use crate::domain::dates::Slips;
use crate::domain::vocab::{
    ArisingStatus, Assurance, BodyKind, FindingKind, InspectoratePosition, Rag,
};

pub use filters::{Due, Filters, Show};

use crate::domain::scope::Scope;

/// A finding with its three voices as at the snapshot date (never merged into one score).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingFacts {
    pub id: i64,
    pub inspection_id: i64,
    /// The inspected body the finding's report is about.
    pub body_id: i64,
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
    pub body_id: i64,
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
    /// The body of the finding or action it is about; `None` for one about neither.
    pub body_id: Option<i64>,
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
    pub body_id: i64,
    pub title: String,
    pub regime: crate::domain::regimes::Regime,
    pub published_on: NaiveDate,
    pub response_published_on: Option<NaiveDate>,
    pub plan_review_received_on: Option<NaiveDate>,
    /// The review's last day as extended by then, if it was.
    pub plan_review_extended_to: Option<NaiveDate>,
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
    /// Every inspected body, by name.
    pub bodies: Vec<BodyFacts>,
}

/// An inspected body, for the body filter and the Body column.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyFacts {
    pub id: i64,
    pub name: String,
    pub kind: BodyKind,
}

impl DashboardSnapshot {
    /// The bodies `scope` admits, by name.
    pub fn bodies_in(&self, scope: &Scope) -> Vec<&BodyFacts> {
        self.bodies.iter().filter(|b| scope.admits(b.id)).collect()
    }

    /// The reports about the bodies `scope` admits.
    pub fn reports_in(&self, scope: &Scope) -> Vec<&ReportFacts> {
        self.reports
            .iter()
            .filter(|r| scope.admits(r.body_id))
            .collect()
    }

    /// Each body's name by its id.
    pub fn body_names(&self) -> std::collections::HashMap<i64, &str> {
        self.bodies
            .iter()
            .map(|b| (b.id, b.name.as_str()))
            .collect()
    }
}

/// The last instant (as stored text) that counts for a record entered "by the end of" `day`.
pub fn end_of_day(day: NaiveDate) -> String {
    format!("{}T23:59:60Z", day.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(id: i64, name: &str) -> BodyFacts {
        BodyFacts {
            id,
            name: name.into(),
            kind: BodyKind::PoliceForce,
        }
    }

    fn report(id: i64, body_id: i64) -> ReportFacts {
        ReportFacts {
            id,
            body_id,
            title: format!("Report {id}"),
            regime: crate::domain::regimes::Regime::Section55,
            published_on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            response_published_on: None,
            plan_review_received_on: None,
            plan_review_extended_to: None,
        }
    }

    #[test]
    fn a_snapshot_offers_only_the_bodies_and_reports_a_scope_admits() {
        let snap = DashboardSnapshot {
            as_at: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            findings: vec![],
            actions: vec![],
            milestones: vec![],
            arising: vec![],
            reports: vec![report(1, 1), report(2, 2), report(3, 2)],
            bodies: vec![body(2, "Derbyshire Fire"), body(1, "Derbyshire Police")],
        };
        let two = Scope::Bodies(vec![2]);
        let ids = |b: Vec<&BodyFacts>| b.iter().map(|b| b.id).collect::<Vec<_>>();
        assert_eq!(ids(snap.bodies_in(&two)), [2]);
        assert_eq!(ids(snap.bodies_in(&Scope::All)), [2, 1]);
        let reports = |r: Vec<&ReportFacts>| r.iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(reports(snap.reports_in(&two)), [2, 3]);
        assert_eq!(reports(snap.reports_in(&Scope::All)), [1, 2, 3]);
        assert_eq!(snap.body_names().get(&1), Some(&"Derbyshire Police"));
        assert_eq!(snap.body_names().len(), 2);
    }
}
