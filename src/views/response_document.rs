//! The response document of one report's clock, as a page to print (the meeting pack's print
//! rules in `app.css`, with a stylesheet of its own for the running header) and as the blocks
//! of an OpenDocument text file; and the office's release of it to the public site.

use maud::{Markup, html};

use super::forms;
use super::layout::{Chrome, page_with_stylesheet};
use super::odt::Block;
use super::packs::css_string;
use crate::domain::dates::uk_stored_instant;
use crate::domain::response_document::{Fact, ResponseDocument, ResponseLine};

/// Where the document of report `id` under rule `rule_id` lives.
pub fn document_path(id: i64, rule_id: i64) -> String {
    format!("/inspections/{id}/clocks/{rule_id}/document")
}

/// The document's release to the public site, as shown.
pub struct Released {
    pub released_at: String,
    pub released_by: Option<String>,
}

/// Everything the document page shows.
pub struct DocumentPage<'a> {
    pub id: i64,
    pub rule_id: i64,
    pub doc: &'a ResponseDocument,
    pub released: Option<&'a Released>,
    /// A change that was not made, said kindly (the document already was, or was not, released).
    pub notice: Option<&'a str>,
}

const RESPONSES: &str = "Response to each finding";

pub fn document_page(chrome: &Chrome, p: &DocumentPage<'_>) -> Markup {
    let path = document_path(p.id, p.rule_id);
    page_with_stylesheet(
        chrome,
        &format!("{}: {}", p.doc.title, p.doc.report_title),
        Some(&format!("{path}.css")),
        html! {
            @if let Some(notice) = p.notice {
                div class="govuk-inset-text app-no-print" role="status" { (notice) }
            }
            p class="govuk-body app-no-print" {
                a class="govuk-link" href={ "/inspections/" (p.id) } { "Back to the report" } " · "
                a class="govuk-link" href={ (path) ".odt" } { "Download as an OpenDocument text file (.odt)" }
            }
            (document(p.doc))
            (release(chrome, &path, p.released))
        },
    )
}

/// Whether the document is on the public site, and the office's button to change that.
fn release(chrome: &Chrome, path: &str, released: Option<&Released>) -> Markup {
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.as_str())
        .unwrap_or_default();
    let (action, button) = match released {
        Some(_) => (format!("{path}/unrelease"), "Take it off the public site"),
        None => (format!("{path}/release"), "Release to the public site"),
    };
    html! {
        section class="app-no-print" aria-labelledby="release" {
            h2 class="govuk-heading-m" id="release" { "Public site" }
            p class="govuk-body" {
                @match released {
                    Some(r) => {
                        strong { "Released to the public site" } " on " (uk_stored_instant(&r.released_at))
                        @if let Some(by) = &r.released_by { " by " (by) }
                        ". The next edition published carries it."
                    }
                    None => { "Not released to the public site." }
                }
            }
            @if chrome.may_post(&action) {
                form method="post" action=(action) {
                    (forms::csrf(token))
                    button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { (button) }
                }
            }
        }
    }
}

fn facts(list: &[Fact]) -> Markup {
    html! {
        dl class="govuk-summary-list" {
            @for f in list {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (f.label) }
                    dd class="govuk-summary-list__value" {
                        @if f.value.starts_with("https://") || f.value.starts_with("http://") {
                            a class="govuk-link" href=(f.value) { (f.value) }
                        } @else {
                            (f.value)
                        }
                    }
                }
            }
        }
    }
}

/// The document itself: what prints (on the public site too, once released).
pub fn document(doc: &ResponseDocument) -> Markup {
    html! {
        article class="app-response-document" aria-labelledby="document-title" {
            span class="govuk-caption-l" { (doc.organisation) }
            h1 class="govuk-heading-l" id="document-title" { (doc.title) }
            p class="govuk-body-l" { (doc.report_title) }
            section class="app-pack-section" aria-labelledby="the-report" {
                h2 class="govuk-heading-m" id="the-report" { "The report" }
                (facts(&doc.report))
            }
            section class="app-pack-section" aria-labelledby="the-obligation" {
                h2 class="govuk-heading-m" id="the-obligation" { "The obligation" }
                (facts(&doc.obligation))
            }
            @if let Some(c) = &doc.comments {
                section class="app-pack-section" aria-labelledby="comments" {
                    h2 class="govuk-heading-m" id="comments" { "The Chief Constable's comments" }
                    (facts(&c.facts))
                    p class="govuk-body" { (c.note) }
                }
            }
            section class="app-pack-section" aria-labelledby="responses" {
                h2 class="govuk-heading-m" id="responses" { (RESPONSES) }
                @if doc.responses.is_empty() {
                    p class="govuk-body" { "No findings recorded." }
                }
                @for r in &doc.responses { (response(r)) }
            }
        }
    }
}

fn response(r: &ResponseLine) -> Markup {
    html! {
        div class="app-milestone" {
            h3 class="govuk-heading-s" {
                (r.kind) " " (r.reference)
                @if let Some(under) = &r.under { span class="govuk-caption-s" { (under) } }
            }
            p class="govuk-body app-pre" { (r.wording) }
            dl class="govuk-summary-list" {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Response" }
                    dd class="govuk-summary-list__value" { (r.position) }
                }
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (r.explanation_label) }
                    dd class="govuk-summary-list__value app-pre" { (r.explanation) }
                }
            }
        }
    }
}

/// The running header and footer words of the printed document, as print margin boxes.
pub fn document_stylesheet(doc: &ResponseDocument) -> String {
    format!(
        "@page {{\n  @top-left {{ content: {}; }}\n  @bottom-left {{ content: {}; }}\n}}\n",
        css_string(&format!("{} – {}", doc.report_title, doc.title)),
        css_string(&format!("{} – response document", doc.organisation)),
    )
}

fn labelled(facts: &[Fact]) -> impl Iterator<Item = Block> + '_ {
    facts
        .iter()
        .map(|f| Block::Labelled(f.label.to_string(), f.value.clone()))
}

/// The same content as the page, as the blocks of an OpenDocument text file.
pub fn odt_blocks(doc: &ResponseDocument) -> Vec<Block> {
    let mut blocks = vec![
        Block::Paragraph(doc.organisation.clone()),
        Block::Heading(1, doc.title.clone()),
        Block::Paragraph(doc.report_title.clone()),
        Block::Heading(2, "The report".into()),
    ];
    blocks.extend(labelled(&doc.report));
    blocks.push(Block::Heading(2, "The obligation".into()));
    blocks.extend(labelled(&doc.obligation));
    if let Some(c) = &doc.comments {
        blocks.push(Block::Heading(2, "The Chief Constable's comments".into()));
        blocks.extend(labelled(&c.facts));
        blocks.push(Block::Paragraph(c.note.clone()));
    }
    blocks.push(Block::Heading(2, RESPONSES.into()));
    if doc.responses.is_empty() {
        blocks.push(Block::Paragraph("No findings recorded.".into()));
        return blocks;
    }
    let header = [
        "Reference",
        "Finding",
        "Response",
        "Explanation or rationale",
    ];
    let rows = doc
        .responses
        .iter()
        .map(|r| {
            let reference = match &r.under {
                Some(under) => format!("{} {}\n{under}", r.kind, r.reference),
                None => format!("{} {}", r.kind, r.reference),
            };
            let explanation = format!("{}: {}", r.explanation_label, r.explanation);
            vec![
                reference,
                r.wording.clone(),
                r.position.to_string(),
                explanation,
            ]
        })
        .collect();
    blocks.push(Block::Table {
        name: "Responses".into(),
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
    });
    blocks
}
