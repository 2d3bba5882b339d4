//! The page that chooses whom to email: an action's owner's account, or a body's chief officer
//! lead.

use maud::{Markup, html};

use super::forms;
use super::layout::{Chrome, page};
use crate::db::contacts::Chosen;
use crate::forms::FieldErrors;
use crate::forms::mail::ContactForm;
use crate::record::contacts::Contact;

pub fn choice_page(
    chrome: &Chrome,
    contact: Contact,
    chosen: &Chosen,
    people: &[(i64, String)],
    form: &ContactForm,
    errors: &FieldErrors,
) -> Markup {
    let (heading, caption, label, hint, action, back) = match contact {
        Contact::Owner(id) => (
            "Owner's account",
            format!("Action {}", chosen.label),
            "The account asked for updates on this action",
            "Update-request rounds ask this person for updates, and they are reminded of its milestones. Only the office and this body's force users can be chosen.",
            format!("/actions/{id}/owner"),
            format!("/actions/{id}"),
        ),
        Contact::Lead(id) => (
            "Chief officer lead",
            chosen.label.clone(),
            "The chief officer lead of this body",
            "Told after a round's return-by date which items had no update. Only the office and this body's force users can be chosen.",
            format!("/bodies/{id}/lead"),
            "/bodies".to_string(),
        ),
    };
    let options: Vec<(String, String)> = people
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.as_str())
        .unwrap_or_default();
    page(
        chrome,
        heading,
        html! {
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (caption) }
            h1 class="govuk-heading-l" { (heading) }
            p class="govuk-body" {
                "Now: "
                @match &chosen.user_label {
                    Some(who) => strong { (who) },
                    None => "nobody – nothing about it can be sent by email",
                }
            }
            form method="post" action=(action) novalidate {
                (forms::csrf(token))
                p class="govuk-hint" { (hint) }
                (forms::select("user_id", label, &options, &form.user_id, Some("Nobody"), errors))
                (forms::submit("Save"))
            }
            p class="govuk-body" { a class="govuk-link" href=(back) { "Back" } }
        },
    )
}
