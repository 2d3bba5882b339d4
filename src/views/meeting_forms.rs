//! The meeting form (new and edit), keeping what was typed on every re-display.

use maud::{Markup, html};
use serde::Deserialize;

use super::forms::{self, DateParts, Field, FieldErrors};
use super::layout::{Chrome, page};
use crate::domain::vocab::{MeetingKind, MeetingStatus};

/// What was typed into the meeting form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub kind: String,
    pub title: String,
    pub date_day: String,
    pub date_month: String,
    pub date_year: String,
    pub time: String,
    pub location: String,
    pub attendees: String,
    pub status: String,
    pub minutes: String,
    pub public_summary: String,
    pub deadline_day: String,
    pub deadline_month: String,
    pub deadline_year: String,
    pub version: String,
}

/// Where the form posts and what surrounds it.
pub struct FormContext<'a> {
    pub heading: &'a str,
    pub action: String,
    pub csrf_token: &'a str,
    pub conflict: Option<Markup>,
}

pub fn meeting_form_page(
    chrome: &Chrome,
    ctx: &FormContext<'_>,
    f: &MeetingForm,
    errors: &FieldErrors,
) -> Markup {
    let kinds: Vec<(&str, &str)> = MeetingKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    let statuses: Vec<(&str, &str)> = MeetingStatus::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    let date = DateParts {
        day: f.date_day.clone(),
        month: f.date_month.clone(),
        year: f.date_year.clone(),
    };
    let deadline = DateParts {
        day: f.deadline_day.clone(),
        month: f.deadline_month.clone(),
        year: f.deadline_year.clone(),
    };
    let time = Field {
        hint: Some("24-hour clock, UK time, for example 14:00"),
        ..Field::text("time", "Start time", &f.time)
    };
    page(
        chrome,
        ctx.heading,
        html! {
            h1 class="govuk-heading-l" { (ctx.heading) }
            @if let Some(conflict) = &ctx.conflict { (conflict) }
            (forms::error_summary(errors))
            form method="post" action=(ctx.action) novalidate {
                (forms::csrf(ctx.csrf_token))
                input type="hidden" name="version" value=(f.version);
                (forms::radios("kind", "Kind of meeting", &kinds, &f.kind, errors))
                (forms::input(&Field::text("title", "Title", &f.title), errors))
                (forms::date_input("date", "Date", Some("For example, 23 3 2026"), &date, errors))
                (forms::input(&time, errors))
                (forms::input(&Field::text("location", "Location", &f.location), errors))
                (forms::textarea("attendees", "Attendees", None, &f.attendees, errors))
                (forms::radios("status", "Status", &statuses, &f.status, errors))
                (forms::date_input("deadline", "Update deadline", Some("The day by which the force must update the items named for this meeting. Leave blank if none."), &deadline, errors))
                (forms::textarea("minutes", "Minutes (internal)", None, &f.minutes, errors))
                (forms::textarea("public_summary", "Public summary", Some("May be published once approved."), &f.public_summary, errors))
                (forms::submit("Save meeting"))
            }
        },
    )
}
