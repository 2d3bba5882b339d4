//! Your own account: the change-password form.

use maud::{Markup, html};

use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::auth::CurrentUser;
use crate::forms::FieldErrors;

/// The change-password form. Passwords are never sent back into the form after a mistake.
pub fn password_page(
    chrome: &Chrome,
    user: &CurrentUser,
    changed: bool,
    errors: &FieldErrors,
) -> Markup {
    page(
        chrome,
        "Change your password",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    @if changed {
                        (confirmation())
                    }
                    (forms::error_summary(errors))
                    h1 class="govuk-heading-l" { "Change your password" }
                    @if user.must_change_password {
                        div class="govuk-inset-text" {
                            "You signed in with a one-time password. Choose your own password "
                            "before you continue."
                        }
                    }
                    p class="govuk-body" {
                        "Use at least 12 characters. A few unrelated words are easy to remember "
                        "and hard to guess. Common passwords and your email address are not "
                        "accepted. Changing your password signs you out everywhere else."
                    }
                    form method="post" action="/account/password" novalidate {
                        (forms::csrf(&user.csrf_token))
                        (password_field("current_password", "Current password", "current-password", errors))
                        (password_field("new_password", "New password", "new-password", errors))
                        (password_field("confirm_password", "Confirm new password", "new-password", errors))
                        (forms::submit("Change password"))
                    }
                    h2 class="govuk-heading-m" { "Two-step sign-in" }
                    p class="govuk-body" {
                        a class="govuk-link" href="/account/two-step" { "Set up or manage two-step sign-in" }
                        " – a code from an app on your phone as well as your password."
                    }
                }
            }
        },
    )
}

fn password_field(
    name: &'static str,
    label: &str,
    autocomplete: &'static str,
    errors: &FieldErrors,
) -> Markup {
    forms::input(
        &Field {
            kind: "password",
            autocomplete: Some(autocomplete),
            ..Field::text(name, label, "")
        },
        errors,
    )
}

fn confirmation() -> Markup {
    let home =
        html! { p class="govuk-body" { a class="govuk-link" href="/" { "Go to the home page" } } };
    super::components::success_banner("Your password has been changed", home)
}
