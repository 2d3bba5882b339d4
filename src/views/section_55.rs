//! The section 55 (Police Act 1996) statutory response: the panel on an inspection's page and
//! the form that records each step and the response to each finding.

use crate::views::components::summary_row;
use std::collections::HashMap;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components;
use super::forms::{self, DateParts, Field, FieldErrors};
use super::layout::{Chrome, page};
use crate::db::findings::FindingRow;
use crate::db::inspections::InspectionRow;
use crate::domain::dates;
use crate::domain::vocab::ResponsePosition;

/// The dated steps, in the order they happen: (field name, label).
pub const STEPS: [(&str, &str); 7] = [
    (
        "comments_requested_on",
        "Comments requested from the Chief Constable",
    ),
    (
        "comments_deadline",
        "Deadline set for the Chief Constable's comments",
    ),
    (
        "comments_received_on",
        "Chief Constable's comments received",
    ),
    ("response_published_on", "PCC response published"),
    ("copy_to_hmicfrs_on", "Copy sent to HMICFRS"),
    (
        "copy_to_home_secretary_on",
        "Copy sent to the Home Secretary",
    ),
    ("action_plan_received_on", "Force action plan received"),
];

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
                (summary_row("Deadline met", match r.response_published_on {
                    Some(d) if d <= last_day => html! { "Yes – published on time" },
                    Some(d) => html! { strong { "No – published " (days(dates::days_between(last_day, d))) " late" } },
                    None if today > last_day => html! { strong { "No – not published and the deadline has passed" } },
                    None => html! { "Not yet published" },
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
                (summary_row("Force action plan due", components::date(plan_due)))
                (summary_row(STEPS[6].1, html! {
                    (when(r.action_plan_received_on))
                    @match r.action_plan_received_on {
                        Some(d) if d <= plan_due => " – in time",
                        Some(d) => { " – " (days(dates::days_between(plan_due, d))) " late" },
                        None if today > plan_due => " – overdue",
                        None => "",
                    }
                }))
            }
        }
    }
}

/// The section 55 form: what was typed, by field name (findings use `position_{id}` and
/// `explanation_{id}`).
pub type ResponseValues = HashMap<String, String>;

pub fn values_from(i: &InspectionRow, findings: &[FindingRow]) -> ResponseValues {
    let r = &i.response;
    let mut v = ResponseValues::new();
    let dated = [
        r.comments_requested_on,
        r.comments_deadline,
        r.comments_received_on,
        r.response_published_on,
        r.copy_to_hmicfrs_on,
        r.copy_to_home_secretary_on,
        r.action_plan_received_on,
    ];
    for ((name, _), d) in STEPS.iter().zip(dated) {
        let parts = DateParts::from_date(d);
        v.insert(format!("{name}_day"), parts.day);
        v.insert(format!("{name}_month"), parts.month);
        v.insert(format!("{name}_year"), parts.year);
    }
    v.insert(
        "response_url".into(),
        r.response_url.clone().unwrap_or_default(),
    );
    v.insert("version".into(), i.version.to_string());
    for f in findings {
        v.insert(
            format!("position_{}", f.id),
            f.response_position.map(|p| p.as_str()).unwrap_or("").into(),
        );
        v.insert(
            format!("explanation_{}", f.id),
            f.response_explanation.clone().unwrap_or_default(),
        );
    }
    v
}

pub fn form_page(
    chrome: &Chrome,
    i: &InspectionRow,
    findings: &[FindingRow],
    values: &ResponseValues,
    errors: &FieldErrors,
    conflict: Option<Markup>,
) -> Markup {
    let get = |k: &str| values.get(k).map(String::as_str).unwrap_or("");
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.clone())
        .unwrap_or_default();
    page(
        chrome,
        "Section 55 response",
        html! {
            @if let Some(conflict) = conflict { (conflict) }
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (i.title) }
            h1 class="govuk-heading-l" { "Section 55 response" }
            p class="govuk-body" {
                "The last permissible day to publish is " (components::date(dates::section_55_last_day(i.published_on))) "."
            }
            form method="post" action={ "/inspections/" (i.id) "/response" } novalidate {
                (forms::csrf(&token))
                input type="hidden" name="version" value=(get("version"));
                @for (name, label) in STEPS {
                    (forms::date_input(name, label, None, &DateParts {
                        day: get(&format!("{name}_day")).into(),
                        month: get(&format!("{name}_month")).into(),
                        year: get(&format!("{name}_year")).into(),
                    }, errors))
                    @if name == "response_published_on" {
                        (forms::input(&Field { kind: "url", ..Field::text("response_url", "Link to the published response", get("response_url")) }, errors))
                    }
                }
                h2 class="govuk-heading-m" id="responses" { "Response to each finding" }
                @if let Some(message) = errors.get("responses") {
                    p class="govuk-error-message" { span class="govuk-visually-hidden" { "Error: " } (message) }
                }
                @for f in findings {
                    (finding_response(f, get(&format!("position_{}", f.id)), get(&format!("explanation_{}", f.id))))
                }
                (forms::submit("Save the response"))
            }
        },
    )
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
                label class="govuk-label" for=(text) { "Action taken or proposed, or why none" }
                textarea class="govuk-textarea" id=(text) name=(text) rows="3" { (explanation) }
            }
        }
    }
}
