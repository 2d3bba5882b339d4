//! Reading, checking and re-showing the agenda item form and its judgement.

use crate::db::agenda::{AgendaItemRow, NewAgendaItem};
use crate::db::meetings::MeetingRow;
use crate::domain::assurance::NewAssessment;
use crate::domain::inputs::{optional_text, required_text};
use crate::domain::meetings::{link_value, parse_link, parse_starts_at};
use crate::domain::vocab::Assurance;
use crate::views::agenda::AgendaForm;
use crate::views::forms::{Clash, FieldErrors};

pub(super) fn form_of(item: &AgendaItemRow) -> AgendaForm {
    AgendaForm {
        finding: link_value(item.finding_id, None),
        action: link_value(None, item.action_id),
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

pub(super) fn clashes<'a>(saved: &AgendaForm, typed: &AgendaForm) -> Vec<Clash<'a>> {
    [
        ("Finding", &saved.finding, &typed.finding),
        ("Action-plan item", &saved.action, &typed.action),
        ("Question", &saved.question, &typed.question),
        ("Answer", &saved.answer, &typed.answer),
        ("Assurance level", &saved.level, &typed.level),
        ("Rationale", &saved.rationale, &typed.rationale),
        ("Evidence seen", &saved.evidence_seen, &typed.evidence_seen),
    ]
    .iter()
    .map(|(l, s, t)| Clash {
        label: l,
        saved: s.to_string(),
        typed: t.to_string(),
    })
    .collect()
}

pub(super) fn validate(
    f: &AgendaForm,
    meeting: &MeetingRow,
    assessor_id: i64,
) -> Result<(NewAgendaItem, Option<NewAssessment>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let finding = parse_link(&f.finding).filter(|l| l.action_id.is_none());
    if finding.is_none() {
        errors.add("finding", "Choose a finding from the list");
    }
    let action = parse_link(&f.action).filter(|l| l.finding_id.is_none());
    if action.is_none() {
        errors.add("action", "Choose an action-plan item from the list");
    }
    let finding_id = finding.and_then(|l| l.finding_id);
    let action_id = action.and_then(|l| l.action_id);
    if finding.is_some() && action.is_some() && finding_id.is_none() && action_id.is_none() {
        errors.add(
            "finding",
            "Choose the finding or action-plan item this item is about",
        );
    }
    let question = required_text(&f.question, 5000)
        .map_err(|e| errors.add("question", format!("Question: {e}")))
        .ok();
    let answer = optional_text(&f.answer, 20_000)
        .map_err(|e| errors.add("answer", format!("Answer: {e}")))
        .ok();
    let level = if f.level.is_empty() {
        None
    } else {
        let l = Assurance::parse(&f.level);
        if l.is_none() {
            errors.add("level", "Choose an assurance level");
        }
        l
    };
    let rationale = optional_text(&f.rationale, 20_000)
        .map_err(|e| errors.add("rationale", format!("Rationale: {e}")))
        .ok()
        .flatten();
    let evidence_seen = optional_text(&f.evidence_seen, 20_000)
        .map_err(|e| errors.add("evidence_seen", format!("Evidence seen: {e}")))
        .ok()
        .flatten();
    let judgement = match level {
        Some(level) => {
            if finding_id.is_none() {
                errors.add(
                    "finding",
                    "Choose the finding the assurance judgement is about",
                );
            }
            if rationale.is_none() {
                errors.add(
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
                    evidence_seen,
                    meeting_id: Some(meeting.id),
                    assessor_id,
                }),
                _ => None,
            }
        }
        None => {
            if rationale.is_some() {
                errors.add("level", "Choose an assurance level for the rationale given");
            }
            None
        }
    };
    match (question, answer) {
        (Some(question), Some(answer)) if errors.is_empty() => Ok((
            NewAgendaItem {
                finding_id,
                action_id,
                question,
                answer: answer.unwrap_or_default(),
            },
            judgement,
        )),
        _ => Err(errors),
    }
}
