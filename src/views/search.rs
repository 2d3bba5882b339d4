//! Search results over findings, action-plan items and updates, grouped by kind.

use maud::{Markup, html};

use super::layout::{Chrome, page};
use crate::db::search::{HitRow, MATCH_END, MATCH_START};

/// A snippet with its matched words highlighted (everything escaped by maud).
fn snippet(text: &str) -> Markup {
    let mut pieces = Vec::new();
    for (i, chunk) in text.split(MATCH_START).enumerate() {
        match chunk.split_once(MATCH_END) {
            Some((hit, rest)) if i > 0 => pieces.push((hit, rest)),
            _ => pieces.push(("", chunk)),
        }
    }
    html! { @for (hit, rest) in pieces { @if !hit.is_empty() { mark { (hit) } } (rest) } }
}

fn link(hit: &HitRow) -> String {
    match (hit.kind, hit.action_id, hit.finding_id) {
        (1, _, _) => format!("/findings/{}", hit.id),
        (2, _, _) => format!("/actions/{}", hit.id),
        (_, Some(a), _) => format!("/actions/{a}#update-{}", hit.id),
        (_, _, Some(f)) => format!("/findings/{f}#update-{}", hit.id),
        _ => "#".into(),
    }
}

fn label(hit: &HitRow) -> String {
    match hit.kind {
        1 => format!("Finding {}", hit.title.trim()),
        2 => hit.title.trim().to_string(),
        _ => format!("Update {}", hit.id),
    }
}

pub fn search_page(chrome: &Chrome, typed: &str, hits: Option<&[HitRow]>) -> Markup {
    let groups = [(1, "Findings"), (2, "Action-plan items"), (3, "Updates")];
    page(
        chrome,
        "Search",
        html! {
            h1 class="govuk-heading-l" { "Search" }
            form method="get" action="/search" role="search" {
                div class="govuk-form-group" {
                    label class="govuk-label" for="q" { "Search findings, action-plan items and updates" }
                    input class="govuk-input" id="q" name="q" type="search" value=(typed);
                }
                button type="submit" class="govuk-button" { "Search" }
            }
            @if let Some(hits) = hits {
                @if hits.is_empty() { p class="govuk-body" { "Nothing matched " strong { (typed) } "." } }
                @for (kind, heading) in groups {
                    @let group: Vec<&HitRow> = hits.iter().filter(|h| h.kind == kind).collect();
                    @if !group.is_empty() {
                        h2 class="govuk-heading-m" { (heading) " (" (group.len()) ")" }
                        ul class="govuk-list app-search-results" {
                            @for hit in group {
                                li {
                                    a class="govuk-link" href=(link(hit)) { (label(hit)) }
                                    p class="govuk-body-s" { (snippet(&hit.snippet)) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
