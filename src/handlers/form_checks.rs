//! Turning what people typed into forms into checked values, collecting a message per field
//! as it goes (GOV.UK dates, text, drop-down ids, record versions), and how a form is shown
//! again: with problems (422) or after someone else saved first (409).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::Markup;

use crate::domain::inputs::{TextError, optional_text, parse_date_parts, required_text};
use crate::views::forms::{DateParts, FormErrors};

/// Text that must be given; `what` completes "Enter …" (for example "a title").
pub fn required(
    errors: &mut FormErrors,
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
    errors: &mut FormErrors,
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
    errors: &mut FormErrors,
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
    errors: &mut FormErrors,
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
    errors: &mut FormErrors,
    field: &'static str,
    message: &str,
    parsed: Option<T>,
) -> Option<T> {
    if parsed.is_none() {
        errors.add(field, message);
    }
    parsed
}

/// A form shown again because something typed was not accepted.
pub fn unprocessable(page: Markup) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// A form shown again because someone else saved first.
pub fn conflict(page: Markup) -> Response {
    (StatusCode::CONFLICT, page).into_response()
}

/// Serialise a row for the audit log.
pub fn json<T: serde::Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

/// Record one change to `(entity, id, action)` in the audit log, inside the write's transaction.
pub async fn audit(
    tx: &mut sqlx::SqliteConnection,
    now: chrono::DateTime<chrono::Utc>,
    user: &crate::auth::CurrentUser,
    (entity, id, action): (&str, i64, &str),
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), sqlx::Error> {
    let change = crate::db::audit::Change {
        entity,
        entity_id: Some(id),
        action,
        before,
        after,
    };
    crate::db::audit::record(tx, now, &user.actor(), change).await
}

/// A date from a GOV.UK date input; a problem is added to `errors` under `name`.
pub fn read_date(
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
pub fn read_id(errors: &mut FormErrors, name: &'static str, value: &str) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    v.parse()
        .map_err(|_| errors.add(name, "Choose from the list"))
        .ok()
}

pub fn read_version(value: &str) -> i64 {
    value.trim().parse().unwrap_or(0)
}

/// How a form is shown: fresh (200), with problems to put right (422), or after someone else
/// saved first (409, with both versions above the form).
pub enum Shown {
    Fresh,
    Invalid(FormErrors),
    Conflict(maud::Markup),
}

impl Shown {
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            Shown::Fresh => StatusCode::OK,
            Shown::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Shown::Conflict(_) => StatusCode::CONFLICT,
        }
    }

    /// The messages and the conflict summary to show.
    pub fn parts(self) -> (FormErrors, Option<maud::Markup>) {
        match self {
            Shown::Fresh => (FormErrors::default(), None),
            Shown::Invalid(errors) => (errors, None),
            Shown::Conflict(summary) => (FormErrors::default(), Some(summary)),
        }
    }
}

/// One message on one field.
pub fn problem(field: &'static str, message: impl Into<String>) -> Shown {
    let mut errors = FormErrors::default();
    errors.add(field, message);
    Shown::Invalid(errors)
}
