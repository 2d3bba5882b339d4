//! The agenda item form and the assurance judgement it may record (saved as an assessment).

use serde::Deserialize;

use super::FieldErrors;
use crate::db::agenda::AgendaItemRow;
use crate::db::meetings::MeetingRow;
use crate::domain::assurance::NewAssessment;
use crate::domain::inputs::{optional_text, required_text};
use crate::domain::meetings::{NewAgendaItem, parse_starts_at};
use crate::domain::subject::Subject;
use crate::domain::vocab::Assurance;

/// What was typed into the agenda item form. `finding` and `action` hold a subject's text
/// form ("finding:7", "action:5") or nothing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AgendaForm {
    pub finding: String,
    pub action: String,
    pub question: String,
    pub answer: String,
    pub level: String,
    pub rationale: String,
    pub evidence_seen: String,
    pub version: String,
}

/// A drop-down of one kind of subject: `Some(None)` when left blank, `None` when the value
/// is not a subject of that kind.
fn pick(value: &str, id_of: fn(Subject) -> Option<i64>) -> Option<Option<i64>> {
    if value.trim().is_empty() {
        return Some(None);
    }
    value.parse().ok().and_then(id_of).map(Some)
}

fn text(errors: &mut FieldErrors, field: &'static str, label: &str, value: &str) -> Option<String> {
    optional_text(value, 20_000)
        .map_err(|e| errors.add(field, format!("{label}: {e}")))
        .ok()
        .flatten()
}

impl AgendaForm {
    /// The form prefilled from a saved item and its judgement.
    pub fn from_row(item: &AgendaItemRow) -> Self {
        let text = |s: Option<Subject>| s.map(|s| s.to_string()).unwrap_or_default();
        Self {
            finding: text(item.finding_id.map(Subject::Finding)),
            action: text(item.action_id.map(Subject::Action)),
            question: item.question.clone(),
            answer: item.answer.clone(),
            level: item
                .level
                .map(|l| l.as_str().to_string())
                .unwrap_or_default(),
            rationale: item.rationale.clone().unwrap_or_default(),
            evidence_seen: item.evidence_seen.clone().unwrap_or_default(),
            version: item.version.to_string(),
        }
    }

