//! The assessment form and the inspectorate position form: what was typed, and the
//! assessment or position it records on a finding.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, past_date, read_id};
use crate::domain::assurance::{NewAssessment, NewPosition};
use crate::domain::inputs;
use crate::domain::vocab::{Assurance, InspectoratePosition};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AssessmentForm {
    pub level: String,
    pub part_id: String,
    pub rationale: String,
    /// The "share the rationale with the force" box: "yes" when ticked.
    pub rationale_shared: String,
    pub evidence_seen: String,
    pub assessed_on_day: String,
    pub assessed_on_month: String,
    pub assessed_on_year: String,
    /// The ids of the evidence files ticked as seen (the boxes repeat one name, so the form
    /// is read from its pairs: [`AssessmentForm::from_pairs`]).
    #[serde(skip)]
    pub seen_files: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PositionForm {
    pub position: String,
    pub superseded_by_id: String,
    pub as_at_day: String,
    pub as_at_month: String,
    pub as_at_year: String,
    pub source: String,
    pub source_inspection_id: String,
    /// The judgement in the report's own words ("substantial progress"), optional.
    pub report_words: String,
    pub note: String,
}

impl AssessmentForm {
    /// The form as posted, every ticked file included.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut form = Self::default();
        for (key, value) in pairs {
            let v = value.clone();
            match key.as_str() {
                "level" => form.level = v,
                "part_id" => form.part_id = v,
                "rationale" => form.rationale = v,
                "rationale_shared" => form.rationale_shared = v,
                "evidence_seen" => form.evidence_seen = v,
                "assessed_on_day" => form.assessed_on_day = v,
                "assessed_on_month" => form.assessed_on_month = v,
                "assessed_on_year" => form.assessed_on_year = v,
                "seen_files" => form.seen_files.push(v),
                _ => {}
            }
        }
        form
    }

    /// An empty form assessed `today`.
    pub fn dated_today(today: NaiveDate) -> Self {
        let d = DateParts::from_date(Some(today));
        Self {
            assessed_on_day: d.day,
            assessed_on_month: d.month,
            assessed_on_year: d.year,
            ..Self::default()
        }
    }
}

impl PositionForm {
    /// An empty form dated `today`.
    pub fn dated_today(today: NaiveDate) -> Self {
        let d = DateParts::from_date(Some(today));
        Self {
            as_at_day: d.day,
            as_at_month: d.month,
            as_at_year: d.year,
            ..Self::default()
        }
    }
}

/// Required text, its message prefixed with the field's label ("Rationale: …").
fn labelled(
    e: &mut FieldErrors,
    field: &'static str,
    label: &str,
    v: &str,
    max: usize,
) -> Option<String> {
    inputs::required_text(v, max)
        .map_err(|err| e.add(field, format!("{label}: {err}")))
        .ok()
}

/// Optional text, its message prefixed with the field's label.
fn labelled_optional(
    e: &mut FieldErrors,
    field: &'static str,
    label: &str,
    v: &str,
    max: usize,
) -> Option<String> {
    inputs::optional_text(v, max)
        .map_err(|err| e.add(field, format!("{label}: {err}")))
        .ok()
        .flatten()
}

impl AssessmentForm {
    /// The assessment by `assessor_id` of finding `finding_id` (whose parts are `part_ids`)
    /// this form records, judged no later than `today`; or what to fix.
    pub fn parse(
        &self,
        finding_id: i64,
        part_ids: &[i64],
        assessor_id: i64,
        today: NaiveDate,
    ) -> Result<NewAssessment, FieldErrors> {
        let mut e = FieldErrors::default();
        let level = Assurance::parse(&self.level);
        if level.is_none() {
            e.add("level", "Choose the level of assurance");
        }
        let part_id = read_id(&mut e, "part_id", &self.part_id);
        if let Some(p) = part_id
            && !part_ids.contains(&p)
        {
            e.add("part_id", "Choose a part of this finding");
        }
        let rationale = labelled(&mut e, "rationale", "Rationale", &self.rationale, 20_000);
        let evidence_seen = labelled_optional(
            &mut e,
            "evidence_seen",
            "Evidence seen",
            &self.evidence_seen,
            20_000,
        );
        let typed = DateParts {
            day: self.assessed_on_day.clone(),
            month: self.assessed_on_month.clone(),
            year: self.assessed_on_year.clone(),
        };
        let date = past_date(&mut e, "assessed_on", "the date", &typed, today);
        let seen: Option<Vec<i64>> = self
            .seen_files
            .iter()
            .map(|s| s.trim().parse().ok())
            .collect();
        if seen.is_none() {
            e.add("seen_files", "Choose files from the list");
        }
        match (level, rationale, date) {
            (Some(level), Some(rationale), Some(assessed_on)) if e.is_empty() => {
                Ok(NewAssessment {
                    finding_id,
                    part_id,
                    level,
                    assessed_on,
                    rationale,
                    rationale_shared: self.rationale_shared == "yes",
                    evidence_seen,
                    seen_file_ids: seen.unwrap_or_default(),
                    meeting_id: None,
                    assessor_id,
                })
            }
            _ => Err(e),
        }
    }
}

