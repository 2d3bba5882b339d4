//! Withdrawn records as the office sees them: the form that withdraws one, the notice on its
//! page ("Withdrawn on D: reason") with the button that restores it, and the link to withdraw.

use maud::{Markup, html};

use super::components::date;
use super::forms;
use super::layout::{Chrome, page};
use crate::domain::withdrawals::{Withdrawable, Withdrawal};
use crate::forms::FieldErrors;
use crate::forms::withdrawals::WithdrawForm;

/// The form withdrawing the record `(what, id)` (called `title`); for a withdrawn one, the
/// notice and its Restore button instead.
pub fn withdraw_page(
    chrome: &Chrome,
    csrf_token: &str,
    (what, id): (Withdrawable, i64),
    title: &str,
    form: &WithdrawForm,
    errors: &FieldErrors,
    withdrawn: Option<&Withdrawal>,
) -> Markup {
    let heading = match withdrawn {
        Some(_) => format!("Withdrawn {}", what.noun()),
        None => format!("Withdraw this {}", what.noun()),
    };
    let path = what.path(id);
    if withdrawn.is_some() {
        return page(
            chrome,
            &heading,
            html! {
                span class="govuk-caption-l" { (title) }
                h1 class="govuk-heading-l" { (heading) }
                (notice(chrome, what, id, withdrawn))
            },
        );
    }
    html! {
        (page(chrome, &heading, html! {
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (title) }
            h1 class="govuk-heading-l" { (heading) }
            p class="govuk-body" { "Withdraw a record entered in error. It is kept and can be restored, but it leaves the dashboards, lists, search, calendar feeds, exports, open data and future editions." }
            @if !what.takes_with_it().is_empty() { p class="govuk-body" { (what.takes_with_it()) } }
            form method="post" action={ (path) "/withdraw" } novalidate {
                (forms::csrf(csrf_token))
                (forms::textarea("reason", "Why is it withdrawn?", Some("For example, entered twice by mistake"), &form.reason, errors))
                (forms::date_input("on", "Withdrawn on", Some("The date the withdrawal took effect, for example 2 3 2026"), &form.on(), errors))
                (forms::submit("Withdraw"))
            }
            @if !matches!(what, Withdrawable::Body | Withdrawable::Milestone) {
                p class="govuk-body" { a class="govuk-link" href=(path) { "Cancel" } }
            }
        }))
    }
}

/// On the page of the record `id`: when withdrawn, "Withdrawn on D: reason" and a Restore
/// button (for those who may restore); when standing, a link to withdraw it (for those who may).
pub fn notice(
    chrome: &Chrome,
    what: Withdrawable,
    id: i64,
    withdrawal: Option<&Withdrawal>,
) -> Markup {
    let path = what.path(id);
    let restore = format!("{path}/restore");
    let withdraw = format!("{path}/withdraw");
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.as_str())
        .unwrap_or("");
    html! {
        @if let Some(w) = withdrawal {
            div class="govuk-warning-text app-withdrawn" {
                span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                strong class="govuk-warning-text__text" {
                    span class="govuk-visually-hidden" { "Warning" }
                    "Withdrawn on " (date(w.withdrawn_on)) ": " (w.reason)
                }
            }
            @if chrome.may_post(&restore) {
                form method="post" action=(restore) {
                    (forms::csrf(token))
                    button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Restore" }
                }
            }
        } @else if chrome.may_open(&withdraw) {
            p class="govuk-body" {
                a class="govuk-link" href=(withdraw) { "Withdraw this " (what.noun()) " (entered in error)" }
            }
        }
    }
}
