//! The public home page: every inspection in an edition with its overall progress.

use maud::{Markup, html};

use super::{Base, edition_line, site_nav};
use crate::domain::edition::{Counts, EditionMeta, Inspection, Snapshot};
use crate::domain::numbers;
use crate::domain::vocab::assurance_label;
use crate::views::components;
use crate::views::layout::{Chrome, page};

const INTRO: &str = "What His Majesty's Inspectorate of Constabulary and Fire & Rescue Services \
    (HMICFRS) asked the force to improve, and how the Commissioner holds the Chief Constable to \
    account for it.";

pub fn home_page(chrome: &Chrome, meta: &EditionMeta, snapshot: &Snapshot, base: Base) -> Markup {
    // An earlier edition's page is not the home page: its tab says which edition it is.
    let title = match base {
        Base::Edition(n) | Base::LatestEdition(n) => {
            format!("Edition {n}: progress on inspection recommendations")
        }
        _ => "Progress on inspection recommendations".to_string(),
    };
    page(
        chrome,
        &title,
        html! {
            span class="govuk-caption-xl" { (snapshot.organisation) }
            h1 class="govuk-heading-xl" { "Progress on inspection recommendations" }
            (site_nav())
            (edition_line(meta, base))
            (super::email_updates(crate::domain::vocab::SubscriptionScope::Site, None))
            (home_content(snapshot, base))
        },
    )
}

/// Before the first edition: say so plainly.
pub fn empty_home_page(chrome: &Chrome) -> Markup {
    page(
        chrome,
        "Progress on inspection recommendations",
        html! {
            h1 class="govuk-heading-xl" { "Progress on inspection recommendations" }
            (site_nav())
            p class="govuk-body-l" { (INTRO) }
            div class="govuk-inset-text" {
                p class="govuk-body" { "No progress has been published yet." }
                p class="govuk-body" {
                    "The Commissioner's office publishes progress as dated editions. "
                    "The first edition will appear here when it is published."
                }
            }
        },
    )
}

/// The body of the home page, shared with the office's preview.
pub fn home_content(snapshot: &Snapshot, base: Base) -> Markup {
    html! {
        p class="govuk-body-l" { (INTRO) }
        p class="govuk-body" {
            "Progress as at " (components::date(snapshot.as_at)) "."
        }
        @if let Some(m) = snapshot.planned_meetings.first() {
            div class="govuk-inset-text app-next-meeting" {
                p class="govuk-body" {
                    strong { "Next public meeting: " }
                    (m.title) ", " (crate::domain::dates::uk_datetime(m.starts_at))
                    @if !m.location.is_empty() { ", " (m.location) }
                    ". "
                    @if base != Base::Preview {
                        a class="govuk-link" href="/progress/meetings" { "Public meetings" }
                    }
                }
            }
        }
        @if snapshot.inspections.is_empty() {
            p class="govuk-body" { "No inspections have been published yet." }
        }
        @let bodies = snapshot.bodies();
        @if bodies.len() > 1 {
            (super::bodies::body_list(&bodies, base))
        }
        // With several bodies the list above links to each body's page; every inspection is
        // still listed here when a body cannot be linked to (an older edition, the preview).
        @if bodies.len() <= 1 || base == Base::Preview || bodies.iter().any(|b| b.id.is_none()) {
            @if bodies.len() > 1 { h2 class="govuk-heading-l" { "All inspections" } }
            @for i in &snapshot.inspections {
                (inspection_summary(i, base))
            }
        }
    }
}

pub(super) fn inspection_summary(i: &Inspection, base: Base) -> Markup {
    let counts = i.counts();
    let heading_id = format!("inspection-{}", i.id);
    html! {
        section class="app-section" aria-labelledby=(heading_id) {
            @if let Some(source) = i.report_source() {
                span class="govuk-caption-m" { (source.label()) }
            }
            h2 class="govuk-heading-l" id=(heading_id) {
                @if let Some(href) = base.inspection_href(i.id) {
                    a class="govuk-link" href=(href) { (i.title) }
                } @else { (i.title) }
            }
            p class="govuk-body" {
                (i.body_name) ". Report published " (components::date(i.published_on)) ". "
                (numbers::count(counts.findings, "finding", "findings")) "."
            }
            (progress(&counts, i.id))
            (count_tables(&counts, i.position_heading()))
        }
    }
}

/// An accessible progress bar: a native `<progress>` with its label, and the count in words.
pub fn progress(counts: &Counts, id: i64) -> Markup {
    let label_id = format!("progress-{id}");
    html! {
        p class="govuk-body" id=(label_id) {
            "Milestones delivered: " (counts.milestones_met) " of " (counts.milestones)
        }
        progress class="app-progress" max=(counts.milestones.max(1)) value=(counts.milestones_met)
            aria-labelledby=(label_id) {
            (counts.milestones_met) " of " (counts.milestones)
        }
    }
}

/// `position`: the heading of the issuing body's voice on this report.
fn count_tables(c: &Counts, position: &str) -> Markup {
    html! {
        div class="app-counts" {
            (count_table("Force position",
                c.force.iter().map(|(r, n)| (r.map_or("No update yet", |r| r.label()), *n))))
            (count_table("PCC assurance",
                c.assurance.iter().map(|(a, n)| (assurance_label(*a), *n))))
            (count_table(position,
                c.position.iter().map(|(p, n)| (p.map_or("No position recorded", |p| p.label()), *n))))
        }
    }
}

fn count_table<'a>(caption: &str, rows: impl Iterator<Item = (&'a str, usize)>) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table app-count-table" {
                caption class="govuk-table__caption govuk-table__caption--s" { (caption) }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Status" }
                        th scope="col" class="govuk-table__header" { "Findings" }
                    }
                }
                tbody class="govuk-table__body" {
                    @for (label, n) in rows {
                        tr class="govuk-table__row" {
                            th scope="row" class="govuk-table__header" { (label) }
                            td class="govuk-table__cell" { (n) }
                        }
                    }
                }
            }
        }
    }
}
