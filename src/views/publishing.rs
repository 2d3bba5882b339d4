//! The office's publishing pages: summaries awaiting approval, and the edition preview.

use maud::{Markup, html};

use super::forms;
use super::layout::{Chrome, page};
use super::site::{Base, changes::changes_list, home::home_content};
use crate::db::bodies::BodyRow;
use crate::db::inspections::InspectionSummaryRow;
use crate::db::publishing::{CandidateRow, Summaries, SummaryKind};
use crate::domain::edition::{Changes, Snapshot};
use crate::domain::numbers::count;
use crate::domain::publishing::Filter;
use crate::forms::FieldErrors;
use crate::views::components;

pub struct Candidates {
    /// What the next edition would add or change, against the latest edition.
    pub next: Preview,
    /// Inspections that no edition includes until the office marks them ready.
    pub not_ready: Vec<InspectionSummaryRow>,
    /// The summaries under the filter, and what the filter offers.
    pub summaries: Summaries,
    pub filter: Filter,
    pub bodies: Vec<BodyRow>,
    pub inspections: Vec<InspectionSummaryRow>,
    /// How many "approve all shown" just approved.
    pub approved: Option<usize>,
}

pub fn index_page(chrome: &Chrome, csrf: &str, c: &Candidates) -> Markup {
    page(
        chrome,
        "Publishing",
        html! {
            h1 class="govuk-heading-xl" { "Publishing" }
            p class="govuk-body" {
                "Only approved public summaries appear on the public site, and only once an "
                "edition is published. "
                a class="govuk-link" href="/publishing/preview" { "Prepare an edition" }
            }
            (not_ready(&c.not_ready))
            h2 class="govuk-heading-l" {
                @match c.next.latest_number {
                    Some(n) => { "What is new in the next edition (since edition " (n) ")" }
                    None => { "What the first edition will publish" }
                }
            }
            (changes_list(&c.next.changes))
            h2 class="govuk-heading-l" id="summaries" { "Public summaries" }
            @if let Some(n) = c.approved { (approved_banner(n)) }
            (filter_form(c))
            (approve_shown(c, csrf))
            (table("Findings' public summaries", "finding", csrf, c.filter, &c.summaries.findings))
            (table("Progress updates' public summaries", "update", csrf, c.filter, &c.summaries.updates))
            @if c.filter.is_set() {
                p class="govuk-body" id="meeting-summaries" {
                    "Meetings' public summaries are not about one body or inspection: "
                    a class="govuk-link" href="/publishing#summaries" { "show everything" }
                    " to see them."
                }
            } @else {
                (table("Meetings' public summaries", "meeting", csrf, c.filter, &c.summaries.meetings))
            }
        },
    )
}

fn approved_banner(n: usize) -> Markup {
    let heading = format!(
        "{} approved",
        count(n, "public summary", "public summaries")
    );
    components::success_banner(&heading, html! {})
}

/// Choose a body or an inspection (grouped by body) to list only the summaries about it.
fn filter_form(c: &Candidates) -> Markup {
    let none = FieldErrors::default();
    let bodies: Vec<(String, String)> = c
        .bodies
        .iter()
        .map(|b| (b.id.to_string(), b.name.clone()))
        .collect();
    let inspections: Vec<(String, String, String)> = c
        .inspections
        .iter()
        .map(|i| (i.body_name.clone(), i.id.to_string(), i.title.clone()))
        .collect();
    let chosen = |id: Option<i64>| id.map(|i| i.to_string()).unwrap_or_default();
    html! {
        form method="get" action="/publishing#summaries" class="app-filter" {
            (forms::select("body", "Body", &bodies, &chosen(c.filter.body), Some("Every body"), &none))
            (forms::grouped_select("inspection", "Inspection", &inspections, &chosen(c.filter.inspection), Some("Every inspection"), &none))
            button type="submit" class="govuk-button govuk-button--secondary" { "Show" }
            @if c.filter.is_set() {
                " " a class="govuk-link" href="/publishing#summaries" { "Show everything" }
            }
        }
    }
}

