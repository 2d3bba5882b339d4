//! What people typed into forms, and how it becomes a validated domain input or a set of
//! messages, one per field. Each area's form is a type in a module here with a `parse` that
//! runs without IO and is unit-tested beside it.

pub mod accounts;
pub mod actions;
pub mod agenda;
pub mod api_tokens;
pub mod arising;
pub mod assurance;
pub mod blocks;
pub mod bodies;
pub mod clocks;
pub mod evidence;
pub mod findings;
pub mod findings_csv;
pub mod fire_review;
pub mod inspections;
pub mod mail;
pub mod measures;
pub mod meetings;
pub mod milestones;
pub mod publishing;
pub mod report_packages;
pub mod rules;
pub mod section_55;
pub mod settings;
pub mod themes;
pub mod updates;
pub mod withdrawals;

use chrono::NaiveDate;

use crate::domain::inputs::{TextError, optional_text, parse_date_parts, required_text};

/// The "field" of a message about the whole form (the save was refused, not a field): shown
/// in the error summary without a link.
pub const PAGE: &str = "";

/// Messages keyed by field name, in the order the fields appear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// What was typed into a GOV.UK date input, kept as text so mistakes survive re-display.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateParts {
    pub fn from_date(date: Option<chrono::NaiveDate>) -> Self {
        use chrono::Datelike;
        match date {
            Some(d) => Self {
                day: d.day().to_string(),
                month: d.month().to_string(),
                year: d.year().to_string(),
            },
            None => Self::default(),
        }
    }
}

/// The version of a record that the person saw, from a form's hidden field. Versions start at
/// 1, so a missing or garbled one (0) never matches: the save is treated as stale.
pub fn version(value: &str) -> i64 {
    value.trim().parse().unwrap_or(0)
}

/// Text that must be given; `what` completes "Enter …" (for example "a title").
pub fn required(
    errors: &mut FieldErrors,
    field: &'static str,
    what: &str,
    value: &str,
    max: usize,
) -> String {
    match required_text(value, max) {
        Ok(v) => v,
        Err(TextError::Missing) => {
            errors.add(field, format!("Enter {what}"));
            String::new()
        }
        Err(e) => {
            errors.add(field, e.to_string());
            String::new()
        }
    }
}

/// Text that may be left blank.
pub fn optional(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> Option<String> {
    optional_text(value, max).unwrap_or_else(|e| {
        errors.add(field, e.to_string());
        None
    })
}

/// A date that must be given and must be real (31 February is refused).
pub fn date(
    errors: &mut FieldErrors,
    field: &'static str,
    what: &str,
    parts: &DateParts,
) -> Option<NaiveDate> {
    match parse_date_parts(&parts.day, &parts.month, &parts.year) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.add(field, format!("Enter {what}"));
            None
        }
        Err(e) => {
            errors.add(field, e.to_string());
            None
        }
    }
}

/// A date that must be given, real, and not after `today`.
pub fn past_date(
    errors: &mut FieldErrors,
    field: &'static str,
    what: &str,
    parts: &DateParts,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let d = date(errors, field, what, parts)?;
    if d > today {
        errors.add(field, "Date must be today or in the past");
        return None;
    }
    Some(d)
}

/// A choice from a closed vocabulary.
pub fn choice<T>(
    errors: &mut FieldErrors,
    field: &'static str,
    message: &str,
    parsed: Option<T>,
) -> Option<T> {
    if parsed.is_none() {
        errors.add(field, message);
    }
    parsed
}

/// A date from a GOV.UK date input; a problem is added to `errors` under `name`.
pub fn read_date(
    errors: &mut FieldErrors,
    name: &'static str,
    d: &str,
    m: &str,
    y: &str,
) -> Option<NaiveDate> {
    parse_date_parts(d, m, y).unwrap_or_else(|e| {
        errors.add(name, e.to_string());
        None
    })
}

/// An optional id chosen from a drop-down.
pub fn read_id(errors: &mut FieldErrors, name: &'static str, value: &str) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    v.parse()
        .map_err(|_| errors.add(name, "Choose from the list"))
        .ok()
}