    /// The item this form describes at `meeting`, and the judgement made there by
    /// `assessor_id` (dated the day of the meeting), or what to fix.
    pub fn parse(
        &self,
        meeting: &MeetingRow,
        assessor_id: i64,
    ) -> Result<(NewAgendaItem, Option<NewAssessment>), FieldErrors> {
        let mut e = FieldErrors::default();
        let finding = pick(&self.finding, Subject::finding_id);
        if finding.is_none() {
            e.add("finding", "Choose a finding from the list");
        }
        let action = pick(&self.action, Subject::action_id);
        if action.is_none() {
            e.add("action", "Choose an action-plan item from the list");
        }
        let (finding_id, action_id) = (finding.flatten(), action.flatten());
        if finding.is_some() && action.is_some() && finding_id.is_none() && action_id.is_none() {
            e.add(
                "finding",
                "Choose the finding or action-plan item this item is about",
            );
        }
        let question = required_text(&self.question, 5000)
            .map_err(|err| e.add("question", format!("Question: {err}")))
            .ok();
        let answer = optional_text(&self.answer, 20_000)
            .map_err(|err| e.add("answer", format!("Answer: {err}")))
            .ok();
        let level = match self.level.as_str() {
            "" => None,
            level => {
                let l = Assurance::parse(level);
                if l.is_none() {
                    e.add("level", "Choose an assurance level");
                }
                l
            }
        };
        let rationale = text(&mut e, "rationale", "Rationale", &self.rationale);
        let evidence_seen = text(
            &mut e,
            "evidence_seen",
            "Evidence seen",
            &self.evidence_seen,
        );
        let judgement = match level {
            Some(level) => {
                if finding_id.is_none() {
                    e.add(
                        "finding",
                        "Choose the finding the assurance judgement is about",
                    );
                }
                if rationale.is_none() {
                    e.add(
                        "rationale",
                        "Give the rationale for the assurance judgement",
                    );
                }
                let assessed_on = parse_starts_at(&meeting.starts_at).map(|a| a.date());
                match (finding_id, rationale, assessed_on) {
                    (Some(finding_id), Some(rationale), Some(assessed_on)) => Some(NewAssessment {
                        finding_id,
                        part_id: None,
                        level,
                        assessed_on,
                        rationale,
                        // Judgements at a meeting stay with the office; share one by
                        // recording it on the finding's page.
                        rationale_shared: false,
                        evidence_seen,
                        seen_file_ids: Vec::new(),
                        meeting_id: Some(meeting.id),
                        assessor_id,
                    }),
                    _ => None,
                }
            }
            None => {
                if rationale.is_some() {
                    e.add("level", "Choose an assurance level for the rationale given");
                }
                None
            }
        };
        match (question, answer) {
            (Some(question), Some(answer)) if e.is_empty() => Ok((
                NewAgendaItem {
                    finding_id,
                    action_id,
                    question,
                    answer: answer.unwrap_or_default(),
                },
                judgement,
            )),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::vocab::{MeetingKind, MeetingStatus};

    fn meeting() -> MeetingRow {
        MeetingRow {
            id: 3,
            kind: MeetingKind::PoliceAndCrimePanel,
            title: "Panel".into(),
            starts_at: "2026-03-23T14:00:00".into(),
            location: String::new(),
            attendees: String::new(),
            status: MeetingStatus::Planned,
            minutes: None,
            public_summary: None,
            update_deadline: None,
            version: 1,
        }
    }

    fn typed(finding: &str, action: &str, level: &str, rationale: &str) -> AgendaForm {
        AgendaForm {
            finding: finding.into(),
            action: action.into(),
            question: "Is the review on track?".into(),
            level: level.into(),
            rationale: rationale.into(),
            ..AgendaForm::default()
        }
    }

    #[test]
    fn an_item_with_a_judgement_makes_an_assessment_dated_the_day_of_the_meeting() {
        let (item, judgement) = typed("finding:7", "action:5", "limited", "Thin evidence")
            .parse(&meeting(), 1)
            .expect("valid");
        assert_eq!(item.finding_id, Some(7));
        assert_eq!(item.action_id, Some(5));
        assert_eq!(item.question, "Is the review on track?");
        let j = judgement.expect("a judgement");
        assert_eq!(j.finding_id, 7);
        assert_eq!(j.level, Assurance::Limited);
        assert_eq!(j.assessed_on, NaiveDate::from_ymd_opt(2026, 3, 23).unwrap());
        assert_eq!(j.meeting_id, Some(3));
        assert_eq!(j.rationale, "Thin evidence");
    }

    #[test]
    fn an_item_without_a_level_has_no_judgement() {
        let (item, judgement) = typed("", "action:5", "", "")
            .parse(&meeting(), 1)
            .expect("valid");
        assert_eq!((item.finding_id, item.action_id), (None, Some(5)));
        assert_eq!(judgement, None);
    }

    #[test]
    fn a_judgement_needs_a_finding_and_a_rationale() {
        let e = typed("", "action:5", "limited", "")
            .parse(&meeting(), 1)
            .expect_err("invalid");
        assert_eq!(
            e.get("finding"),
            Some("Choose the finding the assurance judgement is about")
        );
        assert_eq!(
            e.get("rationale"),
            Some("Give the rationale for the assurance judgement")
        );
    }

    #[test]
    fn a_subject_of_the_wrong_kind_or_neither_is_refused() {
        let e = typed("action:5", "finding:7", "", "")
            .parse(&meeting(), 1)
            .expect_err("swapped");
        assert_eq!(e.get("finding"), Some("Choose a finding from the list"));
        assert_eq!(
            e.get("action"),
            Some("Choose an action-plan item from the list")
        );
        let e = typed("", "", "", "")
            .parse(&meeting(), 1)
            .expect_err("none");
        assert_eq!(
            e.get("finding"),
            Some("Choose the finding or action-plan item this item is about")
        );
    }
}
