//! Milestone roll-ups: each milestone's state and slips, and their sum per action or finding.
//! Load the dates with `db::milestones::schedules_for_actions` (or the `rollups_by_*` helpers
//! there) and pass them here; nothing in this module does IO.

use chrono::NaiveDate;

use super::dates::{Slips, milestone_state, slips};
use super::vocab::MilestoneState;

/// The dates of one milestone and its accepted revisions, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneDates {
    pub original_due_on: NaiveDate,
    pub current_due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
    /// `(previous, new)` date of each accepted revision, in the order accepted.
    pub revisions: Vec<(NaiveDate, NaiveDate)>,
}

impl MilestoneDates {
    /// How often and how far this milestone has moved later than its original date.
    pub fn slips(&self) -> Slips {
        slips(self.original_due_on, &self.revisions)
    }

    /// Scheduled, met, met late or missed, as things stood on `as_at`.
    pub fn state(&self, as_at: NaiveDate) -> MilestoneState {
        milestone_state(self.current_due_on, self.met_on, as_at)
    }
}

/// Milestones of an action (or of every action addressing a finding) summed up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rollup {
    pub milestones: u32,
    pub scheduled: u32,
    pub met: u32,
    pub met_late: u32,
    pub missed: u32,
    /// Slips of every milestone added together (count and days).
    pub slips: Slips,
    /// The earliest current due date of a milestone still scheduled (not met, not missed):
    /// a missed milestone is never "next due".
    pub next_due: Option<NaiveDate>,
    /// The earliest current due date of a missed milestone: overdue since then.
    pub overdue_since: Option<NaiveDate>,
}

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl Rollup {
    /// The roll-up of `milestones` as at `today`.
    pub fn of<'a>(
        milestones: impl IntoIterator<Item = &'a MilestoneDates>,
        today: NaiveDate,
    ) -> Self {
        let mut rollup = Self::default();
        for milestone in milestones {
            rollup.add(milestone, today);
        }
        rollup
    }

    /// Count one more milestone in.
    pub fn add(&mut self, milestone: &MilestoneDates, today: NaiveDate) {
        self.milestones += 1;
        let due = Some(milestone.current_due_on);
        match milestone.state(today) {
            MilestoneState::Scheduled => {
                self.scheduled += 1;
                self.next_due = earliest(self.next_due, due);
            }
            MilestoneState::Met => self.met += 1,
            MilestoneState::MetLate => self.met_late += 1,
            MilestoneState::Missed => {
                self.missed += 1;
                self.overdue_since = earliest(self.overdue_since, due);
            }
        }
        self.slips += milestone.slips();
    }

    /// Count another roll-up's milestones in (e.g. each action's, into its finding's).
    pub fn absorb(&mut self, other: &Rollup) {
        self.milestones += other.milestones;
        self.scheduled += other.scheduled;
        self.met += other.met;
        self.met_late += other.met_late;
        self.missed += other.missed;
        self.slips += other.slips;
        self.next_due = earliest(self.next_due, other.next_due);
        self.overdue_since = earliest(self.overdue_since, other.overdue_since);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn milestone(original: &str, revisions: &[(&str, &str)], met: Option<&str>) -> MilestoneDates {
        let revisions: Vec<_> = revisions.iter().map(|(a, b)| (d(a), d(b))).collect();
        MilestoneDates {
            original_due_on: d(original),
            current_due_on: revisions.last().map_or(d(original), |(_, new)| *new),
            met_on: met.map(d),
            revisions,
        }
    }

    #[test]
    fn three_revisions_are_three_slips_counted_from_the_original_date() {
        let m = milestone(
            "2022-01-31",
            &[
                ("2022-01-31", "2022-02-28"),
                ("2022-02-28", "2022-03-31"),
                ("2022-03-31", "2022-04-30"),
            ],
            None,
        );
        assert_eq!(m.slips(), Slips { count: 3, days: 89 });
        assert_eq!(m.state(d("2022-05-01")), MilestoneState::Missed);
    }

    #[test]
    fn an_action_rolls_up_the_slips_and_states_of_all_its_milestones() {
        let ms = [
            milestone("2022-01-31", &[("2022-01-31", "2022-03-02")], None),
            milestone("2022-01-31", &[], Some("2022-01-30")),
            milestone("2022-06-30", &[("2022-06-30", "2022-07-10")], None),
            milestone("2021-12-31", &[], None),
        ];
        let r = Rollup::of(&ms, d("2022-02-01"));
        assert_eq!(r.milestones, 4);
        assert_eq!((r.scheduled, r.met, r.met_late, r.missed), (2, 1, 0, 1));
        assert_eq!(r.slips, Slips { count: 2, days: 40 });
        // The missed milestone is overdue, not next due.
        assert_eq!(r.next_due, Some(d("2022-03-02")));
        assert_eq!(r.overdue_since, Some(d("2021-12-31")));
    }

    #[test]
    fn when_every_milestone_was_missed_nothing_is_next_due_and_the_earliest_is_overdue() {
        let ms = [
            milestone("2022-11-30", &[], None),
            milestone("2022-10-31", &[], None),
        ];
        let r = Rollup::of(&ms, d("2023-02-01"));
        assert_eq!(r.next_due, None);
        assert_eq!(r.overdue_since, Some(d("2022-10-31")));
        // On the due day itself a milestone is still scheduled, and next due.
        let r = Rollup::of(&ms, d("2022-11-30"));
        assert_eq!(r.next_due, Some(d("2022-11-30")));
        assert_eq!(r.overdue_since, Some(d("2022-10-31")));
    }

    #[test]
    fn a_milestone_met_after_the_as_at_date_can_still_be_next_due_then() {
        let ms = [milestone("2022-03-31", &[], Some("2022-03-01"))];
        assert_eq!(
            Rollup::of(&ms, d("2022-02-01")).next_due,
            Some(d("2022-03-31"))
        );
        assert_eq!(Rollup::of(&ms, d("2022-03-02")).next_due, None);
    }

    #[test]
    fn no_milestones_roll_up_to_nothing() {
        assert_eq!(Rollup::of(&[], d("2022-01-01")), Rollup::default());
    }

    #[test]
    fn a_met_milestone_is_not_next_due() {
        let ms = [milestone("2022-01-31", &[], Some("2022-01-20"))];
        assert_eq!(Rollup::of(&ms, d("2022-02-01")).next_due, None);
    }

    #[test]
    fn absorbing_two_roll_ups_equals_rolling_up_all_their_milestones() {
        let today = d("2026-03-02");
        let a = [milestone(
            "2026-01-01",
            &[("2026-01-01", "2026-02-01")],
            None,
        )];
        let b = [
            milestone("2026-04-01", &[], None),
            milestone("2025-12-01", &[], Some("2025-12-10")),
        ];
        let mut joined = Rollup::of(&a, today);
        joined.absorb(&Rollup::of(&b, today));
        assert_eq!(joined, Rollup::of(a.iter().chain(&b), today));
        assert_eq!(joined.milestones, 3);
        assert_eq!(joined.overdue_since, Some(d("2026-02-01")));
        assert_eq!(joined.next_due, Some(d("2026-04-01")));
    }
}
