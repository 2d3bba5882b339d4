//! Milestone rules: the met/met late/missed/scheduled state (as at any date) and slips –
//! how often and how far a milestone has moved from its original date.

use chrono::NaiveDate;

use super::days_between;
use crate::domain::vocab::MilestoneState;

/// A milestone's state as it stood on `as_at`. A met date after `as_at` had not happened yet,
/// so history views see the milestone as still open then. Due today is still scheduled.
pub fn milestone_state(
    current_due: NaiveDate,
    met_on: Option<NaiveDate>,
    as_at: NaiveDate,
) -> MilestoneState {
    match met_on.filter(|met| *met <= as_at) {
        Some(met) if met <= current_due => MilestoneState::Met,
        Some(_) => MilestoneState::MetLate,
        None if as_at > current_due => MilestoneState::Missed,
        None => MilestoneState::Scheduled,
    }
}

/// How often and how far a milestone (or, summed, an action or finding) has slipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Slips {
    /// Revisions that moved the date later.
    pub count: u32,
    /// Days from the original date to the current one (never negative).
    pub days: i64,
}

impl Slips {
    /// Two sets of slips rolled up together.
    pub fn combine(self, other: Self) -> Self {
        self + other
    }
}

impl std::ops::Add for Slips {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        Self {
            count: self.count.saturating_add(other.count),
            days: self.days.saturating_add(other.days),
        }
    }
}

impl std::ops::AddAssign for Slips {
    fn add_assign(&mut self, other: Self) {
        *self = *self + other;
    }
}

impl std::iter::Sum for Slips {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), Self::combine)
    }
}

/// The slips of one milestone from its original date and its revisions, oldest first, as
/// `(previous, new)` pairs. Bringing a date forward is not a slip.
pub fn slips(original: NaiveDate, revisions: &[(NaiveDate, NaiveDate)]) -> Slips {
    let count = revisions
        .iter()
        .filter(|(previous, new)| new > previous)
        .count();
    let current = revisions.last().map_or(original, |(_, new)| *new);
    Slips {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        days: days_between(original, current).max(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn met_on_the_due_date_is_met() {
        let state = milestone_state(d("2022-03-31"), Some(d("2022-03-31")), d("2022-06-01"));
        assert_eq!(state, MilestoneState::Met);
    }

    #[test]
    fn met_the_day_after_the_due_date_is_met_late() {
        let state = milestone_state(d("2022-03-31"), Some(d("2022-04-01")), d("2022-06-01"));
        assert_eq!(state, MilestoneState::MetLate);
    }

    #[test]
    fn due_today_and_not_met_is_still_scheduled() {
        assert_eq!(
            milestone_state(d("2022-03-31"), None, d("2022-03-31")),
            MilestoneState::Scheduled
        );
    }

    #[test]
    fn the_day_after_the_due_date_unmet_is_missed() {
        assert_eq!(
            milestone_state(d("2022-03-31"), None, d("2022-04-01")),
            MilestoneState::Missed
        );
    }

    #[test]
    fn a_met_date_after_the_as_at_date_does_not_count_yet() {
        let met = Some(d("2022-05-01"));
        assert_eq!(
            milestone_state(d("2022-03-31"), met, d("2022-04-15")),
            MilestoneState::Missed
        );
        assert_eq!(
            milestone_state(d("2022-06-30"), met, d("2022-04-15")),
            MilestoneState::Scheduled
        );
        assert_eq!(
            milestone_state(d("2022-06-30"), met, d("2022-05-01")),
            MilestoneState::Met
        );
    }

    #[test]
    fn a_milestone_never_revised_has_no_slips() {
        assert_eq!(slips(d("2022-03-31"), &[]), Slips::default());
    }

    #[test]
    fn two_moves_later_count_twice_and_days_run_from_the_original() {
        let revisions = [
            (d("2022-03-31"), d("2022-04-30")),
            (d("2022-04-30"), d("2022-06-30")),
        ];
        assert_eq!(
            slips(d("2022-03-31"), &revisions),
            Slips { count: 2, days: 91 }
        );
    }

    #[test]
    fn a_date_brought_forward_is_not_a_slip() {
        let forward = [(d("2022-03-31"), d("2022-03-01"))];
        assert_eq!(
            slips(d("2022-03-31"), &forward),
            Slips { count: 0, days: 0 }
        );
    }

    #[test]
    fn a_slip_later_partly_undone_counts_once_with_the_net_days() {
        let revisions = [
            (d("2022-03-31"), d("2022-06-30")),
            (d("2022-06-30"), d("2022-04-10")),
        ];
        assert_eq!(
            slips(d("2022-03-31"), &revisions),
            Slips { count: 1, days: 10 }
        );
    }

    #[test]
    fn a_revision_to_the_same_date_is_not_a_slip() {
        let same = [(d("2022-03-31"), d("2022-03-31"))];
        assert_eq!(slips(d("2022-03-31"), &same).count, 0);
    }

    #[test]
    fn slips_roll_up_by_summing_counts_and_days() {
        let a = Slips { count: 2, days: 91 };
        let b = Slips { count: 1, days: 10 };
        assert_eq!(
            a + b,
            Slips {
                count: 3,
                days: 101
            }
        );
        assert_eq!(a.combine(b), a + b);
        assert_eq!(
            [a, b, a].into_iter().sum::<Slips>(),
            Slips {
                count: 5,
                days: 192
            }
        );
        let mut total = Slips::default();
        total += b;
        assert_eq!(total, b);
    }
}
