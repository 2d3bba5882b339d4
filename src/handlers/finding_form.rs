//! The finding form: checking what was typed (unique reference, a parent that is a cause of
//! concern, a stated date only with a by-date timescale, parts one per line), filling it from
//! a saved finding, and what differs when someone else saved first.

use maud::Markup;

use super::form_checks::{read_date, read_id};
use crate::db::findings::{FindingRow, NewFinding, PartRow, removed_parts};
use crate::domain::inputs;
use crate::domain::vocab::{FindingKind, Timescale};
use crate::views::findings::FindingForm;
use crate::views::forms::{Clash, DateParts, FieldErrors, conflict_summary};

pub(super) fn clash(saved: &FindingRow, typed: &FindingForm) -> Markup {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    conflict_summary(&[
        Clash {
            label: "Reference",
            saved: saved.reference.clone(),
            typed: typed.reference.trim().into(),
        },
        Clash {
            label: "Area",
            saved: saved.area.clone(),
            typed: typed.area.trim().into(),
        },
        Clash {
            label: "Official wording",
            saved: opt(&saved.official_wording),
            typed: typed.official_wording.trim().into(),
        },
        Clash {
            label: "Public summary",
            saved: opt(&saved.public_summary),
            typed: typed.public_summary.trim().into(),
        },
        Clash {
            label: "Timescale",
            saved: saved.timescale.label().into(),
            typed: Timescale::parse(&typed.timescale)
                .map(|t| t.label())
                .unwrap_or("")
                .into(),
        },
    ])
}

pub(super) fn form_from(f: &FindingRow, parts: &str) -> FindingForm {
    let d = DateParts::from_date(f.timescale_date);
    FindingForm {
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
        parts: parts.into(),
        version: f.version.to_string(),
    }
}

/// Check the form against the other findings of the inspection (unique reference, parent).
pub(super) fn check(
    f: &FindingForm,
    siblings: &[FindingRow],
    id: Option<i64>,
) -> Result<(NewFinding, Vec<String>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let kind = FindingKind::parse(&f.kind);
    if kind.is_none() {
        errors.add("kind", "Choose the kind of finding");
    }
    let parent_id = read_id(&mut errors, "parent_id", &f.parent_id);
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
    let reference = inputs::required_text(&f.reference, 40)
        .map_err(|e| errors.add("reference", format!("Reference: {e}")))
        .ok();
    if let Some(r) = &reference
        && siblings
            .iter()
            .any(|s| s.reference.eq_ignore_ascii_case(r) && Some(s.id) != id)
    {
        errors.add(
            "reference",
            format!("Reference {r} is already used in this inspection"),
        );
    }
    let area = inputs::optional_text(&f.area, 200)
        .map_err(|e| errors.add("area", format!("Area: {e}")))
        .ok()
        .flatten();
    let wording = inputs::optional_text(&f.official_wording, 20_000)
        .map_err(|e| errors.add("official_wording", format!("Official wording: {e}")))
        .ok()
        .flatten();
    let summary = inputs::optional_text(&f.public_summary, 20_000)
        .map_err(|e| errors.add("public_summary", format!("Public summary: {e}")))
        .ok()
        .flatten();
    let timescale = Timescale::parse(&f.timescale);
    if timescale.is_none() {
        errors.add("timescale", "Choose the timescale");
    }
    let date = read_date(
        &mut errors,
        "timescale_date",
        &f.timescale_date_day,
        &f.timescale_date_month,
        &f.timescale_date_year,
    );
    match (timescale, date) {
        (Some(Timescale::ByDate), None) if errors.get("timescale_date").is_none() => {
            errors.add("timescale_date", "Enter the stated date")
        }
        (Some(t), Some(_)) if t != Timescale::ByDate => errors.add(
            "timescale_date",
            "Leave the stated date blank unless the timescale is by a stated date",
        ),
        _ => {}
    }
    let lines: Vec<String> = f
        .parts
        .lines()
        .map(|l| l.replace('\0', "").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > 50 || lines.iter().any(|l| l.chars().count() > 2000) {
        errors.add(
            "parts",
            "Give at most 50 parts of 2000 characters or fewer each",
        );
    }
    match (kind, reference, timescale) {
        (Some(kind), Some(reference), Some(timescale)) if errors.is_empty() => Ok((
            NewFinding {
                parent_id,
                kind,
                reference,
                area: area.unwrap_or_default(),
                official_wording: wording,
                public_summary: summary,
                timescale,
                timescale_date: date,
            },
            lines,
        )),
        _ => Err(errors),
    }
}

/// Parts that an assessment or position refers to must stay: refuse a change that drops one.
pub(super) fn check_removals(
    existing: &[PartRow],
    lines: &[String],
    referenced: &[i64],
) -> Result<(), FieldErrors> {
    let blocked: Vec<&str> = removed_parts(existing, lines)
        .into_iter()
        .filter(|p| referenced.contains(&p.id))
        .map(|p| p.text.as_str())
        .collect();
    if blocked.is_empty() {
        return Ok(());
    }
    let mut errors = FieldErrors::default();
    errors.add(
        "parts",
        format!(
            "These parts have been judged and cannot be removed: {}",
            blocked.join("; ")
        ),
    );
    Err(errors)
}
