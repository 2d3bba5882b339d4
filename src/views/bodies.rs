//! The office's inspected body pages: the list with what each body holds, the form for a new
//! or edited body, and the form that merges a duplicate into another body.

use maud::{Markup, html};

use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::db::bodies::{BodyRow, BodySummaryRow};
use crate::domain::numbers;
use crate::domain::vocab::BodyKind;
use crate::forms::FieldErrors;
use crate::forms::bodies::{BodyForm, MergeForm};

pub fn bodies_page(chrome: &Chrome, bodies: &[BodySummaryRow]) -> Markup {
    page(
        chrome,
        "Inspected bodies",
        html! {
            h1 class="govuk-heading-l" { "Inspected bodies" }
            p class="govuk-body" {
                "The police forces, fire and rescue services and other organisations whose "
                "inspections the office follows. Force users see only the bodies they belong to."
            }
            a class="govuk-button" href="/bodies/new" { "Add a body" }
            @if bodies.is_empty() {
                p class="govuk-body" { "No bodies have been added yet." }
            } @else {
                div class="app-table-wrapper" {
                    table class="govuk-table" {
                        caption class="govuk-table__caption govuk-table__caption--m" { "Bodies" }
                        thead class="govuk-table__head" {
                            tr class="govuk-table__row" {
                                th scope="col" class="govuk-table__header" { "Name" }
                                th scope="col" class="govuk-table__header" { "Kind" }
                                th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Inspections" }
                                th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Actions" }
                                th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Users" }
                                th scope="col" class="govuk-table__header" { "Chief officer lead" }
                                th scope="col" class="govuk-table__header" { span class="govuk-visually-hidden" { "Change" } }
                            }
                        }
                        tbody class="govuk-table__body" {
                            @for b in bodies { (body_row(b)) }
                        }
                    }
                }
            }
        },
    )
}

fn body_row(b: &BodySummaryRow) -> Markup {
    html! {
        tr class="govuk-table__row" {
            th scope="row" class="govuk-table__header" {
                (b.name)
                @if let Some(on) = b.withdrawn_on { " " strong class="govuk-tag govuk-tag--grey" { "Withdrawn " (crate::domain::dates::uk_date(on)) } }
            }
            td class="govuk-table__cell" { (b.kind.label()) }
            td class="govuk-table__cell govuk-table__cell--numeric" { (b.inspections) }
            td class="govuk-table__cell govuk-table__cell--numeric" { (b.actions) }
            td class="govuk-table__cell govuk-table__cell--numeric" { (b.members) }
            td class="govuk-table__cell" {
                (b.lead.as_deref().unwrap_or("None chosen")) " "
                a class="govuk-link" href={ "/bodies/" (b.id) "/lead" } {
                    "Choose" span class="govuk-visually-hidden" { " the chief officer lead of " (b.name) }
                }
            }
            td class="govuk-table__cell" {
                a class="govuk-link" href={ "/bodies/" (b.id) "/edit" } {
                    "Edit" span class="govuk-visually-hidden" { " " (b.name) }
                }
                " | "
                a class="govuk-link" href={ "/bodies/" (b.id) "/merge" } {
                    "Merge" span class="govuk-visually-hidden" { " " (b.name) " into another body" }
                }
                " | "
                a class="govuk-link" href={ "/bodies/" (b.id) "/withdraw" } {
                    @if b.withdrawn_on.is_some() { "Restore" } @else { "Withdraw" }
                    span class="govuk-visually-hidden" { " " (b.name) }
                }
            }
        }
    }
}

fn kind_options() -> Vec<(&'static str, &'static str)> {
    BodyKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect()
}