/// The longest judgement in the report's own words (the column's check allows no more).
pub const REPORT_WORDS_MAX: usize = 200;

/// The phrases HMICFRS's reports commonly use, offered beside the free text.
pub const REPORT_PHRASES: [&str; 5] = [
    "substantial progress",
    "progress",
    "insufficient progress",
    "met",
    "not met",
];

impl PositionForm {
    /// The position on finding `finding_id` recorded by `recorded_by`, dated no later than
    /// `today`; or what to fix.
    pub fn parse(
        &self,
        finding_id: i64,
        recorded_by: i64,
        today: NaiveDate,
    ) -> Result<NewPosition, FieldErrors> {
        use InspectoratePosition::Superseded;
        let mut e = FieldErrors::default();
        let position = InspectoratePosition::parse(&self.position);
        if position.is_none() {
            e.add("position", "Choose a position");
        }
        let superseded_by = read_id(&mut e, "superseded_by_id", &self.superseded_by_id);
        match (position, superseded_by) {
            (Some(Superseded), None) => e.add(
                "superseded_by_id",
                "Choose the finding that supersedes this one",
            ),
            (Some(Superseded), Some(s)) if s == finding_id => {
                e.add("superseded_by_id", "A finding cannot supersede itself")
            }
            (Some(p), Some(_)) if p != Superseded => e.add(
                "superseded_by_id",
                "Leave this blank unless the finding is superseded",
            ),
            _ => {}
        }
        let typed = DateParts {
            day: self.as_at_day.clone(),
            month: self.as_at_month.clone(),
            year: self.as_at_year.clone(),
        };
        let as_at = past_date(&mut e, "as_at", "the date", &typed, today);
        let source = labelled(&mut e, "source", "Source", &self.source, 300);
        let source_inspection_id =
            read_id(&mut e, "source_inspection_id", &self.source_inspection_id);
        let report_words = labelled_optional(
            &mut e,
            "report_words",
            "The report's own words",
            &self.report_words,
            REPORT_WORDS_MAX,
        );
        let note = labelled_optional(&mut e, "note", "Note", &self.note, 20_000);
        match (position, as_at, source) {
            (Some(position), Some(as_at), Some(source)) if e.is_empty() => Ok(NewPosition {
                finding_id,
                position,
                superseded_by_id: superseded_by,
                as_at,
                source,
                source_inspection_id,
                report_words,
                note,
                recorded_by,
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
    fn a_new_assessment_or_position_starts_dated_today_and_nothing_else() {
        let a = AssessmentForm::dated_today(today());
        let typed = (a.assessed_on_day.as_str(), a.assessed_on_month.as_str());
        assert_eq!((typed, a.assessed_on_year.as_str()), (("1", "12"), "2026"));
        assert_eq!(a.level, "");
        let p = PositionForm::dated_today(today());
        let typed = (p.as_at_day.as_str(), p.as_at_month.as_str());
        assert_eq!((typed, p.as_at_year.as_str()), (("1", "12"), "2026"));
        assert_eq!(p.position, "");
    }

    fn assessment(level: &str, part: &str) -> AssessmentForm {
        AssessmentForm {
            level: level.into(),
            part_id: part.into(),
            rationale: "  Seen the audit  ".into(),
            rationale_shared: String::new(),
            evidence_seen: String::new(),
            assessed_on_day: "27".into(),
            assessed_on_month: "11".into(),
            assessed_on_year: "2026".into(),
            seen_files: Vec::new(),
        }
    }

    #[test]
    fn a_complete_assessment_form_records_the_judgement_on_a_part() {
        let level = Assurance::ALL[0];
        let new = assessment(level.as_str(), "12")
            .parse(5, &[11, 12], 3, today())
            .expect("valid");
        assert_eq!(new.finding_id, 5);
        assert_eq!(new.part_id, Some(12));
        assert_eq!(new.level, level);
        assert_eq!(new.rationale, "Seen the audit");
        assert_eq!(new.evidence_seen, None);
        assert_eq!(new.assessor_id, 3);
        assert_eq!(new.meeting_id, None);
        assert!(!new.rationale_shared, "unshared unless the box is ticked");
        let mut shared = assessment(level.as_str(), "");
        shared.rationale_shared = "yes".into();
        let shared = shared.parse(5, &[], 3, today()).expect("valid");
        assert!(shared.rationale_shared);
    }

    #[test]
    fn an_assessment_of_another_findings_part_or_without_a_level_is_refused() {
        let errors = assessment("", "99")
            .parse(5, &[11, 12], 3, today())
            .expect_err("invalid");
        assert_eq!(errors.get("level"), Some("Choose the level of assurance"));
        assert_eq!(errors.get("part_id"), Some("Choose a part of this finding"));
    }

    fn position(position: &str, superseded_by: &str) -> PositionForm {
        PositionForm {
            position: position.into(),
            superseded_by_id: superseded_by.into(),
            as_at_day: "1".into(),
            as_at_month: "12".into(),
            as_at_year: "2026".into(),
            source: "Re-inspection report".into(),
            ..PositionForm::default()
        }
    }

    #[test]
    fn a_superseded_position_names_the_finding_that_supersedes_it() {
        let new = position("superseded", "8")
            .parse(5, 2, today())
            .expect("valid");
        assert_eq!(new.position, InspectoratePosition::Superseded);
        assert_eq!(new.superseded_by_id, Some(8));
        assert_eq!(new.source, "Re-inspection report");
        assert_eq!(new.recorded_by, 2);
    }

    #[test]
    fn a_finding_cannot_supersede_itself_or_be_superseded_by_nothing() {
        let itself = position("superseded", "5").parse(5, 2, today());
        assert_eq!(
            itself.expect_err("itself").get("superseded_by_id"),
            Some("A finding cannot supersede itself")
        );
        let nothing = position("superseded", "").parse(5, 2, today());
        assert_eq!(
            nothing.expect_err("nothing").get("superseded_by_id"),
            Some("Choose the finding that supersedes this one")
        );
    }

    #[test]
    fn a_position_without_a_source_gets_a_labelled_message() {
        let mut form = position("", "");
        form.source = " ".into();
        let errors = form.parse(5, 2, today()).expect_err("invalid");
        assert_eq!(errors.get("position"), Some("Choose a position"));
        assert!(
            errors
                .get("source")
                .is_some_and(|m| m.starts_with("Source: ")),
            "{errors:?}"
        );
    }
}

#[cfg(test)]
mod report_words_tests {
    use super::*;

    fn form(words: &str) -> PositionForm {
        PositionForm {
            position: "partially_met".into(),
            as_at_day: "20".into(),
            as_at_month: "2".into(),
            as_at_year: "2026".into(),
            source: "Post-inspection review".into(),
            report_words: words.into(),
            ..PositionForm::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    #[test]
    fn the_reports_own_words_are_optional_trimmed_and_at_most_200_characters() {
        let none = form("  ").parse(3, 1, today()).unwrap();
        assert_eq!(none.report_words, None);
        let words = form(" substantial progress ").parse(3, 1, today()).unwrap();
        assert_eq!(words.report_words.as_deref(), Some("substantial progress"));
        let longest = "a".repeat(REPORT_WORDS_MAX);
        assert!(form(&longest).parse(3, 1, today()).is_ok());
        let errors = form(&"a".repeat(REPORT_WORDS_MAX + 1))
            .parse(3, 1, today())
            .unwrap_err();
        assert!(
            errors
                .get("report_words")
                .is_some_and(|m| m.starts_with("The report's own words")),
            "{errors:?}"
        );
    }

    #[test]
    fn the_common_phrases_offered_are_hmicfrss() {
        assert_eq!(
            REPORT_PHRASES,
            [
                "substantial progress",
                "progress",
                "insufficient progress",
                "met",
                "not met"
            ]
        );
    }
}
