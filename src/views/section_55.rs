//! The section 55 (Police Act 1996) statutory response: the panel on an inspection's page and
//! the form that records each step and the response to each finding – or, for a report of
//! another source, the response to each finding alone, under the report's obligation.

use crate::views::components::summary_row;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components;
use super::forms::{self, Clash, Field, conflict_summary};
use super::inspections::date_text;
use super::layout::{Chrome, page};
use crate::db::findings::FindingRow;
use crate::db::inspections::InspectionRow;
use crate::domain::clocks::ReportClock;
use crate::domain::dates::{self, Countdown};
use crate::domain::inputs::parse_date_parts;
use crate::domain::response_document::EXPLANATION;
use crate::domain::vocab::ResponsePosition;
use crate::forms::FieldErrors;
use crate::forms::section_55::{STEPS, Section55Form};

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn when(d: Option<NaiveDate>) -> Markup {
    match d {
        Some(d) => components::date(d),
        None => html! { span class="app-secondary" { "Not yet" } },
    }
}

/// The panel shown on an inspection's page.
pub fn panel(i: &InspectionRow, today: NaiveDate) -> Markup {
    let r = &i.response;
    let last_day = dates::section_55_last_day(i.published_on);
    let plan_due = dates::action_plan_due(i.published_on);
    html! {
        section class="app-section" aria-labelledby="section-55" {
            h2 class="govuk-heading-m" id="section-55" { "Section 55 response" }
            dl class="govuk-summary-list" {
                (summary_row("Countdown", components::section_55(i.published_on, r.response_published_on, today)))
                (summary_row("Last permissible day", components::date(last_day)))
                (summary_row("Deadline met", match dates::countdown(last_day, r.response_published_on, today) {
                    Countdown::MetOnTime { .. } => html! { "Yes – published on time" },
                    Countdown::MetLate { days_late, .. } => html! { strong { "No – published " (days(days_late)) " late" } },
                    Countdown::Overdue(_) => html! { strong { "No – not published and the deadline has passed" } },
                    Countdown::DaysLeft(_) => html! { "Not yet published" },
                }))
                (summary_row(STEPS[0].1, when(r.comments_requested_on)))
                (summary_row(STEPS[1].1, when(r.comments_deadline)))
                (summary_row(STEPS[2].1, html! {
                    (when(r.comments_received_on))
                    @if let (Some(got), Some(by)) = (r.comments_received_on, r.comments_deadline) {
                        @if got > by { " – " (days(dates::days_between(by, got))) " after the deadline set" }
                    }
                }))
                (summary_row(STEPS[3].1, html! {
                    (when(r.response_published_on))
                    @if let Some(url) = &r.response_url { " – " a class="govuk-link" href=(url) { "read the response" } }
                }))
                (summary_row(STEPS[4].1, when(r.copy_to_hmicfrs_on)))
                (summary_row(STEPS[5].1, when(r.copy_to_home_secretary_on)))
                @if i.obligations().action_plan {
                (summary_row("Force action plan due", components::date(plan_due)))
                (summary_row(STEPS[6].1, html! {
                    (when(r.action_plan_received_on))
                    @match dates::countdown(plan_due, r.action_plan_received_on, today) {
                        Countdown::MetOnTime { .. } => " – in time",
                        Countdown::MetLate { days_late, .. } => { " – " (days(days_late)) " late" },
                        Countdown::Overdue(_) => " – overdue",
                        Countdown::DaysLeft(_) => "",
                    }
                }))
                }
            }
        }
    }
}

/// What differs between the response as someone else saved it and what was typed.
pub fn clash(saved: &InspectionRow, typed: &Section55Form) -> Markup {
    let s = &saved.response;
    let typed_date = |name: &str| {
        let d = typed.date(name);
        date_text(parse_date_parts(&d.day, &d.month, &d.year).ok().flatten())
    };
    conflict_summary(&[
        Clash {
            label: STEPS[2].1,
            saved: date_text(s.comments_received_on),
            typed: typed_date(STEPS[2].0),
        },
        Clash {
            label: STEPS[3].1,
            saved: date_text(s.response_published_on),
            typed: typed_date(STEPS[3].0),
        },
        Clash {
            label: STEPS[6].1,
            saved: date_text(s.action_plan_received_on),
            typed: typed_date(STEPS[6].0),
        },
    ])
}

/// What the response form is for: section 55 (its dated steps, then the responses) or the
/// responses alone under the report's obligation; with the report's response documents.
pub struct Responding<'a> {
    /// "Section 55 response", or the obligation's name.
    pub heading: &'a str,
    pub section_55: bool,
    /// The clock the responses answer, outside section 55 (for its last day).
    pub clock: Option<&'a ReportClock>,
    /// The report's clocks with a response document: (rule id, rule name).
    pub documents: &'a [(i64, String)],
}

