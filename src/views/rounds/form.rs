//! The form that opens an update-request round: its title and meeting, which actions it asks
//! about, and its dates.

use maud::{Markup, html};

use super::mail_warning;
use crate::db::rounds::Options;
use crate::forms::FieldErrors;
use crate::forms::mail::RoundForm;
use crate::mail::Readiness;
use crate::views::forms::{self, Field};
use crate::views::layout::{Chrome, page};

pub fn new_page(
    chrome: &Chrome,
    form: &RoundForm,
    errors: &FieldErrors,
    options: &Options,
    mail: Readiness,
) -> Markup {
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.as_str())
        .unwrap_or_default();
    page(
        chrome,
        "Open an update-request round",
        html! {
            div class="govuk-grid-row" { div class="govuk-grid-column-two-thirds" {
                (forms::error_summary(errors))
                h1 class="govuk-heading-l" { "Open an update-request round" }
                (mail_warning(chrome, mail, "Mail is not being sent, so the requests will wait in the outbox."))
                form method="post" action="/rounds" novalidate {
                    (forms::csrf(token))
                    (forms::input(&Field {
                        hint: Some("For example: For the accountability board on 12 March"),
                        ..Field::text("title", "Title", &form.title)
                    }, errors))
                    (forms::select("meeting_id", "Meeting", &choices(&options.meetings), &form.meeting_id, Some("No meeting"), errors))
                    (pick(form, errors, options))
                    (forms::date_input("return", "Return by", Some("For example, 12 3 2026"), &form.return_by(), errors))
                    (forms::date_input("remind", "Remind owners on", Some("Left empty: three days before the return-by date"), &form.remind_on(), errors))
                    (forms::submit("Open the round and send the requests"))
                }
            } }
        },
    )
}

fn choices(options: &[(i64, String)]) -> Vec<(String, String)> {
    options
        .iter()
        .map(|(id, label)| (id.to_string(), label.clone()))
        .collect()
}

/// Which actions the round asks about; the error "pick" (nothing matched) heads the fieldset,
/// whose id the error summary links to.
fn pick(form: &RoundForm, errors: &FieldErrors, options: &Options) -> Markup {
    let error = errors.get("pick");
    html! {
        div class={ "govuk-form-group" @if error.is_some() { " govuk-form-group--error" } } {
            fieldset class="govuk-fieldset" id="pick" tabindex="-1"
                aria-describedby={ "pick-hint" @if error.is_some() { " pick-error" } } {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--m" { "Which actions to ask about" }
                div class="govuk-hint" id="pick-hint" {
                    "The round asks about every open action that matches all you choose here. "
                    "Choose none to ask about every open action."
                }
                @if let Some(message) = error {
                    p class="govuk-error-message" id="pick-error" {
                        span class="govuk-visually-hidden" { "Error: " } (message)
                    }
                }
                (forms::select("body_id", "Body", &choices(&options.bodies), &form.body_id, Some("Any"), errors))
                (forms::select("inspection_id", "Inspection", &choices(&options.inspections), &form.inspection_id, Some("Any"), errors))
                (forms::select("owner_id", "Owner", &choices(&options.owners), &form.owner_id, Some("Any"), errors))
            }
        }
    }
}
