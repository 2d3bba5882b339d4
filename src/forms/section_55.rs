//! The response form: for section 55 a date for every step and a link to the published
//! response; for a report of any source each finding's response position and explanation
//! (`position_{id}`, `explanation_{id}`), the explanation being the rationale where the risk of
//! not implementing it is accepted.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, read_date};
use crate::db::findings::FindingRow;
use crate::db::inspections::InspectionRow;
use crate::domain::inputs;
use crate::domain::inspections::{FindingResponse, NewSection55, Section55};
use crate::domain::plausible;
use crate::domain::vocab::ResponsePosition;

/// The dated steps, in the order they happen: (field name, label).
pub const STEPS: [(&str, &str); 7] = [
    (
        "comments_requested_on",
        "Comments requested from the Chief Constable",
    ),
    (
        "comments_deadline",
        "Deadline set for the Chief Constable's comments",
    ),
    (
        "comments_received_on",
        "Chief Constable's comments received",
    ),
    ("response_published_on", "PCC response published"),
    ("copy_to_hmicfrs_on", "Copy sent to HMICFRS"),
    (
        "copy_to_home_secretary_on",
        "Copy sent to the Home Secretary",
    ),
    ("action_plan_received_on", "Force action plan received"),
];

/// What was typed, by field name: the fields depend on the inspection's findings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct Section55Form(pub HashMap<String, String>);

impl Section55Form {
    /// What was typed in `field` (blank if nothing).
    pub fn get(&self, field: &str) -> &str {
        self.0.get(field).map(String::as_str).unwrap_or("")
    }

    /// What was typed into the date input `name`.
    pub fn date(&self, name: &str) -> DateParts {
        DateParts {
            day: self.get(&format!("{name}_day")).into(),
            month: self.get(&format!("{name}_month")).into(),
            year: self.get(&format!("{name}_year")).into(),
        }
    }

    pub fn version(&self) -> i64 {
        super::version(self.get("version"))
    }

    /// The same typing, carrying `version` (the record as someone else saved it).
    pub fn with_version(&self, version: i64) -> Self {
        let mut form = self.clone();
        form.0.insert("version".into(), version.to_string());
        form
    }

    /// The form prefilled from an inspection's response and its findings' responses.
    pub fn from_row(i: &InspectionRow, findings: &[FindingRow]) -> Self {
        let r = &i.response;
        let mut v = HashMap::new();
        for ((name, _), d) in STEPS.iter().zip(dates_of(r)) {
            let parts = DateParts::from_date(d);
            v.insert(format!("{name}_day"), parts.day);
            v.insert(format!("{name}_month"), parts.month);
            v.insert(format!("{name}_year"), parts.year);
        }
        v.insert(
            "response_url".into(),
            r.response_url.clone().unwrap_or_default(),
        );
        v.insert("version".into(), i.version.to_string());
        for f in findings {
            v.insert(
                format!("position_{}", f.id),
                f.response_position.map(|p| p.as_str()).unwrap_or("").into(),
            );
            v.insert(
                format!("explanation_{}", f.id),
                f.response_explanation.clone().unwrap_or_default(),
            );
        }
        Self(v)
    }

    /// The response this form records for the inspection with these `findings`, or what to
    /// fix. Every step may be left blank (not happened yet), but none is before the report
    /// was `published`.
    pub fn parse(
        &self,
        published: NaiveDate,
        findings: &[FindingRow],
    ) -> Result<NewSection55, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut dates = Vec::new();
        for (name, _) in STEPS {
            let d = self.date(name);
            dates.push(read_date(&mut errors, name, &d.day, &d.month, &d.year));
        }
        let response_url = inputs::parse_url(self.get("response_url"))
            .map_err(|e| errors.add("response_url", e.to_string()))
            .ok()
            .flatten();
        let responses = self.responses(findings, &mut errors);
        let steps = Section55 {
            comments_requested_on: dates[0],
            comments_deadline: dates[1],
            comments_received_on: dates[2],
            response_published_on: dates[3],
            response_url,
            copy_to_hmicfrs_on: dates[4],
            copy_to_home_secretary_on: dates[5],
            action_plan_received_on: dates[6],
        };
        for (field, message) in plausible::section_55(published, &steps) {
            errors.add(field, message);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewSection55 { steps, responses })
    }

    /// The responses alone, for a report outside section 55 (its clock has no dated steps
    /// here), or what to fix.
    pub fn parse_responses(
        &self,
        findings: &[FindingRow],
    ) -> Result<Vec<FindingResponse>, FieldErrors> {
        let mut errors = FieldErrors::default();
        let responses = self.responses(findings, &mut errors);
        match errors.is_empty() {
            true => Ok(responses),
            false => Err(errors),
        }
    }

    /// The position and explanation typed for each finding; the risk of not implementing one
    /// may be accepted only with its rationale (the explanation).
    fn responses(&self, findings: &[FindingRow], errors: &mut FieldErrors) -> Vec<FindingResponse> {
        let mut responses = Vec::new();
        for f in findings {
            let position = ResponsePosition::parse(self.get(&format!("position_{}", f.id)));
            let explanation =
                inputs::optional_text(self.get(&format!("explanation_{}", f.id)), 20_000)
                    .map_err(|e| {
                        errors.add(
                            "responses",
                            format!("{} {}: {e}", f.kind.label(), f.reference),
                        )
                    })
                    .ok()
                    .flatten();
            if position == Some(ResponsePosition::RiskAccepted) && explanation.is_none() {
                errors.add(
                    "responses",
                    format!(
                        "{} {}: give the rationale for accepting the risk of not implementing it",
                        f.kind.label(),
                        f.reference
                    ),
                );
            }
            responses.push(FindingResponse {
                finding_id: f.id,
                position,
                explanation,
            });
        }
        responses
    }
}

