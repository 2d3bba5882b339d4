//! The personal API tokens page: the user's tokens (each live one with a Revoke button), the
//! form making one, and – once, straight after making it – the new token's secret.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::db::api_tokens::TokenRow;
use crate::domain::api::TokenState;
use crate::domain::dates::{today_in_london, uk_date, uk_instant};
use crate::domain::vocab::TokenAccess;
use crate::forms::FieldErrors;
use crate::forms::api_tokens::{MAX_NAME, TokenForm, lifetime_choices};

/// Everything the page shows.
pub struct TokensPage<'a> {
    pub tokens: &'a [TokenRow],
    pub now: DateTime<Utc>,
    pub form: &'a TokenForm,
    pub errors: &'a FieldErrors,
    /// The kinds of token this user may make.
    pub offered: &'a [TokenAccess],
    /// The secret of the token just made and the site's address, for the curl example.
    pub new_secret: Option<(&'a str, &'a str)>,
    pub csrf: &'a str,
}

pub fn tokens_page(chrome: &Chrome, p: &TokensPage<'_>) -> Markup {
    page(
        chrome,
        "API tokens",
        html! {
            (forms::error_summary(p.errors))
            h1 class="govuk-heading-l" { "API tokens" }
            p class="govuk-body" {
                "A personal API token lets a force system or a script read the record – and, "
                "with a read-and-write token, send updates – through the API, as you, with your "
                "role and bodies. Anyone with the token can act as you, so keep it secret and "
                "revoke it if it is shared by mistake. "
                a class="govuk-link" href="/api" { "Read the API documentation" } "."
            }
            @if let Some((secret, base)) = p.new_secret {
                (new_secret_box(secret, base))
            }
            (tokens_table(p))
            (new_token_form(p))
        },
    )
}

/// The new token's secret, shown this once, with a request that uses it.
fn new_secret_box(secret: &str, base: &str) -> Markup {
    html! {
        div class="govuk-panel app-new-secret" role="status" {
            h2 class="govuk-heading-m" { "Your new API token" }
            p class="govuk-body" {
                strong { "Copy this token now. It will not be shown again." }
            }
            p class="govuk-body" { code id="new-token" class="app-break" { (secret) } }
            p class="govuk-body" { "For example, to list the findings you may see:" }
            pre class="govuk-body app-code" {
                code { "curl -H \"Authorization: Bearer " (secret) "\" " (base) "/api/v1/findings" }
            }
        }
    }
}

/// A date as people in the UK read it, on the London calendar ("3 December 2026").
fn day(at: DateTime<Utc>) -> String {
    uk_date(today_in_london(at))
}

fn status(t: &TokenRow, now: DateTime<Utc>) -> String {
    match TokenState::of(t.expires_at, t.revoked_at, now) {
        TokenState::Live => "Live".into(),
        TokenState::Expired => "Expired".into(),
        TokenState::Revoked => match t.revoked_at {
            Some(at) => format!("Revoked {}", day(at)),
            None => "Revoked".into(),
        },
    }
}

fn tokens_table(p: &TokensPage<'_>) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table app-table--stack" {
                caption class="govuk-table__caption govuk-table__caption--m" { "Your tokens" }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    @for heading in ["Name", "Access", "Created", "Expires", "Last used", "Status"] {
                        th scope="col" class="govuk-table__header" { (heading) }
                    }
                    th scope="col" class="govuk-table__header" { span class="govuk-visually-hidden" { "Action" } }
                } }
                tbody class="govuk-table__body" {
                    @for t in p.tokens { tr class="govuk-table__row" {
                        td class="govuk-table__cell" data-label="Name" { (t.name) }
                        td class="govuk-table__cell" data-label="Access" { (t.access.label()) }
                        td class="govuk-table__cell" data-label="Created" { (day(t.created_at)) }
                        td class="govuk-table__cell" data-label="Expires" { (day(t.expires_at)) }
                        td class="govuk-table__cell" data-label="Last used" {
                            @if let Some(at) = t.last_used_at { (uk_instant(at)) } @else { "Never" }
                        }
                        td class="govuk-table__cell" data-label="Status" { (status(t, p.now)) }
                        td class="govuk-table__cell" {
                            @if TokenState::of(t.expires_at, t.revoked_at, p.now) == TokenState::Live {
                                form method="post" action={ "/account/api-tokens/" (t.id) "/revoke" } class="app-inline-form" {
                                    (forms::csrf(p.csrf))
                                    button type="submit" class="app-link-button" {
                                        "Revoke" span class="govuk-visually-hidden" { " " (t.name) }
                                    }
                                }
                            }
                        }
                    } }
                    @if p.tokens.is_empty() { tr class="govuk-table__row" {
                        td class="govuk-table__cell" colspan="7" { "You have no API tokens." }
                    } }
                }
            }
        }
    }
}

fn new_token_form(p: &TokensPage<'_>) -> Markup {
    let f = p.form;
    let hint = format!("So you can tell your tokens apart, at most {MAX_NAME} characters");
    let name = Field {
        hint: Some(&hint),
        autocomplete: Some("off"),
        ..Field::text("name", "Name", &f.name)
    };
    let access: Vec<(&str, &str)> = p.offered.iter().map(|a| (a.as_str(), a.label())).collect();
    let lifetimes = lifetime_choices();
    let lifetimes: Vec<(&str, &str)> = lifetimes
        .iter()
        .map(|(v, l)| (v.as_str(), l.as_str()))
        .collect();
    html! {
        h2 class="govuk-heading-m" { "Make a token" }
        form method="post" action="/account/api-tokens" novalidate {
            (forms::csrf(p.csrf))
            (forms::input(&name, p.errors))
            (forms::radios("access", "What it may do", &access, &f.access, p.errors))
            (forms::radios("lifetime", "How long it lasts", &lifetimes, &f.lifetime, p.errors))
            (forms::submit("Make a token"))
        }
    }
}
