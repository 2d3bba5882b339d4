//! The dashboard lists as CSV: the same rows as the pages, ISO dates, one column per fact,
//! every cell made safe for spreadsheets.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::csv::document;
use crate::domain::dashboard::overview::{Section55, milestone_state};
use crate::domain::dashboard::{ActionFacts, ArisingFacts, FindingFacts, MilestoneFacts};
use crate::domain::dates::{Countdown, Slips};
use crate::domain::vocab::assurance_label;

fn iso(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Each body's name by id.
type Names<'a> = HashMap<i64, &'a str>;

fn name(names: &Names<'_>, body: Option<i64>) -> String {
    body.and_then(|b| names.get(&b))
        .map(|n| n.to_string())
        .unwrap_or_default()
}

pub fn findings_csv(rows: &[&FindingFacts], names: &Names<'_>) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|x| {
            vec![
                x.id.to_string(),
                name(names, Some(x.body_id)),
                x.inspection_id.to_string(),
                x.reference.clone(),
                x.kind.label().into(),
                x.area.clone(),
                x.force_rag.map_or("No update yet", |r| r.label()).into(),
                assurance_label(x.assurance).into(),
                x.position
                    .map_or("No position recorded", |p| p.label())
                    .into(),
            ]
        })
        .collect();
    document(
        &[
            "id",
            "body",
            "inspection_id",
            "reference",
            "kind",
            "area",
            "force_rag",
            "pcc_assurance",
            "inspectorate_position",
        ],
        &body,
    )
}

pub fn milestones_csv(
    rows: &[&MilestoneFacts],
    actions: &HashMap<i64, &ActionFacts>,
    names: &Names<'_>,
    as_at: NaiveDate,
) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|m| {
            let a = actions.get(&m.action_id);
            vec![
                m.id.to_string(),
                name(names, a.map(|a| a.body_id)),
                m.title.clone(),
                a.map(|a| a.reference.clone()).unwrap_or_default(),
                a.map(|a| a.owner()).unwrap_or_default(),
                iso(Some(m.original_due_on)),
                iso(Some(m.current_due_on)),
                iso(m.met_on),
                milestone_state(m, as_at).label().into(),
                m.slips.count.to_string(),
                m.slips.days.to_string(),
            ]
        })
        .collect();
    document(
        &[
            "id",
            "body",
            "milestone",
            "action",
            "owner",
            "original_due_on",
            "current_due_on",
            "met_on",
            "state",
            "slips",
            "days_slipped",
        ],
        &body,
    )
}

pub fn actions_csv(rows: &[(&ActionFacts, Slips)], names: &Names<'_>) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|(a, s)| {
            vec![
                a.id.to_string(),
                name(names, Some(a.body_id)),
                a.reference.clone(),
                a.title.clone(),
                a.owner_role.clone(),
                a.owner_name.clone(),
                a.latest_rag.map_or("", |r| r.short_label()).into(),
                iso(a.latest_as_at),
                a.blocked_by.clone().unwrap_or_default(),
                iso(a.blocked_since),
                s.count.to_string(),
                s.days.to_string(),
            ]
        })
        .collect();
    document(
        &[
            "id",
            "body",
            "reference",
            "title",
            "owner_role",
            "owner_name",
            "latest_rag",
            "latest_update_as_at",
            "blocked_by",
            "blocked_since",
            "slips",
            "days_slipped",
        ],
        &body,
    )
}

pub fn arising_csv(rows: &[&ArisingFacts], names: &Names<'_>) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|x| {
            vec![
                x.id.to_string(),
                name(names, x.body_id),
                x.meeting_id.to_string(),
                x.description.clone(),
                x.owner.clone(),
                iso(Some(x.due_on)),
                x.status.label().into(),
                x.finding_id.map(|i| i.to_string()).unwrap_or_default(),
                x.action_id.map(|i| i.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    document(
        &[
            "id",
            "body",
            "meeting_id",
            "description",
            "owner",
            "due_on",
            "status",
            "finding_id",
            "action_id",
        ],
        &body,
    )
}

/// Each report's section 55 line: `status` is one of due, overdue, on_time and late, with
/// `days` left, overdue or late.
pub fn section_55_csv(rows: &[Section55], names: &Names<'_>) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let (status, days) = match r.countdown {
                Countdown::DaysLeft(n) => ("due", n),
                Countdown::Overdue(n) => ("overdue", n),
                Countdown::MetOnTime { .. } => ("on_time", 0),
                Countdown::MetLate { days_late, .. } => ("late", days_late),
            };
            vec![
                r.inspection_id.to_string(),
                name(names, Some(r.body_id)),
                r.title.clone(),
                iso(Some(r.published_on)),
                iso(Some(r.last_day)),
                iso(r.response_published_on),
                status.into(),
                days.to_string(),
            ]
        })
        .collect();
    document(
        &[
            "inspection_id",
            "body",
            "title",
            "published_on",
            "last_day",
            "response_published_on",
            "status",
            "days",
        ],
        &body,
    )
}
