//! A minimal iCalendar (RFC 5545) writer for the public feed: escaped text, lines folded at
//! 75 octets, CRLF line ends. (The `meetings` branch has its own for private feeds; the lead
//! merges the two.)

use chrono::{DateTime, NaiveDate, Utc};

/// When an event happens: a whole day, or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Date(NaiveDate),
    At(DateTime<Utc>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub start: Start,
    pub summary: String,
    pub description: Option<String>,
}

/// Escape a TEXT value: backslash, semicolon, comma and newlines.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no line exceeds 75 octets (continuations start with a space),
/// never splitting a UTF-8 character, each line ending in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A whole calendar; `stamp` is when its information was fixed (DTSTAMP of every event).
pub fn calendar(prodid: &str, name: &str, stamp: DateTime<Utc>, events: &[Event]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!("PRODID:{prodid}"),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape_text(name)),
    ];
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{}", utc(stamp)));
        match e.start {
            Start::Date(d) => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", d.format("%Y%m%d")));
                lines.push(format!(
                    "DTEND;VALUE=DATE:{}",
                    (d + chrono::Days::new(1)).format("%Y%m%d")
                ));
            }
            Start::At(at) => lines.push(format!("DTSTART:{}", utc(at))),
        }
        lines.push(format!("SUMMARY:{}", escape_text(&e.summary)));
        if let Some(d) = &e.description {
            lines.push(format!("DESCRIPTION:{}", escape_text(d)));
        }
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_newline() {
        assert_eq!(escape_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
    }

    #[test]
    fn a_short_line_is_left_whole_with_crlf() {
        assert_eq!(fold("SUMMARY:hello"), "SUMMARY:hello\r\n");
    }

    #[test]
    fn a_long_line_folds_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(100));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn a_calendar_has_the_required_properties_and_every_line_ends_in_crlf() {
        let stamp = "2026-03-02T10:00:00Z".parse().unwrap();
        let events = [Event {
            uid: "milestone-1@scrutineer".into(),
            start: Start::Date("2026-04-01".parse().unwrap()),
            summary: "Due, soon; really".into(),
            description: None,
        }];
        let ics = calendar("-//Test//EN", "Test", stamp, &events);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"));
        assert!(ics.contains("DTSTAMP:20260302T100000Z\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20260401\r\nDTEND;VALUE=DATE:20260402\r\n"));
        assert!(ics.contains("SUMMARY:Due\\, soon\\; really\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'));
    }
}
