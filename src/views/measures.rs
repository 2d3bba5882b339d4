//! Performance measures: the latest-against-target summary (shared by action and finding
//! pages), the measure page with its chart and readings, and the forms.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::date;
use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::db::measures::{MeasureRow, MeasureSummaryRow, ReadingRow};
use crate::domain::measures::{Standing, chart, standing};
use crate::domain::vocab::{Better, Quantity};
use crate::forms::FieldErrors;
use crate::forms::measures::{MeasureForm, ReadingForm};

/// A number as people read it: "1,000", "12.5", never a needless ".0".
pub fn number(v: f64) -> String {
    crate::domain::numbers::decimal(v)
}

fn with_unit(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(
        || "not set".into(),
        |v| format!("{} {unit}", number(v)).trim_end().to_string(),
    )
}

/// "Latest 185 visits (1 January 2026) against a target of 50 visits – better than baseline".
pub fn latest_against_target(m: &MeasureRow, latest: Option<(NaiveDate, f64)>) -> Markup {
    let s = standing(m.better, m.baseline, m.target, latest.map(|(_, v)| v));
    let colour = match s {
        Standing::TargetMet => "green",
        Standing::Improving => "blue",
        Standing::Worsening => "red",
        Standing::NoChange | Standing::NoReadings => "grey",
    };
    html! {
        p class="govuk-body app-measure-summary" {
            @if let Some((on, v)) = latest {
                "Latest " strong { (with_unit(Some(v), &m.unit)) } " (" (date(on)) ")"
            } @else { "No readings yet" }
            " against a target of " (with_unit(m.target, &m.unit))
            " (baseline " (with_unit(m.baseline, &m.unit))
            @if let Some(on) = m.baseline_on { " on " (date(on)) }
            "; " (m.better.label().to_lowercase()) ") "
            strong class={ "govuk-tag govuk-tag--" (colour) } { (s.label()) }
        }
    }
}

/// The measures of an action or finding, each linking to its page.
pub fn measure_list(measures: &[MeasureSummaryRow]) -> Markup {
    html! {
        @if measures.is_empty() { p class="govuk-body" { "No performance measures." } }
        @for m in measures {
            h3 class="govuk-heading-s" {
                a class="govuk-link" href={ "/measures/" (m.measure.id) } { (m.measure.name) }
                @if let Some(on) = m.measure.withdrawn_on {
                    " " strong class="govuk-tag govuk-tag--grey" { "Withdrawn " (date(on)) }
                }
            }
            (latest_against_target(&m.measure, m.latest_on.zip(m.latest_value)))
        }
    }
}

const W: f64 = 400.0;
const H: f64 = 120.0;

fn svg_chart(m: &MeasureRow, readings: &[ReadingRow]) -> Markup {
    let data: Vec<(NaiveDate, f64)> = readings.iter().map(|r| (r.taken_on, r.value)).collect();
    let g = chart(&data, m.target, W, H);
    let points: Vec<String> = g.points.iter().map(|(x, y)| format!("{x},{y}")).collect();
    let alt = format!(
        "Line chart of {} readings of {}, from {} to {}{}.",
        readings.len(),
        m.name,
        readings.first().map_or(String::new(), |r| number(r.value)),
        readings.last().map_or(String::new(), |r| number(r.value)),
        m.target.map_or(String::new(), |t| format!(
            ", against a target of {}",
            number(t)
        ))
    );
    html! {
        figure class="app-chart" {
            svg xmlns="http://www.w3.org/2000/svg" viewBox="-10 -10 420 140" width="420" height="140"
                role="img" aria-labelledby={ "chart-" (m.id) "-title" } {
                title id={ "chart-" (m.id) "-title" } { (alt) }
                @if let Some(y) = g.target_y {
                    line x1="0" x2=(W) y1=(y) y2=(y) stroke="#00703c" stroke-dasharray="6 4" stroke-width="2" {}
                }
                polyline points=(points.join(" ")) fill="none" stroke="#1d70b8" stroke-width="3" {}
                @for (x, y) in &g.points { circle cx=(x) cy=(y) r="4" fill="#1d70b8" {} }
            }
            figcaption class="govuk-body-s" { (alt) " The dashed line is the target; the figures are in the table below." }
        }
    }
}

/// The reading form shown on the measure page (office only).
pub struct ReadingEntry<'a> {
    pub csrf_token: &'a str,
    pub form: &'a ReadingForm,
    pub errors: &'a FieldErrors,
}

