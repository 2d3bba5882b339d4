//! The scrutiny overview: the three voices side by side, what is overdue or due soon, slipped,
//! stale and blocked items, and the section 55 clock – all as at a chosen date.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{assurance_tag, date, plan_review, position_tag, rag_tag, section_55};
use super::dashboard_frame::{Frame, frame};
use super::layout::{Chrome, page};
use crate::domain::dashboard::overview::{
    DueCount, PlanReview, Scoped, Section55, VoiceCounts, is_stale, milestone_state,
};
use crate::domain::dashboard::{ActionFacts, Due, Filters};
use crate::domain::dates::{Slips, days_between};
use crate::domain::sources::ISSUING_BODY_POSITION;
use crate::domain::vocab::MilestoneState;

/// Everything the overview shows, already computed.
pub struct Overview<'a> {
    pub scoped: &'a Scoped<'a>,
    pub voices: VoiceCounts,
    pub due: Vec<DueCount>,
    pub slipped: Vec<(&'a ActionFacts, Slips)>,
    pub stale_days: i64,
    pub section_55: Vec<Section55>,
    pub plan_reviews: Vec<PlanReview>,
}

/// The overview page around its content (see [`overview_content`]).
pub fn overview_page(chrome: &Chrome, content: Markup) -> Markup {
    page(chrome, "Scrutiny dashboard", content)
}

/// Everything on the overview but the signed-in person's frame: the same for everyone who
/// asks for the same view of the same record, so it can be kept and reused.
pub fn overview_content(fr: &Frame<'_>, o: &Overview<'_>) -> Markup {
    let f = &fr.filters.common();
    {
        frame(
            fr,
            "Scrutiny dashboard",
            "/dashboard",
            html! {
                h2 class="govuk-heading-m" { "Findings: the three voices, side by side" }
                p class="govuk-body" {
                    (o.voices.total) " findings in view. Each voice is counted separately and never "
                    "combined into one score."
                }
                div class="govuk-grid-row app-voices" {
                    div class="govuk-grid-column-one-third" {
                        (count_table("Force RAG", "rag", f,
                            o.voices.rag.iter().map(|(v, n)| (rag_tag(*v), Filters { rag: Some(*v), ..f.clone() }, *n))))
                    }
                    div class="govuk-grid-column-one-third" {
                        (count_table("PCC assurance", "assurance", f,
                            o.voices.assurance.iter().map(|(v, n)| (assurance_tag(*v), Filters { assurance: Some(*v), ..f.clone() }, *n))))
                    }
                    div class="govuk-grid-column-one-third" {
                        (count_table(ISSUING_BODY_POSITION, "position", f,
                            o.voices.position.iter().map(|(v, n)| (position_tag(*v), Filters { position: Some(*v), ..f.clone() }, *n))))
                    }
                }
                (due_table(f, &o.due))
                (milestone_states(f, o.scoped))
                (slipped_table(fr, f, &o.slipped))
                (stale_table(fr, f, o.scoped, o.stale_days))
                (blocked_table(fr, f, o.scoped))
                @if !o.section_55.is_empty() || o.plan_reviews.is_empty() {
                    h2 class="govuk-heading-m" id="section-55" { "Section 55 compliance" }
                    (section_55_table(fr, &o.section_55[..o.section_55.len().min(OVERVIEW_ROWS)], o.scoped.as_at))
                    @if o.section_55.len() > OVERVIEW_ROWS {
                        p class="govuk-body" {
                            a class="govuk-link" href=(f.href("/dashboard/section-55")) { "Every report's section 55 line (" (o.section_55.len()) ")" }
                        }
                        (shown_of(o.section_55.len()))
                    }
                }
                @if !o.plan_reviews.is_empty() {
                    (plan_review_table(fr, &o.plan_reviews, o.scoped.as_at))
                }
            },
        )
    }
}

