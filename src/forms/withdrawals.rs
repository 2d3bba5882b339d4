//! The form withdrawing a record entered in error: why, and the date it took effect
//! (today unless the office says otherwise).

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, past_date, required};
use crate::domain::withdrawals::Withdrawal;

/// What was typed into the withdraw form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub on_day: String,
    #[serde(default)]
    pub on_month: String,
    #[serde(default)]
    pub on_year: String,
}

impl WithdrawForm {
    /// A fresh form: the withdrawal takes effect `today`.
    pub fn starting(today: NaiveDate) -> Self {
        let on = DateParts::from_date(Some(today));
        Self {
            reason: String::new(),
            on_day: on.day,
            on_month: on.month,
            on_year: on.year,
        }
    }

    pub fn on(&self) -> DateParts {
        DateParts {
            day: self.on_day.clone(),
            month: self.on_month.clone(),
            year: self.on_year.clone(),
        }
    }

    /// A reason and a date not after `today`.
    pub fn parse(&self, today: NaiveDate) -> Result<Withdrawal, FieldErrors> {
        let mut e = FieldErrors::default();
        let reason = required(&mut e, "reason", "why it is withdrawn", &self.reason, 1000);
        let on = past_date(
            &mut e,
            "on",
            "the date the withdrawal took effect",
            &self.on(),
            today,
        );
        match on {
            Some(withdrawn_on) if e.is_empty() => Ok(Withdrawal {
                withdrawn_on,
                reason,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_reason_and_today_withdraw_a_record() {
        let form = WithdrawForm {
            reason: " Entered twice ".into(),
            ..WithdrawForm::starting(day(2026, 3, 2))
        };
        assert_eq!(
            form.parse(day(2026, 3, 2)),
            Ok(Withdrawal {
                withdrawn_on: day(2026, 3, 2),
                reason: "Entered twice".into()
            })
        );
    }

    #[test]
    fn a_withdrawal_needs_a_reason_and_a_date_not_in_the_future() {
        let errors = WithdrawForm::starting(day(2026, 3, 3))
            .parse(day(2026, 3, 2))
            .expect_err("invalid");
        assert_eq!(errors.get("reason"), Some("Enter why it is withdrawn"));
        assert_eq!(errors.get("on"), Some("Date must be today or in the past"));
    }
}
