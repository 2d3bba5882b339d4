//! Action-plan items: the list and the action page (findings addressed, milestones with
//! slips, proposals, measures and the progress timeline).

use crate::views::components::summary_row;
use std::collections::HashMap;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{date, rag_tag};
use super::layout::{Chrome, page};
use super::milestones::{MilestoneLinks, schedule};
use super::{arising, forms, measures, updates};
use crate::db::actions::{ActionListRow, ActionRow, FindingChoiceRow};
use crate::db::arising::ArisingRow;
use crate::db::measures::MeasureSummaryRow;
use crate::db::milestones::Schedule;
use crate::db::proposals::ProposalRow;
use crate::db::updates::UpdateRow;
use crate::domain::numbers;
use crate::domain::schedule::Rollup;
use crate::domain::vocab::{ProposalStatus, Role};

/// A "blocked by" tag: the item waits on an external body, which is not force failure.
pub fn blocked_tag(blocked_by: Option<&str>) -> Markup {
    html! {
        @if let Some(by) = blocked_by {
            strong class="govuk-tag govuk-tag--purple" { "Blocked by " (by) }
        }
    }
}

pub fn list_page(
    chrome: &Chrome,
    role: Role,
    actions: &[ActionListRow],
    rollups: &HashMap<i64, Rollup>,
) -> Markup {
    page(
        chrome,
        "Action plan",
        html! {
            h1 class="govuk-heading-l" { "Action plan" }
            @if role.is_office() {
                p class="govuk-body" { a class="govuk-button" href="/actions/new" { "Add an action" } }
                p class="govuk-body" { a class="govuk-link" href="/proposals" { "Proposed milestone revisions" } }
            }
            (action_table(&numbers::count(actions.len(), "action-plan item", "action-plan items"), false, actions, rollups))
        },
    )
}

