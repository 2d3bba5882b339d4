//! Date rules: the section 55 clock, timescale due dates, staleness and day counts. Milestone
//! states and slips, the clock and UK date formatting live in the submodules.

mod clock;
mod format;
mod milestones;

pub use clock::{Clock, Now, today_in_london};
pub use format::{uk_date, uk_date_short, uk_datetime, uk_instant, uk_stored_instant};
pub use milestones::{Slips, milestone_state, slips};

use chrono::{Months, NaiveDate};

use crate::domain::vocab::{Counting, Timescale};

/// How long an item may go without an update before it is stale, unless configured.
pub const DEFAULT_STALE_DAYS: i64 = 42;

/// Whole days from `from` to `to` (negative if `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The last day the PCC may publish comments: the 56-day period *beginning with* the
/// publication day (Police Act 1996, s55) ends on publication + 55 days.
pub fn section_55_last_day(published: NaiveDate) -> NaiveDate {
    Counting::BeginningWith.last_day(published, 56)
}

/// When HMICFRS expects the force's action plan: six weeks after publication.
pub fn action_plan_due(published: NaiveDate) -> NaiveDate {
    Counting::After.last_day(published, 42)
}

/// The same day of the month `months` later, or that month's last day if it is shorter.
pub fn add_months_clamped(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// When a finding is due, from its timescale and the report's publication date.
pub fn timescale_due(
    timescale: Timescale,
    stated: Option<NaiveDate>,
    published: NaiveDate,
) -> Option<NaiveDate> {
    match timescale {
        Timescale::Immediately => Some(published),
        Timescale::Within3Months => Some(add_months_clamped(published, 3)),
        Timescale::Within6Months => Some(add_months_clamped(published, 6)),
        Timescale::ByDate => stated,
        // Unknown is not "none", but neither gives a date to count towards.
        Timescale::NoTimescale | Timescale::NotStated => None,
    }
}

/// Whether an item has gone longer than `period_days` without an update. Stale is not the same
/// as overdue: it says nothing about progress, only that nobody has told us.
pub fn is_stale(last_activity: NaiveDate, today: NaiveDate, period_days: i64) -> bool {
    days_between(last_activity, today) > period_days
}

/// Where the section 55 response stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    /// Not yet published; days until the last permissible day (0 = the last day is today).
    DaysLeft(i64),
    /// Not yet published and the last day has passed, by this many days.
    Overdue(i64),
    /// Published on or before the last day.
    MetOnTime { published: NaiveDate },
    /// Published after the last day.
    MetLate {
        published: NaiveDate,
        days_late: i64,
    },
}

/// The section 55 countdown for a report published on `published_report`.
pub fn section_55_countdown(
    published_report: NaiveDate,
    response_published: Option<NaiveDate>,
    today: NaiveDate,
) -> Countdown {
    countdown(
        section_55_last_day(published_report),
        response_published,
        today,
    )
}

