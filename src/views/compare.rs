//! The cross-force view: other offices' published open data side by side, a table per
//! national report, each figure linking to the office's own public page.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::layout::{Chrome, page};
use crate::domain::compare::{
    Comparison, DEADLINE_RULE, Office, Recommendation, Report, SLIPS_RULE, Standing, Unread,
};
use crate::domain::dates::{uk_date, uk_date_short, uk_instant};

/// What the page shows: nothing configured, or what was read and when.
pub enum CompareView<'a> {
    NotConfigured,
    Read {
        comparison: &'a Comparison,
        read_at: DateTime<Utc>,
    },
}

const TITLE: &str = "Compare forces from open data";

pub fn compare_page(chrome: &Chrome, view: &CompareView<'_>) -> Markup {
    page(
        chrome,
        TITLE,
        html! {
            h1 class="govuk-heading-l" { (TITLE) }
            p class="govuk-body" {
                "For each national recommendation – one loaded from a report package – every "
                "force side by side, from what each office has published as open data: never "
                "from another office's own records. Each figure links to that office's public page."
            }
            @match view {
                CompareView::NotConfigured => (not_configured()),
                CompareView::Read { comparison, read_at } => (read(comparison, *read_at)),
            }
        },
    )
}

fn not_configured() -> Markup {
    html! {
        div class="govuk-inset-text" id="compare-not-configured" {
            p class="govuk-body" { "No other offices' open data is configured." }
            p class="govuk-body" {
                "Start the server with " code { "--compare-source SOURCE" } " once for each "
                "office (or set " code { "COMPARE_SOURCES" } " to the sources separated by "
                "commas). A source is an office's open-data address, such as "
                code { "https://progress.example.org/data/latest.json" } ", its site's address, "
                "or a downloaded file with the site's address after an equals sign: "
                code { "north.json=https://north.example.org" } "."
            }
            p class="govuk-body" {
                "The command " code { "scrutineer compare SOURCE…" } " prints the same comparison."
            }
        }
    }
}

fn read(c: &Comparison, read_at: DateTime<Utc>) -> Markup {
    html! {
        @if !c.unread.is_empty() { (unread(&c.unread)) }
        p class="govuk-body" id="compare-read-at" {
            "Read at " (uk_instant(read_at)) "; read again after a minute."
        }
        @if !c.offices.is_empty() { (offices(&c.offices)) }
        (rules())
        @if c.reports.is_empty() {
            p class="govuk-body" id="compare-none" {
                "None of the sources read has published a national recommendation."
            }
        }
        @for (n, report) in c.reports.iter().enumerate() {
            (report_table(n, report))
        }
    }
}

fn unread(unread: &[Unread]) -> Markup {
    html! {
        div class="govuk-notification-banner" role="region" id="compare-unread"
            aria-labelledby="compare-unread-title" data-module="govuk-notification-banner" {
            div class="govuk-notification-banner__header" {
                h2 class="govuk-notification-banner__title" id="compare-unread-title" { "Important" }
            }
            div class="govuk-notification-banner__content" {
                p class="govuk-notification-banner__heading" {
                    @if unread.len() == 1 { "One source could not be read" }
                    @else { (unread.len()) " sources could not be read" }
                    ": its forces are missing from the tables below."
                }
                ul class="govuk-list govuk-list--bullet" {
                    @for u in unread { li { code { (u.source) } " " (u.reason) } }
                }
            }
        }
    }
}

fn offices(offices: &[Office]) -> Markup {
    html! {
        h2 class="govuk-heading-m" { "Sources read" }
        div class="app-table-wrapper" {
            table class="govuk-table" id="compare-sources" {
                caption class="govuk-visually-hidden" { "Sources read" }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Office" }
                    th scope="col" class="govuk-table__header" { "Edition" }
                    th scope="col" class="govuk-table__header" { "As at" }
                    th scope="col" class="govuk-table__header govuk-table__header--numeric" { "National recommendations" }
                } }
                tbody class="govuk-table__body" {
                    @for o in offices {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" {
                                @match &o.site {
                                    Some(site) => a class="govuk-link" href=(site) { (o.organisation) },
                                    None => (o.organisation),
                                }
                                br;
                                span class="app-secondary" { (o.source) }
                            }
                            td class="govuk-table__cell" { (o.edition) }
                            td class="govuk-table__cell" { (uk_date(o.as_at)) }
                            td class="govuk-table__cell govuk-table__cell--numeric" { (o.national) }
                        }
                    }
                }
            }
        }
    }
}

fn rules() -> Markup {
    html! {
        details class="govuk-details" {
            summary class="govuk-details__summary" {
                span class="govuk-details__summary-text" { "How deadlines and slips are decided" }
            }
            div class="govuk-details__text" {
                p class="govuk-body" { (DEADLINE_RULE) }
                p class="govuk-body" { (SLIPS_RULE) }
            }
        }
    }
}

fn report_table(n: usize, report: &Report) -> Markup {
    let id = format!("report-{}", n + 1);
    html! {
        h2 class="govuk-heading-m" id=(id) {
            (report.title)
            @if !report.national_id.is_empty() {
                br; span class="govuk-caption-m" { (report.national_id) }
            }
        }
        div class="app-table-wrapper" {
            table class="govuk-table app-compare" aria-labelledby=(id) {
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Recommendation" }
                    th scope="col" class="govuk-table__header" { "Force" }
                    th scope="col" class="govuk-table__header" { "Force's position" }
                    th scope="col" class="govuk-table__header" { "PCC's assurance" }
                    th scope="col" class="govuk-table__header" { "Issuing body's position" }
                    th scope="col" class="govuk-table__header" { "Deadline" }
                    th scope="col" class="govuk-table__header" { "Slips" }
                    th scope="col" class="govuk-table__header" { "As at" }
                } }
                @for rec in &report.recommendations { (recommendation(rec)) }
            }
        }
    }
}

/// One recommendation: its reference heads a group of rows, one per force.
fn recommendation(rec: &Recommendation) -> Markup {
    html! {
        tbody class="govuk-table__body" {
            @for (i, s) in rec.forces.iter().enumerate() {
                tr class="govuk-table__row" {
                    @if i == 0 {
                        th scope="rowgroup" class="govuk-table__header" rowspan=(rec.forces.len()) {
                            (rec.reference)
                            br; span class="app-secondary" { (rec.national_id) }
                        }
                    }
                    td class="govuk-table__cell" {
                        (s.body) br; span class="app-secondary" { (s.organisation) }
                    }
                    td class="govuk-table__cell" { (figure(s, &s.force_position)) }
                    td class="govuk-table__cell" { (figure(s, &s.assurance)) }
                    td class="govuk-table__cell" { (figure(s, &s.inspectorate)) }
                    td class="govuk-table__cell" {
                        (figure(s, s.deadline.label()))
                        @if let Some(due) = s.due_on { br; span class="app-secondary" { (uk_date_short(due)) } }
                    }
                    td class="govuk-table__cell" { (figure(s, &s.slips.label())) }
                    td class="govuk-table__cell" { (uk_date_short(s.as_at)) }
                }
            }
        }
    }
}

/// A figure, linking to the office's page for the finding (when its address is known); the
/// force is named for those who hear the link alone.
fn figure(s: &Standing, text: &str) -> Markup {
    html! {
        @match &s.link {
            Some(href) => a class="govuk-link" href=(href) {
                (text) span class="govuk-visually-hidden" { " – " (s.body) }
            },
            None => (text),
        }
    }
}
