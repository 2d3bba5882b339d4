//! The lists behind the dashboard's counts – findings, milestones, action-plan items and
//! actions arising – each with a link to download the same list as CSV.

use std::collections::HashMap;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{assurance_tag, date, milestone_tag, position_tag, rag_tag};
use super::dashboard_frame::{Frame, frame};
use super::layout::{Chrome, page};
use crate::domain::dashboard::overview::{Section55, milestone_state};
use crate::domain::dashboard::{ActionFacts, ArisingFacts, FindingFacts, MilestoneFacts};
use crate::domain::dates::Slips;
use crate::domain::sources::ISSUING_BODY_POSITION;

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
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-visually-hidden" { "Findings with their three voices" }
                    thead { tr {
                        th scope="col" { "Finding" }
                        @if fr.shows_body() { th scope="col" { "Body" } }
                        th scope="col" { "Report" } th scope="col" { "Area" }
                        th scope="col" { "Force RAG" } th scope="col" { "PCC assurance" } th scope="col" { (ISSUING_BODY_POSITION) }
                    } }
                    tbody {
                        @for x in rows {
                            tr {
                                td { a class="govuk-link" href={ "/findings/" (x.id) } { (x.reference) } }
                                @if fr.shows_body() { td { (fr.body_name(Some(x.body_id))) } }
                                td { (titles.get(&x.inspection_id).copied().unwrap_or_default()) }
                                td { (x.area) }
                                td { (rag_tag(x.force_rag)) }
                                td { (assurance_tag(x.assurance)) }
                                td { (position_tag(x.position)) }
                            }
                        }
                    }
                }
            }
        },
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
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-visually-hidden" { "Milestones with their original, current and met dates" }
                    thead { tr {
                        th scope="col" { "Milestone" }
                        @if fr.shows_body() { th scope="col" { "Body" } }
                        th scope="col" { "Action" } th scope="col" { "Original date" }
                        th scope="col" { "Current date" } th scope="col" { "Met on" } th scope="col" { "State" }
                        th scope="col" class="app-num" { "Slips (days)" }
                    } }
                    tbody {
                        @for m in rows {
                            tr {
                                td { a class="govuk-link" href={ "/actions/" (m.action_id) "#milestone-" (m.id) } { (m.title) } }
                                @if fr.shows_body() { td { (fr.body_name(actions.get(&m.action_id).map(|a| a.body_id))) } }
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
            }
        },
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
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-visually-hidden" { "Action-plan items" }
                    thead { tr {
                        th scope="col" { "Action" }
                        @if fr.shows_body() { th scope="col" { "Body" } }
                        th scope="col" { "Owner" } th scope="col" { "Latest update" }
                        th scope="col" { "Blocked by" } th scope="col" class="app-num" { "Slips (days)" }
                    } }
                    tbody {
                        @for (a, s) in rows {
                            tr {
                                td { a class="govuk-link" href={ "/actions/" (a.id) } { (a.reference) " " (a.title) } }
                                @if fr.shows_body() { td { (fr.body_name(Some(a.body_id))) } }
                                td { (a.owner()) }
                                td { (rag_tag(a.latest_rag)) @if let Some(d) = a.latest_as_at { " " (date(d)) } }
                                td { (a.blocked_by.as_deref().unwrap_or("")) }
                                td class="app-num" { (s.count) " (" (s.days) ")" }
                            }
                        }
                    }
                }
            }
        },
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
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-visually-hidden" { "Actions arising from meetings" }
                    thead { tr {
                        th scope="col" { "Action arising" }
                        @if fr.shows_body() { th scope="col" { "Body" } }
                        th scope="col" { "Meeting" } th scope="col" { "Owner" }
                        th scope="col" { "Due" } th scope="col" { "Status" } th scope="col" { "About" }
                    } }
                    tbody {
                        @for x in rows {
                            tr {
                                td { (x.description) }
                                @if fr.shows_body() { td { (fr.body_name(x.body_id)) } }
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
            }
            p class="govuk-body" { a class="govuk-link" href="/actions-arising" { "All actions arising" } }
        },
    )
}

pub fn section_55_page(
    chrome: &Chrome,
    fr: &Frame<'_>,
    rows: &[Section55],
    as_at: NaiveDate,
) -> Markup {
    list_page(
        chrome,
        fr,
        "Section 55 compliance",
        "/dashboard/section-55",
        rows.len(),
        super::dashboard::section_55_table(fr, rows, as_at),
    )
}
