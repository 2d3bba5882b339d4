//! Withdrawing a record entered in error: which records can be withdrawn, and the withdrawal
//! itself (the date it took effect and why). A withdrawn record is kept and can be restored.

use chrono::NaiveDate;
use serde::Serialize;

use super::vocab::Entity;

/// A kind of record the office can withdraw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawable {
    Body,
    Inspection,
    Finding,
    Action,
    Milestone,
    Measure,
    Meeting,
}

impl Withdrawable {
    /// The audit log's name for this kind of record.
    pub fn entity(self) -> Entity {
        match self {
            Self::Body => Entity::InspectedBody,
            Self::Inspection => Entity::Inspection,
            Self::Finding => Entity::Finding,
            Self::Action => Entity::ActionItem,
            Self::Milestone => Entity::Milestone,
            Self::Measure => Entity::PerformanceMeasure,
            Self::Meeting => Entity::Meeting,
        }
    }

    /// The address of the record `id`'s page; its withdraw and restore routes hang under it.
    pub fn path(self, id: i64) -> String {
        let area = match self {
            Self::Body => "bodies",
            Self::Inspection => "inspections",
            Self::Finding => "findings",
            Self::Action => "actions",
            Self::Milestone => "milestones",
            Self::Measure => "measures",
            Self::Meeting => "meetings",
        };
        format!("/{area}/{id}")
    }

    /// What the record is called in a sentence ("Withdraw this inspection").
    pub fn noun(self) -> &'static str {
        match self {
            Self::Body => "body",
            Self::Inspection => "inspection",
            Self::Finding => "finding",
            Self::Action => "action-plan item",
            Self::Milestone => "milestone",
            Self::Measure => "measure",
            Self::Meeting => "meeting",
        }
    }

    /// What else leaves view with it: the records that hang under this kind.
    pub fn takes_with_it(self) -> &'static str {
        match self {
            Self::Body => "Its inspections, findings and action-plan items leave view with it.",
            Self::Inspection => "Its findings leave view with it.",
            Self::Action => "Its milestones leave view with it.",
            Self::Finding | Self::Milestone | Self::Measure | Self::Meeting => "",
        }
    }
}

/// A withdrawal: since when the record is withdrawn, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Withdrawal {
    pub withdrawn_on: NaiveDate,
    pub reason: String,
}

/// Whether a withdrawal may be recorded or undone for a record in `current` state: only a
/// record that is not withdrawn can be withdrawn, only a withdrawn one restored.
pub fn may_change(current: Option<&Withdrawal>, withdrawing: bool) -> bool {
    current.is_some() != withdrawing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn withdrawal() -> Withdrawal {
        Withdrawal {
            withdrawn_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            reason: "Entered twice".into(),
        }
    }

    #[test]
    fn only_a_standing_record_is_withdrawn_and_only_a_withdrawn_one_restored() {
        assert!(may_change(None, true));
        assert!(!may_change(None, false));
        assert!(may_change(Some(&withdrawal()), false));
        assert!(!may_change(Some(&withdrawal()), true));
    }

    #[test]
    fn the_withdraw_form_names_the_record_and_says_what_leaves_view_with_it() {
        assert_eq!(Withdrawable::Action.noun(), "action-plan item");
        assert_eq!(Withdrawable::Inspection.noun(), "inspection");
        assert_eq!(Withdrawable::Body.noun(), "body");
        assert_eq!(
            Withdrawable::Body.takes_with_it(),
            "Its inspections, findings and action-plan items leave view with it."
        );
        assert_eq!(
            Withdrawable::Inspection.takes_with_it(),
            "Its findings leave view with it."
        );
        assert_eq!(
            Withdrawable::Action.takes_with_it(),
            "Its milestones leave view with it."
        );
        assert_eq!(
            Withdrawable::Meeting.takes_with_it(),
            "",
            "nothing hangs under it"
        );
    }

    #[test]
    fn each_kind_has_its_own_page_and_audit_entity() {
        assert_eq!(Withdrawable::Inspection.path(3), "/inspections/3");
        assert_eq!(Withdrawable::Action.path(4), "/actions/4");
        assert_eq!(Withdrawable::Body.path(1), "/bodies/1");
        assert_eq!(Withdrawable::Finding.entity(), Entity::Finding);
        assert_eq!(Withdrawable::Measure.entity(), Entity::PerformanceMeasure);
        assert_eq!(Withdrawable::Meeting.path(2), "/meetings/2");
        assert_eq!(Withdrawable::Milestone.path(2), "/milestones/2");
        assert_eq!(Withdrawable::Measure.path(2), "/measures/2");
        assert_eq!(Withdrawable::Finding.path(2), "/findings/2");
    }
}
