//! The API guide at `/api`: how to call it, then every operation as the OpenAPI document
//! describes it (so the page and the document cannot disagree).

use maud::{Markup, html};

use crate::views::layout::{Chrome, page};

/// One operation of the document, as plain data.
#[derive(Debug, Clone)]
pub struct Operation {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub description: String,
    /// Whether it needs a token (the open data does not).
    pub token: bool,
    /// Name, where (path or query) and meaning.
    pub parameters: Vec<(String, String, String)>,
    /// The schema of the JSON body it takes, by name.
    pub body: Option<String>,
    /// Status and meaning.
    pub responses: Vec<(String, String)>,
}

fn code_block(text: &str) -> Markup {
    html! { pre class="app-code" { code { (text) } } }
}

pub fn api_docs_page(chrome: &Chrome, base: &str, operations: &[Operation]) -> Markup {
    let read = format!(
        "curl -H \"Authorization: Bearer scr_…\" \\\n  \"{base}/api/v1/findings?limit=50\""
    );
    let write = format!(
        "curl -X POST \"{base}/api/v1/actions/12/updates\" \\\n  -H \"Authorization: Bearer scr_…\" \\\n  -H \"Content-Type: application/json\" \\\n  -H \"Idempotency-Key: 6f1c2a4e-tracker-update-981\" \\\n  -d '{{\"as_at\": \"2026-12-01\", \"rag\": \"amber\", \"narrative\": \"Training delivered to 80% of staff.\"}}'"
    );
    page(
        chrome,
        "The Scrutineer API",
        html! {
            h1 class="govuk-heading-xl" { "The Scrutineer API" }
            p class="govuk-body-l" {
                "Read the progress record and send progress updates from your own systems, with the same rules, "
                "the same messages and the same audit trail as these pages."
            }
            p class="govuk-body" {
                "The machine-readable description is the "
                a class="govuk-link" href="/api/openapi.json" { "OpenAPI 3.1 document" } "."
            }
            h2 class="govuk-heading-l" id="tokens" { "Tokens" }
            p class="govuk-body" {
                "Every request to " code { "/api/v1" } " carries a personal API token: sign in and make one at "
                a class="govuk-link" href="/account/api-tokens" { "API tokens" }
                ". A token acts as you, with your role and the bodies you may see; it is read-only or read-and-write, "
                "and it expires. Send it as " code { "Authorization: Bearer scr_…" } ". The pages never accept a "
                "token, and the API never accepts a signed-in browser's cookie."
            }
            (code_block(&read))
            h2 class="govuk-heading-l" id="changes" { "Sending changes safely" }
            p class="govuk-body" {
                "Every change carries an " code { "Idempotency-Key" } " header: a value unique to that change, such as "
                "your system's own id for the update. If the same request is sent again with the same key – after a "
                "timeout, say – nothing new is made: the answer is the record made the first time (200, with "
                code { "Idempotent-Replayed: true" } "). The same key with a different request is refused."
            }
            (code_block(&write))
            h2 class="govuk-heading-l" id="lists" { "Lists, pages and caching" }
            p class="govuk-body" {
                "Lists come a page at a time, in the order records were made: pass " code { "limit" }
                " (1 to 500, 100 if not given) and, for the next page, the " code { "next_cursor" }
                " the last page gave as " code { "cursor" } ". Every answer has an " code { "ETag" }
                ": send it back as " code { "If-None-Match" } " and an unchanged answer is 304 Not Modified, with no body."
            }
            h2 class="govuk-heading-l" id="errors" { "Errors" }
            p class="govuk-body" {
                "Errors are " code { "application/problem+json" } " (RFC 9457): a " code { "title" } ", a "
                code { "status" } ", a " code { "detail" } " and, when input is refused, " code { "errors" }
                " with each field's message, worded as on the forms. A token that has sent too many requests is answered "
                "429 with " code { "Retry-After" } " (seconds)."
            }
            dl class="govuk-summary-list" {
                div class="govuk-summary-list__row" id="validation" {
                    dt class="govuk-summary-list__key" { code class="app-break" { "/api#validation" } }
                    dd class="govuk-summary-list__value" { "The input was refused: fix each field named in " code { "errors" } "." }
                }
                div class="govuk-summary-list__row" id="idempotency-key-reused" {
                    dt class="govuk-summary-list__key" { code class="app-break" { "/api#idempotency-key-reused" } }
                    dd class="govuk-summary-list__value" { "The Idempotency-Key was used before for a different request." }
                }
            }
            h2 class="govuk-heading-l" id="operations" { "Operations" }
            @for op in operations { (operation(op)) }
        },
    )
}

fn operation(op: &Operation) -> Markup {
    html! {
        section class="app-api-operation" {
            h3 class="govuk-heading-s" {
                code class="app-break" { (op.method) " " (op.path) }
            }
            @if !op.summary.is_empty() { p class="govuk-body" { (op.summary) } }
            @if !op.description.is_empty() { p class="govuk-body" { (op.description) } }
            p class="govuk-body-s" {
                @if op.token { "Needs a token." } @else { "Open to anyone: no token." }
                @if let Some(body) = &op.body { " Takes a JSON " code { (body) } "." }
            }
            @if !op.parameters.is_empty() {
                table class="govuk-table app-table--stack" {
                    caption class="govuk-table__caption govuk-table__caption--s" { "Parameters" }
                    thead class="govuk-table__head" {
                        tr class="govuk-table__row" {
                            th scope="col" class="govuk-table__header" { "Name" }
                            th scope="col" class="govuk-table__header" { "In" }
                            th scope="col" class="govuk-table__header" { "Meaning" }
                        }
                    }
                    tbody class="govuk-table__body" {
                        @for (name, place, meaning) in &op.parameters {
                            tr class="govuk-table__row" {
                                td class="govuk-table__cell" data-label="Name" { code class="app-break" { (name) } }
                                td class="govuk-table__cell" data-label="In" { (place) }
                                td class="govuk-table__cell" data-label="Meaning" { (meaning) }
                            }
                        }
                    }
                }
            }
            p class="govuk-body-s" {
                "Answers: "
                @for (i, (status, meaning)) in op.responses.iter().enumerate() {
                    @if i > 0 { ", " }
                    (status)
                    @if !meaning.is_empty() { " (" (meaning) ")" }
                }
                "."
            }
        }
    }
}