/// Add (`body` None) or edit a body.
pub fn body_form_page(
    chrome: &Chrome,
    csrf_token: &str,
    body: Option<&BodyRow>,
    values: &BodyForm,
    errors: &FieldErrors,
) -> Markup {
    let (title, action, button) = match body {
        Some(b) => (
            format!("Edit {}", b.name),
            format!("/bodies/{}", b.id),
            "Save changes",
        ),
        None => (
            "Add an inspected body".to_string(),
            "/bodies".to_string(),
            "Add body",
        ),
    };
    page(
        chrome,
        &title,
        html! {
            (forms::error_summary(errors))
            span class="govuk-caption-l" { "Inspected bodies" }
            h1 class="govuk-heading-l app-break" { (title) }
            form method="post" action=(action) novalidate {
                (forms::csrf(csrf_token))
                (forms::input(&Field {
                    hint: Some("As it is written in inspection reports, for example Derbyshire Constabulary"),
                    ..Field::text("name", "Name", &values.name)
                }, errors))
                (forms::radios("kind", "Kind of body", &kind_options(), &values.kind, errors))
                (forms::submit(button))
            }
            p class="govuk-body" { a class="govuk-link" href="/bodies" { "Back to inspected bodies" } }
        },
    )
}

/// What the merge form shows: the duplicate and the bodies it may merge into.
pub struct MergePage<'a> {
    pub csrf_token: &'a str,
    pub body: &'a BodySummaryRow,
    pub others: &'a [BodySummaryRow],
}

pub fn merge_page(
    chrome: &Chrome,
    p: &MergePage<'_>,
    values: &MergeForm,
    errors: &FieldErrors,
) -> Markup {
    let b = p.body;
    let title = format!("Merge {} into another body", b.name);
    let targets: Vec<(String, String)> = p
        .others
        .iter()
        .map(|o| (o.id.to_string(), format!("{} ({})", o.name, o.kind.label())))
        .collect();
    page(
        chrome,
        &title,
        html! {
            (forms::error_summary(errors))
            span class="govuk-caption-l" { "Inspected bodies" }
            h1 class="govuk-heading-l app-break" { (title) }
            p class="govuk-body" { "Use this when the same body was added twice. Merging moves to the body you choose:" }
            ul class="govuk-list govuk-list--bullet" {
                li { (numbers::count(b.inspections, "inspection", "inspections")) }
                li { (numbers::count(b.actions, "action", "actions")) }
                li { "the " (numbers::count(b.members, "user", "users")) " who belong to it" }
            }
            p class="govuk-body" { "Then " (b.name) " is removed. The audit log keeps a record of the merge." }
            @if targets.is_empty() {
                p class="govuk-body" { "There is no other body to merge it into." }
            } @else {
                form method="post" action={ "/bodies/" (b.id) "/merge" } novalidate {
                    (forms::csrf(p.csrf_token))
                    (forms::select("target_id", "Merge into", &targets, &values.target_id, Some("Choose a body"), errors))
                    (confirm_box(&b.name, values, errors))
                    button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" { "Merge bodies" }
                }
            }
            p class="govuk-body" { a class="govuk-link" href="/bodies" { "Back to inspected bodies" } }
        },
    )
}

fn confirm_box(name: &str, values: &MergeForm, errors: &FieldErrors) -> Markup {
    let message = errors.get("confirm");
    html! {
        div class={ "govuk-form-group" @if message.is_some() { " govuk-form-group--error" } } {
            fieldset class="govuk-fieldset" aria-describedby=[message.map(|_| "confirm-error")] {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Confirm the merge" }
                @if let Some(message) = message {
                    p class="govuk-error-message" id="confirm-error" {
                        span class="govuk-visually-hidden" { "Error: " } (message)
                    }
                }
                div class="govuk-checkboxes govuk-checkboxes--small" {
                    div class="govuk-checkboxes__item" {
                        input class="govuk-checkboxes__input" type="checkbox" id="confirm" name="confirm"
                            value="yes" checked[values.confirm == "yes"];
                        label class="govuk-label govuk-checkboxes__label" for="confirm" {
                            "I understand that " (name) " is removed and cannot be brought back"
                        }
                    }
                }
            }
        }
    }
}
