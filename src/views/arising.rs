//! Actions arising: the reusable table (`arising_table`, also for the finding and action
//! pages), the list of all of them, and the add and progress forms.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components;
use super::forms::{self, Field};
use super::layout::{Chrome, page};
use super::meeting_forms::{FormContext, clashes, subject_options};
use crate::db::arising::ArisingRow;
use crate::db::meetings::LinkOption;
use crate::domain::meetings::arising_overdue;
use crate::domain::vocab::ArisingStatus;
use crate::forms::FieldErrors;
use crate::forms::arising::ArisingForm;

fn status_cell(x: &ArisingRow, today: NaiveDate) -> Markup {
    html! {
        (x.status.label())
        @if arising_overdue(x.due_on, x.status, today) {
            " " strong class="govuk-tag govuk-tag--red" { "Overdue" }
        }
        @if let Some(d) = x.closed_on { br; "Closed " (components::date(d)) }
    }
}

/// A table of actions arising, flagging overdue ones (due before `today` and not closed).
/// Reusable: pass rows from `db::arising::list_for_finding` / `list_for_action`.
pub fn arising_table(
    chrome: &Chrome,
    caption: &str,
    rows: &[ArisingRow],
    today: NaiveDate,
    can_edit: bool,
) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table app-arising" {
                caption class="govuk-table__caption govuk-table__caption--s" { (caption) }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Action arising" }
                    th scope="col" class="govuk-table__header" { "Owner" }
                    th scope="col" class="govuk-table__header" { "Due" }
                    th scope="col" class="govuk-table__header" { "Status" }
                    th scope="col" class="govuk-table__header" { "Response" }
                } }
                tbody class="govuk-table__body" {
                    @for x in rows { tr class="govuk-table__row" id={ "arising-" (x.id) } {
                        td class="govuk-table__cell" {
                            (x.description) br;
                            span class="govuk-body-s app-secondary" {
                                "From "
                                @if x.meeting_seen {
                                    (components::link(chrome, &format!("/meetings/{}", x.meeting_id), &x.meeting_title))
                                } @else {
                                    (x.meeting_title)
                                }
                                @if let (Some(id), Some(r)) = (x.finding_id, &x.finding_reference) {
                                    " · " a class="govuk-link" href={ "/findings/" (id) } { "Finding " (r) }
                                }
                                @if let (Some(id), Some(r)) = (x.action_id, &x.action_reference) {
                                    " · " a class="govuk-link" href={ "/actions/" (id) } { "Action " (r) }
                                }
                            }
                            @if can_edit {
                                br; a class="govuk-link" href={ "/actions-arising/" (x.id) "/edit" } {
                                    "Update" span class="govuk-visually-hidden" { " action arising " (x.id) }
                                }
                            }
                        }
                        td class="govuk-table__cell" { (x.owner) }
                        td class="govuk-table__cell" { (components::date(x.due_on)) }
                        td class="govuk-table__cell" { (status_cell(x, today)) }
                        td class="govuk-table__cell" { (x.response.as_deref().unwrap_or("")) }
                    } }
                    @if rows.is_empty() { tr class="govuk-table__row" {
                        td class="govuk-table__cell" colspan="5" { "No actions arising." }
                    } }
                }
            }
        }
    }
}

pub fn index_page(
    chrome: &Chrome,
    rows: &[ArisingRow],
    today: NaiveDate,
    can_edit: bool,
) -> Markup {
    let overdue = rows
        .iter()
        .filter(|x| arising_overdue(x.due_on, x.status, today))
        .count();
    page(
        chrome,
        "Actions arising",
        html! {
            h1 class="govuk-heading-l" { "Actions arising" }
            p class="govuk-body" { (overdue) " overdue (due before today and not closed)." }
            (arising_table(chrome, "Every action arising from meetings", rows, today, can_edit))
        },
    )
}

/// The add form (`links` given) or the progress form (`links` empty: status and response).
pub fn arising_form_page(
    chrome: &Chrome,
    ctx: &FormContext<'_>,
    links: Option<&[LinkOption]>,
    f: &ArisingForm,
    errors: &FieldErrors,
) -> Markup {
    let (due, closed) = (f.due(), f.closed());
    let statuses: Vec<(&str, &str)> = ArisingStatus::ALL
        .iter()
        .map(|s| (s.as_str(), s.label()))
        .collect();
    page(
        chrome,
        ctx.heading,
        html! {
            h1 class="govuk-heading-l" { (ctx.heading) }
            @if let Some(conflict) = &ctx.conflict { (conflict) }
            (forms::error_summary(errors))
            form method="post" action=(ctx.action) novalidate {
                (forms::csrf(ctx.csrf_token))
                input type="hidden" name="version" value=(f.version);
                (forms::textarea("description", "What was asked", None, &f.description, errors))
                (forms::input(&Field::text("owner", "Owner", &f.owner), errors))
                (forms::date_input("due", "Due date", None, &due, errors))
                @if let Some(links) = links {
                    (forms::grouped_select("link", "About a finding or action (optional)", &subject_options(links), &f.link, Some("None"), errors))
                } @else {
                    (forms::radios("status", "Status", &statuses, &f.status, errors))
                    (forms::textarea("response", "Response received", None, &f.response, errors))
                    (forms::date_input("closed", "Closure date", Some("Required when closed; leave blank otherwise."), &closed, errors))
                }
                (forms::submit("Save action arising"))
            }
        },
    )
}

/// Both versions of an action arising, after someone else saved it first.
pub fn arising_clash(saved: &ArisingForm, typed: &ArisingForm) -> Markup {
    let date = |d: &str, m: &str, y: &str| format!("{d}/{m}/{y}");
    let due = |f: &ArisingForm| date(&f.due_day, &f.due_month, &f.due_year);
    let closed = |f: &ArisingForm| date(&f.closed_day, &f.closed_month, &f.closed_year);
    forms::conflict_summary(&clashes(&[
        ("What was asked", &saved.description, &typed.description),
        ("Owner", &saved.owner, &typed.owner),
        ("Due date", &due(saved), &due(typed)),
        ("Status", &saved.status, &typed.status),
        ("Response", &saved.response, &typed.response),
        ("Closure date", &closed(saved), &closed(typed)),
    ]))
}
