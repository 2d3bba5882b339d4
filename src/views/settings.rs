//! The administrator's settings form: the office's name, brand colour, when updates go stale.

use maud::{Markup, html};

use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::forms::FieldErrors;
use crate::forms::settings::SettingsForm;

pub fn settings_page(
    chrome: &Chrome,
    csrf_token: &str,
    form: &SettingsForm,
    saved: bool,
    errors: &FieldErrors,
) -> Markup {
    page(
        chrome,
        "Settings",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (forms::error_summary(errors))
                    @if saved {
                        (super::components::success_banner("Settings saved", html! {}))
                    }
                    h1 class="govuk-heading-l" { "Settings" }
                    form method="post" action="/admin/settings" novalidate {
                        (forms::csrf(csrf_token))
                        (forms::input(&Field {
                            hint: Some("Your office's own name, shown at the top of every page – for example Police, Fire and Crime Commissioner for Staffordshire. Each inspected body (the police force, the fire and rescue service) keeps its own name, shown under this one."),
                            autocomplete: Some("organization"),
                            ..Field::text("organisation_name", "Office name", &form.organisation_name)
                        }, errors))
                        (forms::input(&Field {
                            hint: Some("The header's colour, as # and six hexadecimal digits, for example #1d70b8. White text on it must have a contrast of at least 4.5 to 1."),
                            ..Field::text("brand_colour", "Brand colour", &form.brand_colour)
                        }, errors))
                        (forms::input(&Field {
                            hint: Some("An action-plan item with no progress update for longer than this is shown as stale"),
                            ..Field::text("stale_after_days", "Updates go stale after (days)", &form.stale_after_days)
                        }, errors))
                        (forms::input(&Field {
                            hint: Some("Owners are emailed this many days before each milestone is due; separate several with commas, for example 14, 3. Leave empty to send none."),
                            ..Field::text("reminder_offsets", "Remind owners before due dates (days)", form.reminder_offsets.as_deref().unwrap_or_default())
                        }, errors))
                        (forms::radios(
                            "two_step_for_staff",
                            "Must administrators and office staff use two-step sign-in?",
                            &[("yes", "Yes – they are asked to set it up when they next sign in"), ("no", "No – each person chooses")],
                            &form.two_step_for_staff,
                            errors,
                        ))
                        (forms::submit("Save settings"))
                    }
                    @if chrome.site.example_data {
                        h2 class="govuk-heading-m" { "Example data" }
                        p class="govuk-body" {
                            "This database holds the example data (Derbyshire). When you start for real, "
                            a class="govuk-link" href="/admin/example-data" { "remove the example data" } "."
                        }
                    }
                }
            }
        },
    )
}

/// What the example-data page says: removed just now, nothing to remove, refused (naming what
/// depends on it), or the confirmation form.
pub enum ExampleState<'a> {
    Removed,
    Absent,
    Refused(&'a str),
    Removable,
}

/// The administrator's page that removes the example data (`/admin/example-data`).
pub fn example_data_page(
    chrome: &Chrome,
    csrf_token: &str,
    state: ExampleState<'_>,
    errors: &FieldErrors,
) -> Markup {
    page(
        chrome,
        "Remove the example data",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (forms::error_summary(errors))
                    h1 class="govuk-heading-l" { "Remove the example data" }
                    @match state {
                        ExampleState::Removed => {
                            (super::components::success_banner("The example data has been removed", html! {}))
                            p class="govuk-body" {
                                "Published editions are kept as they were published. The demo accounts are disabled. "
                                "Next: check the " a class="govuk-link" href="/admin/settings" { "settings" }
                                " and add the first " a class="govuk-link" href="/admin/users" { "users" } "."
                            }
                        }
                        ExampleState::Absent => {
                            p class="govuk-body" { "There is no example data in this database." }
                        }
                        ExampleState::Refused(message) => {
                            div class="govuk-warning-text" {
                                span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                                strong class="govuk-warning-text__text" {
                                    span class="govuk-visually-hidden" { "Warning" }
                                    (message)
                                }
                            }
                        }
                        ExampleState::Removable => {
                            p class="govuk-body" {
                                "This removes the example Derbyshire inspections, findings, action plan, updates, "
                                "assessments, meetings and measures, and disables the demo accounts. Records you entered "
                                "yourself stay. Published editions are the public record and are kept as they were "
                                "published; the next edition you publish will hold only your records."
                            }
                            p class="govuk-body" {
                                "Nothing is deleted from the audit log: the removal is recorded in it. This cannot be undone."
                            }
                            form method="post" action="/admin/example-data" novalidate {
                                (forms::csrf(csrf_token))
                                @let error = errors.get("confirm");
                                div class={ "govuk-form-group" @if error.is_some() { " govuk-form-group--error" } } {
                                    fieldset class="govuk-fieldset" {
                                        legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Confirm" }
                                        @if let Some(message) = error {
                                            p class="govuk-error-message" id="confirm-error" {
                                                span class="govuk-visually-hidden" { "Error: " } (message)
                                            }
                                        }
                                        div class="govuk-checkboxes" data-module="govuk-checkboxes" {
                                            div class="govuk-checkboxes__item" {
                                                input class="govuk-checkboxes__input" id="confirm" name="confirm"
                                                    type="checkbox" value="yes";
                                                label class="govuk-label govuk-checkboxes__label" for="confirm" {
                                                    "I want to remove the example data"
                                                }
                                            }
                                        }
                                    }
                                }
                                button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" {
                                    "Remove the example data"
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
