//! Reading what people typed into forms: GOV.UK dates, drop-down ids and record versions.
//! Each problem is added to the form's errors under the field's name.

use chrono::NaiveDate;

use crate::domain::inputs::parse_date_parts;
use crate::views::forms::FormErrors;

/// A date from a GOV.UK date input; a problem is added to `errors` under `name`.
pub(crate) fn read_date(
    errors: &mut FormErrors,
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
pub(crate) fn read_id(errors: &mut FormErrors, name: &'static str, value: &str) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    v.parse()
        .map_err(|_| errors.add(name, "Choose from the list"))
        .ok()
}

pub(crate) fn read_version(value: &str) -> i64 {
    value.trim().parse().unwrap_or(0)
}

/// A required date that is not after today.
pub(crate) fn past_date(
    errors: &mut FormErrors,
    name: &'static str,
    (d, m, y): (&str, &str, &str),
    today: NaiveDate,
) -> Option<NaiveDate> {
    let date = read_date(errors, name, d, m, y);
    match date {
        None if errors.get(name).is_none() => errors.add(name, "Enter the date"),
        Some(date) if date > today => errors.add(name, "Date must be today or in the past"),
        _ => return date,
    }
    None
}

/// How a form is shown: fresh (200), with problems to put right (422), or after someone else
/// saved first (409, with both versions above the form).
pub(crate) enum Shown {
    Fresh,
    Invalid(FormErrors),
    Conflict(maud::Markup),
}

impl Shown {
    pub(crate) fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            Shown::Fresh => StatusCode::OK,
            Shown::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Shown::Conflict(_) => StatusCode::CONFLICT,
        }
    }

    /// The messages and the conflict summary to show.
    pub(crate) fn parts(self) -> (FormErrors, Option<maud::Markup>) {
        match self {
            Shown::Fresh => (FormErrors::default(), None),
            Shown::Invalid(errors) => (errors, None),
            Shown::Conflict(summary) => (FormErrors::default(), Some(summary)),
        }
    }
}

/// One message on one field.
pub(crate) fn problem(field: &'static str, message: impl Into<String>) -> Shown {
    let mut errors = FormErrors::default();
    errors.add(field, message);
    Shown::Invalid(errors)
}
