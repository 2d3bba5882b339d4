//! The milestone form (add, revise, propose a revision or mark met; unused fields blank) and
//! the form rejecting a proposal: what was typed, and the change it makes.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, choice, date, past_date, required};
use crate::domain::milestones::{DateMove, NewMilestone};
use crate::domain::vocab::ReasonCategory;

/// What was typed into a milestone form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MilestoneForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub date_day: String,
    #[serde(default)]
    pub date_month: String,
    #[serde(default)]
    pub date_year: String,
    #[serde(default)]
    pub reason_category: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub requested_by: String,
}

impl MilestoneForm {
    pub fn date(&self) -> DateParts {
        DateParts {
            day: self.date_day.clone(),
            month: self.date_month.clone(),
            year: self.date_year.clone(),
        }
    }

    /// The milestone this form adds to the action `action_id`.
    pub fn parse_new(&self, action_id: i64) -> Result<NewMilestone, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = required(&mut e, "title", "a title", &self.title, 300);
        let due_on = date(&mut e, "date", "the due date", &self.date());
        match due_on {
            Some(due_on) if e.is_empty() => Ok(NewMilestone {
                action_id,
                title,
                due_on,
            }),
            _ => Err(e),
        }
    }

    /// The move of a milestone now due on `current` that this form revises or proposes: a
    /// different date, a reason category, the reason and who asked.
    pub fn parse_move(&self, current: NaiveDate) -> Result<DateMove, FieldErrors> {
        let mut e = FieldErrors::default();
        let new_due_on = date(&mut e, "date", "the new due date", &self.date());
        if new_due_on == Some(current) {
            e.add("date", "Enter a date different from the current due date");
        }
        let category = choice(
            &mut e,
            "reason_category",
            "Select a reason category",
            ReasonCategory::parse(&self.reason_category),
        );
        let reason = required(&mut e, "reason", "the reason", &self.reason, 5_000);
        let requested_by = required(
            &mut e,
            "requested_by",
            "who asked for the new date",
            &self.requested_by,
            200,
        );
        match (new_due_on, category) {
            (Some(new_due_on), Some(reason_category)) if e.is_empty() => Ok(DateMove {
                new_due_on,
                reason_category,
                reason,
                requested_by,
            }),
            _ => Err(e),
        }
    }

    /// The date a milestone was met: real, and not after `today`.
    pub fn parse_met(&self, today: NaiveDate) -> Result<NaiveDate, FieldErrors> {
        let mut e = FieldErrors::default();
        let met_on = past_date(&mut e, "date", "the date it was met", &self.date(), today);
        met_on.ok_or(e)
    }

    /// Why a wrong "met" is undone: a reason is required, so nothing is undone silently.
    pub fn parse_undo_met(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::default();
        let reason = required(
            &mut e,
            "reason",
            "why the milestone was not met",
            &self.reason,
            1000,
        );
        match e.is_empty() {
            true => Ok(reason),
            false => Err(e),
        }
    }
}

/// What was typed into the form rejecting a proposal.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    pub decision_reason: String,
}

impl RejectForm {
    /// The reason given for the rejection.
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::default();
        let reason = required(
            &mut e,
            "decision_reason",
            "why the proposal is rejected",
            &self.decision_reason,
            5_000,
        );
        if e.is_empty() { Ok(reason) } else { Err(e) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undoing_a_met_needs_a_reason() {
        let blank = MilestoneForm::default();
        assert_eq!(
            blank.parse_undo_met().expect_err("no reason").get("reason"),
            Some("Enter why the milestone was not met")
        );
        let typed = MilestoneForm {
            reason: " Marked met on the wrong milestone ".into(),
            ..MilestoneForm::default()
        };
        assert_eq!(
            typed.parse_undo_met(),
            Ok("Marked met on the wrong milestone".to_string())
        );
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dated(d: &str, m: &str, y: &str) -> MilestoneForm {
        MilestoneForm {
            date_day: d.into(),
            date_month: m.into(),
            date_year: y.into(),
            ..MilestoneForm::default()
        }
    }

    fn move_to(d: &str, m: &str, y: &str) -> MilestoneForm {
        MilestoneForm {
            reason_category: "resourcing".into(),
            reason: "  Staff redeployed  ".into(),
            requested_by: "Head of Public Protection".into(),
            ..dated(d, m, y)
        }
    }

    #[test]
    fn a_titled_and_dated_milestone_is_added_to_its_action() {
        let form = MilestoneForm {
            title: " Policy signed off ".into(),
            ..dated("31", "3", "2026")
        };
        let new = form.parse_new(9).expect("valid");
        assert_eq!(new.action_id, 9);
        assert_eq!(new.title, "Policy signed off");
        assert_eq!(new.due_on, day(2026, 3, 31));
    }

    #[test]
    fn a_milestone_without_a_title_or_a_real_date_is_refused() {
        let errors = dated("30", "2", "2026").parse_new(9).expect_err("invalid");
        assert_eq!(errors.get("title"), Some("Enter a title"));
        assert!(errors.get("date").is_some(), "{errors:?}");
        let errors = MilestoneForm::default().parse_new(9).expect_err("blank");
        assert_eq!(errors.get("date"), Some("Enter the due date"));
    }

    #[test]
    fn a_move_to_a_new_date_keeps_its_reason_and_who_asked() {
        let change = move_to("30", "4", "2026")
            .parse_move(day(2026, 3, 31))
            .expect("valid");
        assert_eq!(change.new_due_on, day(2026, 4, 30));
        assert_eq!(change.reason_category, ReasonCategory::Resourcing);
        assert_eq!(change.reason, "Staff redeployed");
        assert_eq!(change.requested_by, "Head of Public Protection");
    }

    #[test]
    fn a_move_to_the_current_date_or_without_reasons_is_refused() {
        let errors = dated("31", "3", "2026")
            .parse_move(day(2026, 3, 31))
            .expect_err("invalid");
        assert_eq!(
            errors.get("date"),
            Some("Enter a date different from the current due date")
        );
        assert_eq!(
            errors.get("reason_category"),
            Some("Select a reason category")
        );
        assert_eq!(errors.get("reason"), Some("Enter the reason"));
        assert_eq!(
            errors.get("requested_by"),
            Some("Enter who asked for the new date")
        );
    }

    #[test]
    fn a_milestone_is_met_on_a_past_date_but_not_a_future_one() {
        let today = day(2026, 3, 2);
        assert_eq!(
            dated("1", "3", "2026").parse_met(today),
            Ok(day(2026, 3, 1))
        );
        let errors = dated("3", "3", "2026")
            .parse_met(today)
            .expect_err("future");
        assert_eq!(
            errors.get("date"),
            Some("Date must be today or in the past")
        );
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        let typed = |r: &str| RejectForm {
            decision_reason: r.into(),
        };
        assert_eq!(typed(" Not evidenced ").parse(), Ok("Not evidenced".into()));
        let errors = typed("  ").parse().expect_err("blank");
        assert_eq!(
            errors.get("decision_reason"),
            Some("Enter why the proposal is rejected")
        );
    }
}
