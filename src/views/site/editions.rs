//! The list of published editions and the published meeting summaries.

use maud::{Markup, html};

use super::{Base, edition_line, publisher, site_nav};
use crate::domain::dates;
use crate::domain::edition::{EditionMeta, Snapshot};
use crate::domain::numbers;
use crate::views::layout::{Chrome, page};

pub fn editions_page(chrome: &Chrome, editions: &[EditionMeta]) -> Markup {
    page(
        chrome,
        "Published editions",
        html! {
            h1 class="govuk-heading-xl" { "Published editions" }
            (site_nav())
            p class="govuk-body" {
                "Each edition is a dated snapshot of the progress the Commissioner's office has "
                "approved for publication. An edition never changes once published; a correction "
                "is made by publishing a new edition. The fingerprint is the SHA-256 of the "
                "edition's JSON file exactly as served, so anyone can check that a copy has not been "
                "altered: "
                a class="govuk-link" href="/about#check-an-edition" { "how to check an edition" } "."
            }
            @if editions.is_empty() {
                p class="govuk-body" { "No progress has been published yet." }
            } @else {
                @if editions.len() > 1 { (compare_form(editions)) }
                div class="app-table-wrapper" {
                    table class="govuk-table" {
                        caption class="govuk-table__caption govuk-table__caption--m" { (numbers::count(editions.len(), "edition", "editions")) }
                        thead class="govuk-table__head" {
                            tr class="govuk-table__row" {
                                th scope="col" class="govuk-table__header" { "Edition" }
                                th scope="col" class="govuk-table__header" { "Published" }
                                th scope="col" class="govuk-table__header" { "Published by" }
                                th scope="col" class="govuk-table__header" { "Fingerprint (SHA-256)" }
                                th scope="col" class="govuk-table__header" { "Changes" }
                            }
                        }
                        tbody class="govuk-table__body" {
                            @for e in editions {
                                tr class="govuk-table__row" {
                                    th scope="row" class="govuk-table__header" {
                                        a class="govuk-link" href={ "/editions/" (e.number) } { "Edition " (e.number) }
                                        @if let Some(note) = &e.note { br; span class="govuk-body-s" { (note) } }
                                    }
                                    td class="govuk-table__cell" { (dates::uk_date(e.published_at.date_naive())) }
                                    td class="govuk-table__cell" { (publisher(e)) }
                                    td class="govuk-table__cell" {
                                        @if let Some(fingerprint) = &e.fingerprint {
                                            code class="app-hash" { (fingerprint) }
                                        } @else {
                                            // Published before the file itself was kept: only
                                            // the hash of the stored snapshot exists.
                                            code class="app-hash" { (e.sha256) }
                                            br;
                                            span class="govuk-body-s" { "Of the stored snapshot, not the JSON file (published before files were fingerprinted)." }
                                        }
                                    }
                                    td class="govuk-table__cell" {
                                        @if e.number > 1 {
                                            a class="govuk-link" href={ "/editions/" (e.number - 1) "/changes/" (e.number) } {
                                                "What changed since edition " (e.number - 1)
                                            }
                                        } @else { "First edition" }
                                        br;
                                        a class="govuk-link" href={ "/data/editions/" (e.number) ".json" } { "JSON" }
                                        " · "
                                        a class="govuk-link" href={ "/data/editions/" (e.number) ".csv" } { "CSV" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub fn meetings_page(chrome: &Chrome, meta: &EditionMeta, snapshot: &Snapshot) -> Markup {
    page(
        chrome,
        "Meeting summaries",
        html! {
            h1 class="govuk-heading-xl" { "Meeting summaries" }
            (site_nav())
            (edition_line(meta, Base::Latest))
            p class="govuk-body" {
                "Summaries of the meetings at which the Commissioner holds the Chief Constable to "
                "account, as approved for publication."
            }
            @if !snapshot.planned_meetings.is_empty() {
                section class="app-section" aria-labelledby="coming-up" {
                    h2 class="govuk-heading-l" id="coming-up" { "Coming up: meetings held in public" }
                    ul class="govuk-list" {
                        @for m in &snapshot.planned_meetings {
                            li {
                                strong { (m.title) } br;
                                (m.kind.label()) ", " (dates::uk_datetime(m.starts_at))
                                @if !m.location.is_empty() { ", " (m.location) }
                            }
                        }
                    }
                    p class="govuk-body" {
                        "These are also in the "
                        a class="govuk-link" href="/feeds/public.ics" { "public calendar" } "."
                    }
                }
                h2 class="govuk-heading-l" { "Summaries of meetings held" }
            }
            @if snapshot.meetings.is_empty() {
                p class="govuk-body" { "No meeting summaries have been published yet." }
            }
            @for m in &snapshot.meetings {
                section class="app-section" {
                    h2 class="govuk-heading-m" { (m.title) }
                    p class="govuk-body-s app-secondary" {
                        (m.kind.label()) ", " (dates::uk_datetime(m.starts_at))
                    }
                    p class="govuk-body" { (m.summary) }
                }
            }
        },
    )
}

/// Pick any two editions to see what changed between them.
fn compare_form(editions: &[EditionMeta]) -> Markup {
    let select = |name: &str, label: &str, chosen: i64| {
        html! {
            div class="govuk-form-group app-inline-field" {
                label class="govuk-label" for=(name) { (label) }
                select class="govuk-select" id=(name) name=(name) {
                    @for e in editions {
                        option value=(e.number) selected[e.number == chosen] { "Edition " (e.number) }
                    }
                }
            }
        }
    };
    let newest = editions.first().map_or(1, |e| e.number);
    html! {
        form method="get" action="/editions/compare" class="app-compare" {
            h2 class="govuk-heading-m" { "Compare two editions" }
            (select("from", "From", newest - 1))
            (select("to", "To", newest))
            button type="submit" class="govuk-button govuk-button--secondary" { "Show what changed" }
        }
    }
}
