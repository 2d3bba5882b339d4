//! The finding form (what was typed, filled from a saved finding, and the finding it makes)
//! and the findings CSV import form (the file, and the findings it holds once confirmed).

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, read_date, read_id};
use crate::db::findings::FindingRow;
use crate::domain::findings::{NewFinding, reference_taken};
use crate::domain::inputs;
use crate::domain::plausible;
use crate::domain::vocab::{FindingKind, Timescale};

/// What the finding form holds: exactly what was typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FindingForm {
    pub kind: String,
    pub parent_id: String,
    pub reference: String,
    pub area: String,
    pub official_wording: String,
    pub public_summary: String,
    pub timescale: String,
    pub timescale_date_day: String,
    pub timescale_date_month: String,
    pub timescale_date_year: String,
    pub parts: String,
    pub version: String,
}

impl FindingForm {
    /// A blank form for a new finding (a recommendation, the usual kind).
    pub fn blank() -> Self {
        Self {
            kind: FindingKind::Recommendation.as_str().into(),
            ..Self::default()
        }
    }

    /// The form prefilled from a saved finding and its parts (one per line), for editing.
    pub fn from_row(f: &FindingRow, parts: &[&str]) -> Self {
        let d = DateParts::from_date(f.timescale_date);
        Self {
            kind: f.kind.as_str().into(),
            parent_id: f.parent_id.map(|v| v.to_string()).unwrap_or_default(),
            reference: f.reference.clone(),
            area: f.area.clone(),
            official_wording: f.official_wording.clone().unwrap_or_default(),
            public_summary: f.public_summary.clone().unwrap_or_default(),
            timescale: f.timescale.as_str().into(),
            timescale_date_day: d.day,
            timescale_date_month: d.month,
            timescale_date_year: d.year,
            parts: parts.join("\n"),
            version: f.version.to_string(),
        }
    }

