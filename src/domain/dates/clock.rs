//! "Now" and "today": the injectable clock, and today's date in London whatever the server's
//! time zone.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::London;

const NOON: NaiveTime = match NaiveTime::from_hms_opt(12, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// The calendar date in England at the instant `now` (so 23:30 UTC in summer is tomorrow).
pub fn today_in_london(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&London).date_naive()
}

/// Where "now" comes from: the system clock in production, a fixed instant in tests and demos.
#[derive(Clone, Debug)]
pub struct Clock {
    fixed: Option<DateTime<Utc>>,
}

impl Clock {
    /// The real time.
    pub fn system() -> Self {
        Self { fixed: None }
    }

    /// Always the given instant.
    pub fn fixed(now: DateTime<Utc>) -> Self {
        Self { fixed: Some(now) }
    }

    /// Always noon, London time, on the given day.
    pub fn fixed_date(date: NaiveDate) -> Self {
        let local = date.and_time(NOON);
        // Noon is never in a clock-change gap, but fall back to UTC rather than panic.
        let now = London
            .from_local_datetime(&local)
            .earliest()
            .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc));
        Self::fixed(now)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.fixed.unwrap_or_else(Utc::now)
    }

    /// Today's date in London.
    pub fn today(&self) -> NaiveDate {
        today_in_london(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn late_evening_utc_in_summer_is_already_tomorrow_in_london() {
        assert_eq!(
            today_in_london(utc("2024-06-30T23:30:00Z")),
            date("2024-07-01")
        );
    }

    #[test]
    fn late_evening_utc_in_winter_is_still_today_in_london() {
        assert_eq!(
            today_in_london(utc("2024-12-31T23:30:00Z")),
            date("2024-12-31")
        );
    }

    #[test]
    fn the_day_bst_starts_and_ends_is_handled() {
        // Clocks go forward at 01:00 UTC on 31 March 2024 and back at 01:00 UTC on 27 October.
        assert_eq!(
            today_in_london(utc("2024-03-30T23:59:59Z")),
            date("2024-03-30")
        );
        assert_eq!(
            today_in_london(utc("2024-03-31T23:00:00Z")),
            date("2024-04-01")
        );
        assert_eq!(
            today_in_london(utc("2024-10-26T23:00:00Z")),
            date("2024-10-27")
        );
        assert_eq!(
            today_in_london(utc("2024-10-27T23:00:00Z")),
            date("2024-10-27")
        );
    }

    #[test]
    fn a_fixed_date_clock_is_noon_in_london_that_day() {
        let summer = Clock::fixed_date(date("2024-07-01"));
        assert_eq!(summer.now(), utc("2024-07-01T11:00:00Z"));
        assert_eq!(summer.today(), date("2024-07-01"));
        let winter = Clock::fixed_date(date("2024-01-15"));
        assert_eq!(winter.now(), utc("2024-01-15T12:00:00Z"));
    }

    #[test]
    fn a_fixed_clock_does_not_move() {
        let clock = Clock::fixed(utc("2021-11-16T09:00:00Z"));
        assert_eq!(clock.now(), clock.now());
        assert_eq!(clock.today(), date("2021-11-16"));
    }

    #[test]
    fn the_system_clock_is_close_to_now() {
        let before = Utc::now();
        let seen = Clock::system().now();
        assert!(seen >= before && seen <= Utc::now());
    }
}
