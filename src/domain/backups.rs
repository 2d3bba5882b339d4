//! Scheduled backups' rules: the schedule, how copies are named, which to prune and when the
//! next one is due. No IO; `crate::backups` takes the copies.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// `--backup-dir`, `--backup-every-hours` and `--backup-keep`: where, how often, how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub dir: PathBuf,
    pub every: Duration,
    pub keep: usize,
}

/// The newest scheduled backup failed: when, and what went wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub at: DateTime<Utc>,
    pub problem: String,
}

const PREFIX: &str = "scrutineer-";
const SUFFIX: &str = ".db";

/// The file name of a copy taken at `at`: the time to the millisecond, so that names sort as
/// the copies were taken (`scrutineer-20261202T020000.000Z.db`).
pub fn file_name(at: DateTime<Utc>) -> String {
    format!("{PREFIX}{}{SUFFIX}", at.format("%Y%m%dT%H%M%S%.3fZ"))
}

/// Whether a file in the backup folder is one of the schedule's copies (never another file,
/// and never a copy still being checked, which ends in `.partial`).
pub fn is_backup_file(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .is_some_and(|stamp| {
            !stamp.is_empty()
                && stamp
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, 'T' | 'Z' | '.'))
        })
}

/// Of the copies named `names`, those to delete so that the newest `keep` remain.
pub fn to_prune(names: &[String], keep: usize) -> Vec<String> {
    let mut copies: Vec<&String> = names.iter().filter(|n| is_backup_file(n)).collect();
    copies.sort();
    let excess = copies.len().saturating_sub(keep);
    copies.into_iter().take(excess).cloned().collect()
}

/// How long to wait before the first backup after start-up: at once when none was ever taken
/// or the newest one failed, otherwise until a whole interval after the newest one began (so a
/// server restarted daily still backs up daily, and never more often than asked).
pub fn first_wait(
    newest: Option<(DateTime<Utc>, bool)>,
    now: DateTime<Utc>,
    every: Duration,
) -> Duration {
    match newest {
        Some((started, true)) => chrono::Duration::from_std(every)
            .ok()
            .and_then(|every| started.checked_add_signed(every))
            .map_or(every, |due| {
                (due - now).to_std().unwrap_or(Duration::ZERO).min(every)
            }),
        _ => Duration::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("instant")
    }

    #[test]
    fn names_sort_in_the_order_the_copies_were_taken() {
        let earlier = file_name(at("2026-12-02T09:59:59.999Z"));
        let later = file_name(at("2026-12-02T10:00:00.001Z"));
        assert_eq!(later, "scrutineer-20261202T100000.001Z.db");
        assert!(earlier < later);
        assert!(is_backup_file(&later));
    }

    #[test]
    fn only_the_schedules_finished_copies_count_as_backups() {
        assert!(!is_backup_file(
            "scrutineer-20261202T100000.001Z.db.partial"
        ));
        assert!(!is_backup_file("scrutineer.db"));
        assert!(!is_backup_file("scrutineer-.db"));
        assert!(!is_backup_file("scrutineer-mine.db"));
        assert!(!is_backup_file("notes.txt"));
    }

    #[test]
    fn pruning_keeps_the_newest_copies_and_touches_nothing_else() {
        let names: Vec<String> = [
            "scrutineer-20261203T000000.000Z.db",
            "notes.txt",
            "scrutineer-20261201T000000.000Z.db",
            "scrutineer-20261204T000000.000Z.db",
            "scrutineer-20261202T000000.000Z.db",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            to_prune(&names, 2),
            vec![
                "scrutineer-20261201T000000.000Z.db".to_string(),
                "scrutineer-20261202T000000.000Z.db".to_string()
            ]
        );
        assert!(to_prune(&names, 14).is_empty());
    }

    #[test]
    fn the_first_backup_waits_out_the_rest_of_the_interval_after_a_good_one() {
        let day = Duration::from_secs(24 * 3600);
        let now = at("2026-12-02T10:00:00Z");
        assert_eq!(first_wait(None, now, day), Duration::ZERO);
        assert_eq!(
            first_wait(Some((at("2026-12-02T04:00:00Z"), false)), now, day),
            Duration::ZERO,
            "the newest failed: try again at once"
        );
        assert_eq!(
            first_wait(Some((at("2026-12-02T04:00:00Z"), true)), now, day),
            Duration::from_secs(18 * 3600)
        );
        assert_eq!(
            first_wait(Some((at("2026-11-30T04:00:00Z"), true)), now, day),
            Duration::ZERO,
            "overdue"
        );
        assert_eq!(
            first_wait(Some((at("2027-01-01T00:00:00Z"), true)), now, day),
            day,
            "a newest copy from the future (a clock moved back) waits no more than one interval"
        );
    }
}