    /// The finding this form makes, checked against the other findings of its inspection
    /// (`siblings`; `id` is the finding being edited): a reference unique in the inspection,
    /// a parent that is one of its causes of concern, a stated date only with a by-date
    /// timescale and not before the report was `published`, parts one per line.
    pub fn parse(
        &self,
        published: NaiveDate,
        siblings: &[FindingRow],
        id: Option<i64>,
    ) -> Result<NewFinding, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = FindingKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", "Choose the kind of finding");
        }
        let parent_id = read_id(&mut errors, "parent_id", &self.parent_id);
        if let Some(pid) = parent_id
            && !siblings
                .iter()
                .any(|s| s.id == pid && s.kind == FindingKind::CauseOfConcern && Some(s.id) != id)
        {
            errors.add("parent_id", "Choose a cause of concern of this inspection");
        } else if parent_id.is_some() && kind.is_some_and(|k| k != FindingKind::Recommendation) {
            errors.add(
                "parent_id",
                "Only a recommendation can sit under a cause of concern",
            );
        }
        let reference = inputs::required_text(&self.reference, 40)
            .map_err(|e| errors.add("reference", format!("Reference: {e}")))
            .ok();
        if let Some(r) = &reference
            && siblings
                .iter()
                .any(|s| s.reference.eq_ignore_ascii_case(r) && Some(s.id) != id)
        {
            errors.add("reference", reference_taken(r));
        }
        let mut text = |field: &'static str, label: &str, value: &str, max: usize| {
            inputs::optional_text(value, max)
                .map_err(|e| errors.add(field, format!("{label}: {e}")))
                .ok()
                .flatten()
        };
        let area = text("area", "Area", &self.area, 200);
        let wording = text(
            "official_wording",
            "Official wording",
            &self.official_wording,
            20_000,
        );
        let summary = text(
            "public_summary",
            "Public summary",
            &self.public_summary,
            20_000,
        );
        let timescale = Timescale::parse(&self.timescale);
        if timescale.is_none() {
            errors.add("timescale", "Choose the timescale");
        }
        let date = read_date(
            &mut errors,
            "timescale_date",
            &self.timescale_date_day,
            &self.timescale_date_month,
            &self.timescale_date_year,
        );
        match (timescale, date) {
            (Some(Timescale::ByDate), None) if errors.get("timescale_date").is_none() => {
                errors.add("timescale_date", "Enter the stated date")
            }
            (Some(t), Some(_)) if t != Timescale::ByDate => errors.add(
                "timescale_date",
                "Leave the stated date blank unless the timescale is by a stated date",
            ),
            (Some(_), Some(by)) => {
                if let Some(wrong) = plausible::timescale_date(published, by) {
                    errors.add("timescale_date", wrong);
                }
            }
            _ => {}
        }
        let parts: Vec<String> = self
            .parts
            .lines()
            .map(|l| l.replace('\0', "").trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if parts.len() > 50 || parts.iter().any(|l| l.chars().count() > 2000) {
            errors.add(
                "parts",
                "Give at most 50 parts of 2000 characters or fewer each",
            );
        }
        match (kind, reference, timescale) {
            (Some(kind), Some(reference), Some(timescale)) if errors.is_empty() => Ok(NewFinding {
                parent_id,
                kind,
                reference,
                area: area.unwrap_or_default(),
                official_wording: wording,
                public_summary: summary,
                timescale,
                timescale_date: date,
                parts,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published() -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 2, 15).unwrap()
    }

    fn typed(reference: &str) -> FindingForm {
        FindingForm {
            kind: "recommendation".into(),
            reference: reference.into(),
            area: "Investigation".into(),
            timescale: "within_3_months".into(),
            ..FindingForm::default()
        }
    }

    #[test]
    fn a_complete_form_makes_a_finding_with_its_parts_one_per_line() {
        let form = FindingForm {
            parts: "First part\n\n  Second part  \n".into(),
            ..typed(" AFI 7 ")
        };
        let new = form.parse(published(), &[], None).expect("valid");
        assert_eq!(new.kind, FindingKind::Recommendation);
        assert_eq!(new.reference, "AFI 7");
        assert_eq!(new.area, "Investigation");
        assert_eq!(new.timescale, Timescale::Within3Months);
        assert_eq!(new.parts, ["First part", "Second part"]);
        assert_eq!(new.parent_id, None);
    }

    #[test]
    fn a_by_date_timescale_needs_a_stated_date() {
        let form = FindingForm {
            timescale: "by_date".into(),
            ..typed("1")
        };
        let errors = form.parse(published(), &[], None).expect_err("invalid");
        assert_eq!(errors.get("timescale_date"), Some("Enter the stated date"));
    }

    #[test]
    fn a_stated_date_is_refused_with_any_other_timescale() {
        let form = FindingForm {
            timescale_date_day: "1".into(),
            timescale_date_month: "3".into(),
            timescale_date_year: "2023".into(),
            ..typed("1")
        };
        let errors = form.parse(published(), &[], None).expect_err("invalid");
        assert_eq!(
            errors.get("timescale_date"),
            Some("Leave the stated date blank unless the timescale is by a stated date")
        );
    }

    #[test]
    fn a_missing_kind_reference_and_timescale_each_get_a_message() {
        let form = FindingForm::default();
        let errors = form.parse(published(), &[], None).expect_err("invalid");
        assert_eq!(errors.get("kind"), Some("Choose the kind of finding"));
        assert!(errors.get("reference").unwrap().starts_with("Reference: "));
        assert_eq!(errors.get("timescale"), Some("Choose the timescale"));
    }

    #[test]
    fn a_parent_must_be_a_cause_of_concern_of_the_inspection() {
        let form = FindingForm {
            parent_id: "9".into(),
            ..typed("1")
        };
        let errors = form.parse(published(), &[], None).expect_err("invalid");
        assert_eq!(
            errors.get("parent_id"),
            Some("Choose a cause of concern of this inspection")
        );
    }

    #[test]
    fn more_than_fifty_parts_are_refused() {
        let form = FindingForm {
            parts: "part\n".repeat(51),
            ..typed("1")
        };
        let errors = form.parse(published(), &[], None).expect_err("invalid");
        assert_eq!(
            errors.get("parts"),
            Some("Give at most 50 parts of 2000 characters or fewer each")
        );
    }
}
