//! The meeting form (add and edit) and the form that names an item for update.

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::{DateParts, FieldErrors};
use crate::db::meetings::MeetingRow;
use crate::domain::inputs::{optional_text, parse_date_parts, required_text};
use crate::domain::meetings::{NewMeeting, parse_starts_at, parse_time};
use crate::domain::subject::Subject;
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

/// Text that may be blank, its message prefixed with the field's label.
fn labelled(
    errors: &mut FieldErrors,
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
) -> Option<Option<String>> {
    optional_text(value, max)
        .map_err(|e| errors.add(field, format!("{label}: {e}")))
        .ok()
}

impl MeetingForm {
    /// A new meeting's form: planned, at ten o'clock.
    pub fn fresh() -> Self {
        Self {
            status: "planned".into(),
            time: "10:00".into(),
            ..Self::default()
        }
    }

    pub fn date(&self) -> DateParts {
        DateParts {
            day: self.date_day.clone(),
            month: self.date_month.clone(),
            year: self.date_year.clone(),
        }
    }

    pub fn deadline(&self) -> DateParts {
        DateParts {
            day: self.deadline_day.clone(),
            month: self.deadline_month.clone(),
            year: self.deadline_year.clone(),
        }
    }

    /// The form prefilled from a saved meeting.
    pub fn from_row(m: &MeetingRow) -> Self {
        let at = parse_starts_at(&m.starts_at);
        let date = DateParts::from_date(at.map(|a| a.date()));
        let deadline = DateParts::from_date(m.update_deadline);
        Self {
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

    /// The meeting this form describes, or what to fix. The update deadline, if given, may
    /// not be after the meeting.
    pub fn parse(&self) -> Result<NewMeeting, FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = MeetingKind::parse(&self.kind);
        if kind.is_none() {
            e.add("kind", "Choose the kind of meeting");
        }
        let title = required_text(&self.title, 300)
            .map_err(|err| e.add("title", format!("Title: {err}")))
            .ok();
        let date = super::date(&mut e, "date", "the date of the meeting", &self.date());
        let time = parse_time(&self.time)
            .map_err(|err| e.add("time", err.to_string()))
            .ok();
        let location = labelled(&mut e, "location", "Location", &self.location, 300);
        let attendees = labelled(&mut e, "attendees", "Attendees", &self.attendees, 2000);
        let status = MeetingStatus::parse(&self.status);
        if status.is_none() {
            e.add("status", "Choose whether the meeting is planned or held");
        }
        let d = self.deadline();
        let deadline = parse_date_parts(&d.day, &d.month, &d.year)
            .map_err(|err| e.add("deadline", format!("Update deadline: {err}")))
            .ok()
            .flatten();
        let minutes = labelled(&mut e, "minutes", "Minutes", &self.minutes, 20_000);
        let summary = labelled(
            &mut e,
            "public_summary",
            "Public summary",
            &self.public_summary,
            20_000,
        );
        if let (Some(deadline), Some(date)) = (deadline, date)
            && deadline > date
        {
            e.add(
                "deadline",
                "The update deadline must be on or before the meeting date",
            );
        }
        match (
            kind, title, date, time, location, attendees, status, minutes, summary,
        ) {
            (
                Some(kind),
                Some(title),
                Some(date),
                Some(time),
                Some(location),
                Some(attendees),
                Some(status),
                Some(minutes),
                Some(public_summary),
            ) if e.is_empty() => Ok(NewMeeting {
                kind,
                title,
                starts_at: NaiveDateTime::new(date, time),
                location: location.unwrap_or_default(),
                attendees: attendees.unwrap_or_default(),
                status,
                minutes,
                public_summary,
                update_deadline: deadline,
            }),
            _ => Err(e),
        }
    }
}

/// What was chosen in "Name an item the force must update".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    pub item: String,
}

impl RequestForm {
    /// The finding or action named; `None` if nothing (or nonsense) was chosen.
    pub fn parse(&self) -> Option<Subject> {
        self.item.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn typed() -> MeetingForm {
        MeetingForm {
            kind: "police_and_crime_panel".into(),
            title: " Panel – April ".into(),
            date_day: "15".into(),
            date_month: "4".into(),
            date_year: "2026".into(),
            time: "14:30".into(),
            status: "planned".into(),
            deadline_day: "8".into(),
            deadline_month: "4".into(),
            deadline_year: "2026".into(),
            ..MeetingForm::default()
        }
    }

    #[test]
    fn a_complete_form_makes_a_meeting_starting_at_the_local_date_and_time() {
        let m = typed().parse().expect("valid");
        assert_eq!(m.kind, MeetingKind::PoliceAndCrimePanel);
        assert_eq!(m.title, "Panel – April");
        assert_eq!(
            m.starts_at,
            NaiveDate::from_ymd_opt(2026, 4, 15)
                .unwrap()
                .and_hms_opt(14, 30, 0)
                .unwrap()
        );
        assert_eq!(m.update_deadline, NaiveDate::from_ymd_opt(2026, 4, 8));
        assert_eq!(m.location, "");
        assert_eq!(m.minutes, None);
    }

    #[test]
    fn a_missing_kind_and_a_bad_time_each_get_their_message() {
        let form = MeetingForm {
            kind: String::new(),
            time: "25:00".into(),
            ..typed()
        };
        let e = form.parse().expect_err("invalid");
        assert_eq!(e.get("kind"), Some("Choose the kind of meeting"));
        assert_eq!(
            e.get("time"),
            Some("Enter a time like 14:00, 14.00, 2pm or 2.30pm")
        );
    }

    #[test]
    fn a_deadline_after_the_meeting_is_refused() {
        let form = MeetingForm {
            deadline_day: "16".into(),
            ..typed()
        };
        let e = form.parse().expect_err("late deadline");
        assert_eq!(
            e.get("deadline"),
            Some("The update deadline must be on or before the meeting date")
        );
    }

    #[test]
    fn a_blank_date_asks_for_the_date_of_the_meeting() {
        let form = MeetingForm {
            date_day: String::new(),
            date_month: String::new(),
            date_year: String::new(),
            ..typed()
        };
        assert_eq!(
            form.parse().expect_err("no date").get("date"),
            Some("Enter the date of the meeting")
        );
    }

    #[test]
    fn a_request_names_a_finding_or_an_action_or_nothing() {
        let form = |item: &str| RequestForm { item: item.into() };
        assert_eq!(form("action:5").parse(), Some(Subject::Action(5)));
        assert_eq!(form("finding:7").parse(), Some(Subject::Finding(7)));
        assert_eq!(form("").parse(), None);
        assert_eq!(form("meeting:3").parse(), None);
    }
}