pub fn measure_page(
    chrome: &Chrome,
    m: &MeasureRow,
    back: (String, String),
    readings: &[ReadingRow],
    entry: Option<ReadingEntry<'_>>,
    withdrawal: Option<&crate::domain::withdrawals::Withdrawal>,
) -> Markup {
    let latest = readings.last().map(|r| (r.taken_on, r.value));
    page(
        chrome,
        &m.name,
        html! {
            @if let Some(e) = &entry { (forms::error_summary(e.errors)) }
            span class="govuk-caption-l" { "Performance measure" }
            h1 class="govuk-heading-l" { (m.name) }
            (super::withdrawals::notice(chrome, crate::domain::withdrawals::Withdrawable::Measure, m.id, withdrawal))
            p class="govuk-body" { a class="govuk-link" href=(back.0) { (back.1) } }
            (latest_against_target(m, latest))
            @if !readings.is_empty() { (svg_chart(m, readings)) }
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--m" { "Readings" }
                    thead class="govuk-table__head" { tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Date" }
                        th scope="col" class="govuk-table__header govuk-table__header--numeric" { "Value" @if !m.unit.is_empty() { " (" (m.unit) ")" } }
                        th scope="col" class="govuk-table__header" { "Note" }
                        th scope="col" class="govuk-table__header" { "Recorded by" }
                    } }
                    tbody class="govuk-table__body" {
                        @for r in readings {
                            tr class="govuk-table__row" {
                                td class="govuk-table__cell" { (date(r.taken_on)) }
                                td class="govuk-table__cell govuk-table__cell--numeric" { (number(r.value)) }
                                td class="govuk-table__cell" { (r.note.as_deref().unwrap_or("")) }
                                td class="govuk-table__cell" { (r.recorded_by_name) }
                            }
                        }
                    }
                }
            }
            @if let Some(e) = entry {
                h2 class="govuk-heading-m" { "Add a reading" }
                form method="post" action={ "/measures/" (m.id) "/readings" } novalidate {
                    (forms::csrf(e.csrf_token))
                    (forms::date_input("taken_on", "Date of the reading", Some("For example, 31 3 2022"), &e.form.taken_on(), e.errors))
                    (forms::input(&Field::text("value", "Value", &e.form.value), e.errors))
                    (forms::textarea("note", "Note (optional)", None, &e.form.note, e.errors))
                    (forms::submit("Add reading"))
                }
            }
        },
    )
}

/// The new-measure form; `post` is where it goes and `subject` what it is about.
pub fn measure_form_page(
    chrome: &Chrome,
    csrf_token: &str,
    post: &str,
    subject: (&str, &str),
    form: &MeasureForm,
    errors: &FieldErrors,
) -> Markup {
    let better: Vec<(&str, &str)> = Better::ALL
        .iter()
        .map(|b| (b.as_str(), b.label()))
        .collect();
    let quantities: Vec<(&str, &str)> = Quantity::ALL
        .iter()
        .map(|q| (q.as_str(), q.label()))
        .collect();
    let quantity = match form.quantity.as_str() {
        "" => Quantity::Other.as_str(),
        typed => typed,
    };
    page(
        chrome,
        "Add a performance measure",
        html! {
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (subject.1) }
            h1 class="govuk-heading-l" { "Add a performance measure" }
            form method="post" action=(post) novalidate {
                (forms::csrf(csrf_token))
                (forms::input(&Field::text("name", "Name", &form.name), errors))
                (forms::input(&Field { hint: Some("For example visits, % or days"), ..Field::text("unit", "Unit (optional)", &form.unit) }, errors))
                (forms::radios("quantity", "What does it measure?", &quantities, quantity, errors))
                (forms::input(&Field::text("baseline", "Baseline (optional)", &form.baseline), errors))
                (forms::date_input("baseline_on", "Date of the baseline", Some("Needed with a baseline: the date it was taken, for example 31 3 2022"), &form.baseline_on(), errors))
                (forms::input(&Field::text("target", "Target (optional)", &form.target), errors))
                (forms::radios("better", "Which direction is better?", &better, &form.better, errors))
                (forms::submit("Add measure"))
            }
            p class="govuk-body" { a class="govuk-link" href=(subject.0) { "Cancel" } }
        },
    )
}
