//! Milestones: the schedule table with slips and revision history (shared by action pages),
//! the roll-up line, and the forms to add, revise, propose a revision to and meet a milestone.

use crate::views::components::summary_row;
use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{date, milestone_tag};
use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::db::milestones::{MilestoneRow, RevisionRow, Schedule};
use crate::domain::dates;
use crate::domain::numbers;
use crate::domain::schedule::Rollup;
use crate::domain::vocab::ReasonCategory;
use crate::forms::FieldErrors;
use crate::forms::milestones::MilestoneForm;

/// Which milestone links the viewer may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MilestoneLinks {
    /// Revise and mark met (the office).
    pub manage: bool,
    /// Propose a revision (the force).
    pub propose: bool,
}

/// One line summing up milestones: how many, their states and total slips.
pub fn rollup_summary(r: &Rollup) -> Markup {
    html! {
        p class="govuk-body app-rollup" {
            @if r.milestones == 0 {
                "No milestones yet."
            } @else {
                (numbers::count(r.milestones, "milestone", "milestones")) ": "
                (numbers::thousands(r.met.into())) " met, " (numbers::thousands(r.met_late.into())) " met late, "
                (numbers::thousands(r.missed.into())) " missed, " (numbers::thousands(r.scheduled.into())) " scheduled. "
                strong {
                    (numbers::count(r.slips.count, "slip", "slips")) ", "
                    (numbers::count(r.slips.days, "day", "days")) " slipped in total."
                }
                @if let Some(since) = r.overdue_since { " Overdue since " (date(since)) "." }
                @if let Some(next) = r.next_due { " Next due " (date(next)) "." }
            }
        }
    }
}

/// The milestones of an action: dates, slips, state as at `today`, and each revision's reason.
pub fn schedule(schedules: &[Schedule], today: NaiveDate, links: MilestoneLinks) -> Markup {
    let dates: Vec<_> = schedules.iter().map(Schedule::dates).collect();
    html! {
        (rollup_summary(&Rollup::of(&dates, today)))
        @for s in schedules { (milestone(s, today, links)) }
    }
}

/// One milestone: original and current date, slips, state, revisions and what may be done.
pub fn milestone(s: &Schedule, today: NaiveDate, links: MilestoneLinks) -> Markup {
    let m = &s.milestone;
    let d = s.dates();
    let slips = d.slips();
    // A met milestone is finished: its dates are history, not plans.
    let open = m.met_on.is_none();
    html! {
        div class="app-milestone" id={ "milestone-" (m.id) } {
            h3 class="govuk-heading-s" { (m.title) " " (milestone_tag(d.state(today))) }
            dl class="govuk-summary-list" {
                (summary_row("Original due date", date(m.original_due_on)))
                (summary_row("Current due date", date(m.current_due_on)))
                (summary_row("Slips", html! { (slips.count) }))
                (summary_row("Days slipped", html! { (slips.days) }))
                @if let Some(met) = m.met_on { (summary_row("Met on", date(met))) }
            }
            @if !s.revisions.is_empty() { (revision_table(&s.revisions)) }
            @if let (Some(on), Some(reason)) = (m.withdrawn_on, &m.withdrawal_reason) {
                p class="govuk-body app-withdrawn" {
                    strong { "Withdrawn on " (date(on)) ": " (reason) }
                    @if links.manage { " · " a class="govuk-link" href={ "/milestones/" (m.id) "/withdraw" } { "Restore" span class="govuk-visually-hidden" { " " (m.title) } } }
                }
            }
            @if links.manage && m.withdrawn_on.is_none() {
                p class="govuk-body-s" {
                    a class="govuk-link" href={ "/milestones/" (m.id) "/withdraw" } { "Withdraw (entered in error)" span class="govuk-visually-hidden" { ": " (m.title) } }
                }
            }
            p class="govuk-body" {
                @if links.manage && open {
                    a class="govuk-link" href={ "/milestones/" (m.id) "/revise" } { "Revise the date" span class="govuk-visually-hidden" { " of " (m.title) } }
                    " · " a class="govuk-link" href={ "/milestones/" (m.id) "/met" } { "Mark as met" span class="govuk-visually-hidden" { ": " (m.title) } }
                }
                @if links.manage && !open {
                    a class="govuk-link" href={ "/milestones/" (m.id) "/unmet" } { "Undo met" span class="govuk-visually-hidden" { ": " (m.title) } }
                }
                @if links.propose && open {
                    a class="govuk-link" href={ "/milestones/" (m.id) "/propose" } { "Propose a new date" span class="govuk-visually-hidden" { " for " (m.title) } }
                }
            }
        }
    }
}

