//! The audit log page: filters, the events newest first, and the chain check's result.

use maud::{Markup, html};

use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::db::audit::{AuditRow, Verification};
use crate::domain::dates::uk_stored_instant as when;
use crate::forms::{DateParts, FieldErrors};

pub struct AuditPage<'a> {
    pub entity: &'a str,
    pub actor: &'a str,
    pub from: DateParts,
    pub to: DateParts,
    pub events: &'a [AuditRow],
    /// The link to the next page back, when there are older events.
    pub older: Option<String>,
    pub verification: Option<Verification>,
}

pub fn audit_page(chrome: &Chrome, view: &AuditPage<'_>, errors: &FieldErrors) -> Markup {
    page(
        chrome,
        "Audit log",
        html! {
            (forms::error_summary(errors))
            h1 class="govuk-heading-l" { "Audit log" }
            (verification(view.verification.as_ref()))
            form method="get" action="/admin/audit" novalidate {
                (forms::input(&Field::text("entity", "Entity (for example user, finding)", view.entity), errors))
                (forms::input(&Field::text("actor", "Who (part of an email address)", view.actor), errors))
                (forms::date_input("from", "From", None, &view.from, errors))
                (forms::date_input("to", "To", None, &view.to, errors))
                div class="govuk-button-group" {
                    (forms::submit("Filter"))
                    button type="submit" name="verify" value="1"
                        class="govuk-button govuk-button--secondary" { "Verify the chain" }
                }
            }
            (events_table(view.events))
            @if let Some(href) = &view.older {
                p class="govuk-body" { a class="govuk-link" href=(href) { "Older events" } }
            }
        },
    )
}

fn verification(result: Option<&Verification>) -> Markup {
    html! {
        @match result {
            Some(Verification::Intact { events }) => div class="govuk-inset-text app-verified" {
                strong { "The chain is intact: " } (events) " events checked, none changed."
            },
            Some(Verification::Broken { event_id, reason }) => div class="govuk-error-summary" role="alert" {
                h2 class="govuk-error-summary__title" { "The chain is broken at event " (event_id) }
                p class="govuk-body" { "Event " (event_id) ": " (reason) "." }
            },
            None => {},
        }
    }
}

fn events_table(events: &[AuditRow]) -> Markup {
    html! {
        @if events.is_empty() {
            p class="govuk-body" { "No events match." }
        } @else {
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--m" { "Events, newest first" }
                    thead class="govuk-table__head" {
                        tr class="govuk-table__row" {
                            @for heading in ["Event", "When", "Who", "What", "Action", "Change"] {
                                th scope="col" class="govuk-table__header" { (heading) }
                            }
                        }
                    }
                    tbody class="govuk-table__body" {
                        @for event in events {
                            tr class="govuk-table__row" {
                                th scope="row" class="govuk-table__header" { (event.id) }
                                td class="govuk-table__cell" { (when(&event.at)) }
                                td class="govuk-table__cell" { (event.actor) }
                                td class="govuk-table__cell" {
                                    (event.entity) @if let Some(id) = event.entity_id { " " (id) }
                                }
                                td class="govuk-table__cell" { (event.action) }
                                td class="govuk-table__cell" { (change(event)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn change(event: &AuditRow) -> Markup {
    html! {
        @for (label, value) in [("Before", &event.before), ("After", &event.after)] {
            @if let Some(value) = value {
                details class="govuk-details" {
                    summary class="govuk-details__summary" {
                        span class="govuk-details__summary-text" { (label) }
                    }
                    div class="govuk-details__text" { pre class="app-json" { (value) } }
                }
            }
        }
    }
}
