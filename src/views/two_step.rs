//! Two-step sign-in: the second step of signing in, and turning it on and off on your own
//! account (the secret shown as text and as an `otpauth://` address, recovery codes once).

use maud::{Markup, html};

use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::auth::CurrentUser;
use crate::forms::FieldErrors;

/// After a correct password: the code from the authenticator app, or a recovery code.
pub fn second_step_page(chrome: &Chrome, challenge: &str, errors: &FieldErrors) -> Markup {
    page(
        chrome,
        "Enter your sign-in code",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (forms::error_summary(errors))
                    h1 class="govuk-heading-l" { "Enter your sign-in code" }
                    p class="govuk-body" {
                        "Open the authenticator app on your phone and enter the six-digit code "
                        "it shows for Scrutineer. If you do not have your phone, enter one of "
                        "your recovery codes instead; each works once."
                    }
                    form method="post" action="/sign-in/two-step" novalidate {
                        input type="hidden" name="challenge" value=(challenge);
                        (forms::input(&Field {
                            autocomplete: Some("one-time-code"),
                            ..Field::text("code", "Code", "")
                        }, errors))
                        (forms::submit("Continue"))
                    }
                }
            }
        },
    )
}

/// Two-step sign-in is off: how to turn it on with this new `secret`.
pub fn setup_page(
    chrome: &Chrome,
    user: &CurrentUser,
    secret: &str,
    otpauth_url: &str,
    errors: &FieldErrors,
) -> Markup {
    page(
        chrome,
        "Set up two-step sign-in",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (forms::error_summary(errors))
                    h1 class="govuk-heading-l" { "Set up two-step sign-in" }
                    @if user.needs_two_step {
                        div class="govuk-inset-text" {
                            "Your administrator requires two-step sign-in for your account. Set "
                            "it up before you continue."
                        }
                    }
                    p class="govuk-body" {
                        "With two-step sign-in, signing in needs your password and a code from "
                        "an authenticator app on your phone, so a stolen password alone is not "
                        "enough."
                    }
                    ol class="govuk-list govuk-list--number" {
                        li { "In your authenticator app, add an account and choose to enter a setup key." }
                        li {
                            "Enter this key: "
                            code class="app-secret" id="secret" { (secret) }
                            " (time-based, six digits)."
                        }
                        li { "Enter the six-digit code the app now shows." }
                    }
                    details class="govuk-details" {
                        summary class="govuk-details__summary" {
                            span class="govuk-details__summary-text" { "Setup address for apps that accept one" }
                        }
                        div class="govuk-details__text" {
                            code id="otpauth-url" { (otpauth_url) }
                        }
                    }
                    form method="post" action="/account/two-step" novalidate {
                        (forms::csrf(&user.csrf_token))
                        input type="hidden" name="secret" value=(secret);
                        (forms::input(&Field {
                            autocomplete: Some("one-time-code"),
                            ..Field::text("code", "Code from the app", "")
                        }, errors))
                        (forms::submit("Turn on two-step sign-in"))
                    }
                }
            }
        },
    )
}

/// Two-step sign-in is on.
pub fn status_page(
    chrome: &Chrome,
    user: &CurrentUser,
    codes_left: i64,
    may_turn_off: bool,
    errors: &FieldErrors,
) -> Markup {
    page(
        chrome,
        "Two-step sign-in",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (forms::error_summary(errors))
                    h1 class="govuk-heading-l" { "Two-step sign-in" }
                    p class="govuk-body" {
                        "Two-step sign-in is on. You have " (codes_left) " unused recovery "
                        @if codes_left == 1 { "code" } @else { "codes" } "."
                    }
                    @if may_turn_off {
                        form method="post" action="/account/two-step/off" novalidate {
                            (forms::csrf(&user.csrf_token))
                            (forms::input(&Field {
                                hint: Some("To turn it off, enter the code your authenticator app shows"),
                                autocomplete: Some("one-time-code"),
                                ..Field::text("code", "Code from the app", "")
                            }, errors))
                            (forms::submit("Turn off two-step sign-in"))
                        }
                    } @else {
                        p class="govuk-body" {
                            "Your administrator requires two-step sign-in for your account. If "
                            "you lose your phone and your recovery codes, ask them to reset it."
                        }
                    }
                }
            }
        },
    )
}

/// Just turned on: the recovery codes, shown this once.
pub fn codes_page(chrome: &Chrome, codes: &[String]) -> Markup {
    page(
        chrome,
        "Two-step sign-in is on",
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    div class="govuk-panel govuk-panel--confirmation" {
                        h1 class="govuk-panel__title" { "Two-step sign-in is on" }
                    }
                    h2 class="govuk-heading-m" { "Your recovery codes" }
                    p class="govuk-body" {
                        "If you lose your phone, sign in with one of these codes instead of the "
                        "app's. Each works once. Keep them somewhere safe: they are shown only now."
                    }
                    ul class="govuk-list" id="recovery-codes" {
                        @for code in codes {
                            li { code { (code) } }
                        }
                    }
                    p class="govuk-body" {
                        a class="govuk-link" href="/" { "Continue" }
                    }
                }
            }
        },
    )
}
