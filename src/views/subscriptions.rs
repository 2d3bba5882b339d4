//! Email updates for the public: the sign-up form, "check your email", confirming (double
//! opt-in) and unsubscribing. Anyone may see these; signed-in people's forms carry their token.

use maud::{Markup, html};

use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::forms::FieldErrors;
use crate::forms::mail::SubscribeForm;

/// The CSRF field for a signed-in viewer; nothing for the public, who have no session to forge.
fn csrf(chrome: &Chrome) -> Markup {
    html! {
        @if let Some(user) = &chrome.user { (forms::csrf(&user.csrf_token)) }
    }
}

/// A page of one column: what most of these pages are.
fn narrow(chrome: &Chrome, title: &str, content: Markup) -> Markup {
    page(
        chrome,
        title,
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" { (content) }
            }
        },
    )
}

pub fn subscribe_page(
    chrome: &Chrome,
    form: &SubscribeForm,
    errors: &FieldErrors,
    follows: &str,
) -> Markup {
    narrow(
        chrome,
        "Get email updates",
        html! {
            (forms::error_summary(errors))
            h1 class="govuk-heading-l" { "Get email updates" }
            p class="govuk-body" {
                "We will email you when a new edition of the progress site changes " (follows) "."
            }
            form method="post" action="/subscribe" novalidate {
                (csrf(chrome))
                input type="hidden" name="scope" value=(form.scope);
                input type="hidden" name="id" value=(form.id);
                (forms::input(&Field {
                    kind: "email",
                    autocomplete: Some("email"),
                    hint: Some("We will send a link to confirm first."),
                    ..Field::text("email", "Email address", &form.email)
                }, errors))
                (privacy())
                (forms::submit("Send me a confirmation link"))
            }
        },
    )
}

fn privacy() -> Markup {
    html! {
        h2 class="govuk-heading-s" { "What we do with your address" }
        ul class="govuk-list govuk-list--bullet" {
            li { "We use it only to send these emails." }
            li { "It is never shown on the site or shared with anyone." }
            li { "Every email has a link to unsubscribe in one click." }
            li { "When you unsubscribe, your address is deleted." }
        }
    }
}

pub fn check_email_page(chrome: &Chrome) -> Markup {
    narrow(
        chrome,
        "Check your email",
        html! {
            h1 class="govuk-heading-l" { "Check your email" }
            p class="govuk-body" {
                "If that address can be signed up, a confirmation link is on its way to it."
            }
            p class="govuk-body" {
                "Nothing else is sent until the link is followed. The link expires in a week."
            }
        },
    )
}

pub fn confirm_page(chrome: &Chrome, token: &str, follows: &str, confirmed: bool) -> Markup {
    let unsubscribe = format!("/subscriptions/{token}/unsubscribe");
    if confirmed {
        return narrow(
            chrome,
            "You will get email updates",
            html! {
                div class="govuk-panel govuk-panel--confirmation" {
                    h1 class="govuk-panel__title" { "You will get email updates" }
                    div class="govuk-panel__body" { "About " (follows) }
                }
                p class="govuk-body" {
                    "We will email you when a new edition of the progress site changes " (follows) "."
                }
                p class="govuk-body" {
                    "To stop them, use the link in any of the emails or "
                    a class="govuk-link" href=(unsubscribe) { "Unsubscribe" } " here."
                }
            },
        );
    }
    narrow(
        chrome,
        "Confirm your email updates",
        html! {
            h1 class="govuk-heading-l" { "Confirm your email updates" }
            p class="govuk-body" {
                "Confirm that you want an email when a new edition of the progress site changes "
                (follows) "."
            }
            form method="post" action={ "/subscriptions/" (token) "/confirm" } novalidate {
                (csrf(chrome))
                (forms::submit("Confirm"))
            }
        },
    )
}

pub fn unsubscribe_page(chrome: &Chrome, token: &str, follows: Option<&str>) -> Markup {
    let Some(follows) = follows else {
        return narrow(
            chrome,
            "Not subscribed",
            html! {
                h1 class="govuk-heading-l" { "Not subscribed" }
                p class="govuk-body" { "This address is not subscribed (any more)." }
            },
        );
    };
    narrow(
        chrome,
        "Stop email updates",
        html! {
            h1 class="govuk-heading-l" { "Stop email updates about " (follows) "?" }
            p class="govuk-body" { "Your address will be deleted." }
            form method="post" action={ "/subscriptions/" (token) "/unsubscribe" } novalidate {
                (csrf(chrome))
                (forms::submit("Unsubscribe"))
            }
        },
    )
}

pub fn unsubscribed_page(chrome: &Chrome) -> Markup {
    narrow(
        chrome,
        "You are unsubscribed",
        html! {
            div class="govuk-panel govuk-panel--confirmation" {
                h1 class="govuk-panel__title" { "You are unsubscribed" }
                div class="govuk-panel__body" { "Your address has been deleted." }
            }
            p class="govuk-body" { "You will get no more of these email updates." }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocab::Role;

    fn chrome(user: Option<Role>) -> Chrome {
        Chrome::for_test(user)
    }

    #[test]
    fn the_sign_up_form_keeps_the_typed_address_and_says_what_is_wrong() {
        let form = SubscribeForm {
            email: "pat@\"example".into(),
            scope: "body".into(),
            id: "3".into(),
        };
        let mut errors = FieldErrors::default();
        errors.add("email", "Enter your email address, like name@example.com");
        let page = subscribe_page(&chrome(None), &form, &errors, "Derbyshire Constabulary");
        let page = page.into_string();
        assert!(page.contains("value=\"pat@&quot;example\""));
        assert!(page.contains("href=\"#email\"") && page.contains("id=\"email-error\""));
        assert!(
            page.contains("name=\"scope\" value=\"body\"")
                && page.contains("name=\"id\" value=\"3\"")
        );
        assert!(
            page.contains("changes Derbyshire Constabulary.") && page.contains("<title>Error: ")
        );
        assert!(!page.contains("csrf_token"));
    }

    #[test]
    fn a_signed_in_viewer_s_forms_carry_their_token() {
        let page = subscribe_page(
            &chrome(Some(Role::Panel)),
            &SubscribeForm::default(),
            &FieldErrors::default(),
            "the whole progress site",
        );
        assert!(
            page.into_string()
                .contains("name=\"csrf_token\" value=\"tok\"")
        );
        let page = confirm_page(&chrome(Some(Role::Panel)), "ab12", "x", false).into_string();
        assert!(
            page.contains("action=\"/subscriptions/ab12/confirm\"")
                && page.contains("value=\"tok\"")
        );
    }

    #[test]
    fn a_confirmed_subscription_offers_to_unsubscribe_instead_of_confirming() {
        let page =
            confirm_page(&chrome(None), "ab12", "the whole progress site", true).into_string();
        assert!(page.contains("You will get email updates"));
        assert!(page.contains("href=\"/subscriptions/ab12/unsubscribe\""));
        assert!(!page.contains("<form"));
        let gone = unsubscribe_page(&chrome(None), "ab12", None).into_string();
        assert!(gone.contains("not subscribed (any more)") && !gone.contains("<form"));
        let live = unsubscribe_page(&chrome(None), "ab12", Some("Fire")).into_string();
        assert!(live.contains("Stop email updates about Fire?"));
        assert!(live.contains("action=\"/subscriptions/ab12/unsubscribe\""));
    }
}
