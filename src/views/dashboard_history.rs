//! The assurance matrix (findings down, meetings across) and the charts page: each chart an
//! inline SVG with a text alternative and a table of the same figures beside it.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use maud::{Markup, html};

use super::charts::{Bar, Line, bar_chart, line_chart};
use super::components::{assurance_tag, date, milestone_tag};
use super::dashboard_frame::{Frame, frame};
use super::layout::{Chrome, page};
use crate::domain::dashboard::FindingFacts;
use crate::domain::dashboard::MilestoneFacts;
use crate::domain::dashboard::history::{BurnDown, MeasureSeries, MeetingColumn};
use crate::domain::dashboard::overview::milestone_state;
use crate::domain::dates::{uk_date, uk_date_short};
use crate::domain::vocab::Assurance;

pub fn assurance_page(
    chrome: &Chrome,
    fr: &Frame<'_>,
    findings: &[&FindingFacts],
    meetings: &[&MeetingColumn],
    cells: &HashMap<(i64, i64), Assurance>,
) -> Markup {
    let title = "Assurance matrix";
    page(
        chrome,
        title,
        frame(
            fr,
            title,
            "/dashboard/assurance",
            html! {
                p class="govuk-body" {
                    "The PCC office's assurance judged at each meeting held, and the latest judgement, "
                    "so you can see how confidence has moved. A blank cell means no judgement at that meeting."
                }
                div class="app-scroll" {
                    table class="govuk-table" id="assurance-matrix" {
                        caption class="govuk-visually-hidden" { "Assurance by finding and meeting" }
                        thead { tr {
                            th scope="col" { "Finding" }
                            @for m in meetings {
                                th scope="col" {
                                    a class="govuk-link" href={ "/meetings/" (m.id) } { (m.title) }
                                    br; span class="govuk-body-s" { (date(m.held_on)) }
                                }
                            }
                            th scope="col" { "Latest judgement" }
                        } }
                        tbody {
                            @for x in findings {
                                tr {
                                    th scope="row" { a class="govuk-link" href={ "/findings/" (x.id) } { (x.reference) } }
                                    @for m in meetings {
                                        td { @if let Some(level) = cells.get(&(x.id, m.id)) { (assurance_tag(Some(*level))) } }
                                    }
                                    td { (assurance_tag(x.assurance)) }
                                }
                            }
                        }
                    }
                }
            },
        ),
    )
}

pub struct Charts<'a> {
    pub burn: &'a [BurnDown],
    pub milestones: &'a [&'a MilestoneFacts],
    pub measures: &'a [MeasureSeries<'a>],
}

/// How many milestones the planned-versus-actual chart draws (the table lists them all).
pub const MILESTONE_CHART_LIMIT: usize = 40;

pub fn charts_page(chrome: &Chrome, fr: &Frame<'_>, c: &Charts<'_>) -> Markup {
    let title = "Charts";
    let titles: HashMap<i64, &str> = fr
        .reports
        .iter()
        .map(|r| (r.id, r.title.as_str()))
        .collect();
    page(
        chrome,
        title,
        frame(
            fr,
            title,
            "/dashboard/charts",
            html! {
                h2 class="govuk-heading-m" { "Open findings over time" }
                p class="govuk-body-s app-secondary" {
                    "A finding is closed on a date when, as at that date, the issuing body's latest position "
                    "is met, superseded or no longer relevant, or when every action-plan item addressing it "
                    "has a latest update of blue (complete). Points are month ends and the as-at date."
                }
                @for (i, b) in c.burn.iter().enumerate() {
                    (burn_down(i, b, titles.get(&b.inspection_id).copied().unwrap_or("Inspection")))
                }
                (planned_vs_actual(c.milestones, fr.as_at))
                h2 class="govuk-heading-m" { "Performance measures against target" }
                @if c.measures.is_empty() { p class="govuk-body" { "No performance measures are recorded." } }
                @for (i, m) in c.measures.iter().enumerate() { (measure(i, m)) }
            },
        ),
    )
}

/// "Nov 2021" for a month end, "2 Mar 2026" for the as-at point.
fn month(d: NaiveDate) -> String {
    if d.succ_opt().is_some_and(|next| next.day() == 1) {
        d.format("%b %Y").to_string()
    } else {
        uk_date_short(d)
    }
}