/// A table of action-plan items: findings, owner, the force's latest RAG and milestone
/// roll-up. `rollups` from `db::milestones::rollups_by_action` (missing = no milestones).
/// `caption_hidden` when a heading above already names the table: the caption stays for
/// screen readers without repeating the heading on screen.
pub fn action_table(
    caption: &str,
    caption_hidden: bool,
    actions: &[ActionListRow],
    rollups: &HashMap<i64, Rollup>,
) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" {
                @if caption_hidden {
                    caption class="govuk-visually-hidden" { (caption) }
                } @else {
                    caption class="govuk-table__caption govuk-table__caption--m" { (caption) }
                }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Action" }
                    th scope="col" class="govuk-table__header" { "Findings" }
                    th scope="col" class="govuk-table__header" { "Owner" }
                    th scope="col" class="govuk-table__header" { "Force RAG" }
                    th scope="col" class="govuk-table__header" { "Milestones" }
                } }
                tbody class="govuk-table__body" {
                    @for a in actions {
                        @let r = rollups.get(&a.id).copied().unwrap_or_default();
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" {
                                a class="govuk-link" href={ "/actions/" (a.id) } { (a.reference) " " (a.title) }
                                " " (blocked_tag(a.blocked_by.as_deref()))
                                @if let Some(body) = &a.body_name { br; span class="govuk-body-s app-secondary" { (body) } }
                            }
                            td class="govuk-table__cell" { (a.finding_refs) }
                            td class="govuk-table__cell" { (a.owner_role) br; (a.owner_name) }
                            td class="govuk-table__cell" {
                                (rag_tag(a.latest_rag))
                                @if let Some(at) = a.latest_as_at { br; span class="govuk-body-s" { "as at " (date(at)) } }
                            }
                            td class="govuk-table__cell" {
                                (r.milestones) " (" (r.missed) " missed)" br;
                                (numbers::count(r.slips.count, "slip", "slips")) ", " (numbers::count(r.slips.days, "day", "days"))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Everything the action page shows, already loaded.
pub struct ActionPage<'a> {
    /// Set when it was withdrawn as entered in error.
    pub withdrawal: Option<&'a crate::domain::withdrawals::Withdrawal>,
    pub action: &'a ActionRow,
    pub findings: &'a [FindingChoiceRow],
    pub schedules: &'a [Schedule],
    pub proposals: &'a [ProposalRow],
    pub updates: &'a [UpdateRow],
    /// The evidence files attached to those updates.
    pub update_files: &'a [crate::db::evidence::FileRow],
    pub measures: &'a [MeasureSummaryRow],
    pub arising: &'a [ArisingRow],
    pub today: NaiveDate,
    pub role: Role,
    /// The viewer as a possible corrector of updates, if they post updates.
    pub corrector: Option<crate::domain::updates::Corrector>,
    pub csrf_token: &'a str,
}

pub fn show_page(chrome: &Chrome, p: &ActionPage<'_>) -> Markup {
    let a = p.action;
    let office = p.role.is_office();
    page(
        chrome,
        &format!("{} {}", a.reference, a.title),
        html! {
            span class="govuk-caption-l" { "Action " (a.reference) " – " (a.body_name) }
            h1 class="govuk-heading-l" { (a.title) }
            (super::withdrawals::notice(chrome, crate::domain::withdrawals::Withdrawable::Action, a.id, p.withdrawal))
            (blocked_tag(a.blocked_by.as_deref()))
            dl class="govuk-summary-list" {
                (summary_row("Reference", html! { (a.reference) }))
                (summary_row("Description", html! { span class="app-pre" { (a.description) } }))
                (summary_row("Owner", html! { (a.owner_role) ", " (a.owner_name) }))
                (summary_row("Asked for updates by email", html! {
                    @match &a.owner_account {
                        Some(who) => (who),
                        None => "Nobody: no account is chosen",
                    }
                    @if chrome.may_open(&format!("/actions/{}/owner", a.id)) {
                        " " a class="govuk-link" href={ "/actions/" (a.id) "/owner" } {
                            "Choose" span class="govuk-visually-hidden" { " the owner's account" }
                        }
                    }
                }))
                @if let (Some(by), Some(since)) = (&a.blocked_by, a.blocked_since) {
                    (summary_row("Blocked", html! { "By " (by) " since " (date(since)) }))
                }
            }
            @if office {
                div class="govuk-button-group" {
                    a class="govuk-button govuk-button--secondary" href={ "/actions/" (a.id) "/edit" } { "Edit the action" }
                    @if a.blocked_by.is_some() {
                        form method="post" action={ "/actions/" (a.id) "/unblock" } class="app-inline-form" {
                            (forms::csrf(p.csrf_token))
                            input type="hidden" name="version" value=(a.version);
                            button type="submit" class="govuk-button govuk-button--secondary" { "Mark as no longer blocked" }
                        }
                    } @else {
                        a class="govuk-button govuk-button--secondary" href={ "/actions/" (a.id) "/block" } { "Mark as blocked" }
                    }
                }
            }
            h2 class="govuk-heading-m" { "Findings it addresses" }
            ul class="govuk-list govuk-list--bullet" {
                @for f in p.findings {
                    li {
                        a class="govuk-link" href={ "/findings/" (f.id) } { (f.inspection_title) ": " (f.kind.label()) " " (f.reference) }
                    }
                }
            }
            h2 class="govuk-heading-m" { "Milestones" }
            (schedule(p.schedules, p.today, MilestoneLinks { manage: office, propose: p.role == Role::Force }))
            @if office { p class="govuk-body" { a class="govuk-link" href={ "/actions/" (a.id) "/milestones/new" } { "Add a milestone" } } }
            (proposal_list(p.proposals))
            h2 class="govuk-heading-m" { "Actions arising from meetings" }
            @if p.arising.is_empty() {
                p class="govuk-body" { "No actions arising about this item." }
            } @else {
                (arising::arising_table(chrome, "Actions arising", p.arising, p.today, false))
            }
            h2 class="govuk-heading-m" { "Performance measures" }
            (measures::measure_list(p.measures))
            @if office { p class="govuk-body" { a class="govuk-link" href={ "/actions/" (a.id) "/measures/new" } { "Add a performance measure" } } }
            h2 class="govuk-heading-m" { "Progress updates" }
            @if p.role.can_submit_updates() {
                p class="govuk-body" { a class="govuk-button" href={ "/actions/" (a.id) "/updates/new" } { "Post an update" } }
            }
            (updates::timeline(chrome, p.updates, p.update_files, p.today, p.corrector))
            p class="govuk-body" { a class="govuk-link" href="/actions" { "All actions" } }
        },
    )
}

/// Proposed new dates for an action's milestones: pending ones, then decisions with reasons.
fn proposal_list(proposals: &[ProposalRow]) -> Markup {
    html! {
        @if !proposals.is_empty() {
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--s" { "Proposed new dates" }
                    thead class="govuk-table__head" { tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Milestone" }
                        th scope="col" class="govuk-table__header" { "Proposed date" }
                        th scope="col" class="govuk-table__header" { "Reason" }
                        th scope="col" class="govuk-table__header" { "Decision" }
                    } }
                    tbody class="govuk-table__body" {
                        @for pr in proposals {
                            tr class="govuk-table__row" {
                                td class="govuk-table__cell" { (pr.milestone_title) }
                                td class="govuk-table__cell" { (date(pr.proposed_due_on)) }
                                td class="govuk-table__cell" {
                                    strong { (pr.reason_category.label()) } ": " (pr.reason)
                                    br; span class="govuk-body-s" { "Sent by " (pr.proposed_by_name) }
                                }
                                td class="govuk-table__cell" {
                                    strong class={ "govuk-tag govuk-tag--" (match pr.status {
                                        ProposalStatus::Pending => "blue",
                                        ProposalStatus::Accepted => "green",
                                        ProposalStatus::Rejected => "red",
                                    }) } { (pr.status.label()) }
                                    @if let Some(reason) = &pr.decision_reason { br; (reason) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
