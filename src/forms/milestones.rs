//! The milestone form (add, revise, propose a revision or mark met; unused fields blank) and
//! the form rejecting a proposal: what was typed, and the change it makes.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, choice, date, past_date, required};
use crate::domain::milestones::{DateMove, NewMilestone};
use crate::domain::plausible;
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
    /// When a revision was decided (revise only): today unless history is being backfilled.
    #[serde(default)]
    pub decided_on_day: String,
    #[serde(default)]
    pub decided_on_month: String,
    #[serde(default)]
    pub decided_on_year: String,
}

impl MilestoneForm {
    /// An empty form of the kind whose date field (`date` when marking met, `decided_on` when
    /// revising) starts at `today`.
    pub fn dated_today(met: bool, today: NaiveDate) -> Self {
        let d = DateParts::from_date(Some(today));
        let mut form = Self::default();
        if met {
            (form.date_day, form.date_month, form.date_year) = (d.day, d.month, d.year);
        } else {
            (
                form.decided_on_day,
                form.decided_on_month,
                form.decided_on_year,
            ) = (d.day, d.month, d.year);
        }
        form
    }

    pub fn decided_on(&self) -> DateParts {
        DateParts {
            day: self.decided_on_day.clone(),
            month: self.decided_on_month.clone(),
            year: self.decided_on_year.clone(),
        }
    }

    /// The office's revision: the move (as [`Self::parse_move`]) and the day it was decided,
    /// not after `today`.
    pub fn parse_revision(
        &self,
        current: NaiveDate,
        today: NaiveDate,
    ) -> Result<(DateMove, NaiveDate), FieldErrors> {
        let moved = self.parse_move(current);
        let mut e = moved.as_ref().err().cloned().unwrap_or_default();
        let decided_on = past_date(
            &mut e,
            "decided_on",
            "the date it was decided",
            &self.decided_on(),
            today,
        );
        match (moved, decided_on) {
            (Ok(change), Some(on)) if e.is_empty() => Ok((change, on)),
            _ => Err(e),
        }
    }

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

    /// The date a milestone was met: real, not after `today`, and not before its report was
    /// `published`.
    pub fn parse_met(
        &self,
        today: NaiveDate,
        published: Option<NaiveDate>,
    ) -> Result<NaiveDate, FieldErrors> {
        let mut e = FieldErrors::default();
        let met_on = past_date(&mut e, "date", "the date it was met", &self.date(), today);
        if let (Some(met), Some(published)) = (met_on, published)
            && let Some(wrong) = plausible::met_on(published, met, today)
        {
            e.add("date", wrong);
            return Err(e);
        }
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

/// What was typed into the form accepting or rejecting a proposal: the day of the decision
/// (today unless history is being backfilled) and, to reject, the reason.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    pub decision_reason: String,
    #[serde(default)]
    pub decided_on_day: String,
    #[serde(default)]
    pub decided_on_month: String,
    #[serde(default)]
    pub decided_on_year: String,
}

impl RejectForm {
    /// An empty form decided `today`.
    pub fn dated_today(today: NaiveDate) -> Self {
        let d = DateParts::from_date(Some(today));
        Self {
            decided_on_day: d.day,
            decided_on_month: d.month,
            decided_on_year: d.year,
            ..Self::default()
        }
    }

    pub fn decided_on(&self) -> DateParts {
        DateParts {
            day: self.decided_on_day.clone(),
            month: self.decided_on_month.clone(),
            year: self.decided_on_year.clone(),
        }
    }

    /// The day the proposal was accepted: real, not after `today`.
    pub fn parse_accept(&self, today: NaiveDate) -> Result<NaiveDate, FieldErrors> {
        let mut e = FieldErrors::default();
        let on = past_date(
            &mut e,
            "decided_on",
            "the date it was decided",
            &self.decided_on(),
            today,
        );
        on.ok_or(e)
    }

