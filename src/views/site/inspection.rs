//! The public page of one inspection in an edition: per finding, its summary, due date, the
//! three voices, milestones with slips, and the timeline of published updates.

use crate::views::components::summary_row;
use maud::{Markup, html};

use super::{Base, edition_line, site_nav};
use crate::domain::edition::{Action, EditionMeta, Finding, Inspection, PlanReview, Section55};
use crate::domain::numbers;
use crate::domain::vocab::Source;
use crate::views::components::{self, assurance_tag, milestone_tag, position_tag, rag_tag};
use crate::views::layout::{Chrome, page};

pub fn inspection_page(chrome: &Chrome, meta: &EditionMeta, i: &Inspection, base: Base) -> Markup {
    page(
        chrome,
        &i.title,
        html! {
            p class="govuk-body" { a class="govuk-link" href=(base.home_href()) { "All inspections" } }
            (components::office_and_body(&chrome.site.organisation_name, &i.body_name))
            h1 class="govuk-heading-xl" { (i.title) }
            (site_nav())
            (edition_line(meta, base))
            (super::email_updates(crate::domain::vocab::SubscriptionScope::Inspection, Some(i.id)))
            dl class="govuk-summary-list" {
                (summary_row("Inspected body", html! {
                    @match i.body_id.and_then(|id| base.body_href(id)) {
                        Some(href) => a class="govuk-link" href=(href) { (i.body_name) },
                        None => (i.body_name),
                    }
                    @if let Some(kind) = i.body_kind { " (" (kind.label()) ")" }
                }))
                @if let Some(source) = i.report_source() {
                    (summary_row("Source", html! { (source.label()) }))
                }
                (summary_row("Kind of inspection", html! { (i.kind.label()) }))
                (summary_row("Report published", components::date(i.published_on)))
                @if let Some(url) = &i.report_url {
                    (summary_row("Report", html! { a class="govuk-link" href=(url) { (report_link(i)) } }))
                }
                @if let Some(s) = &i.section_55 {
                    (summary_row("Commissioner's response (section 55)", section_55(s)))
                }
                @if let Some(r) = &i.plan_review {
                    (summary_row("Action plan review (cause of concern)", plan_review(r)))
                    (summary_row("HMICFRS revisit", html! {
                        @match r.revisit_on { Some(d) => (components::date(d)), None => "Not yet" }
                    }))
                    (summary_row("Revisit letter", html! {
                        @match r.revisit_letter_on { Some(d) => (components::date(d)), None => "Not yet published" }
                        @if let Some(url) = &r.revisit_letter_url {
                            " " a class="govuk-link" href=(url) { "Read the revisit letter" }
                        }
                    }))
                }
            }
            (super::response::responses_list(i, base))
            (super::response::files_list(i, meta.number, base))
            h2 class="govuk-heading-l" { (numbers::count(i.findings.len(), "finding", "findings")) }
            @for f in &i.findings {
                (finding(f, i))
            }
        },
    )
}

fn section_55(s: &Section55) -> Markup {
    html! {
        "Last day to publish: " (components::date(s.last_day)) ". "
        @match (s.response_published_on, s.on_time) {
            (Some(on), Some(true)) => {
                strong class="govuk-tag govuk-tag--green" { "Published on time" }
                " on " (components::date(on)) "."
            }
            (Some(on), _) => {
                strong class="govuk-tag govuk-tag--red" { "Published " (days(s.days_late.unwrap_or(0))) " late" }
                " on " (components::date(on)) "."
            }
            (None, _) => { strong class="govuk-tag govuk-tag--grey" { "Not yet published" } }
        }
        @if let Some(url) = &s.response_url {
            " " a class="govuk-link" href=(url) { "Read the Commissioner's response" }
        }
    }
}

fn plan_review(r: &PlanReview) -> Markup {
    html! {
        "HMICFRS asked the service to review its action plan by " (components::date(r.due_on))
        @if let Some(original) = r.original_due_on { " (extended from " (components::date(original)) ")" }
        ". "
        @match (r.received_on, r.on_time) {
            (Some(on), Some(true)) => {
                strong class="govuk-tag govuk-tag--green" { "Review received on time" }
                " on " (components::date(on)) "."
            }
            (Some(on), _) => {
                strong class="govuk-tag govuk-tag--red" { "Review received " (days(r.days_late.unwrap_or(0))) " late" }
                " on " (components::date(on)) "."
            }
            (None, _) => { strong class="govuk-tag govuk-tag--grey" { "Review not yet received" } }
        }
    }
}

