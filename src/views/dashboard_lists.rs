//! The lists behind the dashboard's counts – findings, milestones, action-plan items and
//! actions arising – each as a page and as CSV with the same filters.

use std::collections::HashMap;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{assurance_tag, date, milestone_tag, position_tag, rag_tag};
use super::dashboard_frame::{Frame, frame};
use super::layout::{Chrome, page};
use crate::domain::dashboard::csv::document;
use crate::domain::dashboard::overview::milestone_state;
use crate::domain::dashboard::{ActionFacts, ArisingFacts, FindingFacts, MilestoneFacts};
use crate::domain::dates::Slips;
use crate::domain::vocab::assurance_label;

fn iso(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn list_page(
    chrome: &Chrome,
    fr: &Frame<'_>,
    title: &str,
    path: &str,
    count: usize,
    table: Markup,
) -> Markup {
    page(
        chrome,
        title,
        frame(
            fr,
            title,
            path,
            html! {
                p class="govuk-body" id="list-count" { (count) " in this list." }
                p class="govuk-body" {
                    a class="govuk-link" href=(fr.filters.href(&format!("{path}.csv"))) { "Download this list (CSV)" }
                }
                (table)
            },
        ),
    )
}

pub fn findings_page(chrome: &Chrome, fr: &Frame<'_>, rows: &[&FindingFacts]) -> Markup {
    let titles: HashMap<i64, &str> = fr
        .reports
        .iter()
        .map(|r| (r.id, r.title.as_str()))
        .collect();
    list_page(
        chrome,
        fr,
        "Findings",
        "/dashboard/findings",
        rows.len(),
        html! {
            table class="govuk-table" {
                caption class="govuk-visually-hidden" { "Findings with their three voices" }
                thead { tr {
                    th scope="col" { "Finding" } th scope="col" { "Report" } th scope="col" { "Area" }
                    th scope="col" { "Force RAG" } th scope="col" { "PCC assurance" } th scope="col" { "Inspectorate" }
                } }
                tbody {
                    @for x in rows {
                        tr {
                            td { a class="govuk-link" href={ "/findings/" (x.id) } { (x.reference) } }
                            td { (titles.get(&x.inspection_id).copied().unwrap_or_default()) }
                            td { (x.area) }
                            td { (rag_tag(x.force_rag)) }
                            td { (assurance_tag(x.assurance)) }
                            td { (position_tag(x.position)) }
                        }
                    }
                }
            }
        },
    )
}

pub fn findings_csv(rows: &[&FindingFacts]) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|x| {
            vec![
                x.id.to_string(),
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

pub fn milestones_page(
    chrome: &Chrome,
    fr: &Frame<'_>,
    rows: &[&MilestoneFacts],
    actions: &HashMap<i64, &ActionFacts>,
) -> Markup {
    list_page(
        chrome,
        fr,
        "Milestones",
        "/dashboard/milestones",
        rows.len(),
        html! {
            table class="govuk-table" {
                caption class="govuk-visually-hidden" { "Milestones with their original, current and met dates" }
                thead { tr {
                    th scope="col" { "Milestone" } th scope="col" { "Action" } th scope="col" { "Original date" }
                    th scope="col" { "Current date" } th scope="col" { "Met on" } th scope="col" { "State" }
                    th scope="col" class="app-num" { "Slips (days)" }
                } }
                tbody {
                    @for m in rows {
                        tr {
                            td { a class="govuk-link" href={ "/milestones/" (m.id) } { (m.title) } }
                            td { @if let Some(a) = actions.get(&m.action_id) {
                                a class="govuk-link" href={ "/actions/" (a.id) } { (a.reference) } } }
                            td { (date(m.original_due_on)) }
                            td { (date(m.current_due_on)) }
                            td { @match m.met_on { Some(d) => (date(d)), None => "Not met" } }
                            td { (milestone_tag(milestone_state(m, fr.as_at))) }
                            td class="app-num" { (m.slips.count) " (" (m.slips.days) ")" }
                        }
                    }
                }
            }
        },
    )
}

pub fn milestones_csv(
    rows: &[&MilestoneFacts],
    actions: &HashMap<i64, &ActionFacts>,
    as_at: NaiveDate,
) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|m| {
            let a = actions.get(&m.action_id);
            vec![
                m.id.to_string(),
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

pub fn actions_page(chrome: &Chrome, fr: &Frame<'_>, rows: &[(&ActionFacts, Slips)]) -> Markup {
    list_page(
        chrome,
        fr,
        "Action-plan items",
        "/dashboard/actions",
        rows.len(),
        html! {
            table class="govuk-table" {
                caption class="govuk-visually-hidden" { "Action-plan items" }
                thead { tr {
                    th scope="col" { "Action" } th scope="col" { "Owner" } th scope="col" { "Latest update" }
                    th scope="col" { "Blocked by" } th scope="col" class="app-num" { "Slips (days)" }
                } }
                tbody {
                    @for (a, s) in rows {
                        tr {
                            td { a class="govuk-link" href={ "/actions/" (a.id) } { (a.reference) " " (a.title) } }
                            td { (a.owner()) }
                            td { (rag_tag(a.latest_rag)) @if let Some(d) = a.latest_as_at { " " (date(d)) } }
                            td { (a.blocked_by.as_deref().unwrap_or("")) }
                            td class="app-num" { (s.count) " (" (s.days) ")" }
                        }
                    }
                }
            }
        },
    )
}

pub fn actions_csv(rows: &[(&ActionFacts, Slips)]) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|(a, s)| {
            vec![
                a.id.to_string(),
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

pub fn arising_page(chrome: &Chrome, fr: &Frame<'_>, rows: &[&ArisingFacts]) -> Markup {
    list_page(
        chrome,
        fr,
        "Actions arising",
        "/dashboard/arising",
        rows.len(),
        html! {
            table class="govuk-table" {
                caption class="govuk-visually-hidden" { "Actions arising from meetings" }
                thead { tr {
                    th scope="col" { "Action arising" } th scope="col" { "Meeting" } th scope="col" { "Owner" }
                    th scope="col" { "Due" } th scope="col" { "Status" } th scope="col" { "About" }
                } }
                tbody {
                    @for x in rows {
                        tr {
                            td { (x.description) }
                            td { a class="govuk-link" href={ "/meetings/" (x.meeting_id) } { "Meeting " (x.meeting_id) } }
                            td { (x.owner) }
                            td { (date(x.due_on)) }
                            td { (x.status.label()) }
                            td {
                                @if let Some(id) = x.finding_id { a class="govuk-link" href={ "/findings/" (id) } { "Finding" } " " }
                                @if let Some(id) = x.action_id { a class="govuk-link" href={ "/actions/" (id) } { "Action" } }
                            }
                        }
                    }
                }
            }
            p class="govuk-body" { a class="govuk-link" href="/actions-arising" { "All actions arising" } }
        },
    )
}

pub fn arising_csv(rows: &[&ArisingFacts]) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|x| {
            vec![
                x.id.to_string(),
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
