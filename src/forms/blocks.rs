//! The form marking an action-plan item as blocked by an external body, and the version-only
//! form that unblocks it.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, past_date, required};
use crate::domain::blocks::Blocked;

/// What was typed into the blocked-by form, with the version of the action the person saw.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BlockForm {
    #[serde(default)]
    pub blocked_by: String,
    #[serde(default)]
    pub since_day: String,
    #[serde(default)]
    pub since_month: String,
    #[serde(default)]
    pub since_year: String,
    #[serde(default)]
    pub version: String,
}

impl BlockForm {
    pub fn since(&self) -> DateParts {
        DateParts {
            day: self.since_day.clone(),
            month: self.since_month.clone(),
            year: self.since_year.clone(),
        }
    }

    /// Who the action waits on and since when (not after `today`).
    pub fn parse(&self, today: NaiveDate) -> Result<Blocked, FieldErrors> {
        let mut e = FieldErrors::default();
        let by = required(
            &mut e,
            "blocked_by",
            "the body the action is waiting on",
            &self.blocked_by,
            200,
        );
        let since = past_date(
            &mut e,
            "since",
            "the date it became blocked",
            &self.since(),
            today,
        );
        match since {
            Some(since) if e.is_empty() => Ok(Blocked { by, since }),
            _ => Err(e),
        }
    }
}

/// A form that carries only the version of the record the person saw.
#[derive(Debug, Default, Deserialize)]
pub struct VersionForm {
    #[serde(default)]
    pub version: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn typed(by: &str, d: &str) -> BlockForm {
        BlockForm {
            blocked_by: by.into(),
            since_day: d.into(),
            since_month: "2".into(),
            since_year: "2026".into(),
            version: "3".into(),
        }
    }

    #[test]
    fn a_named_body_and_a_past_date_block_an_action() {
        let blocked = typed(" Home Office ", "27")
            .parse(day(2026, 3, 2))
            .expect("valid");
        assert_eq!(
            blocked,
            Blocked {
                by: "Home Office".into(),
                since: day(2026, 2, 27)
            }
        );
    }

    #[test]
    fn a_block_needs_a_body_and_a_real_date_not_in_the_future() {
        let errors = typed(" ", "30")
            .parse(day(2026, 3, 2))
            .expect_err("invalid");
        assert_eq!(
            errors.get("blocked_by"),
            Some("Enter the body the action is waiting on")
        );
        assert!(errors.get("since").is_some(), "{errors:?}");
        let errors = typed("Home Office", "27")
            .parse(day(2026, 2, 1))
            .expect_err("future");
        assert_eq!(
            errors.get("since"),
            Some("Date must be today or in the past")
        );
    }
}