fn count_table(
    caption: &str,
    key: &str,
    _f: &Filters,
    rows: impl Iterator<Item = (Markup, Filters, usize)>,
) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" id={ "counts-" (key) } {
                caption class="govuk-table__caption govuk-table__caption--s" { (caption) }
                thead { tr { th scope="col" { "Value" } th scope="col" class="app-num" { "Findings" } } }
                tbody {
                    @for (label, link, count) in rows {
                        tr {
                            th scope="row" { (label) }
                            td class="app-num" {
                                a class="govuk-link" href=(link.href("/dashboard/findings")) {
                                    (count) span class="govuk-visually-hidden" { " findings (" (caption) ")" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn due_label(due: Due) -> String {
    match due {
        Due::Overdue => "Overdue".into(),
        Due::Within(n) => format!("Due in the next {n} days"),
    }
}

fn due_table(f: &Filters, rows: &[DueCount]) -> Markup {
    html! {
        h2 class="govuk-heading-m" { "Overdue and due soon" }
        div class="app-table-wrapper" {
            table class="govuk-table" id="due" {
                caption class="govuk-table__caption govuk-table__caption--s" {
                    "Milestones not met and actions arising not closed, by due date"
                }
                thead { tr {
                    th scope="col" { "When" }
                    th scope="col" class="app-num" { "Milestones" }
                    th scope="col" class="app-num" { "Actions arising" }
                } }
                tbody {
                    @for row in rows {
                        @let link = Filters { due: Some(row.due), ..f.clone() };
                        tr {
                            th scope="row" { (due_label(row.due)) }
                            td class="app-num" { a class="govuk-link" href=(link.href("/dashboard/milestones")) {
                                (row.milestones) span class="govuk-visually-hidden" { " milestones " (due_label(row.due).to_lowercase()) } } }
                            td class="app-num" { a class="govuk-link" href=(link.href("/dashboard/arising")) {
                                (row.arising) span class="govuk-visually-hidden" { " actions arising " (due_label(row.due).to_lowercase()) } } }
                        }
                    }
                }
            }
        }
        p class="govuk-body-s app-secondary" {
            "Each window runs from the as-at date and includes the shorter ones."
        }
    }
}

fn milestone_states(f: &Filters, s: &Scoped<'_>) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" id="milestone-states" {
                caption class="govuk-table__caption govuk-table__caption--s" { "Milestones by state" }
                thead { tr { th scope="col" { "State" } th scope="col" class="app-num" { "Milestones" } } }
                tbody {
                    @for state in MilestoneState::ALL {
                        @let n = s.milestones.iter().filter(|m| milestone_state(m, s.as_at) == *state).count();
                        @let link = Filters { status: Some(*state), ..f.clone() };
                        tr {
                            th scope="row" { (state.label()) }
                            td class="app-num" { a class="govuk-link" href=(link.href("/dashboard/milestones")) {
                                (n) span class="govuk-visually-hidden" { " milestones " (state.label().to_lowercase()) } } }
                        }
                    }
                }
            }
        }
    }
}

/// The most rows an overview table shows; its link leads to the full list. A national record
/// has tens of thousands of items, which belong on the list pages, not the overview.
pub const OVERVIEW_ROWS: usize = 25;

/// "Showing the first 25 of 3,000." under a table cut short, nothing otherwise.
fn shown_of(total: usize) -> Markup {
    html! {
        @if total > OVERVIEW_ROWS {
            p class="govuk-body-s app-secondary" {
                "Showing the first " (OVERVIEW_ROWS) " of " (total) "; the link above lists them all."
            }
        }
    }
}

/// "1 stale item", "3 stale items".
fn items(n: usize, what: &str) -> String {
    format!("{n} {what} item{}", if n == 1 { "" } else { "s" })
}

fn action_link(a: &ActionFacts) -> Markup {
    html! { a class="govuk-link" href={ "/actions/" (a.id) } { (a.reference) " " (a.title) } }
}

fn slipped_table(fr: &Frame<'_>, f: &Filters, slipped: &[(&ActionFacts, Slips)]) -> Markup {
    let link = Filters {
        show: Some(crate::domain::dashboard::Show::Slipped),
        ..f.clone()
    };
    html! {
        h2 class="govuk-heading-m" id="slipped" { "Slipped items" }
        @if slipped.is_empty() {
            p class="govuk-body" { "No milestone has slipped." }
        } @else {
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--s" {
                        "Action-plan items whose milestones have moved later"
                    }
                    thead { tr {
                        th scope="col" { "Action" }
                        @if fr.shows_body() { th scope="col" { "Body" } }
                        th scope="col" class="app-num" { "Slips" }
                        th scope="col" class="app-num" { "Days slipped" }
                    } }
                    tbody {
                        @for (a, s) in slipped.iter().take(OVERVIEW_ROWS) {
                            tr { td { (action_link(a)) } @if fr.shows_body() { td { (fr.body_name(Some(a.body_id))) } } td class="app-num" { (s.count) } td class="app-num" { (s.days) } }
                        }
                    }
                }
            }
        }
        p class="govuk-body" { a class="govuk-link" href=(link.href("/dashboard/actions")) { "List of slipped items (" (slipped.len()) ")" } }
        (shown_of(slipped.len()))
    }
}

