//! The inspection form: checking what was typed, filling it from a saved inspection, and
//! what differs when someone else saved first.

use chrono::NaiveDate;
use maud::Markup;

use super::form_checks::{read_date, read_id};
use crate::db::inspections::{InspectionRow, NewInspection};
use crate::domain::inputs::{self, parse_date_parts};
use crate::domain::vocab::{InspectionKind, Source};
use crate::views::forms::{Clash, FieldErrors, conflict_summary};
use crate::views::inspections::{InspectionForm, date_text};

pub(super) fn clash(saved: &InspectionRow, typed: &InspectionForm) -> Markup {
    let typed_date =
        |d: &str, m: &str, y: &str| date_text(parse_date_parts(d, m, y).ok().flatten());
    conflict_summary(&[
        Clash {
            label: "Title",
            saved: saved.title.clone(),
            typed: typed.title.trim().into(),
        },
        Clash {
            label: "Kind",
            saved: saved.kind.as_str().into(),
            typed: typed.kind.clone(),
        },
        Clash {
            label: "Publication date",
            saved: date_text(Some(saved.published_on)),
            typed: typed_date(
                &typed.published_on_day,
                &typed.published_on_month,
                &typed.published_on_year,
            ),
        },
        Clash {
            label: "Link to the report",
            saved: saved.report_url.clone().unwrap_or_default(),
            typed: typed.report_url.trim().into(),
        },
    ])
}

pub(super) fn form_from(i: &InspectionRow) -> InspectionForm {
    let p = |d: Option<NaiveDate>| crate::views::forms::DateParts::from_date(d);
    let (fs, fe, pb) = (
        p(i.fieldwork_start),
        p(i.fieldwork_end),
        p(Some(i.published_on)),
    );
    InspectionForm {
        body_id: i.body_id.to_string(),
        new_body: String::new(),
        title: i.title.clone(),
        kind: i.kind.as_str().into(),
        source: i.source.as_str().into(),
        fieldwork_start_day: fs.day,
        fieldwork_start_month: fs.month,
        fieldwork_start_year: fs.year,
        fieldwork_end_day: fe.day,
        fieldwork_end_month: fe.month,
        fieldwork_end_year: fe.year,
        published_on_day: pb.day,
        published_on_month: pb.month,
        published_on_year: pb.year,
        report_url: i.report_url.clone().unwrap_or_default(),
        follows_up_id: i.follows_up_id.map(|v| v.to_string()).unwrap_or_default(),
        version: i.version.to_string(),
    }
}

/// Check the form; a new body name (if typed) is returned to be found or created.
pub(super) fn check(f: &InspectionForm) -> Result<(NewInspection, Option<String>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let new_body = inputs::optional_text(&f.new_body, 200)
        .map_err(|e| errors.add("new_body", e.to_string()))
        .ok()
        .flatten();
    let body_id = read_id(&mut errors, "body_id", &f.body_id);
    if body_id.is_none() && new_body.is_none() && errors.get("new_body").is_none() {
        errors.add(
            "body_id",
            "Choose the inspected body, or type the name of a new one",
        );
    }
    let title = inputs::required_text(&f.title, 300)
        .map_err(|e| errors.add("title", format!("Title: {e}")))
        .ok();
    let kind = InspectionKind::parse(&f.kind);
    if kind.is_none() {
        errors.add("kind", "Choose the kind of inspection");
    }
    let source = Source::parse(&f.source);
    if source.is_none() {
        errors.add("source", "Choose the source");
    }
    let start = read_date(
        &mut errors,
        "fieldwork_start",
        &f.fieldwork_start_day,
        &f.fieldwork_start_month,
        &f.fieldwork_start_year,
    );
    let end = read_date(
        &mut errors,
        "fieldwork_end",
        &f.fieldwork_end_day,
        &f.fieldwork_end_month,
        &f.fieldwork_end_year,
    );
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        errors.add(
            "fieldwork_end",
            "Fieldwork must end on or after the day it started",
        );
    }
    let published = read_date(
        &mut errors,
        "published_on",
        &f.published_on_day,
        &f.published_on_month,
        &f.published_on_year,
    );
    if published.is_none() && errors.get("published_on").is_none() {
        errors.add("published_on", "Enter the publication date");
    }
    let report_url = inputs::parse_url(&f.report_url)
        .map_err(|e| errors.add("report_url", e.to_string()))
        .ok()
        .flatten();
    let follows_up_id = read_id(&mut errors, "follows_up_id", &f.follows_up_id);
    match (title, kind, source, published) {
        (Some(title), Some(kind), Some(source), Some(published_on)) if errors.is_empty() => Ok((
            NewInspection {
                body_id: body_id.unwrap_or(0),
                title,
                kind,
                source,
                fieldwork_start: start,
                fieldwork_end: end,
                published_on,
                report_url,
                follows_up_id,
            },
            new_body,
        )),
        _ => Err(errors),
    }
}