/// The steps' dates in the order of `STEPS`.
fn dates_of(r: &Section55) -> [Option<chrono::NaiveDate>; 7] {
    [
        r.comments_requested_on,
        r.comments_deadline,
        r.comments_received_on,
        r.response_published_on,
        r.copy_to_hmicfrs_on,
        r.copy_to_home_secretary_on,
        r.action_plan_received_on,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published() -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 2, 15).unwrap()
    }

    fn typed(pairs: &[(&str, &str)]) -> Section55Form {
        Section55Form(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn the_steps_typed_are_dated_and_the_rest_left_blank() {
        let new = typed(&[
            ("comments_requested_on_day", "16"),
            ("comments_requested_on_month", "2"),
            ("comments_requested_on_year", "2022"),
            ("response_url", "https://example.org/response"),
        ])
        .parse(published(), &[])
        .expect("valid");
        assert_eq!(
            new.steps.comments_requested_on,
            NaiveDate::from_ymd_opt(2022, 2, 16)
        );
        assert_eq!(new.steps.response_published_on, None);
        assert_eq!(
            new.steps.response_url.as_deref(),
            Some("https://example.org/response")
        );
        assert!(new.responses.is_empty());
    }

    #[test]
    fn an_impossible_step_date_is_refused_on_its_field() {
        let errors = typed(&[
            ("comments_received_on_day", "31"),
            ("comments_received_on_month", "2"),
            ("comments_received_on_year", "2022"),
        ])
        .parse(published(), &[])
        .expect_err("invalid");
        assert!(errors.get("comments_received_on").is_some(), "{errors:?}");
        assert_eq!(errors.0.len(), 1);
    }

    fn finding(id: i64, reference: &str) -> FindingRow {
        use crate::domain::vocab::{FindingKind, Timescale};
        FindingRow {
            id,
            inspection_id: 3,
            inspection_title: "Fire inspection".into(),
            published_on: NaiveDate::from_ymd_opt(2022, 2, 15).unwrap(),
            report_url: None,
            response_published_on: None,
            plan_review_received_on: None,
            plan_review_extended_to: None,
            facts: crate::domain::regimes::RegimeFacts {
                source: crate::domain::vocab::Source::Hmicfrs,
                body_kind: crate::domain::vocab::BodyKind::FireAndRescueService,
                has_cause_of_concern: false,
                applies: Default::default(),
            },
            parent_id: None,
            parent_reference: None,
            kind: FindingKind::Recommendation,
            reference: reference.into(),
            area: String::new(),
            official_wording: None,
            public_summary: None,
            timescale: Timescale::NoTimescale,
            timescale_date: None,
            response_position: None,
            response_explanation: None,
            version: 1,
        }
    }

    #[test]
    fn each_finding_gets_the_position_and_explanation_typed_for_it() {
        let new = typed(&[
            ("position_50", "accepted_in_part"),
            ("explanation_50", "  Part is for the fire authority. "),
        ])
        .parse(published(), &[finding(50, "R1"), finding(51, "R2")])
        .expect("valid");
        assert_eq!(
            new.responses,
            [
                FindingResponse {
                    finding_id: 50,
                    position: Some(ResponsePosition::AcceptedInPart),
                    explanation: Some("Part is for the fire authority.".into()),
                },
                FindingResponse {
                    finding_id: 51,
                    position: None,
                    explanation: None,
                },
            ]
        );
    }

    #[test]
    fn accepting_the_risk_of_not_implementing_a_recommendation_needs_its_rationale() {
        let errors = typed(&[("position_50", "risk_accepted"), ("explanation_50", "  ")])
            .parse(published(), &[finding(50, "R1")])
            .expect_err("no rationale");
        assert!(
            errors
                .get("responses")
                .is_some_and(|m| m.contains("R1") && m.contains("rationale")),
            "{errors:?}"
        );
        let new = typed(&[
            ("position_50", "risk_accepted"),
            (
                "explanation_50",
                "The cost outweighs the risk, reviewed yearly.",
            ),
        ])
        .parse(published(), &[finding(50, "R1")])
        .expect("with a rationale");
        assert_eq!(
            new.responses[0].position,
            Some(ResponsePosition::RiskAccepted)
        );
    }

    #[test]
    fn outside_section_55_only_the_responses_are_read_and_risk_accepted_still_needs_its_rationale()
    {
        let responses = typed(&[
            ("comments_received_on_day", "31"),
            ("comments_received_on_month", "2"),
            ("comments_received_on_year", "2022"),
            ("position_50", "not_addressed"),
            (
                "explanation_50",
                "The coroner's concern is for the NHS trust.",
            ),
        ])
        .parse_responses(&[finding(50, "1")])
        .expect("steps are not read");
        assert_eq!(responses[0].position, Some(ResponsePosition::NotAddressed));
        let errors = typed(&[("position_50", "risk_accepted")])
            .parse_responses(&[finding(50, "1"), finding(51, "2")])
            .expect_err("no rationale");
        assert_eq!(errors.0.len(), 1);
        assert!(
            errors
                .get("responses")
                .is_some_and(|m| m.contains("Recommendation 1"))
        );
    }

    #[test]
    fn a_missing_or_garbled_version_is_zero_and_never_matches() {
        assert_eq!(typed(&[("version", "3")]).version(), 3);
        assert_eq!(typed(&[("version", "x")]).version(), 0);
        assert_eq!(typed(&[]).with_version(4).version(), 4);
    }
}