/// One button to approve every summary listed that awaits approval, bound to the list as
/// shown: if it changes before the button is pressed, nothing is approved.
fn approve_shown(c: &Candidates, csrf: &str) -> Markup {
    let waiting = c.summaries.awaiting().len();
    html! {
        @if waiting > 0 {
            form method="post" action="/publishing/approve-shown" class="app-inline-form" {
                (forms::csrf(csrf))
                (filter_fields(c.filter))
                input type="hidden" name="shown" value=(c.summaries.fingerprint());
                button type="submit" class="govuk-button" {
                    "Approve all shown (" (count(waiting, "summary", "summaries")) ")"
                }
            }
            p class="govuk-body-s" {
                "Approves every summary listed below as “Not approved” or “Changed since approval”, "
                "in the words shown. If any changes before you press it, nothing is approved."
            }
        }
    }
}

/// The filter a list was shown under, sent with its buttons to come back to it.
fn filter_fields(filter: Filter) -> Markup {
    html! {
        @if let Some(b) = filter.body { input type="hidden" name="body" value=(b); }
        @if let Some(i) = filter.inspection { input type="hidden" name="inspection" value=(i); }
    }
}

/// 409: the list "approve all shown" was pressed for changed before it was sent.
pub fn list_changed_page(chrome: &Chrome, filter: Filter) -> Markup {
    page(
        chrome,
        "The list changed before you approved it",
        html! {
            h1 class="govuk-heading-l" { "The list changed before you approved it" }
            p class="govuk-body" {
                "A summary was added, removed or reworded after your page showed the list, so "
                "nothing has been approved. An approval is for the words you read."
            }
            p class="govuk-body" {
                a class="govuk-link" href={ "/publishing" (filter.query(&[])) "#summaries" } {
                    "Review the list again"
                }
            }
        },
    )
}

/// The inspections left out of editions, each linked to its page (where it is marked ready).
fn not_ready(list: &[InspectionSummaryRow]) -> Markup {
    html! {
        @if !list.is_empty() {
            h2 class="govuk-heading-l" id="not-ready" {
                "Inspections not yet ready for publication (" (list.len()) ")"
            }
            p class="govuk-body" {
                "No edition includes these, or anything under them, until each is marked ready "
                "for publication on its page."
            }
            ul class="govuk-list govuk-list--bullet" {
                @for i in list {
                    li {
                        a class="govuk-link" href={ "/inspections/" (i.id) "#publication" } { (i.title) }
                        " – " (i.body_name) ", published " (components::date(i.published_on))
                    }
                }
            }
        }
    }
}

