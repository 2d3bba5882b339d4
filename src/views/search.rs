//! Search results over inspections, findings, action-plan items and updates, grouped by kind,
//! each saying which body (when there are several) and inspection it belongs to.

use maud::{Markup, html};

use super::layout::{Chrome, page};
use crate::db::search::{HitRow, MATCH_END, MATCH_START};
use crate::domain::numbers::thousands;
use crate::domain::search::PER_PAGE;

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
        (0, _, _) => format!("/inspections/{}", hit.id),
        (1, _, _) => format!("/findings/{}", hit.id),
        (2, _, _) => format!("/actions/{}", hit.id),
        (_, Some(a), _) => format!("/actions/{a}#update-{}", hit.id),
        (_, _, Some(f)) => format!("/findings/{f}#update-{}", hit.id),
        _ => "#".into(),
    }
}

fn label(hit: &HitRow) -> String {
    match hit.kind {
        0 => hit.title.trim().to_string(),
        1 => format!("Finding {}", hit.title.trim()),
        2 => hit.title.trim().to_string(),
        _ => format!("Update {}", hit.id),
    }
}

/// Which body (when the installation has more than one) and which inspection a hit belongs to;
/// the inspection is a link for those who may open it.
fn belongs_to(chrome: &Chrome, hit: &HitRow, many_bodies: bool) -> Markup {
    let inspection = match (hit.kind, hit.inspection_id, &hit.inspection_title) {
        (0, _, _) => None,
        (_, Some(id), Some(title)) => Some((format!("/inspections/{id}"), title)),
        _ => None,
    };
    html! {
        @if many_bodies || inspection.is_some() {
            p class="govuk-body-s app-search-context" {
                @if many_bodies { (hit.body_name) }
                @if many_bodies && inspection.is_some() { " · " }
                @if let Some((path, title)) = inspection {
                    @if chrome.may_open(&path) { a class="govuk-link" href=(path) { (title) } }
                    @else { (title) }
                }
            }
        }
    }
}

fn hit_title(chrome: &Chrome, hit: &HitRow) -> Markup {
    let path = link(hit);
    html! {
        @if chrome.may_open(path.split('#').next().unwrap_or_default()) {
            a class="govuk-link" href=(path) { (label(hit)) }
        } @else {
            strong { (label(hit)) }
        }
    }
}

/// What was searched for and what was found: up to one more hit than a page holds (which
/// says there is a next page), on page `page`.
pub struct Results<'a> {
    pub typed: &'a str,
    pub hits: Option<&'a [HitRow]>,
    /// More records matched than this many, and only this many were ranked.
    pub narrowed_to: Option<usize>,
    pub page: usize,
    pub many_bodies: bool,
}

/// "Previous" and "Next" links between pages of results.
fn pagination(r: &Results<'_>, more: bool) -> Markup {
    let href = |n: usize| {
        let q: String = form_urlencoded::byte_serialize(r.typed.as_bytes()).collect();
        format!("/search?q={q}&page={n}")
    };
    html! {
        @if r.page > 1 || more {
            nav class="govuk-pagination govuk-pagination--block" aria-label="Pages of results" {
                @if r.page > 1 {
                    div class="govuk-pagination__prev" {
                        a class="govuk-link govuk-pagination__link" href=(href(r.page - 1)) rel="prev" {
                            span class="govuk-pagination__link-title" { "Previous" span class="govuk-visually-hidden" { " page of results" } }
                        }
                    }
                }
                @if more {
                    div class="govuk-pagination__next" {
                        a class="govuk-link govuk-pagination__link" href=(href(r.page + 1)) rel="next" {
                            span class="govuk-pagination__link-title" { "Next" span class="govuk-visually-hidden" { " page of results" } }
                        }
                    }
                }
            }
        }
    }
}

pub fn search_page(chrome: &Chrome, r: &Results<'_>) -> Markup {
    let (typed, many_bodies) = (r.typed, r.many_bodies);
    let more = r.hits.is_some_and(|h| h.len() > PER_PAGE);
    let hits = r.hits.map(|h| &h[..h.len().min(PER_PAGE)]);
    let first = (r.page - 1) * PER_PAGE + 1;
    let groups = [
        (0, "Inspections"),
        (1, "Findings"),
        (2, "Action-plan items"),
        (3, "Updates"),
    ];
    page(
        chrome,
        "Search",
        html! {
            h1 class="govuk-heading-l" { "Search" }
            form method="get" action="/search" role="search" {
                div class="govuk-form-group" {
                    label class="govuk-label" for="q" { "Search inspections, findings, action-plan items and updates" }
                    input class="govuk-input" id="q" name="q" type="search" value=(typed);
                }
                button type="submit" class="govuk-button" { "Search" }
            }
            @if let Some(hits) = hits {
                @if hits.is_empty() && r.page == 1 { p class="govuk-body" { "Nothing matched " strong { (typed) } "." } }
                @else if hits.is_empty() { p class="govuk-body" { "No more matches for " strong { (typed) } "." } }
                @else { p class="govuk-body" id="results-shown" { "Results " (first) " to " (first + hits.len() - 1) ", best matches first." } }
                @if let Some(most) = r.narrowed_to {
                    @let most = thousands(most as i64);
                    div class="govuk-inset-text" id="search-narrowed" {
                        "More than " (most) " records match. These are the best of the first " (most)
                        ": inspections, findings and action-plan items, newest first, then the newest updates. "
                        "Add a word to narrow the search."
                    }
                }
                @for (kind, heading) in groups {
                    @let group: Vec<&HitRow> = hits.iter().filter(|h| h.kind == kind).collect();
                    @if !group.is_empty() {
                        h2 class="govuk-heading-m" { (heading) " (" (group.len()) ")" }
                        ul class="govuk-list app-search-results" {
                            @for hit in group {
                                li {
                                    (hit_title(chrome, hit))
                                    (belongs_to(chrome, hit, many_bodies))
                                    p class="govuk-body-s" { (snippet(&hit.snippet)) }
                                }
                            }
                        }
                    }
                }
                (pagination(r, more))
            }
        },
    )
}