/// Where a step that must be done by `last_day` stands on `today`, given when it was done.
pub fn countdown(last_day: NaiveDate, done: Option<NaiveDate>, today: NaiveDate) -> Countdown {
    match done {
        Some(published) if published <= last_day => Countdown::MetOnTime { published },
        Some(published) => Countdown::MetLate {
            published,
            days_late: days_between(last_day, published),
        },
        None if today > last_day => Countdown::Overdue(days_between(last_day, today)),
        None => Countdown::DaysLeft(days_between(today, last_day)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_done_on_its_last_day_is_on_time_and_a_day_later_is_late() {
        let last = d("2022-01-10");
        assert_eq!(
            countdown(last, Some(last), d("2022-02-01")),
            Countdown::MetOnTime { published: last }
        );
        assert_eq!(
            countdown(last, Some(d("2022-01-11")), d("2022-02-01")),
            Countdown::MetLate {
                published: d("2022-01-11"),
                days_late: 1
            }
        );
        assert_eq!(
            countdown(last, None, d("2022-01-12")),
            Countdown::Overdue(2)
        );
        assert_eq!(countdown(last, None, last), Countdown::DaysLeft(0));
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn section_55_last_day_is_publication_plus_55_days() {
        assert_eq!(section_55_last_day(d("2021-11-16")), d("2022-01-10"));
        assert_eq!(section_55_last_day(d("2022-10-21")), d("2022-12-15"));
    }

    #[test]
    fn section_55_last_day_counts_29_february_in_a_leap_year() {
        assert_eq!(section_55_last_day(d("2024-02-01")), d("2024-03-27"));
        assert_eq!(section_55_last_day(d("2023-02-01")), d("2023-03-28"));
    }

    #[test]
    fn the_action_plan_is_due_six_weeks_after_publication() {
        assert_eq!(action_plan_due(d("2021-11-16")), d("2021-12-28"));
    }

    #[test]
    fn adding_months_keeps_the_day_of_the_month() {
        assert_eq!(add_months_clamped(d("2021-11-16"), 3), d("2022-02-16"));
        assert_eq!(add_months_clamped(d("2021-11-16"), 0), d("2021-11-16"));
    }

    #[test]
    fn adding_months_clamps_to_the_end_of_a_shorter_month() {
        assert_eq!(add_months_clamped(d("2023-08-31"), 6), d("2024-02-29"));
        assert_eq!(add_months_clamped(d("2023-08-31"), 3), d("2023-11-30"));
        assert_eq!(add_months_clamped(d("2022-11-30"), 3), d("2023-02-28"));
    }

    #[test]
    fn adding_months_past_the_end_of_the_calendar_does_not_panic() {
        assert_eq!(add_months_clamped(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(section_55_last_day(NaiveDate::MAX), NaiveDate::MAX);
    }

    #[test]
    fn immediately_is_due_on_the_publication_date() {
        let published = d("2021-11-16");
        assert_eq!(
            timescale_due(Timescale::Immediately, None, published),
            Some(published)
        );
    }

    #[test]
    fn within_3_and_6_months_are_clamped_month_additions() {
        let published = d("2023-08-31");
        assert_eq!(
            timescale_due(Timescale::Within3Months, None, published),
            Some(d("2023-11-30"))
        );
        assert_eq!(
            timescale_due(Timescale::Within6Months, None, published),
            Some(d("2024-02-29"))
        );
    }

    #[test]
    fn by_date_uses_the_stated_date_and_none_has_no_due_date() {
        let published = d("2021-11-16");
        let stated = Some(d("2022-04-01"));
        assert_eq!(timescale_due(Timescale::ByDate, stated, published), stated);
        assert_eq!(timescale_due(Timescale::ByDate, None, published), None);
        assert_eq!(
            timescale_due(Timescale::NoTimescale, stated, published),
            None
        );
        assert_eq!(timescale_due(Timescale::NotStated, stated, published), None);
    }

    #[test]
    fn exactly_the_stale_period_is_not_stale_but_one_more_day_is() {
        let last = d("2022-01-01");
        assert!(!is_stale(last, d("2022-02-12"), DEFAULT_STALE_DAYS));
        assert!(is_stale(last, d("2022-02-13"), DEFAULT_STALE_DAYS));
        assert!(!is_stale(last, last, 0));
        assert!(is_stale(last, d("2022-01-02"), 0));
    }

    #[test]
    fn activity_dated_in_the_future_is_not_stale() {
        assert!(!is_stale(
            d("2022-03-01"),
            d("2022-01-01"),
            DEFAULT_STALE_DAYS
        ));
    }

    #[test]
    fn days_between_is_signed() {
        assert_eq!(days_between(d("2021-11-16"), d("2022-01-10")), 55);
        assert_eq!(days_between(d("2022-01-10"), d("2021-11-16")), -55);
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
    }

    #[test]
    fn the_countdown_shows_days_left_until_the_last_day() {
        let published = d("2021-11-16");
        assert_eq!(
            section_55_countdown(published, None, published),
            Countdown::DaysLeft(55)
        );
        assert_eq!(
            section_55_countdown(published, None, d("2022-01-10")),
            Countdown::DaysLeft(0)
        );
    }

    #[test]
    fn the_countdown_is_overdue_from_the_day_after_the_last_day() {
        assert_eq!(
            section_55_countdown(d("2021-11-16"), None, d("2022-01-11")),
            Countdown::Overdue(1)
        );
    }

    #[test]
    fn a_response_on_the_last_day_is_on_time() {
        let response = d("2022-01-10");
        assert_eq!(
            section_55_countdown(d("2021-11-16"), Some(response), d("2022-03-01")),
            Countdown::MetOnTime {
                published: response
            }
        );
    }

    #[test]
    fn a_response_after_the_last_day_is_late_by_the_days_past_it() {
        let response = d("2022-01-13");
        assert_eq!(
            section_55_countdown(d("2021-11-16"), Some(response), d("2022-03-01")),
            Countdown::MetLate {
                published: response,
                days_late: 3
            }
        );
    }
}