fn table(caption: &str, kind: &str, csrf: &str, filter: Filter, rows: &[CandidateRow]) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--m" { (caption) " (" (rows.len()) ")" }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "About" }
                        th scope="col" class="govuk-table__header" { "Public summary" }
                        th scope="col" class="govuk-table__header" { "Status" }
                        th scope="col" class="govuk-table__header" { "Action" }
                    }
                }
                tbody class="govuk-table__body" {
                    @if rows.is_empty() {
                        tr class="govuk-table__row" { td class="govuk-table__cell" colspan="4" { "None." } }
                    }
                    @for r in rows {
                        tr class="govuk-table__row" id={ (kind) "-" (r.id) } {
                            th scope="row" class="govuk-table__header" {
                                (r.subject)
                                @if !r.context.is_empty() { br; span class="govuk-body-s" { (r.context) } }
                                @if let Some(body) = &r.body { br; span class="govuk-body-s app-secondary" { (body) } }
                                @if let Some(inspection) = r.inspection.as_ref().filter(|i| **i != r.context) {
                                    br; span class="govuk-body-s app-secondary" { (inspection) }
                                }
                                @if let Some(d) = r.dated { br; span class="govuk-body-s" { (components::date(d)) } }
                            }
                            td class="govuk-table__cell" {
                                (r.summary)
                                @if let Some(was) = r.was_approved_as.as_ref().filter(|_| r.approved_at.is_none()) {
                                    p class="govuk-body-s app-changed-since-approval" {
                                        strong { "Changed since approval." }
                                        " This corrects an update whose summary was approved as: “" (was) "”"
                                    }
                                }
                            }
                            td class="govuk-table__cell" { (status(r)) }
                            td class="govuk-table__cell" {
                                @if !r.corrected { (decision(kind, r, csrf, filter)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn status(r: &CandidateRow) -> Markup {
    html! {
        @if r.corrected {
            strong class="govuk-tag govuk-tag--grey" { "Corrected – not published" }
        } @else if r.approved_at.is_some() {
            strong class="govuk-tag govuk-tag--green" { "Approved" }
            @if !r.inspection_ready {
                br; span class="govuk-body-s" { "Published once its inspection is marked ready" }
            }
        } @else if r.was_approved_as.is_some() {
            strong class="govuk-tag govuk-tag--yellow" { "Changed since approval" }
        } @else {
            strong class="govuk-tag govuk-tag--grey" { "Not approved" }
        }
    }
}

/// The approve or withdraw button. Approving sends the wording shown, so an approval binds
/// what the approver read.
fn decision(kind: &str, r: &CandidateRow, csrf: &str, filter: Filter) -> Markup {
    let (action, label) = if r.approved_at.is_some() {
        ("/publishing/withdraw", "Withdraw")
    } else {
        ("/publishing/approve", "Approve")
    };
    html! {
        form method="post" action=(action) class="app-inline-form" {
            (forms::csrf(csrf))
            input type="hidden" name="kind" value=(kind);
            input type="hidden" name="id" value=(r.id);
            input type="hidden" name="summary" value=(r.summary);
            (filter_fields(filter))
            button type="submit" class="govuk-button govuk-button--secondary" {
                (label) span class="govuk-visually-hidden" { " " (r.subject) }
            }
        }
    }
}

/// 409: the summary's wording changed since the approver's page showed it. Both wordings,
/// and a button to approve the wording as it is now.
pub fn reworded_page(
    chrome: &Chrome,
    csrf: &str,
    (kind, id): (SummaryKind, i64),
    (seen, now): (&str, &str),
) -> Markup {
    page(
        chrome,
        "The summary changed before you approved it",
        html! {
            h1 class="govuk-heading-l" { "The summary changed before you approved it" }
            p class="govuk-body" {
                "Someone changed this public summary after your page showed it, so it has not been "
                "approved. An approval is for the words you read."
            }
            h2 class="govuk-heading-m" { "What you were shown" }
            div class="govuk-inset-text app-pre" { (seen) }
            h2 class="govuk-heading-m" { "What it says now" }
            div class="govuk-inset-text app-pre" { (now) }
            form method="post" action="/publishing/approve" {
                (forms::csrf(csrf))
                input type="hidden" name="kind" value=(kind.as_str());
                input type="hidden" name="id" value=(id);
                input type="hidden" name="summary" value=(now);
                button type="submit" class="govuk-button" { "Approve what it says now" }
            }
            p class="govuk-body" { a class="govuk-link" href="/publishing" { "Back to publishing" } }
        },
    )
}

/// The edition that would be published now and its changes since the latest edition.
pub struct Preview {
    pub snapshot: Snapshot,
    pub changes: Changes,
    pub latest_number: Option<i64>,
}

pub fn preview_page(
    chrome: &Chrome,
    csrf: &str,
    p: &Preview,
    note: &str,
    errors: &FieldErrors,
) -> Markup {
    let next = p.latest_number.unwrap_or(0) + 1;
    page(
        chrome,
        "Prepare an edition",
        html! {
            (forms::error_summary(errors))
            h1 class="govuk-heading-xl" { "Prepare edition " (next) }
            p class="govuk-body" { a class="govuk-link" href="/publishing" { "Back to publishing" } }
            h2 class="govuk-heading-l" {
                @match p.latest_number {
                    Some(n) => { "What changed since edition " (n) }
                    None => { "What this first edition will publish" }
                }
            }
            (changes_list(&p.changes))
            form method="post" action="/publishing/editions" novalidate {
                (forms::csrf(csrf))
                (forms::textarea("note", "Note (optional)", Some("Say why this edition is published; the note is public."), note, errors))
                (forms::submit(&format!("Publish edition {next}")))
            }
            h2 class="govuk-heading-l" { "The public home page as it will appear" }
            div class="app-preview" {
                (home_content(&p.snapshot, Base::Preview))
            }
        },
    )
}
