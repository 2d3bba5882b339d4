//! Importing findings from CSV: the paste-or-upload form and the preview of every row.

use maud::{Markup, html};

use super::layout::{Chrome, page};
use crate::db::inspections::InspectionRow;
use crate::domain::dates;
use crate::domain::findings_csv::{HEADER, ImportRow};
use crate::domain::numbers;

/// What the import page shows below the form.
pub enum Outcome<'a> {
    Nothing,
    /// A problem with the file as a whole.
    FileProblem(&'a str),
    /// Every row read; saving is offered only when none has a problem.
    Preview(&'a [ImportRow]),
}

pub fn import_page(
    chrome: &Chrome,
    i: &InspectionRow,
    csv_text: &str,
    outcome: Outcome<'_>,
) -> Markup {
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.clone())
        .unwrap_or_default();
    let action = format!("/inspections/{}/findings/import", i.id);
    let bad_rows = match &outcome {
        Outcome::Preview(rows) => rows.iter().filter(|r| !r.problems.is_empty()).count(),
        _ => 0,
    };
    page(
        chrome,
        "Import findings",
        html! {
            @match &outcome {
                Outcome::FileProblem(message) => (summary(&[message.to_string()], "#csv")),
                Outcome::Preview(_) if bad_rows > 0 => (summary(&[format!(
                    "{bad_rows} {} a problem. Nothing has been saved: correct the file and check it again.",
                    if bad_rows == 1 { "row has" } else { "rows have" })], "#preview")),
                _ => {}
            }
            span class="govuk-caption-l" { (i.title) }
            h1 class="govuk-heading-l" { "Import findings" }
            @if let Outcome::Preview(rows) = &outcome { (preview(rows)) }
            @if let Outcome::Preview(rows) = &outcome && bad_rows == 0 && !rows.is_empty() {
                form method="post" action=(action) {
                    input type="hidden" name="csrf_token" value=(token);
                    input type="hidden" name="csv" value=(csv_text);
                    input type="hidden" name="confirm" value="1";
                    button type="submit" class="govuk-button" {
                    "Save " (numbers::count(rows.len(), "finding", "findings"))
                }
                }
            }
            p class="govuk-body" {
                "The first row must be the header " code { (HEADER.join(",")) } ". Kind and timescale may be "
                "written as in the lists (for example " i { "Area for improvement" } ", " i { "Within 3 months" }
                ") or as a date such as 31/03/2022, 31 March 2022 or \"by 31 March 2022\". A blank "
                "timescale is recorded as not stated, which is not the same as none. Nothing is saved until every row is correct and you "
                "confirm. A cell exported with a single quote before = + - or @ (to stop spreadsheets "
                "running it as a formula) is read back without that quote. An exported file's last "
                "column, " code { "body" } ", may stay: the inspection you import into decides the body."
            }
            form method="post" action=(action) enctype="multipart/form-data" novalidate {
                // First, so the token is read before the file.
                input type="hidden" name="csrf_token" value=(token);
                div class="govuk-form-group" {
                    label class="govuk-label" for="csv" { "Paste CSV" }
                    textarea class="govuk-textarea" id="csv" name="csv" rows="10" { (csv_text) }
                }
                div class="govuk-form-group" {
                    label class="govuk-label" for="file" { "Or upload a CSV file" }
                    input class="govuk-file-upload" id="file" name="file" type="file" accept=".csv,text/csv";
                }
                button type="submit" class="govuk-button govuk-button--secondary" { "Check the findings" }
            }
        },
    )
}

/// The error summary, linking each message to `target` (the preview table or the CSV box).
fn summary(messages: &[String], target: &str) -> Markup {
    html! {
        div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" {
            div role="alert" {
                h2 class="govuk-error-summary__title" { "There is a problem" }
                div class="govuk-error-summary__body" {
                    ul class="govuk-list govuk-error-summary__list" {
                        @for m in messages { li { a href=(target) { (m) } } }
                    }
                }
            }
        }
    }
}

fn preview(rows: &[ImportRow]) -> Markup {
    html! {
        div class="app-table-wrapper" {
            // Focusable, so the error summary link to it moves the focus here.
            table class="govuk-table" id="preview" tabindex="-1" {
                caption class="govuk-table__caption govuk-table__caption--m" { "Preview: " (numbers::count(rows.len(), "row", "rows")) }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Line" }
                    @for name in ["Reference", "Kind", "Area", "Timescale", "Wording", "Summary"] {
                        th scope="col" class="govuk-table__header" { (name) }
                    }
                    th scope="col" class="govuk-table__header" { "Problems" }
                } }
                tbody class="govuk-table__body" {
                    @for r in rows { (preview_row(r)) }
                }
            }
        }
    }
}

/// One row as read: each cell as typed, except kind and timescale, which show how they were
/// understood when they could be (a blank timescale reads as "Not stated").
fn preview_row(r: &ImportRow) -> Markup {
    let cell = |i: usize| r.cells.get(i).map(String::as_str).unwrap_or("");
    html! {
        tr class="govuk-table__row" {
            td class="govuk-table__cell" { (r.line) }
            td class="govuk-table__cell" { (cell(0)) }
            td class="govuk-table__cell" { (r.finding.as_ref().map(|f| f.kind.label()).unwrap_or_else(|| cell(1))) }
            td class="govuk-table__cell" { (cell(2)) }
            td class="govuk-table__cell" {
                @match &r.finding {
                    Some(f) => {
                        (f.timescale.label())
                        @if let Some(d) = f.timescale_date { ": " (dates::uk_date(d)) }
                    }
                    None => (cell(3)),
                }
            }
            td class="govuk-table__cell" { (cell(4)) }
            td class="govuk-table__cell" { (cell(5)) }
            td class="govuk-table__cell" {
                @if r.problems.is_empty() { strong class="govuk-tag govuk-tag--green" { "Ready" } }
                @else { ul class="govuk-list govuk-error-message" { @for p in &r.problems { li { (p) } } } }
            }
        }
    }
}
