//! The fire cause-of-concern form: when the service's action plan review arrived, when
//! HMICFRS revisited, and when (and where) its revisit letter was published.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, read_date};
use crate::db::inspections::InspectionRow;
use crate::domain::inputs;
use crate::domain::regimes::{self, FireReview};

/// The dated steps, in the order they happen: (field name, label).
pub const STEPS: [(&str, &str); 3] = [
    ("plan_review_received_on", "Action plan review received"),
    ("revisit_on", "HMICFRS revisit"),
    ("revisit_letter_on", "Revisit letter published"),
];

/// What was typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FireReviewForm {
    pub plan_review_received_on_day: String,
    pub plan_review_received_on_month: String,
    pub plan_review_received_on_year: String,
    pub revisit_on_day: String,
    pub revisit_on_month: String,
    pub revisit_on_year: String,
    pub revisit_letter_on_day: String,
    pub revisit_letter_on_month: String,
    pub revisit_letter_on_year: String,
    pub revisit_letter_url: String,
    pub version: String,
}

impl FireReviewForm {
    /// What was typed into the date input `name` (one of `STEPS`).
    pub fn date(&self, name: &str) -> DateParts {
        let (d, m, y) = match name {
            "plan_review_received_on" => (
                &self.plan_review_received_on_day,
                &self.plan_review_received_on_month,
                &self.plan_review_received_on_year,
            ),
            "revisit_on" => (
                &self.revisit_on_day,
                &self.revisit_on_month,
                &self.revisit_on_year,
            ),
            _ => (
                &self.revisit_letter_on_day,
                &self.revisit_letter_on_month,
                &self.revisit_letter_on_year,
            ),
        };
        DateParts {
            day: d.clone(),
            month: m.clone(),
            year: y.clone(),
        }
    }

    pub fn version(&self) -> i64 {
        super::version(&self.version)
    }

    /// The form prefilled from the inspection as saved.
    pub fn from_row(i: &InspectionRow) -> Self {
        let r = &i.fire;
        let [a, b, c] = [r.plan_review_received_on, r.revisit_on, r.revisit_letter_on]
            .map(DateParts::from_date);
        Self {
            plan_review_received_on_day: a.day,
            plan_review_received_on_month: a.month,
            plan_review_received_on_year: a.year,
            revisit_on_day: b.day,
            revisit_on_month: b.month,
            revisit_on_year: b.year,
            revisit_letter_on_day: c.day,
            revisit_letter_on_month: c.month,
            revisit_letter_on_year: c.year,
            revisit_letter_url: r.revisit_letter_url.clone().unwrap_or_default(),
            version: i.version.to_string(),
        }
    }

    /// The steps for a report published on `published`, or what to fix. Each step may be left
    /// blank (not happened yet); none may come before the report, nor the letter before the
    /// revisit.
    pub fn parse(&self, published: NaiveDate) -> Result<FireReview, FieldErrors> {
        let mut errors = FieldErrors::default();
        let [a, b, c] = STEPS.map(|(name, _)| {
            let d = self.date(name);
            read_date(&mut errors, name, &d.day, &d.month, &d.year)
        });
        let url = inputs::parse_url(&self.revisit_letter_url)
            .map_err(|e| errors.add("revisit_letter_url", e.to_string()))
            .ok()
            .flatten();
        let review = FireReview {
            plan_review_received_on: a,
            revisit_on: b,
            revisit_letter_on: c,
            revisit_letter_url: url,
        };
        for (field, message) in regimes::implausible(published, &review) {
            if errors.get(field).is_none() {
                errors.add(field, message);
            }
        }
        if errors.is_empty() {
            Ok(review)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn typed(f: impl FnOnce(&mut FireReviewForm)) -> FireReviewForm {
        let mut form = FireReviewForm::default();
        f(&mut form);
        form
    }

    #[test]
    fn the_dates_typed_are_kept_and_the_rest_left_blank() {
        let r = typed(|f| {
            f.plan_review_received_on_day = "1".into();
            f.plan_review_received_on_month = "2".into();
            f.plan_review_received_on_year = "2022".into();
            f.revisit_letter_url = "https://example.org/letter".into();
        })
        .parse(d("2022-01-10"))
        .expect("valid");
        assert_eq!(r.plan_review_received_on, Some(d("2022-02-01")));
        assert_eq!(r.revisit_on, None);
        assert_eq!(
            r.revisit_letter_url.as_deref(),
            Some("https://example.org/letter")
        );
    }

    #[test]
    fn a_review_before_the_report_and_an_impossible_date_are_refused_on_their_fields() {
        let errors = typed(|f| {
            f.plan_review_received_on_day = "9".into();
            f.plan_review_received_on_month = "1".into();
            f.plan_review_received_on_year = "2022".into();
            f.revisit_on_day = "31".into();
            f.revisit_on_month = "2".into();
            f.revisit_on_year = "2022".into();
        })
        .parse(d("2022-01-10"))
        .expect_err("invalid");
        assert!(
            errors.get("plan_review_received_on").is_some(),
            "{errors:?}"
        );
        assert!(errors.get("revisit_on").is_some(), "{errors:?}");
        assert_eq!(errors.0.len(), 2);
    }

    #[test]
    fn a_letter_before_the_revisit_is_refused() {
        let errors = typed(|f| {
            f.revisit_on_day = "2".into();
            f.revisit_on_month = "3".into();
            f.revisit_on_year = "2022".into();
            f.revisit_letter_on_day = "1".into();
            f.revisit_letter_on_month = "3".into();
            f.revisit_letter_on_year = "2022".into();
        })
        .parse(d("2022-01-10"))
        .expect_err("invalid");
        assert!(errors.get("revisit_letter_on").is_some(), "{errors:?}");
    }

    #[test]
    fn a_garbled_link_is_refused() {
        let errors = typed(|f| f.revisit_letter_url = "not a link".into())
            .parse(d("2022-01-10"))
            .expect_err("invalid");
        assert!(errors.get("revisit_letter_url").is_some(), "{errors:?}");
    }
}
