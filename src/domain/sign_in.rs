//! How password guessing is bounded: after a few failures from one address, each further
//! attempt from there must wait longer (a progressive delay, not a lock). Nothing counts an
//! account's failures from everywhere, so no one can keep its owner out by failing on purpose.

use chrono::{DateTime, Duration, Utc};

/// How long a failure counts; attempts older than this are deleted.
pub const WINDOW_MINUTES: i64 = 15;
/// Failures for one account from one address before attempts must wait.
pub const FREE_FOR_ACCOUNT_FROM_ADDRESS: i64 = 3;
/// Failures for any accounts from one address (someone trying many accounts) before
/// attempts must wait; more than for one account, as an office may share one address.
pub const FREE_FOR_ADDRESS: i64 = 10;
/// The longest wait: the window, so failures stop counting as the wait ends.
pub const MAX_WAIT_SECONDS: i64 = WINDOW_MINUTES * 60;

/// Failures within the window: how many, and the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Failures {
    pub count: i64,
    pub latest: Option<DateTime<Utc>>,
}

/// The failures that decide whether an attempt may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Recent {
    /// For this account from this address, since its last success from there.
    pub account_from_address: Failures,
    /// For any account from this address.
    pub address: Failures,
}

/// The wait after `count` failures when `free` are allowed: none, then 1 second, doubling with
/// each failure up to [`MAX_WAIT_SECONDS`].
pub fn delay(count: i64, free: i64) -> Duration {
    if count < free {
        return Duration::zero();
    }
    let doublings = u32::try_from(count - free).unwrap_or(u32::MAX).min(20);
    Duration::seconds((1i64 << doublings).min(MAX_WAIT_SECONDS))
}

/// The whole seconds still to wait at `now` before another attempt, if any.
pub fn seconds_to_wait(recent: &Recent, now: DateTime<Utc>) -> Option<i64> {
    let until = |f: &Failures, free: i64| f.latest.map(|at| at + delay(f.count, free));
    [
        until(&recent.account_from_address, FREE_FOR_ACCOUNT_FROM_ADDRESS),
        until(&recent.address, FREE_FOR_ADDRESS),
    ]
    .into_iter()
    .flatten()
    .filter(|until| *until > now)
    .map(|until| {
        let left = until - now;
        // Round up: "wait 0 seconds" would be wrong.
        left.num_seconds() + i64::from(left.subsec_nanos() > 0)
    })
    .max()
}

/// What the person is told: "Wait 8 seconds", "Wait 2 minutes".
pub fn wait_message(seconds: i64) -> String {
    match seconds {
        ..=1 => "Wait 1 second".to_string(),
        2..=90 => format!("Wait {seconds} seconds"),
        _ => format!("Wait {} minutes", (seconds + 59) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + Duration::seconds(seconds)
    }

    fn failed(count: i64, latest: i64) -> Failures {
        Failures {
            count,
            latest: Some(at(latest)),
        }
    }

    #[test]
    fn a_few_mistakes_cost_nothing() {
        let recent = Recent {
            account_from_address: failed(2, 0),
            address: failed(9, 0),
        };
        assert_eq!(seconds_to_wait(&recent, at(0)), None);
        assert_eq!(seconds_to_wait(&Recent::default(), at(0)), None);
    }

    #[test]
    fn each_failure_beyond_the_free_ones_doubles_the_wait() {
        assert_eq!(delay(2, 3), Duration::zero());
        assert_eq!(delay(3, 3), Duration::seconds(1));
        assert_eq!(delay(4, 3), Duration::seconds(2));
        assert_eq!(delay(7, 3), Duration::seconds(16));
        assert_eq!(delay(12, 3), Duration::seconds(512));
    }

    #[test]
    fn the_wait_never_exceeds_the_window() {
        assert_eq!(delay(13, 3), Duration::seconds(MAX_WAIT_SECONDS));
        assert_eq!(delay(i64::MAX, 3), Duration::seconds(MAX_WAIT_SECONDS));
    }

    #[test]
    fn the_wait_runs_from_the_latest_failure() {
        let recent = Recent {
            account_from_address: failed(6, 100),
            address: Failures::default(),
        };
        // Six failures, three free: 8 seconds after the latest.
        assert_eq!(seconds_to_wait(&recent, at(100)), Some(8));
        assert_eq!(seconds_to_wait(&recent, at(105)), Some(3));
        assert_eq!(seconds_to_wait(&recent, at(108)), None);
        assert_eq!(seconds_to_wait(&recent, at(200)), None);
    }

    #[test]
    fn trying_many_accounts_from_one_address_is_slowed_too() {
        let recent = Recent {
            account_from_address: failed(1, 50),
            address: failed(14, 50),
        };
        assert_eq!(seconds_to_wait(&recent, at(50)), Some(16));
    }

    #[test]
    fn the_longer_of_the_two_waits_applies() {
        let recent = Recent {
            account_from_address: failed(5, 10),
            address: failed(12, 0),
        };
        // Account from address: 4 s after 10; address: 4 s after 0.
        assert_eq!(seconds_to_wait(&recent, at(10)), Some(4));
        assert_eq!(seconds_to_wait(&recent, at(3)), Some(11));
    }

    #[test]
    fn a_part_second_left_is_a_whole_second_to_wait() {
        let recent = Recent {
            account_from_address: failed(4, 0),
            address: Failures::default(),
        };
        let now = at(1) + Duration::milliseconds(1);
        assert_eq!(seconds_to_wait(&recent, now), Some(1));
    }

    #[test]
    fn the_wait_is_said_in_seconds_or_minutes() {
        assert_eq!(wait_message(1), "Wait 1 second");
        assert_eq!(wait_message(16), "Wait 16 seconds");
        assert_eq!(wait_message(90), "Wait 90 seconds");
        assert_eq!(wait_message(91), "Wait 2 minutes");
        assert_eq!(wait_message(900), "Wait 15 minutes");
    }
}
