//! A small RFC 5545 (iCalendar) writer: events with a local Europe/London start or an all-day
//! date, text escaping and 75-octet line folding. Pure; reusable by any feed (private or public).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// When an event happens: a wall-clock time in London, or a whole day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Local Europe/London time, written with `TZID=Europe/London`; lasts `minutes`.
    London { start: NaiveDateTime, minutes: i64 },
    /// An all-day event (`VALUE=DATE`).
    AllDay(NaiveDate),
}

/// One VEVENT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Globally unique and stable, and different in each feed that describes the event
    /// differently: see `domain::installation`.
    pub uid: String,
    pub when: When,
    pub summary: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
}

/// A whole calendar. `stamp` is the DTSTAMP of every event (when the feed was made).
#[derive(Debug, Clone)]
pub struct Calendar {
    pub name: String,
    pub stamp: DateTime<Utc>,
    pub events: Vec<Event>,
}

/// The PRODID of every calendar this application writes.
pub const PRODID: &str = "-//Scrutineer//Scrutineer calendar//EN";

/// Europe/London's rules (GMT in winter, BST from the last Sunday of March to the last Sunday of
/// October), so clients need not know the zone by name.
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Escape a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11).
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line so no physical line exceeds 75 octets, never splitting a UTF-8
/// character; continuation lines start with one space. Ends with CRLF.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

fn utc_stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn event_lines(event: &Event, stamp: &str) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", escape_text(&event.uid)),
        format!("DTSTAMP:{stamp}"),
    ];
    match event.when {
        When::London { start, minutes } => {
            let end = start + chrono::Duration::minutes(minutes.max(0));
            lines.push(format!(
                "DTSTART;TZID=Europe/London:{}",
                start.format("%Y%m%dT%H%M%S")
            ));
            lines.push(format!(
                "DTEND;TZID=Europe/London:{}",
                end.format("%Y%m%dT%H%M%S")
            ));
        }
        When::AllDay(day) => {
            let next = day.succ_opt().unwrap_or(day);
            lines.push(format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
            lines.push(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
            lines.push("TRANSP:TRANSPARENT".to_string());
        }
    }
    lines.push(format!("SUMMARY:{}", escape_text(&event.summary)));
    if let Some(d) = &event.description {
        lines.push(format!("DESCRIPTION:{}", escape_text(d)));
    }
    if let Some(l) = &event.location {
        lines.push(format!("LOCATION:{}", escape_text(l)));
    }
    if let Some(u) = &event.url {
        // A URI value, not TEXT: it is not escaped, but it must not break the line.
        lines.push(format!("URL:{}", u.replace(['\r', '\n'], "")));
    }
    lines.push("END:VEVENT".to_string());
    lines
}

/// A meeting's summary line: its title, led by its kind unless the title already says it
/// ("Accountability board – child protection", not "Accountability board: Accountability
/// board – child protection").
pub fn meeting_summary(kind: &str, title: &str) -> String {
    let lower = title.to_lowercase();
    if lower.starts_with(&kind.to_lowercase()) {
        title.to_string()
    } else {
        format!("{kind}: {title}")
    }
}

/// The calendar as an `text/calendar` body: CRLF line ends, folded lines.
pub fn render(calendar: &Calendar) -> String {
    let stamp = utc_stamp(calendar.stamp);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape_text(&calendar.name)),
        "X-WR-TIMEZONE:Europe/London".to_string(),
    ];
    if calendar
        .events
        .iter()
        .any(|e| matches!(e.when, When::London { .. }))
    {
        lines.extend(VTIMEZONE.iter().map(|l| l.to_string()));
    }
    for event in &calendar.events {
        lines.extend(event_lines(event, &stamp));
    }
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|l| fold_line(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar(events: Vec<Event>) -> Calendar {
        Calendar {
            name: "Test".into(),
            stamp: "2026-03-02T12:00:00Z".parse().unwrap(),
            events,
        }
    }

    fn meeting() -> Event {
        Event {
            uid: "meeting-3@scrutineer".into(),
            when: When::London {
                start: "2026-03-23T14:00:00".parse().unwrap(),
                minutes: 120,
            },
            summary: "Board; review, etc.".into(),
            description: Some("Line one\nLine two \\ end".into()),
            location: Some("Ripley".into()),
            url: None,
        }
    }

    #[test]
    fn a_meeting_summary_never_doubles_its_kind() {
        assert_eq!(
            meeting_summary(
                "Accountability board",
                "Accountability board – child protection"
            ),
            "Accountability board – child protection"
        );
        assert_eq!(
            meeting_summary("Police and Crime Panel", "Budget scrutiny"),
            "Police and Crime Panel: Budget scrutiny"
        );
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape_text("x\r\ny"), "x\\ny");
    }

    #[test]
    fn short_lines_are_not_folded_and_end_with_crlf() {
        assert_eq!(fold_line("SUMMARY:Hi"), "SUMMARY:Hi\r\n");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold_line(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn a_calendar_has_the_required_structure() {
        let text = render(&calendar(vec![meeting()]));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"));
        assert!(text.contains("UID:meeting-3@scrutineer\r\n"));
        assert!(text.contains("DTSTAMP:20260302T120000Z\r\n"));
        assert!(text.contains("DTSTART;TZID=Europe/London:20260323T140000\r\n"));
        assert!(text.contains("DTEND;TZID=Europe/London:20260323T160000\r\n"));
        assert!(text.contains("SUMMARY:Board\\; review\\, etc.\r\n"));
        assert!(text.contains("DESCRIPTION:Line one\\nLine two \\\\ end\r\n"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
        assert_eq!(text.matches("END:VEVENT").count(), 1);
    }

    #[test]
    fn all_day_events_use_date_values_and_need_no_time_zone() {
        let event = Event {
            uid: "milestone-12@scrutineer".into(),
            when: When::AllDay("2026-01-26".parse().unwrap()),
            summary: "Due".into(),
            description: None,
            location: None,
            url: Some("https://example.test/actions/5".into()),
        };
        let text = render(&calendar(vec![event]));
        assert!(text.contains("DTSTART;VALUE=DATE:20260126\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20260127\r\n"));
        assert!(text.contains("URL:https://example.test/actions/5\r\n"));
        assert!(!text.contains("VTIMEZONE"));
    }
}
