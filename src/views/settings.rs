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
                        div class="govuk-notification-banner govuk-notification-banner--success" role="alert"
                            aria-labelledby="saved-title" data-module="govuk-notification-banner" {
                            div class="govuk-notification-banner__header" {
                                h2 class="govuk-notification-banner__title" id="saved-title" { "Success" }
                            }
                            div class="govuk-notification-banner__content" {
                                p class="govuk-notification-banner__heading" { "Settings saved" }
                            }
                        }
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
                        (forms::radios(
                            "two_step_for_staff",
                            "Must administrators and office staff use two-step sign-in?",
                            &[("yes", "Yes – they are asked to set it up when they next sign in"), ("no", "No – each person chooses")],
                            &form.two_step_for_staff,
                            errors,
                        ))
                        (forms::submit("Save settings"))
                    }
                }
            }
        },
    )
}
