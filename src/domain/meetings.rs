//! Meeting rules: the "HH:MM" time field, whether a named item was updated by the deadline,
//! and when an action arising is overdue; and the validated inputs of the meeting, agenda
//! item and action arising forms.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::domain::dates::today_in_london;
use crate::domain::subject::Subject;
use crate::domain::vocab::{ArisingStatus, MeetingKind, MeetingStatus};

/// Why a time of day was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("Enter a start time")]
    Missing,
    #[error("Enter a time like 14:00, 14.00, 2pm or 2.30pm")]
    Invalid,
}

/// A time of day as people write it: 24-hour "14:00" or "14.00" (hours may be one digit),
/// or 12-hour with am/pm: "2pm", "2.30pm", "2:30 PM", "12am" (midnight), "12pm" (noon).
pub fn parse_time(value: &str) -> Result<NaiveTime, TimeError> {
    let value = value.trim().to_ascii_lowercase();
    if value.is_empty() {
        return Err(TimeError::Missing);
    }
    let (clock, pm) = match (value.strip_suffix("am"), value.strip_suffix("pm")) {
        (Some(c), _) => (c.trim_end(), Some(false)),
        (_, Some(c)) => (c.trim_end(), Some(true)),
        _ => (value.as_str(), None),
    };
    let (h, m) = match clock.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        // "2pm": hours alone only with am or pm; "14" alone is not a time.
        None if pm.is_some() => (clock, "00"),
        None => return Err(TimeError::Invalid),
    };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 2) || m.len() != 2 || !digits(m, 2) {
        return Err(TimeError::Invalid);
    }
    let (h, m): (u32, u32) = (
        h.parse().map_err(|_| TimeError::Invalid)?,
        m.parse().map_err(|_| TimeError::Invalid)?,
    );
    let h = match pm {
        None => h,
        Some(_) if !(1..=12).contains(&h) => return Err(TimeError::Invalid),
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
    };
    NaiveTime::from_hms_opt(h, m, 0).ok_or(TimeError::Invalid)
}

/// The stored text of a meeting start: local Europe/London wall-clock time.
pub fn starts_at_text(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Read a stored start back; seconds and a trailing zone marker are tolerated.
pub fn parse_starts_at(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim_end_matches('Z');
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S"))
        .ok()
}

/// A meeting is upcoming on the day it is held and after (its start is London wall-clock
/// time, like `today`); a start that cannot be read counts as past.
pub fn is_upcoming(starts_at: &str, today: NaiveDate) -> bool {
    parse_starts_at(starts_at).is_some_and(|at| at.date() >= today)
}

/// Whether the force updated a named item for a meeting. Not the same as "no progress".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateOutcome {
    /// An update was entered after the request and by the end of the deadline day.
    Received,
    /// The deadline has not passed and nothing has come in yet.
    Awaiting,
    /// The deadline passed with nothing entered.
    NotReceived,
    /// No deadline has been set.
    NoDeadline,
}

impl UpdateOutcome {
    pub fn label(self) -> &'static str {
        match self {
            Self::Received => "Update received",
            Self::Awaiting => "Awaiting update",
            Self::NotReceived => "No update received",
            Self::NoDeadline => "No deadline set",
        }
    }
}

/// The outcome of one request, given when the item's updates were entered (UTC instants).
pub fn update_outcome(
    requested_at: DateTime<Utc>,
    deadline: Option<NaiveDate>,
    today: NaiveDate,
    entered: &[DateTime<Utc>],
) -> UpdateOutcome {
    let received = |deadline: Option<NaiveDate>| {
        entered
            .iter()
            .any(|at| *at > requested_at && deadline.is_none_or(|d| today_in_london(*at) <= d))
    };
    match deadline {
        Some(d) if received(Some(d)) => UpdateOutcome::Received,
        Some(d) if today > d => UpdateOutcome::NotReceived,
        Some(_) => UpdateOutcome::Awaiting,
        None if received(None) => UpdateOutcome::Received,
        None => UpdateOutcome::NoDeadline,
    }
}

/// An action arising is overdue when it was due before `today` and is not closed.
pub fn arising_overdue(due_on: NaiveDate, status: ArisingStatus, today: NaiveDate) -> bool {
    status != ArisingStatus::Closed && due_on < today
}

/// A meeting as the record takes it (the start is London wall-clock time).
#[derive(Debug, Clone, PartialEq)]
pub struct NewMeeting {
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub location: String,
    pub attendees: String,
    pub status: MeetingStatus,
    pub minutes: Option<String>,
    pub public_summary: Option<String>,
    pub update_deadline: Option<NaiveDate>,
}

/// An agenda item as the record takes it; it may be about a finding, an action-plan item,
/// both or neither (its judgement, if any, is saved separately as an assessment).
#[derive(Debug, Clone, PartialEq)]
pub struct NewAgendaItem {
    pub finding_id: Option<i64>,
    pub action_id: Option<i64>,
    pub question: String,
    pub answer: String,
}

