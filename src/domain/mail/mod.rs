//! Mail's rules and the plain data its messages are written from: when a reminder is due,
//! how long to wait before trying a message again, which week a digest covers.

pub mod letters;
pub mod notices;

use chrono::{Datelike, Duration, NaiveDate};

/// The most tries a message gets before it is marked failed.
pub const MAX_ATTEMPTS: i64 = 10;

/// How long to wait after the `attempts`-th failed try: 1, 2, 4 … minutes, at most six hours,
/// so an outage of a day is ridden out in ten tries.
pub fn backoff(attempts: i64) -> Duration {
    let minutes = 1i64 << attempts.clamp(1, 10).saturating_sub(1);
    Duration::minutes(minutes.min(6 * 60))
}

/// Whether a message that failed with `reply` should be given up at once: the server refused
/// it for good (a 5xx reply), rather than for now (4xx, or no answer at all).
pub fn is_permanent(reply_code: Option<u16>) -> bool {
    reply_code.is_some_and(|code| (500..600).contains(&code))
}

/// The reminder offsets the office chose (days before a due date), largest first, without
/// repeats. Refuses anything but whole numbers of days from 1 to 90.
pub fn parse_offsets(value: &str) -> Result<Vec<u32>, String> {
    let mut offsets = Vec::new();
    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<u32>() {
            Ok(days) if (1..=90).contains(&days) => offsets.push(days),
            _ => return Err(format!("“{part}” is not a number of days from 1 to 90")),
        }
    }
    offsets.sort_unstable_by(|a, b| b.cmp(a));
    offsets.dedup();
    Ok(offsets)
}

/// The offsets as the office types them: "14, 3".
pub fn offsets_text(offsets: &[u32]) -> String {
    offsets
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub const DEFAULT_OFFSETS: [u32; 2] = [14, 3];

/// Which "due soon" reminder a milestone due on `due_on` has reached today: the smallest
/// offset that is at least the days left (so a milestone entered three days before it is due
/// gets the 3-day reminder, not the 14-day one as well). None once due or beyond every offset.
pub fn due_soon_offset(due_on: NaiveDate, today: NaiveDate, offsets: &[u32]) -> Option<u32> {
    let left = (due_on - today).num_days();
    if left < 0 {
        return None;
    }
    offsets
        .iter()
        .copied()
        .filter(|&o| i64::from(o) >= left)
        .min()
}

/// The Monday of the week `day` falls in: a digest is sent once per such week.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The day a round's reminder goes: three days before the return-by date, but never before
/// the round opens.
pub fn default_remind_on(opened: NaiveDate, return_by: NaiveDate) -> NaiveDate {
    (return_by - Duration::days(3)).max(opened).min(return_by)
}

#[cfg(test)]
mod tests;