fn stale_table(fr: &Frame<'_>, f: &Filters, s: &Scoped<'_>, stale_days: i64) -> Markup {
    let stale: Vec<&&ActionFacts> = s
        .actions
        .iter()
        .filter(|a| is_stale(a, s.as_at, stale_days))
        .collect();
    let link = Filters {
        show: Some(crate::domain::dashboard::Show::Stale),
        ..f.clone()
    };
    html! {
        h2 class="govuk-heading-m" id="stale" { "Stale items" }
        p class="govuk-body" {
            "No update for more than " (stale_days) " days (complete items are never stale). "
            a class="govuk-link" href=(link.href("/dashboard/actions")) { (items(stale.len(), "stale")) }
        }
        @if !stale.is_empty() {
            div class="app-table-wrapper" {
                table class="govuk-table app-table--stack" {
                    caption class="govuk-visually-hidden" { "Stale action-plan items" }
                    thead { tr { th scope="col" { "Action" } @if fr.shows_body() { th scope="col" { "Body" } } th scope="col" { "Owner" } th scope="col" { "Last update" } th scope="col" class="app-num" { "Days since" } } }
                    tbody {
                        @for a in stale.iter().take(OVERVIEW_ROWS) {
                            @let last = a.latest_as_at.or(a.created_on);
                            tr {
                                td data-label="Action" { (action_link(a)) }
                                @if fr.shows_body() { td data-label="Body" { (fr.body_name(Some(a.body_id))) } }
                                td data-label="Owner" { (a.owner()) }
                                td data-label="Last update" { @match a.latest_as_at { Some(d) => (date(d)), None => "None yet" } }
                                td class="app-num" data-label="Days since" { @if let Some(l) = last { (days_between(l, s.as_at)) } }
                            }
                        }
                    }
                }
            }
            (shown_of(stale.len()))
        }
    }
}

fn blocked_table(fr: &Frame<'_>, f: &Filters, s: &Scoped<'_>) -> Markup {
    let blocked: Vec<&&ActionFacts> = s
        .actions
        .iter()
        .filter(|a| a.blocked_by.is_some())
        .collect();
    let link = Filters {
        show: Some(crate::domain::dashboard::Show::Blocked),
        ..f.clone()
    };
    html! {
        h2 class="govuk-heading-m" id="blocked" { "Blocked by external bodies" }
        p class="govuk-body" { a class="govuk-link" href=(link.href("/dashboard/actions")) { (items(blocked.len(), "blocked")) } }
        @if !blocked.is_empty() {
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-visually-hidden" { "Blocked action-plan items" }
                    thead { tr { th scope="col" { "Action" } @if fr.shows_body() { th scope="col" { "Body" } } th scope="col" { "Blocked by" } th scope="col" { "Since" } } }
                    tbody {
                        @for a in blocked.iter().take(OVERVIEW_ROWS) {
                            tr {
                                td { (action_link(a)) }
                                @if fr.shows_body() { td { (fr.body_name(Some(a.body_id))) } }
                                td { (a.blocked_by.as_deref().unwrap_or_default()) }
                                td { @if let Some(d) = a.blocked_since { (date(d)) } }
                            }
                        }
                    }
                }
            }
            (shown_of(blocked.len()))
        }
    }
}

/// The section 55 line of each of `rows`: awaiting a response first (see
/// [`crate::domain::dashboard::overview::section_55`]).
pub fn section_55_table(fr: &Frame<'_>, rows: &[Section55], as_at: NaiveDate) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table app-table--stack" {
                caption class="govuk-table__caption govuk-table__caption--s" {
                    "The PCC's published response to each report (56 days, Police Act 1996 s55)"
                }
                thead { tr {
                    th scope="col" { "Report" }
                    @if fr.shows_body() { th scope="col" { "Body" } }
                    th scope="col" { "Last day" }
                    th scope="col" { "Response published" }
                    th scope="col" { "Status" }
                } }
                tbody {
                    @for r in rows {
                        tr {
                            td data-label="Report" { a class="govuk-link" href={ "/inspections/" (r.inspection_id) } { (r.title) } }
                            @if fr.shows_body() { td data-label="Body" { (fr.body_name(Some(r.body_id))) } }
                            td data-label="Last day" { (date(r.last_day)) }
                            td data-label="Response published" { @match r.response_published_on { Some(d) => (date(d)), None => "Not yet" } }
                            td data-label="Status" { (section_55(r.published_on, r.response_published_on, as_at)) }
                        }
                    }
                }
            }
        }
    }
}

fn plan_review_table(fr: &Frame<'_>, rows: &[PlanReview], as_at: NaiveDate) -> Markup {
    html! {
        h2 class="govuk-heading-m" id="plan-review" { "Fire causes of concern: action plan review" }
        div class="app-table-wrapper" {
            table class="govuk-table app-table--stack" {
                caption class="govuk-table__caption govuk-table__caption--s" {
                    "The service's review of its action plan, due 28 days after each fire report with a cause of concern"
                }
                thead { tr {
                    th scope="col" { "Report" }
                    @if fr.shows_body() { th scope="col" { "Body" } }
                    th scope="col" { "Review due" }
                    th scope="col" { "Review received" }
                    th scope="col" { "Status" }
                } }
                tbody {
                    @for r in rows {
                        tr {
                            td data-label="Report" { a class="govuk-link" href={ "/inspections/" (r.inspection_id) } { (r.title) } }
                            @if fr.shows_body() { td data-label="Body" { (fr.body_name(Some(r.body_id))) } }
                            td data-label="Review due" { (date(r.due)) }
                            td data-label="Review received" { @match r.received_on { Some(d) => (date(d)), None => "Not yet" } }
                            td data-label="Status" { (plan_review(r.published_on, r.extended_to, r.received_on, as_at)) }
                        }
                    }
                }
            }
        }
    }
}
