//! The public page of a response document the office released: the document as the edition
//! froze it, under the edition's line, linking back to its report.

use maud::{Markup, html};

use super::{Base, edition_line, site_nav};
use crate::domain::edition::{EditionMeta, Inspection};
use crate::domain::response_document::ResponseDocument;
use crate::views::layout::{Chrome, page};
use crate::views::response_document::document;

pub fn response_page(
    chrome: &Chrome,
    meta: &EditionMeta,
    i: &Inspection,
    doc: &ResponseDocument,
    base: Base,
) -> Markup {
    page(
        chrome,
        &format!("{}: {}", doc.title, i.title),
        html! {
            p class="govuk-body app-no-print" {
                @match base.inspection_href(i.id) {
                    Some(href) => a class="govuk-link" href=(href) { "Back to " (i.title) },
                    None => (i.title),
                }
            }
            div class="app-no-print" {
                (site_nav())
                (edition_line(meta, base))
            }
            (document(doc))
        },
    )
}

/// The list of a report's released response documents, for its public page.
pub fn responses_list(i: &Inspection, base: Base) -> Markup {
    html! {
        @if !i.responses.is_empty() {
            section aria-labelledby="published-responses" {
                h2 class="govuk-heading-m" id="published-responses" { "Published responses" }
                ul class="govuk-list" {
                    @for r in &i.responses {
                        li {
                            @match base.response_href(i.id, r.rule_id) {
                                Some(href) => a class="govuk-link" href=(href) { (r.document.title) },
                                None => (r.document.title),
                            }
                        }
                    }
                }
            }
        }
    }
}
