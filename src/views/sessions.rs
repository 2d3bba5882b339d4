//! Signing in.

use maud::{Markup, html};

use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::forms::FieldErrors;

pub fn sign_in_page(chrome: &Chrome, email: &str, next: &str, errors: &FieldErrors) -> Markup {
    page(
        chrome,
        "Sign in",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (forms::error_summary(errors))
                    h1 class="govuk-heading-xl" { "Sign in" }
                    form method="post" action="/sign-in" novalidate {
                        input type="hidden" name="next" value=(next);
                        (forms::input(&Field {
                            kind: "email",
                            autocomplete: Some("username"),
                            ..Field::text("email", "Email address", email)
                        }, errors))
                        (forms::input(&Field {
                            kind: "password",
                            autocomplete: Some("current-password"),
                            ..Field::text("password", "Password", "")
                        }, errors))
                        (forms::submit("Sign in"))
                    }
                }
            }
        },
    )
}
