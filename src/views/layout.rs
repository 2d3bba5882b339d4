//! The page layout: the only place with the doctype, `<head>` and the navigation.

use axum::http::StatusCode;
use maud::{DOCTYPE, Markup, html};

use std::sync::Arc;

use crate::domain::access::Rules;
use crate::domain::backups::Failure;
use crate::domain::dates::uk_instant;
use crate::domain::site::Site;
use crate::domain::vocab::Role;

tokio::task_local! {
    /// Set by the route check for a page of one record: whether that record is example data.
    pub static EXAMPLE_PAGE: bool;
}

/// Whether the "Example data" banner shows on this page. Only while the example data is in
/// the database (`Site::example_data`, cleared when it is removed), and then on every page
/// that may show it – lists, dashboards, the public site (every edition published while it
/// is there holds it) – except a page of one record that is not example data, such as a
/// second body's inspection (the route check decides, by the record's body: [`EXAMPLE_PAGE`]).
pub fn example_banner_shown(chrome: &Chrome) -> bool {
    chrome.site.example_data && EXAMPLE_PAGE.try_with(|example| *example).unwrap_or(true)
}

/// What every page shows around its content.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub site: Site,
    pub user: Option<NavUser>,
    pub rules: Arc<Rules>,
    /// For administrators: the newest scheduled backup failed.
    pub backup_failure: Option<Failure>,
}

#[derive(Debug, Clone)]
pub struct NavUser {
    pub display_name: String,
    pub role: Role,
    pub csrf_token: String,
}

impl Chrome {
    /// For view unit tests: the default site, the real access rules, and a signed-in `role`
    /// (none: the public) with the CSRF token "tok".
    #[cfg(test)]
    pub fn for_test(role: Option<Role>) -> Self {
        Self {
            site: Site::default(),
            user: role.map(|role| NavUser {
                display_name: "Sam".into(),
                role,
                csrf_token: "tok".into(),
            }),
            rules: Arc::new(crate::routes::rules()),
            backup_failure: None,
        }
    }

    /// Whether the viewer may follow a link to `path` (the route table decides).
    pub fn may_open(&self, path: &str) -> bool {
        self.rules
            .may_open(self.user.as_ref().map(|u| u.role), path)
    }

    /// Whether the viewer may submit a form that posts to `path`.
    pub fn may_post(&self, path: &str) -> bool {
        self.rules
            .may_post(self.user.as_ref().map(|u| u.role), path)
    }
}

/// A whole page: `title` names it in the browser tab and is usually the `h1` too.
/// A page whose content shows a form's errors says so first in its title, as GOV.UK pages do.
pub fn page(chrome: &Chrome, title: &str, content: Markup) -> Markup {
    page_with_stylesheet(chrome, title, None, content)
}

/// A page that also links a stylesheet of its own (the meeting pack's print header).
pub fn page_with_stylesheet(
    chrome: &Chrome,
    title: &str,
    stylesheet: Option<&str>,
    content: Markup,
) -> Markup {
    let error = if content.0.contains("govuk-error-summary") {
        "Error: "
    } else {
        ""
    };
    document(
        &format!("{error}{title} – {}", chrome.site.organisation_name),
        &chrome.site.organisation_name,
        stylesheet,
        html! {
            (header(&chrome.site.organisation_name, chrome.user.as_ref(), |p| chrome.may_open(p)))
            div class="govuk-width-container" {
                @if example_banner_shown(chrome) {
                    div class="govuk-notification-banner app-example-banner" role="region"
                        aria-labelledby="example-banner-title" data-module="govuk-notification-banner" {
                        div class="govuk-notification-banner__header" {
                            h2 class="govuk-notification-banner__title" id="example-banner-title" {
                                "Example data"
                            }
                        }
                        div class="govuk-notification-banner__content" {
                            p class="govuk-body" {
                                "Report dates are real; finding summaries are illustrative and the "
                                "action plan, milestones, updates and meetings are demonstration data."
                            }
                        }
                    }
                }
                @if let Some(failure) = &chrome.backup_failure {
                    (backup_failed(failure))
                }
                main class="govuk-main-wrapper" id="main-content" {
                    (content)
                }
            }
            (footer())
        },
    )
}

/// The notice administrators see on every page while the newest scheduled backup has failed.
fn backup_failed(failure: &Failure) -> Markup {
    html! {
        div class="govuk-notification-banner app-backup-failed" role="alert"
            aria-labelledby="backup-failed-title" data-module="govuk-notification-banner" {
            div class="govuk-notification-banner__header" {
                h2 class="govuk-notification-banner__title" id="backup-failed-title" { "Important" }
            }
            div class="govuk-notification-banner__content" {
                p class="govuk-notification-banner__heading" {
                    "The last backup failed (" (uk_instant(failure.at)) "): " (failure.problem)
                }
                p class="govuk-body" {
                    "No copy was kept from that run. "
                    a class="govuk-notification-banner__link" href="/admin/backups" { "See the backups" }
                }
            }
        }
    }
}

