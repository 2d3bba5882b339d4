//! The public progress site: pages rendered only from a published edition's snapshot, plus
//! the about and accessibility pages.

pub mod about;
pub mod bodies;
pub mod changes;
pub mod editions;
pub mod home;
pub mod inspection;
pub mod response;

use maud::{Markup, html};

use crate::domain::dates;
use crate::domain::edition::EditionMeta;

/// Which copy of the site a page belongs to, so its links stay within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The latest edition, at the short addresses.
    Latest,
    /// A numbered edition, at `/editions/{n}/…`, since superseded by a later one.
    Edition(i64),
    /// The latest edition at its numbered address, `/editions/{n}/…`: it says it is the latest.
    LatestEdition(i64),
    /// The office's preview of an edition not yet published: no links out.
    Preview,
}

impl Base {
    pub fn inspection_href(&self, id: i64) -> Option<String> {
        match self {
            Base::Latest => Some(format!("/progress/inspections/{id}")),
            Base::Edition(n) | Base::LatestEdition(n) => {
                Some(format!("/editions/{n}/inspections/{id}"))
            }
            Base::Preview => None,
        }
    }

    /// A released response document's page within this copy of the site.
    pub fn response_href(&self, id: i64, rule_id: i64) -> Option<String> {
        self.inspection_href(id)
            .map(|i| format!("{i}/responses/{rule_id}"))
    }

    /// A body's page within this copy of the site.
    pub fn body_href(&self, id: i64) -> Option<String> {
        match self {
            Base::Latest => Some(format!("/progress/bodies/{id}")),
            Base::Edition(n) | Base::LatestEdition(n) => Some(format!("/editions/{n}/bodies/{id}")),
            Base::Preview => None,
        }
    }

    /// The base of edition `n`'s numbered pages, where `latest` is the latest edition's number.
    pub fn numbered(n: i64, latest: Option<i64>) -> Self {
        match latest == Some(n) {
            true => Base::LatestEdition(n),
            false => Base::Edition(n),
        }
    }

    pub fn home_href(&self) -> String {
        match self {
            Base::Edition(n) | Base::LatestEdition(n) => format!("/editions/{n}"),
            _ => "/".into(),
        }
    }
}

/// Which edition the reader is looking at, and where to find the others.
pub fn edition_line(meta: &EditionMeta, base: Base) -> Markup {
    html! {
        p class="govuk-body app-edition-line" {
            "Edition " (meta.number) ", published "
            time datetime=(meta.published_at.format("%Y-%m-%dT%H:%M:%SZ").to_string()) {
                (dates::uk_date(meta.published_at.date_naive()))
            }
            " by the " (publisher(meta)) ". "
            @match base {
                Base::Latest => { a class="govuk-link" href="/editions" { "Earlier editions" } }
                Base::LatestEdition(_) => {
                    "This is the latest edition. "
                    a class="govuk-link" href="/editions" { "Earlier editions" }
                }
                Base::Edition(_) | Base::Preview => {
                    "This is an earlier edition. "
                    a class="govuk-link" href="/" { "See the latest edition" }
                }
            }
        }
    }
}

/// The publisher, by role: staff are never named on the public site.
pub fn publisher(meta: &EditionMeta) -> &'static str {
    match meta.publisher_role {
        crate::domain::vocab::Role::Admin => "Commissioner's office (system administrator)",
        _ => "Commissioner's office",
    }
}

/// Links to the rest of the public site.
/// A link to sign up for email when a new edition changes what the page is about (served by
/// the application, not the static export).
pub fn email_updates(scope: crate::domain::vocab::SubscriptionScope, id: Option<i64>) -> Markup {
    let href = match id {
        Some(id) => format!("/subscribe?scope={}&id={id}", scope.as_str()),
        None => "/subscribe".to_string(),
    };
    html! {
        p class="govuk-body app-email-updates" {
            a class="govuk-link" href=(href) { "Get email updates when this changes" }
        }
    }
}

pub fn site_nav() -> Markup {
    html! {
        nav class="app-site-nav" aria-label="Progress site" {
            ul class="govuk-list app-inline-list" {
                li { a class="govuk-link" href="/" { "Progress" } }
                li { a class="govuk-link" href="/progress/meetings" { "Meeting summaries" } }
                li { a class="govuk-link" href="/editions" { "Editions" } }
                li { a class="govuk-link" href="/about" { "About this data" } }
                li { a class="govuk-link" href="/data/latest.json" { "Open data (JSON)" } }
                li { a class="govuk-link" href="/data/latest.csv" { "Open data (CSV)" } }
                li { a class="govuk-link" href="/data/dictionary" { "Data dictionary" } }
                li { a class="govuk-link" href="/feeds/editions.atom" { "Atom feed" } }
                li { a class="govuk-link" href="/feeds/public.ics" { "Calendar" } }
                li { a class="govuk-link" href="/accessibility" { "Accessibility" } }
            }
        }
    }
}
