//! The meeting form (new and edit), keeping what was typed on every re-display, and what the
//! meeting, agenda item and action arising forms share: where a form posts, and the
//! drop-down of findings and actions.

use maud::{Markup, html};

use super::forms::{self, Clash, Field};
use super::layout::{Chrome, page};
use crate::db::meetings::LinkOption;
use crate::domain::vocab::{MeetingKind, MeetingStatus};
use crate::forms::FieldErrors;
use crate::forms::meetings::MeetingForm;

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
    let (date, deadline) = (f.date(), f.deadline());
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

/// A drop-down's choices of findings and actions for `forms::grouped_select`: each subject's
/// body, text form and label.
pub fn subject_options(links: &[LinkOption]) -> Vec<(String, String, String)> {
    links
        .iter()
        .map(|l| (l.body_name.clone(), l.subject.to_string(), l.label.clone()))
        .collect()
}

/// Both versions of a meeting, after someone else saved it first.
pub fn meeting_clash(saved: &MeetingForm, typed: &MeetingForm) -> Markup {
    let date = |f: &MeetingForm| format!("{}/{}/{}", f.date_day, f.date_month, f.date_year);
    let deadline = |f: &MeetingForm| {
        format!(
            "{}/{}/{}",
            f.deadline_day, f.deadline_month, f.deadline_year
        )
    };
    let pairs = [
        ("Kind", &saved.kind, &typed.kind),
        ("Title", &saved.title, &typed.title),
        ("Time", &saved.time, &typed.time),
        ("Location", &saved.location, &typed.location),
        ("Attendees", &saved.attendees, &typed.attendees),
        ("Status", &saved.status, &typed.status),
        ("Minutes", &saved.minutes, &typed.minutes),
        (
            "Public summary",
            &saved.public_summary,
            &typed.public_summary,
        ),
        ("Date", &date(saved), &date(typed)),
        ("Update deadline", &deadline(saved), &deadline(typed)),
    ];
    forms::conflict_summary(&clashes(&pairs))
}

/// Clashes from (label, saved, typed) triples.
pub fn clashes<'a>(pairs: &[(&'a str, &String, &String)]) -> Vec<Clash<'a>> {
    pairs
        .iter()
        .map(|(label, saved, typed)| Clash {
            label,
            saved: saved.to_string(),
            typed: typed.to_string(),
        })
        .collect()
}