pub fn form_page(
    chrome: &Chrome,
    i: &InspectionRow,
    findings: &[FindingRow],
    values: &Section55Form,
    errors: &FieldErrors,
    conflict: Option<Markup>,
    responding: &Responding<'_>,
) -> Markup {
    let get = |k: &str| values.get(k);
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.clone())
        .unwrap_or_default();
    let heading = responding.heading;
    page(
        chrome,
        heading,
        html! {
            @if let Some(conflict) = conflict { (conflict) }
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (i.title) }
            h1 class="govuk-heading-l" { (heading) }
            @if responding.section_55 {
                p class="govuk-body" {
                    "The last permissible day to publish is " (components::date(dates::section_55_last_day(i.published_on))) "."
                }
            } @else if let Some(c) = responding.clock {
                p class="govuk-body" {
                    (c.rule.owed_by) " owes the response to " (lower_first(&c.rule.owed_to)) ". The last day is "
                    (components::date(c.last_day)) "."
                }
            }
            (documents(i.id, responding.documents))
            form method="post" action={ "/inspections/" (i.id) "/response" } novalidate {
                (forms::csrf(&token))
                input type="hidden" name="version" value=(get("version"));
                @if responding.section_55 {
                    @for (name, label) in STEPS {
                        (forms::date_input(name, label, None, &values.date(name), errors))
                        @if name == "response_published_on" {
                            (forms::input(&Field { kind: "url", ..Field::text("response_url", "Link to the published response", get("response_url")) }, errors))
                        }
                    }
                }
                h2 class="govuk-heading-m" id="responses" tabindex="-1" { "Response to each finding" }
                @if let Some(message) = errors.get("responses") {
                    p class="govuk-error-message" { span class="govuk-visually-hidden" { "Error: " } (message) }
                }
                @if findings.is_empty() {
                    p class="govuk-body" { "No findings recorded yet." }
                }
                @for f in findings {
                    (finding_response(f, get(&format!("position_{}", f.id)), get(&format!("explanation_{}", f.id))))
                }
                (forms::submit("Save the response"))
            }
        },
    )
}

/// "The coroner" within a sentence: "the coroner" (a name such as "HMICFRS" is kept).
fn lower_first(s: &str) -> String {
    match s.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => s.to_string(),
    }
}

/// Links to the report's response documents.
fn documents(id: i64, documents: &[(i64, String)]) -> Markup {
    html! {
        @if !documents.is_empty() {
            p class="govuk-body" {
                "Response document: "
                @for (n, (rule_id, name)) in documents.iter().enumerate() {
                    @if n > 0 { " · " }
                    a class="govuk-link" href={ "/inspections/" (id) "/clocks/" (rule_id) "/document" } { (name) }
                }
            }
        }
    }
}

/// What differs between each finding's response as someone else saved it and what was typed
/// (a report outside section 55, whose form has no dated steps).
pub fn responses_clash(saved: &[FindingRow], typed: &Section55Form) -> Markup {
    let text = |position: Option<ResponsePosition>, explanation: &str| {
        let position = position.map(|p| p.label()).unwrap_or("No position");
        match explanation.trim() {
            "" => position.to_string(),
            e => format!("{position}: {e}"),
        }
    };
    let labels: Vec<String> = saved
        .iter()
        .map(|f| format!("{} {}", f.kind.label(), f.reference))
        .collect();
    let clashes: Vec<Clash> = saved
        .iter()
        .zip(&labels)
        .map(|(f, label)| Clash {
            label,
            saved: text(
                f.response_position,
                f.response_explanation.as_deref().unwrap_or(""),
            ),
            typed: text(
                ResponsePosition::parse(typed.get(&format!("position_{}", f.id))),
                typed.get(&format!("explanation_{}", f.id)),
            ),
        })
        .collect();
    conflict_summary(&clashes)
}

fn finding_response(f: &FindingRow, position: &str, explanation: &str) -> Markup {
    let name = format!("position_{}", f.id);
    let text = format!("explanation_{}", f.id);
    html! {
        div class="govuk-form-group" {
            fieldset class="govuk-fieldset" {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (f.kind.label()) " " (f.reference) }
                @if let Some(summary) = &f.public_summary { p class="govuk-body-s" { (summary) } }
                div class="govuk-radios govuk-radios--small govuk-radios--inline" {
                    @for (n, p) in ResponsePosition::ALL.iter().enumerate() {
                        @let id = forms::option_id(&name, n);
                        div class="govuk-radios__item" {
                            input class="govuk-radios__input" id=(id) name=(name) type="radio"
                                value=(p.as_str()) checked[p.as_str() == position];
                            label class="govuk-label govuk-radios__label" for=(id) { (p.label()) }
                        }
                    }
                }
                @let hint = format!("{text}-hint");
                label class="govuk-label" for=(text) { (EXPLANATION) }
                div class="govuk-hint" id=(hint) {
                    "If you choose “" (ResponsePosition::RiskAccepted.label()) "”, this is the rationale: say why the risk is accepted."
                }
                textarea class="govuk-textarea" id=(text) name=(text) rows="3" aria-describedby=(hint) { (explanation) }
            }
        }
    }
}
