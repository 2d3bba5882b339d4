//! Proposals to move milestone dates: the office's list of pending ones, and the reject form.

use maud::{Markup, html};

use super::components::date;
use super::forms;
use super::layout::{Chrome, page};
use crate::db::proposals::ProposalRow;
use crate::forms::milestones::RejectForm;
use crate::forms::{DateParts, FieldErrors};

fn summary(p: &ProposalRow) -> Markup {
    html! {
        dl class="govuk-summary-list" {
            div class="govuk-summary-list__row" {
                dt class="govuk-summary-list__key" { "Action" }
                dd class="govuk-summary-list__value" {
                    a class="govuk-link" href={ "/actions/" (p.action_id) } { (p.action_reference) " " (p.action_title) }
                }
            }
            div class="govuk-summary-list__row" {
                dt class="govuk-summary-list__key" { "Dates" }
                dd class="govuk-summary-list__value" {
                    "Original " (date(p.original_due_on)) ", currently " (date(p.current_due_on))
                    ", proposed " strong { (date(p.proposed_due_on)) }
                }
            }
            div class="govuk-summary-list__row" {
                dt class="govuk-summary-list__key" { "Reason" }
                dd class="govuk-summary-list__value" { strong { (p.reason_category.label()) } ": " (p.reason) }
            }
            div class="govuk-summary-list__row" {
                dt class="govuk-summary-list__key" { "Requested by" }
                dd class="govuk-summary-list__value" {
                    (p.requested_by) " (sent by " (p.proposed_by_name) ", " (crate::domain::dates::uk_stored_instant(&p.proposed_at)) ")"
                }
            }
        }
    }
}

/// Every pending proposal with buttons to accept or reject it – but not to accept one the
/// viewer (`viewer_id`) sent: someone else must. `decided_on(id)`: the decision date shown
/// for a proposal. `errors`: why a decision was refused.
pub fn proposals_page(
    chrome: &Chrome,
    csrf_token: &str,
    proposals: &[ProposalRow],
    viewer_id: i64,
    decided_on: impl Fn(i64) -> DateParts,
    errors: &FieldErrors,
) -> Markup {
    let none = FieldErrors::default();
    page(
        chrome,
        "Proposed milestone revisions",
        html! {
            (forms::error_summary(errors))
            h1 class="govuk-heading-l" id="proposal" { "Proposed milestone revisions" }
            @if proposals.is_empty() {
                p class="govuk-body" { "There are no proposals waiting for a decision." }
            }
            @for p in proposals {
                section class="app-proposal" id={ "proposal-" (p.id) } aria-labelledby={ "proposal-" (p.id) "-title" } {
                    h2 class="govuk-heading-m" id={ "proposal-" (p.id) "-title" } { (p.milestone_title) }
                    (summary(p))
                    div class="govuk-button-group" {
                        @if p.proposed_by == viewer_id {
                            p class="govuk-body" { "You sent this proposal, so someone else in the office must accept it." }
                        } @else {
                            form method="post" action={ "/proposals/" (p.id) "/accept" } novalidate {
                                (forms::csrf(csrf_token))
                                // One date field per proposal: the first keeps the field's own
                                // id (where the error summary links), the rest are numbered.
                                @let first = proposals.first().map(|f| f.id) == Some(p.id);
                                @let id = if first { "decided_on".to_string() } else { format!("proposal-{}-decided_on", p.id) };
                                (forms::date_input_as(&id, "decided_on", "Decided on",
                                    None, &decided_on(p.id), if first { errors } else { &none }))
                                button type="submit" class="govuk-button" {
                                    "Accept" span class="govuk-visually-hidden" { " the new date for " (p.milestone_title) }
                                }
                            }
                        }
                        a class="govuk-link" href={ "/proposals/" (p.id) "/reject" } {
                            "Reject" span class="govuk-visually-hidden" { " the new date for " (p.milestone_title) }
                        }
                    }
                }
            }
        },
    )
}

pub fn reject_page(
    chrome: &Chrome,
    csrf_token: &str,
    p: &ProposalRow,
    form: &RejectForm,
    errors: &FieldErrors,
) -> Markup {
    page(
        chrome,
        "Reject a proposed revision",
        html! {
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (p.milestone_title) }
            h1 class="govuk-heading-l" { "Reject a proposed revision" }
            (summary(p))
            form method="post" action={ "/proposals/" (p.id) "/reject" } novalidate {
                (forms::csrf(csrf_token))
                (forms::textarea("decision_reason", "Why is it rejected?", Some("The force will see this reason."), &form.decision_reason, errors))
                (forms::date_input("decided_on", "Decided on", Some("Today, or the day it was decided if you are entering past history. For example, 27 3 2023"), &form.decided_on(), errors))
                (forms::submit("Reject proposal"))
            }
            p class="govuk-body" { a class="govuk-link" href="/proposals" { "Back to proposals" } }
        },
    )
}