/// A milestone's revisions, oldest first, with reasons and who asked and accepted.
pub fn revision_table(revisions: &[RevisionRow]) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--s" { "Revision history" }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "From" }
                    th scope="col" class="govuk-table__header" { "To" }
                    th scope="col" class="govuk-table__header" { "Reason" }
                    th scope="col" class="govuk-table__header" { "Asked by / accepted by" }
                    th scope="col" class="govuk-table__header" { "Decided on" }
                } }
                tbody class="govuk-table__body" {
                    @for r in revisions {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (date(r.previous_due_on)) }
                            td class="govuk-table__cell" { (date(r.new_due_on)) }
                            td class="govuk-table__cell" { strong { (r.reason_category.label()) } ": " (r.reason) }
                            td class="govuk-table__cell" {
                                (r.requested_by) " / " (r.accepted_by_name)
                            }
                            // When it took effect; the audit log keeps when it was typed.
                            td class="govuk-table__cell" { (date(r.decided_on)) }
                        }
                    }
                }
            }
        }
    }
}

/// Which milestone form to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneFormKind {
    Add,
    Revise,
    Propose,
    Met,
    UndoMet,
}

/// Title, form target, date label and button of each milestone form.
fn labels(
    kind: MilestoneFormKind,
    action_id: i64,
    milestone: Option<&MilestoneRow>,
) -> (&'static str, String, &'static str, &'static str) {
    use MilestoneFormKind::*;
    match (kind, milestone) {
        (Revise, Some(m)) => (
            "Revise a milestone date",
            format!("/milestones/{}/revise", m.id),
            "New due date",
            "Save revision",
        ),
        (Propose, Some(m)) => (
            "Propose a new milestone date",
            format!("/milestones/{}/propose", m.id),
            "Proposed due date",
            "Send proposal",
        ),
        (UndoMet, Some(m)) => (
            "Undo a wrong \"met\"",
            format!("/milestones/{}/unmet", m.id),
            "",
            "Undo met",
        ),
        (Met, Some(m)) => (
            "Mark a milestone as met",
            format!("/milestones/{}/met", m.id),
            "Date met",
            "Mark as met",
        ),
        _ => (
            "Add a milestone",
            format!("/actions/{action_id}/milestones"),
            "Due date",
            "Add milestone",
        ),
    }
}

/// A milestone form. `milestone` is the one being changed (absent when adding).
pub fn milestone_form_page(
    chrome: &Chrome,
    csrf_token: &str,
    kind: MilestoneFormKind,
    action: (i64, &str),
    milestone: Option<&MilestoneRow>,
    form: &MilestoneForm,
    errors: &FieldErrors,
) -> Markup {
    use MilestoneFormKind::*;
    let (title, post, date_label, button) = labels(kind, action.0, milestone);
    let reasons: Vec<(&str, &str)> = ReasonCategory::ALL
        .iter()
        .map(|r| (r.as_str(), r.label()))
        .collect();
    page(
        chrome,
        title,
        html! {
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (action.1) }
            h1 class="govuk-heading-l" { (title) }
            @if let Some(m) = milestone {
                p class="govuk-body" {
                    strong { (m.title) } ". Original due date " (date(m.original_due_on))
                    "; currently due " (date(m.current_due_on)) "."
                }
            }
            form method="post" action=(post) novalidate {
                (forms::csrf(csrf_token))
                @if kind == Add {
                    (forms::input(&Field::text("title", "Title", &form.title), errors))
                }
                @if kind == UndoMet {
                    @if let Some(met) = milestone.and_then(|m| m.met_on) {
                        p class="govuk-body" { "It is recorded as met on " (date(met)) ". Undoing it puts the milestone back to scheduled or missed as its dates say; the audit log keeps the met date and your reason." }
                    }
                    (forms::textarea("reason", "Why was it not met?", Some("For example, marked met on the wrong milestone"), &form.reason, errors))
                } @else {
                    (forms::date_input("date", date_label, Some("For example, 31 3 2022"), &form.date(), errors))
                }
                @if matches!(kind, Revise | Propose) {
                    (forms::radios("reason_category", "Reason category", &reasons, &form.reason_category, errors))
                    (forms::textarea("reason", "Reason", None, &form.reason, errors))
                    (forms::input(&Field {
                        hint: Some("Who asked for the new date, for example the force's head of public protection"),
                        ..Field::text("requested_by", "Requested by", &form.requested_by)
                    }, errors))
                }
                @if kind == Revise {
                    (forms::date_input("decided_on", "Decided on", Some("Today, or the day it was decided if you are entering past history. For example, 27 3 2023"), &form.decided_on(), errors))
                }
                (forms::submit(button))
            }
            p class="govuk-body" {
                a class="govuk-link" href={ "/actions/" (action.0) } { "Back to the action" }
            }
            @if kind == Revise {
                p class="govuk-body-s app-secondary" {
                    "The original date " (milestone.map(|m| dates::uk_date(m.original_due_on)).unwrap_or_default())
                    " never changes; every revision is kept and counted as a slip when it moves the date later."
                }
            }
        },
    )
}