fn burn_down(i: usize, b: &BurnDown, report: &str) -> Markup {
    let id = format!("burn-{i}");
    let labels: Vec<String> = b.points.iter().map(|(d, _)| month(*d)).collect();
    let first = b.points.first().map_or(0, |p| p.1);
    let last = b.points.last().map_or(0, |p| p.1);
    let desc = format!(
        "Open findings fell from {first} to {last} over {} points.",
        b.points.len()
    );
    html! {
        div class="app-chart-block" {
            h3 class="govuk-heading-s" { (report) }
            (line_chart(&id, &format!("Open findings: {report}"), &desc, &labels,
                &[Line { label: "Open findings".into(), values: b.points.iter().map(|p| Some(p.1 as f64)).collect() }],
                None, &|v| format!("{v:.0}")))
            details class="govuk-details" {
                summary class="govuk-details__summary" { "Figures for this chart" }
                div class="app-table-wrapper" {
                    table class="govuk-table" {
                        caption class="govuk-visually-hidden" { "Open findings at each point: " (report) }
                        thead { tr { th scope="col" { "As at" } th scope="col" class="app-num" { "Open findings" } } }
                        tbody { @for (d, n) in &b.points { tr { td { (date(*d)) } td class="app-num" { (n) } } } }
                    }
                }
            }
        }
    }
}

fn day_number(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

fn from_day_number(v: f64) -> String {
    NaiveDate::from_num_days_from_ce_opt(v.round() as i32).map_or_else(String::new, uk_date_short)
}

fn planned_vs_actual(milestones: &[&MilestoneFacts], as_at: NaiveDate) -> Markup {
    let bars: Vec<Bar> = milestones
        .iter()
        .take(MILESTONE_CHART_LIMIT)
        .map(|m| Bar {
            label: m.title.chars().take(22).collect(),
            from: day_number(m.original_due_on),
            to: day_number(m.current_due_on),
            marker: m.met_on.map(day_number),
        })
        .collect();
    let desc = format!(
        "{} milestones. Each bar runs from the original due date to the current one; a dot marks the date met.",
        bars.len()
    );
    html! {
        h2 class="govuk-heading-m" { "Milestones: planned against actual" }
        @if milestones.len() > MILESTONE_CHART_LIMIT {
            p class="govuk-body-s" { "The chart shows the first " (MILESTONE_CHART_LIMIT) " by current date; the table lists all " (milestones.len()) "." }
        }
        (bar_chart("planned-actual", "Milestones: original, current and met dates", &desc, &bars, &from_day_number))
        details class="govuk-details" {
            summary class="govuk-details__summary" { "Figures for this chart" }
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-visually-hidden" { "Original, current and met dates of each milestone" }
                    thead { tr { th scope="col" { "Milestone" } th scope="col" { "Original" } th scope="col" { "Current" } th scope="col" { "Met" } th scope="col" { "State" } } }
                    tbody { @for m in milestones { tr {
                        td { a class="govuk-link" href={ "/actions/" (m.action_id) "#milestone-" (m.id) } { (m.title) } }
                        td { (date(m.original_due_on)) } td { (date(m.current_due_on)) }
                        td { @match m.met_on { Some(d) => (date(d)), None => "Not met" } }
                        td { (milestone_tag(milestone_state(m, as_at))) }
                    } } }
                }
            }
        }
    }
}

fn reading_label(unit: &str) -> String {
    if unit.is_empty() {
        "Reading".into()
    } else {
        format!("Reading ({unit})")
    }
}

fn measure(i: usize, m: &MeasureSeries<'_>) -> Markup {
    let id = format!("measure-{i}");
    let unit = m.measure.unit.clone();
    let labels: Vec<String> = m.readings.iter().map(|(d, _)| uk_date_short(*d)).collect();
    let target = m
        .measure
        .target
        .map_or_else(|| "no target".into(), |t| format!("target {t}{unit}"));
    let latest = m.readings.last().map_or_else(
        || "no readings yet".into(),
        |(d, v)| format!("latest {v}{unit} on {}", uk_date(*d)),
    );
    let desc = format!(
        "{}: {}; {target}; {}.",
        m.measure.name,
        m.measure.better.label(),
        latest
    );
    html! {
        div class="app-chart-block" {
            h3 class="govuk-heading-s" { (m.measure.name) }
            (line_chart(&id, &m.measure.name, &desc, &labels,
                &[Line { label: reading_label(&unit), values: m.readings.iter().map(|r| Some(r.1)).collect() }],
                m.measure.target, &|v| format!("{v:.0}")))
            details class="govuk-details" {
                summary class="govuk-details__summary" { "Figures for this chart" }
                div class="app-table-wrapper" {
                    table class="govuk-table" {
                        caption class="govuk-visually-hidden" { "Readings of " (m.measure.name) " (" (target) ")" }
                        thead { tr { th scope="col" { "Taken on" } th scope="col" class="app-num" { "Value" } th scope="col" class="app-num" { "Target" } } }
                        tbody { @for (d, v) in &m.readings { tr {
                            td { (date(*d)) } td class="app-num" { (v) (unit) }
                            td class="app-num" { @if let Some(t) = m.measure.target { (t) (unit) } }
                        } } }
                    }
                }
            }
        }
    }
}
