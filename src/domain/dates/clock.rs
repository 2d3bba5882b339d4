//! "Now" and "today": the injectable clock, and today's date in London whatever the server's
//! time zone.

use std::sync::{Arc, Mutex};

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

/// The instant a request is handled, read from the clock once, and the date it is in London.
/// Everything a request does – the session check, the record's timestamps, "today" on its
/// pages – uses this one reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub at: DateTime<Utc>,
    pub today: NaiveDate,
}

impl Now {
    pub fn at(at: DateTime<Utc>) -> Self {
        Self {
            at,
            today: today_in_london(at),
        }
    }
}

/// Where "now" comes from: the system clock in production, a fixed instant in tests and demos.
#[derive(Clone, Debug)]
pub struct Clock {
    source: Source,
}

#[derive(Clone, Debug)]
enum Source {
    System,
    Fixed(DateTime<Utc>),
    /// Fixed until a test moves it on; clones share the same instant.
    Manual(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    /// The real time.
    pub fn system() -> Self {
        Self {
            source: Source::System,
        }
    }

    /// Always the given instant.
    pub fn fixed(now: DateTime<Utc>) -> Self {
        Self {
            source: Source::Fixed(now),
        }
    }

    /// Stands at the given instant until [`Clock::advance`] moves it (for tests of timeouts).
    /// Every clone of this clock sees the move.
    pub fn manual(now: DateTime<Utc>) -> Self {
        Self {
            source: Source::Manual(Arc::new(Mutex::new(now))),
        }
    }

    /// Move a manual clock on by `by`; the system and fixed clocks ignore this.
    pub fn advance(&self, by: chrono::Duration) {
        if let Source::Manual(now) = &self.source {
            *now.lock().unwrap_or_else(|e| e.into_inner()) += by;
        }
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
        match &self.source {
            Source::System => Utc::now(),
            Source::Fixed(now) => *now,
            Source::Manual(now) => *now.lock().unwrap_or_else(|e| e.into_inner()),
        }
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
    fn a_manual_clock_moves_only_when_advanced_and_clones_move_with_it() {
        let clock = Clock::manual(utc("2026-03-02T09:00:00Z"));
        let shared = clock.clone();
        assert_eq!(clock.now(), utc("2026-03-02T09:00:00Z"));
        shared.advance(chrono::Duration::minutes(31));
        assert_eq!(clock.now(), utc("2026-03-02T09:31:00Z"));
        let fixed = Clock::fixed(utc("2026-03-02T09:00:00Z"));
        fixed.advance(chrono::Duration::hours(1));
        assert_eq!(fixed.now(), utc("2026-03-02T09:00:00Z"));
    }

    #[test]
    fn the_system_clock_is_close_to_now() {
        let before = Utc::now();
        let seen = Clock::system().now();
        assert!(seen >= before && seen <= Utc::now());
    }
}
