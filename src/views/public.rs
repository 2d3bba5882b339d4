//! The first public page: every inspection and its findings, read from the record.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components;
use super::layout::{Chrome, page};
use crate::db::inspections::{FindingSummaryRow, InspectionSummaryRow};
use crate::domain::dates;

pub struct HomeInspection {
    pub inspection: InspectionSummaryRow,
    pub findings: Vec<FindingSummaryRow>,
}

pub fn home_page(chrome: &Chrome, inspections: &[HomeInspection], today: NaiveDate) -> Markup {
    page(
        chrome,
        "Inspection recommendations",
        html! {
            h1 class="govuk-heading-xl" { "Inspection recommendations" }
            p class="govuk-body-l" {
                "What His Majesty's Inspectorate of Constabulary and Fire & Rescue Services "
                "(HMICFRS) asked the force to improve, and how the Commissioner holds the Chief "
                "Constable to account for it."
            }
            @if inspections.is_empty() {
                p class="govuk-body" { "No inspections have been recorded yet." }
            }
            @for item in inspections {
                (inspection_section(item, today))
            }
        },
    )
}

fn inspection_section(item: &HomeInspection, today: NaiveDate) -> Markup {
    let i = &item.inspection;
    html! {
        section class="app-section" aria-labelledby={ "inspection-" (i.id) } {
            h2 class="govuk-heading-l" id={ "inspection-" (i.id) } { (i.title) }
            dl class="govuk-summary-list" {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Inspected body" }
                    dd class="govuk-summary-list__value" { (i.body_name) }
                }
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Published" }
                    dd class="govuk-summary-list__value" { (components::date(i.published_on)) }
                }
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Commissioner's response" }
                    dd class="govuk-summary-list__value" {
                        (components::section_55(i.published_on, i.response_published_on, today))
                    }
                }
                @if let Some(url) = &i.report_url {
                    div class="govuk-summary-list__row" {
                        dt class="govuk-summary-list__key" { "Report" }
                        dd class="govuk-summary-list__value" {
                            a class="govuk-link" href=(url) { "Read the report on the HMICFRS website" }
                        }
                    }
                }
            }
            @if item.findings.is_empty() {
                p class="govuk-body" { "No findings recorded." }
            } @else {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--m" {
                        (item.findings.len()) " findings"
                    }
                    thead class="govuk-table__head" {
                        tr class="govuk-table__row" {
                            th scope="col" class="govuk-table__header" { "Ref" }
                            th scope="col" class="govuk-table__header" { "Area" }
                            th scope="col" class="govuk-table__header" { "Summary" }
                            th scope="col" class="govuk-table__header" { "Due" }
                        }
                    }
                    tbody class="govuk-table__body" {
                        @for f in &item.findings {
                            (finding_row(f, i))
                        }
                    }
                }
            }
        }
    }
}

fn finding_row(f: &FindingSummaryRow, i: &InspectionSummaryRow) -> Markup {
    let due = dates::timescale_due(f.timescale, f.timescale_date, i.published_on);
    html! {
        tr class="govuk-table__row" {
            th scope="row" class="govuk-table__header" { (f.kind.label()) " " (f.reference) }
            td class="govuk-table__cell" { (f.area) }
            td class="govuk-table__cell" {
                @if let Some(summary) = &f.public_summary { p class="govuk-body" { (summary) } }
                @if f.official_wording.is_none() {
                    p class="govuk-body-s app-secondary" {
                        "Summary for this example – see "
                        @if let Some(url) = &i.report_url {
                            a class="govuk-link" href=(url) { "the published report" }
                        } @else { "the published report" }
                        " for the official wording."
                    }
                }
            }
            td class="govuk-table__cell" {
                (f.timescale.label())
                @if let Some(due) = due { br; (components::date(due)) }
            }
        }
    }
}
