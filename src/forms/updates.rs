//! The progress update form: what was typed, and the update (or correction) it makes.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, choice, optional, past_date, required};
use crate::db::updates::UpdateRow;
use crate::domain::plausible;
use crate::domain::subject::Subject;
use crate::domain::updates::NewUpdate;
use crate::domain::vocab::Rag;

/// What was typed into the update form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UpdateForm {
    #[serde(default)]
    pub as_at_day: String,
    #[serde(default)]
    pub as_at_month: String,
    #[serde(default)]
    pub as_at_year: String,
    #[serde(default)]
    pub rag: String,
    #[serde(default)]
    pub narrative: String,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub public_summary: String,
    /// "yes" once the author has confirmed an as-at date before the report.
    #[serde(default)]
    pub confirm_date: String,
}

/// The warning on an as-at date before the report was published, until confirmed.
pub const BEFORE_REPORT: &str = "The as-at date is before the report was published: check it, \
     and tick \"Yes, this date is right\" to save it";

impl UpdateForm {
    pub fn as_at(&self) -> DateParts {
        DateParts {
            day: self.as_at_day.clone(),
            month: self.as_at_month.clone(),
            year: self.as_at_year.clone(),
        }
    }

    /// An empty form as at `today`.
    pub fn dated_today(today: NaiveDate) -> Self {
        let d = DateParts::from_date(Some(today));
        Self {
            as_at_day: d.day,
            as_at_month: d.month,
            as_at_year: d.year,
            ..Self::default()
        }
    }

    /// The form prefilled from an update, for a correction.
    pub fn from_row(u: &UpdateRow) -> Self {
        let d = DateParts::from_date(Some(u.as_at));
        Self {
            as_at_day: d.day,
            as_at_month: d.month,
            as_at_year: d.year,
            rag: u.rag.as_str().into(),
            narrative: u.narrative.clone(),
            evidence: u.evidence.clone().unwrap_or_default(),
            public_summary: u.public_summary.clone().unwrap_or_default(),
            confirm_date: String::new(),
        }
    }

    /// The update this form makes about `subject`, correcting `corrects` if given, or what
    /// to fix. The as-at date may be in the past (backfilled history) but not after `today`;
    /// one before the report was `published` is saved only once confirmed.
    pub fn parse(
        &self,
        subject: Subject,
        corrects: Option<i64>,
        today: NaiveDate,
        published: Option<NaiveDate>,
    ) -> Result<NewUpdate, FieldErrors> {
        let mut e = FieldErrors::default();
        let as_at = past_date(&mut e, "as_at", "the as-at date", &self.as_at(), today);
        if as_at.is_some_and(|d| plausible::as_at_before_report(d, published))
            && self.confirm_date != "yes"
        {
            e.add("as_at", BEFORE_REPORT);
        }
        let rag = choice(&mut e, "rag", "Select a RAG status", Rag::parse(&self.rag));
        let narrative = required(
            &mut e,
            "narrative",
            "the narrative",
            &self.narrative,
            20_000,
        );
        let evidence = optional(&mut e, "evidence", &self.evidence, 5_000);
        let public_summary = optional(&mut e, "public_summary", &self.public_summary, 2_000);
        match (as_at, rag) {
            (Some(as_at), Some(rag)) if e.is_empty() => Ok(NewUpdate {
                subject,
                as_at,
                rag,
                narrative,
                evidence,
                public_summary,
                corrects_id: corrects,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn a_new_update_starts_as_at_today_and_nothing_else() {
        let f = UpdateForm::dated_today(today());
        assert_eq!(f.as_at(), DateParts::from_date(Some(today())));
        assert_eq!((f.rag.as_str(), f.narrative.as_str()), ("", ""));
    }

    fn typed(day: &str, rag: &str, narrative: &str) -> UpdateForm {
        UpdateForm {
            as_at_day: day.into(),
            as_at_month: "11".into(),
            as_at_year: "2026".into(),
            rag: rag.into(),
            narrative: narrative.into(),
            ..UpdateForm::default()
        }
    }

    #[test]
    fn a_complete_form_makes_an_update_about_its_subject() {
        let new = typed("30", "amber", "  Training booked  ")
            .parse(Subject::Action(5), Some(3), today(), None)
            .expect("valid");
        assert_eq!(new.subject, Subject::Action(5));
        assert_eq!(new.as_at, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(new.rag, Rag::Amber);
        assert_eq!(new.narrative, "Training booked");
        assert_eq!(new.corrects_id, Some(3));
        assert_eq!(new.evidence, None);
    }

    #[test]
    fn each_missing_or_wrong_field_gets_its_own_message() {
        let errors = typed("31", "purple", " ")
            .parse(Subject::Finding(1), None, today(), None)
            .expect_err("invalid");
        assert!(errors.get("as_at").is_some(), "{errors:?}");
        assert_eq!(errors.get("rag"), Some("Select a RAG status"));
        assert_eq!(errors.get("narrative"), Some("Enter the narrative"));
    }

    #[test]
    fn an_as_at_date_after_today_is_refused() {
        let mut form = typed("2", "green", "Done");
        form.as_at_month = "12".into();
        let errors = form
            .parse(Subject::Action(1), None, today(), None)
            .expect_err("future");
        assert_eq!(
            errors.get("as_at"),
            Some("Date must be today or in the past")
        );
    }

    #[test]
    fn an_as_at_date_before_the_report_is_saved_only_once_confirmed() {
        let published = NaiveDate::from_ymd_opt(2026, 11, 30);
        let form = typed("29", "green", "Done");
        let errors = form
            .parse(Subject::Action(1), None, today(), published)
            .expect_err("asked");
        assert_eq!(errors.get("as_at"), Some(BEFORE_REPORT));
        let confirmed = UpdateForm {
            confirm_date: "yes".into(),
            ..form
        };
        assert!(
            confirmed
                .parse(Subject::Action(1), None, today(), published)
                .is_ok()
        );
        let on_the_day = typed("30", "green", "Done");
        assert!(
            on_the_day
                .parse(Subject::Action(1), None, today(), published)
                .is_ok()
        );
    }
}
