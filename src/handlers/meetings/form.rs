//! Reading, checking and re-showing the meeting form.

use chrono::NaiveDateTime;

use crate::db::meetings::{MeetingRow, NewMeeting};
use crate::domain::inputs::{optional_text, parse_date_parts, required_text};
use crate::domain::meetings::{parse_starts_at, parse_time, starts_at_text};
use crate::domain::vocab::{MeetingKind, MeetingStatus};
use crate::views::forms::{Clash, DateParts, FieldErrors};
use crate::views::meeting_forms::MeetingForm;

pub(super) fn form_of(m: &MeetingRow) -> MeetingForm {
    let at = parse_starts_at(&m.starts_at);
    let date = DateParts::from_date(at.map(|a| a.date()));
    let deadline = DateParts::from_date(m.update_deadline);
    MeetingForm {
        kind: m.kind.as_str().into(),
        title: m.title.clone(),
        date_day: date.day,
        date_month: date.month,
        date_year: date.year,
        time: at
            .map(|a| a.format("%H:%M").to_string())
            .unwrap_or_default(),
        location: m.location.clone(),
        attendees: m.attendees.clone(),
        status: m.status.as_str().into(),
        minutes: m.minutes.clone().unwrap_or_default(),
        public_summary: m.public_summary.clone().unwrap_or_default(),
        deadline_day: deadline.day,
        deadline_month: deadline.month,
        deadline_year: deadline.year,
        version: m.version.to_string(),
    }
}

pub(super) fn clashes<'a>(saved: &MeetingForm, typed: &MeetingForm) -> Vec<Clash<'a>> {
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
    ];
    let mut out: Vec<Clash<'a>> = pairs
        .iter()
        .map(|(l, s, t)| Clash {
            label: l,
            saved: s.to_string(),
            typed: t.to_string(),
        })
        .collect();
    let date = |f: &MeetingForm| format!("{}/{}/{}", f.date_day, f.date_month, f.date_year);
    let deadline = |f: &MeetingForm| {
        format!(
            "{}/{}/{}",
            f.deadline_day, f.deadline_month, f.deadline_year
        )
    };
    out.push(Clash {
        label: "Date",
        saved: date(saved),
        typed: date(typed),
    });
    out.push(Clash {
        label: "Update deadline",
        saved: deadline(saved),
        typed: deadline(typed),
    });
    out
}

pub(super) fn validate(f: &MeetingForm) -> Result<NewMeeting, FieldErrors> {
    let mut errors = FieldErrors::default();
    let kind = MeetingKind::parse(&f.kind);
    if kind.is_none() {
        errors.add("kind", "Choose the kind of meeting");
    }
    let title = required_text(&f.title, 300)
        .map_err(|e| errors.add("title", format!("Title: {e}")))
        .ok();
    let date = match parse_date_parts(&f.date_day, &f.date_month, &f.date_year) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.add("date", "Enter the date of the meeting");
            None
        }
        Err(e) => {
            errors.add("date", e.to_string());
            None
        }
    };
    let time = parse_time(&f.time)
        .map_err(|e| errors.add("time", e.to_string()))
        .ok();
    let location = optional_text(&f.location, 300)
        .map_err(|e| errors.add("location", format!("Location: {e}")))
        .ok();
    let attendees = optional_text(&f.attendees, 2000)
        .map_err(|e| errors.add("attendees", format!("Attendees: {e}")))
        .ok();
    let status = MeetingStatus::parse(&f.status);
    if status.is_none() {
        errors.add("status", "Choose whether the meeting is planned or held");
    }
    let deadline = parse_date_parts(&f.deadline_day, &f.deadline_month, &f.deadline_year)
        .map_err(|e| errors.add("deadline", format!("Update deadline: {e}")))
        .ok();
    let minutes = optional_text(&f.minutes, 20_000)
        .map_err(|e| errors.add("minutes", format!("Minutes: {e}")))
        .ok();
    let summary = optional_text(&f.public_summary, 20_000)
        .map_err(|e| errors.add("public_summary", format!("Public summary: {e}")))
        .ok();
    if let (Some(Some(deadline)), Some(date)) = (deadline, date)
        && deadline > date
    {
        errors.add(
            "deadline",
            "The update deadline must be on or before the meeting date",
        );
    }
    match (
        kind, title, date, time, location, attendees, status, deadline, minutes, summary,
    ) {
        (
            Some(kind),
            Some(title),
            Some(date),
            Some(time),
            Some(location),
            Some(attendees),
            Some(status),
            Some(update_deadline),
            Some(minutes),
            Some(public_summary),
        ) if errors.is_empty() => Ok(NewMeeting {
            kind,
            title,
            starts_at: starts_at_text(NaiveDateTime::new(date, time)),
            location: location.unwrap_or_default(),
            attendees: attendees.unwrap_or_default(),
            status,
            minutes,
            public_summary,
            update_deadline,
        }),
        _ => Err(errors),
    }
}
