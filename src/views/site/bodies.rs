//! The inspected bodies of an edition: the list on the home page (when the office oversees
//! more than one) and each body's own page of its inspections.

use maud::{Markup, html};

use super::home::inspection_summary;
use super::{Base, edition_line, site_nav};
use crate::domain::edition::{EditionMeta, PublicBody};
use crate::views::layout::{Chrome, page};

/// The bodies, each with its counts and a link to its page.
pub fn body_list(bodies: &[PublicBody<'_>], base: Base) -> Markup {
    html! {
        h2 class="govuk-heading-l" id="bodies" { "Inspected bodies" }
        div class="app-table-wrapper" {
            table class="govuk-table" id="body-list" {
                caption class="govuk-visually-hidden" { "Inspected bodies and their progress" }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Body" }
                    th scope="col" class="govuk-table__header" { "Kind" }
                    th scope="col" class="govuk-table__header app-num" { "Inspections" }
                    th scope="col" class="govuk-table__header app-num" { "Findings" }
                    th scope="col" class="govuk-table__header app-num" { "Milestones delivered" }
                } }
                tbody class="govuk-table__body" {
                    @for b in bodies {
                        @let (met, all) = b.milestones();
                        tr class="govuk-table__row" {
                            th scope="row" class="govuk-table__header" {
                                @match b.id.and_then(|id| base.body_href(id)) {
                                    Some(href) => a class="govuk-link" href=(href) { (b.name) },
                                    None => (b.name),
                                }
                            }
                            td class="govuk-table__cell" { (b.kind.map_or("", |k| k.label())) }
                            td class="govuk-table__cell app-num" { (b.inspections.len()) }
                            td class="govuk-table__cell app-num" { (b.findings()) }
                            td class="govuk-table__cell app-num" { (met) " of " (all) }
                        }
                    }
                }
            }
        }
    }
}

/// One body's page: its inspections, each as the home page shows it.
pub fn body_page(chrome: &Chrome, meta: &EditionMeta, body: &PublicBody<'_>, base: Base) -> Markup {
    let title = match base {
        Base::Edition(n) | Base::LatestEdition(n) => format!("Edition {n}: {}", body.name),
        _ => format!("{}: progress on inspection recommendations", body.name),
    };
    page(
        chrome,
        &title,
        html! {
            span class="govuk-caption-l" { "Progress on inspection recommendations" }
            h1 class="govuk-heading-xl" { (body.name) }
            (site_nav())
            (edition_line(meta, base))
            @if let Some(id) = body.id {
                (super::email_updates(crate::domain::vocab::SubscriptionScope::Body, Some(id)))
            }
            @if let Some(kind) = body.kind { p class="govuk-body-l" { (kind.label()) } }
            p class="govuk-body" {
                a class="govuk-link" href=(base.home_href()) { "Every inspected body" }
            }
            @for i in &body.inspections {
                (inspection_summary(i, base))
            }
        },
    )
}
