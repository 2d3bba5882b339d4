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

/// The files the office released with a report (the report itself, the response letter),
/// each at its address in edition `edition` with its size and SHA-256.
pub fn files_list(i: &Inspection, edition: i64, base: Base) -> Markup {
    html! {
        @if !i.files.is_empty() {
            section aria-labelledby="published-files" {
                h2 class="govuk-heading-m" id="published-files" { "Documents" }
                ul class="govuk-list" {
                    @for f in &i.files {
                        li class="app-break" {
                            @match base {
                                Base::Preview => (f.name),
                                _ => a class="govuk-link" href=(f.path(edition)) download { (f.name) },
                            }
                            " (" (f.kind.label()) ", " (crate::domain::evidence::size_label(f.size)) ")"
                            @if let Some(d) = &f.description { br; span class="govuk-body-s" { (d) } }
                            br; span class="govuk-body-s" { "SHA-256: " code { (f.sha256) } }
                        }
                    }
                }
            }
        }
    }
}