/// Where the report is, said as its source has it published.
fn report_link(i: &Inspection) -> &'static str {
    match i.report_source().map(|s| s.source_and_body_kind().0) {
        Some(Source::Hmicfrs) => "Read the report on the HMICFRS website",
        _ => "Read the report",
    }
}

/// `i`: the finding's report, whose issuing body's voice it shows in that body's name.
fn finding(f: &Finding, i: &Inspection) -> Markup {
    let id = format!("finding-{}", f.id);
    html! {
        section class="app-finding" aria-labelledby=(id) {
            h3 class="govuk-heading-m" id=(id) { (f.kind.label()) " " (f.reference) }
            @if !f.area.is_empty() { p class="govuk-body-s app-secondary" { (f.area) } }
            p class="govuk-body-s app-secondary" { "Public summary" }
            @match &f.summary {
                Some(s) => p class="govuk-body" { (s) },
                None => p class="govuk-body app-secondary" { "Summary not yet published" },
            }
            p class="govuk-body-s" {
                "For the official wording, see "
                @if let Some(url) = &f.report_url {
                    a class="govuk-link" href=(url) { "the published report" }
                } @else { "the published report" }
                "."
            }
            dl class="govuk-summary-list" {
                (summary_row("Timescale", html! {
                    (f.timescale.label())
                    @if let Some(due) = f.due_on { " – due " (components::date(due)) }
                }))
                (summary_row("Force position", html! {
                    (rag_tag(f.voices.force_rag))
                    @if let Some(d) = f.voices.force_as_at { " as at " (components::date(d)) }
                }))
                (summary_row("PCC assurance", html! {
                    (assurance_tag(f.voices.assurance))
                    @if let Some(d) = f.voices.assessed_on { " judged " (components::date(d)) }
                }))
                (summary_row(i.position_heading(), html! {
                    (position_tag(f.voices.position))
                    @if let Some(words) = &f.voices.inspectorate_words { " – " (i.issuer()) ": “" (words) "”" }
                    @if let Some(by) = &f.voices.superseded_by { " by " (by) }
                    @if let Some(d) = f.voices.position_as_at { " as at " (components::date(d)) }
                }))
            }
            @for a in &f.actions { (action(a, f.id)) }
            (timeline(f))
        }
    }
}

fn action(a: &Action, finding_id: i64) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--s" {
                    "Action " (a.reference) ": " (a.title)
                    span class="govuk-body-s app-secondary" { " (owner: " (a.owner_role) ")" }
                    @if let Some(body) = &a.blocked_by {
                        " " strong class="govuk-tag govuk-tag--grey" { "Waiting on " (body) }
                    }
                }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Milestone" }
                        th scope="col" class="govuk-table__header" { "Original date" }
                        th scope="col" class="govuk-table__header" { "Current date" }
                        th scope="col" class="govuk-table__header" { "Slipped" }
                        th scope="col" class="govuk-table__header" { "State" }
                    }
                }
                tbody class="govuk-table__body" {
                    @if a.milestones.is_empty() {
                        tr class="govuk-table__row" { td class="govuk-table__cell" colspan="5" { "No milestones set." } }
                    }
                    @for m in &a.milestones {
                        tr class="govuk-table__row" id={ "f" (finding_id) "-milestone-" (m.id) } {
                            th scope="row" class="govuk-table__header" { (m.title) }
                            td class="govuk-table__cell" { (components::date(m.original_due_on)) }
                            td class="govuk-table__cell" { (components::date(m.current_due_on)) }
                            td class="govuk-table__cell" {
                                @if m.slip_count == 0 { "Not moved" } @else {
                                    (times(m.slip_count)) ", " (days(m.days_slipped)) " later"
                                }
                            }
                            td class="govuk-table__cell" {
                                (milestone_tag(m.state))
                                @if let Some(met) = m.met_on { " " (components::date(met)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn timeline(f: &Finding) -> Markup {
    html! {
        h4 class="govuk-heading-s" { "Published updates" }
        @if f.timeline.is_empty() {
            p class="govuk-body app-secondary" { "No updates published yet." }
        } @else {
            ol class="govuk-list app-timeline" {
                @for u in &f.timeline {
                    li {
                        (components::date(u.as_at)) " " (rag_tag(Some(u.rag)))
                        @if let Some(r) = &u.action_reference { " (" (r) ")" }
                        p class="govuk-body" { (u.summary) }
                    }
                }
            }
        }
    }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn times(n: u32) -> String {
    if n == 1 {
        "Moved once".into()
    } else {
        format!("Moved {n} times")
    }
}