/// A new action arising, optionally about a finding or an action.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArising {
    pub subject: Option<Subject>,
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
}

/// Where an action arising has got to, as the progress form saves it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArisingProgress {
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ArisingStatus,
    pub response: Option<String>,
    pub closed_on: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn times_may_be_written_with_a_dot_or_as_am_and_pm() {
        let t = |h, m| Ok(NaiveTime::from_hms_opt(h, m, 0).unwrap());
        assert_eq!(parse_time("2pm"), t(14, 0));
        assert_eq!(parse_time("2.30pm"), t(14, 30));
        assert_eq!(parse_time("2:30 PM"), t(14, 30));
        assert_eq!(parse_time("14.00"), t(14, 0));
        assert_eq!(parse_time("9am"), t(9, 0));
        assert_eq!(parse_time("11.45am"), t(11, 45));
        assert_eq!(parse_time("12pm"), t(12, 0));
        assert_eq!(parse_time("12.15pm"), t(12, 15));
        assert_eq!(parse_time("12am"), t(0, 0));
        assert_eq!(parse_time("1am"), t(1, 0));
        assert_eq!(parse_time("1pm"), t(13, 0));
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert_eq!(
            parse_time("14:00"),
            Ok(NaiveTime::from_hms_opt(14, 0, 0).unwrap())
        );
        assert_eq!(
            parse_time(" 9:30 "),
            Ok(NaiveTime::from_hms_opt(9, 30, 0).unwrap())
        );
        assert_eq!(parse_time(""), Err(TimeError::Missing));
        for bad in [
            "24:00", "12:60", "12", "12:5", "ab:cd", "-1:00", "123:00", "12:00:00", "13pm", "0am",
            "pm", "2.3pm", "14..00", "2:30 pmx", "am2",
        ] {
            assert_eq!(parse_time(bad), Err(TimeError::Invalid), "{bad}");
        }
    }

    #[test]
    fn starts_at_round_trips_as_local_text() {
        let at = parse_starts_at("2026-03-23T14:00:00").unwrap();
        assert_eq!(starts_at_text(at), "2026-03-23T14:00:00");
        assert_eq!(parse_starts_at("2026-03-23T14:00"), Some(at));
        assert_eq!(parse_starts_at("nonsense"), None);
    }

    #[test]
    fn an_update_entered_after_the_request_and_by_the_deadline_day_is_received() {
        let requested = t("2026-03-01T10:00:00Z");
        let deadline = Some(d("2026-03-10"));
        // 23:30 UTC on 10 March is still 10 March in London (GMT).
        let late_evening = [t("2026-03-10T23:30:00Z")];
        assert_eq!(
            update_outcome(requested, deadline, d("2026-03-20"), &late_evening),
            UpdateOutcome::Received
        );
        assert_eq!(
            update_outcome(requested, deadline, d("2026-03-05"), &late_evening),
            UpdateOutcome::Received
        );
    }

    #[test]
    fn an_update_before_the_request_or_after_the_deadline_does_not_count() {
        let requested = t("2026-03-01T10:00:00Z");
        let deadline = Some(d("2026-03-10"));
        let entered = [t("2026-02-28T10:00:00Z"), t("2026-03-11T09:00:00Z")];
        assert_eq!(
            update_outcome(requested, deadline, d("2026-03-10"), &entered),
            UpdateOutcome::Awaiting
        );
        assert_eq!(
            update_outcome(requested, deadline, d("2026-03-11"), &entered),
            UpdateOutcome::NotReceived
        );
        assert_eq!(
            update_outcome(requested, None, d("2026-03-11"), &entered),
            UpdateOutcome::Received
        );
        assert_eq!(
            update_outcome(requested, None, d("2026-03-11"), &[]),
            UpdateOutcome::NoDeadline
        );
    }

    #[test]
    fn an_action_arising_is_overdue_from_the_day_after_it_is_due_until_closed() {
        let due = d("2026-03-01");
        assert!(!arising_overdue(due, ArisingStatus::Open, due));
        assert!(arising_overdue(due, ArisingStatus::Open, d("2026-03-02")));
        assert!(arising_overdue(
            due,
            ArisingStatus::ResponseReceived,
            d("2026-03-02")
        ));
        assert!(!arising_overdue(
            due,
            ArisingStatus::Closed,
            d("2026-03-02")
        ));
    }

    #[test]
    fn a_meeting_is_upcoming_from_the_start_of_its_day_and_past_after_it() {
        let today = d("2026-12-01");
        assert!(is_upcoming("2026-12-01T09:30:00", today));
        assert!(is_upcoming("2027-01-10T18:00", today));
        assert!(!is_upcoming("2026-11-30T23:59:59", today));
        assert!(!is_upcoming("not a time", today));
    }
}
