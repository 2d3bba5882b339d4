//! The page layout: the only place with the doctype, `<head>` and the navigation.

use axum::http::StatusCode;
use maud::{DOCTYPE, Markup, html};

use crate::Site;
use crate::auth::CurrentUser;
use crate::domain::vocab::Role;

/// What every page shows around its content.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub site: Site,
    pub user: Option<NavUser>,
}

#[derive(Debug, Clone)]
pub struct NavUser {
    pub display_name: String,
    pub role: Role,
    pub csrf_token: String,
}

impl Chrome {
    pub fn new(site: Site, user: Option<&CurrentUser>) -> Self {
        Self {
            site,
            user: user.map(|u| NavUser {
                display_name: u.display_name.clone(),
                role: u.role,
                csrf_token: u.csrf_token.clone(),
            }),
        }
    }
}

/// A whole page: `title` names it in the browser tab and is usually the `h1` too.
pub fn page(chrome: &Chrome, title: &str, content: Markup) -> Markup {
    document(
        &format!("{title} – {}", chrome.site.organisation_name),
        html! {
            (header(&chrome.site.organisation_name, chrome.user.as_ref()))
            div class="govuk-width-container" {
                @if chrome.site.example_data {
                    div class="app-example-banner" role="note" {
                        strong { "Example data. " }
                        "Report dates are real; finding summaries are illustrative and the action plan, "
                        "milestones, updates and meetings are demonstration data."
                    }
                }
                main class="govuk-main-wrapper" id="main-content" {
                    (content)
                }
            }
            (footer())
        },
    )
}

/// The page shown for an error: it needs nothing but the status and words.
pub fn error_page(status: StatusCode, title: &str, message: &str) -> Markup {
    document(
        title,
        html! {
            (header("Scrutineer", None))
            div class="govuk-width-container" {
                main class="govuk-main-wrapper" id="main-content" {
                    h1 class="govuk-heading-l" { (title) }
                    p class="govuk-body" { (message) }
                    p class="govuk-body" {
                        a class="govuk-link" href="/" { "Go to the home page" }
                    }
                    p class="govuk-body-s app-secondary" { "Error " (status.as_u16()) }
                }
            }
            (footer())
        },
    )
}

fn document(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en-GB" class="govuk-template" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href="/static/app.css";
            }
            body class="govuk-template__body" {
                a href="#main-content" class="govuk-skip-link" { "Skip to main content" }
                (body)
            }
        }
    }
}

fn header(organisation: &str, user: Option<&NavUser>) -> Markup {
    html! {
        header class="govuk-header app-header" {
            div class="govuk-header__container govuk-width-container" {
                a href="/" class="govuk-header__link govuk-header__service-name" { (organisation) }
                @if let Some(user) = user {
                    nav aria-label="Main" class="app-nav" {
                        ul class="app-nav__list" {
                            @for (href, label) in nav_links(user.role) {
                                li { a class="govuk-header__link" href=(href) { (label) } }
                            }
                            li class="app-nav__user" { (user.display_name) " (" (user.role.label()) ")" }
                            li {
                                form method="post" action="/sign-out" class="app-inline-form" {
                                    input type="hidden" name="csrf_token" value=(user.csrf_token);
                                    button type="submit" class="app-link-button" { "Sign out" }
                                }
                            }
                        }
                    }
                } @else {
                    nav aria-label="Main" class="app-nav" {
                        ul class="app-nav__list" {
                            li { a class="govuk-header__link" href="/sign-in" { "Sign in" } }
                        }
                    }
                }
            }
        }
    }
}

fn nav_links(role: Role) -> Vec<(&'static str, &'static str)> {
    let mut links = vec![("/", "Home")];
    if matches!(role, Role::Admin | Role::Office) {
        links.push(("/inspections", "Inspections"));
        links.push(("/publishing", "Publishing"));
    }
    if role == Role::Admin {
        links.push(("/admin/users", "Users"));
    }
    links.push(("/account/password", "Your password"));
    links
}

fn footer() -> Markup {
    html! {
        footer class="govuk-footer" {
            div class="govuk-width-container" {
                p class="govuk-body-s" {
                    "Scrutineer – tracking inspection recommendations. "
                    "Content on this site is published under the Open Government Licence v3.0."
                }
            }
        }
    }
}