    /// The reason given for the rejection and the day it was decided, not after `today`.
    pub fn parse(&self, today: NaiveDate) -> Result<(String, NaiveDate), FieldErrors> {
        let mut e = FieldErrors::default();
        let reason = required(
            &mut e,
            "decision_reason",
            "why the proposal is rejected",
            &self.decision_reason,
            5_000,
        );
        let on = past_date(
            &mut e,
            "decided_on",
            "the date it was decided",
            &self.decided_on(),
            today,
        );
        match on {
            Some(on) if e.is_empty() => Ok((reason, on)),
            _ => Err(e),
        }
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
            dated("1", "3", "2026").parse_met(today, None),
            Ok(day(2026, 3, 1))
        );
        let errors = dated("3", "3", "2026")
            .parse_met(today, None)
            .expect_err("future");
        assert_eq!(
            errors.get("date"),
            Some("Date must be today or in the past")
        );
    }

    #[test]
    fn a_milestone_cannot_be_met_before_its_report_was_published() {
        let (today, published) = (day(2026, 3, 2), Some(day(2021, 11, 16)));
        let errors = dated("15", "11", "2021")
            .parse_met(today, published)
            .expect_err("before the report");
        assert!(errors.get("date").unwrap().contains("16 November 2021"));
        assert_eq!(
            dated("16", "11", "2021").parse_met(today, published),
            Ok(day(2021, 11, 16))
        );
    }

    #[test]
    fn a_revision_is_decided_on_a_past_date_but_not_a_future_one() {
        let today = day(2026, 12, 2);
        let form = |d: &str, m: &str, y: &str| MilestoneForm {
            decided_on_day: d.into(),
            decided_on_month: m.into(),
            decided_on_year: y.into(),
            ..move_to("30", "4", "2023")
        };
        let (change, on) = form("14", "2", "2023")
            .parse_revision(day(2023, 3, 31), today)
            .expect("valid");
        assert_eq!(change.new_due_on, day(2023, 4, 30));
        assert_eq!(on, day(2023, 2, 14));
        assert_eq!(
            form("2", "12", "2026").parse_revision(day(2023, 3, 31), today),
            Ok((change, today))
        );
        let errors = form("3", "12", "2026")
            .parse_revision(day(2023, 3, 31), today)
            .expect_err("future");
        assert_eq!(
            errors.get("decided_on"),
            Some("Date must be today or in the past")
        );
        let errors = MilestoneForm::default()
            .parse_revision(day(2023, 3, 31), today)
            .expect_err("blank");
        assert_eq!(
            errors.get("decided_on"),
            Some("Enter the date it was decided")
        );
        assert_eq!(errors.get("reason"), Some("Enter the reason"));
    }

    #[test]
    fn a_form_dated_today_fills_only_its_own_date() {
        let today = day(2026, 12, 2);
        let met = MilestoneForm::dated_today(true, today);
        assert_eq!(met.date(), DateParts::from_date(Some(today)));
        assert_eq!(met.decided_on(), DateParts::default());
        let revise = MilestoneForm::dated_today(false, today);
        assert_eq!(revise.date(), DateParts::default());
        assert_eq!(revise.decided_on(), DateParts::from_date(Some(today)));
        assert_eq!(
            RejectForm::dated_today(today).parse_accept(today),
            Ok(today)
        );
    }

    #[test]
    fn a_decision_on_a_proposal_is_not_dated_in_the_future() {
        let today = day(2026, 12, 2);
        let form = RejectForm {
            decision_reason: "Not evidenced".into(),
            ..RejectForm::dated_today(day(2026, 12, 3))
        };
        let errors = form.parse_accept(today).expect_err("future");
        assert_eq!(
            errors.get("decided_on"),
            Some("Date must be today or in the past")
        );
        assert!(form.parse(today).is_err());
        assert_eq!(
            form.parse(day(2026, 12, 3)),
            Ok(("Not evidenced".into(), day(2026, 12, 3)))
        );
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let typed = |r: &str| RejectForm {
            decision_reason: r.into(),
            ..RejectForm::dated_today(today)
        };
        assert_eq!(
            typed(" Not evidenced ").parse(today),
            Ok(("Not evidenced".into(), today))
        );
        let errors = typed("  ").parse(today).expect_err("blank");
        assert_eq!(
            errors.get("decision_reason"),
            Some("Enter why the proposal is rejected")
        );
    }
}
