//! Dates and times written the way people in the UK read them: "16 November 2021",
//! "16 Nov 2021", "16 November 2021, 2:30pm".

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// "16 November 2021".
pub fn uk_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "16 Nov 2021", for tables.
pub fn uk_date_short(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "16 November 2021, 2:30pm" (GOV.UK style: lowercase am/pm, no leading zero).
pub fn uk_datetime(dt: NaiveDateTime) -> String {
    dt.format("%-d %B %Y, %-I:%M%P").to_string()
}

/// An instant as people in the UK read it, in London time ("2 March 2026, 9:00am").
pub fn uk_instant(at: DateTime<Utc>) -> String {
    uk_datetime(at.with_timezone(&chrono_tz::Europe::London).naive_local())
}

/// A stored RFC 3339 instant, as [`uk_instant`]; text that is not one is shown as it is.
pub fn uk_stored_instant(stored: &str) -> String {
    DateTime::parse_from_rfc3339(stored)
        .map(|t| uk_instant(t.with_timezone(&Utc)))
        .unwrap_or_else(|_| stored.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_shown_in_london_time_summer_and_winter() {
        assert_eq!(
            uk_stored_instant("2026-07-01T08:30:00Z"),
            "1 July 2026, 9:30am"
        );
        assert_eq!(
            uk_stored_instant("2026-01-15T08:30:00Z"),
            "15 January 2026, 8:30am"
        );
        assert_eq!(uk_stored_instant("not a time"), "not a time");
    }

    fn dt(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    #[test]
    fn a_date_has_no_leading_zero_and_the_full_month() {
        assert_eq!(uk_date("2021-11-16".parse().unwrap()), "16 November 2021");
        assert_eq!(uk_date("2022-01-05".parse().unwrap()), "5 January 2022");
    }

    #[test]
    fn a_short_date_abbreviates_the_month() {
        assert_eq!(uk_date_short("2021-11-16".parse().unwrap()), "16 Nov 2021");
        assert_eq!(uk_date_short("2024-09-01".parse().unwrap()), "1 Sep 2024");
    }

    #[test]
    fn a_date_and_time_uses_a_twelve_hour_clock_in_lowercase() {
        assert_eq!(
            uk_datetime(dt("2021-11-16T14:30:00")),
            "16 November 2021, 2:30pm"
        );
        assert_eq!(
            uk_datetime(dt("2021-11-16T09:05:00")),
            "16 November 2021, 9:05am"
        );
    }

    #[test]
    fn noon_is_pm_and_midnight_is_am() {
        assert_eq!(
            uk_datetime(dt("2021-11-16T12:00:00")),
            "16 November 2021, 12:00pm"
        );
        assert_eq!(
            uk_datetime(dt("2021-11-16T00:00:00")),
            "16 November 2021, 12:00am"
        );
    }
}