/// The page shown for an error: it needs nothing but the status and words.
pub fn error_page(status: StatusCode, title: &str, message: &str) -> Markup {
    document(
        &format!("Error: {title}"),
        "Police and Crime Commissioner",
        None,
        html! {
            (header("Scrutineer", None, |_| false))
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

/// Every page's head: its title, a description for search engines and link previews, the
/// favicon, the Atom feed of published editions advertised for feed readers, and a page's own
/// stylesheet if it has one.
fn document(title: &str, organisation: &str, stylesheet: Option<&str>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en-GB" class="govuk-template" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="theme-color" content="#0b0c0c";
                title { (title) }
                meta name="description" content={
                    "How the " (organisation) " tracks and publishes progress on inspection "
                    "recommendations: dated editions, the force's, the Commissioner's and the "
                    "issuing bodies' positions side by side, open data and feeds."
                };
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
                link rel="alternate" type="application/atom+xml"
                    href="/feeds/editions.atom" title={ "Published editions – " (organisation) };
                link rel="stylesheet" href="/static/govuk.css";
                link rel="stylesheet" href="/static/app.css";
                link rel="stylesheet" href="/static/brand.css";
                @if let Some(href) = stylesheet { link rel="stylesheet" href=(href); }
                script type="module" src="/static/app.js" {}
            }
            body class="govuk-template__body" {
                a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link" {
                    "Skip to main content"
                }
                (body)
            }
        }
    }
}

/// The organisation's name and the navigation, in GOV.UK's service navigation pattern (no
/// crown, no GOV.UK wordmark: this is not a GOV.UK service).
fn header(organisation: &str, user: Option<&NavUser>, may_open: impl Fn(&str) -> bool) -> Markup {
    let links: Vec<_> = match user {
        Some(_) => NAVIGATION
            .iter()
            .filter(|(href, _)| may_open(href))
            .collect(),
        None => Vec::new(),
    };
    html! {
        header class="app-header" {
            section aria-label="Service information"
                class="govuk-service-navigation govuk-service-navigation--inverse app-brand"
                data-module="govuk-service-navigation" {
                div class="govuk-width-container" {
                    div class="govuk-service-navigation__container" {
                        span class="govuk-service-navigation__service-name" {
                            a href="/" class="govuk-service-navigation__link" { (organisation) }
                        }
                        nav aria-label="Menu" class="govuk-service-navigation__wrapper" {
                            button type="button"
                                class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                                aria-controls="navigation" hidden aria-hidden="true" { "Menu" }
                            ul class="govuk-service-navigation__list" id="navigation" {
                                @for (href, label) in links {
                                    li class="govuk-service-navigation__item" {
                                        a class="govuk-service-navigation__link" href=(href) { (label) }
                                    }
                                }
                                @match user {
                                    Some(user) => {
                                        li class="govuk-service-navigation__item" {
                                            form method="post" action="/sign-out" class="app-inline-form" {
                                                input type="hidden" name="csrf_token" value=(user.csrf_token);
                                                button type="submit"
                                                    class="govuk-service-navigation__link app-link-button" {
                                                    "Sign out"
                                                    span class="govuk-visually-hidden" {
                                                        " " (user.display_name) " (" (user.role.label()) ")"
                                                    }
                                                }
                                            }
                                        }
                                    }
                                    None => {
                                        li class="govuk-service-navigation__item" {
                                            a class="govuk-service-navigation__link" href="/sign-in" { "Sign in" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(user) = user {
                div class="govuk-width-container" {
                    p class="govuk-body-s app-signed-in" {
                        "Signed in as " strong { (user.display_name) } " (" (user.role.label()) ")"
                    }
                }
            }
        }
    }
}

/// The menu, in order; each person sees the entries their role may open.
const NAVIGATION: &[(&str, &str)] = &[
    ("/", "Home"),
    ("/dashboard", "Dashboard"),
    ("/inspections", "Inspections"),
    ("/register", "Register"),
    ("/rules", "Response rules"),
    ("/publishing", "Publishing"),
    ("/search", "Search"),
    ("/actions", "Action plan"),
    ("/proposals", "Proposed dates"),
    ("/meetings", "Meetings"),
    ("/rounds", "Update requests"),
    ("/evidence", "Evidence"),
    ("/admin/users", "Users"),
    ("/admin/audit", "Audit log"),
    ("/admin/settings", "Settings"),
    ("/admin/backups", "Backups"),
    ("/admin/mail", "Mail"),
    ("/calendar", "Calendar"),
    ("/account/mail", "Your email"),
    ("/account/api-tokens", "API tokens"),
    ("/account/password", "Your password"),
];

fn footer() -> Markup {
    html! {
        footer class="govuk-footer" {
            div class="govuk-width-container" {
                div class="govuk-footer__meta" {
                    div class="govuk-footer__meta-item govuk-footer__meta-item--grow" {
                        h2 class="govuk-visually-hidden" { "Support links" }
                        ul class="govuk-footer__inline-list" {
                            li class="govuk-footer__inline-list-item" {
                                a class="govuk-footer__link" href="/about" { "About this site" }
                            }
                            li class="govuk-footer__inline-list-item" {
                                a class="govuk-footer__link" href="/accessibility" { "Accessibility statement" }
                            }
                        }
                        p class="govuk-footer__licence-description" {
                            "All content is available under the "
                            a class="govuk-footer__link"
                                href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
                                rel="license" { "Open Government Licence v3.0" }
                            ", except where otherwise stated."
                        }
                    }
                }
            }
        }
    }
}
