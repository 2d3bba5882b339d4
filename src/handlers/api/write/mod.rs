//! Changing the record through the API: each body becomes the form the pages read, so the
//! same rules give the same messages, and goes through the same record function with its
//! audit event (naming the token). Answered with the record made (201), or – for a repeated
//! `Idempotency-Key` – that record again (200, `Idempotent-Replayed: true`). The answers
//! every change shares (400, 401, 403, 404, 413, 415, 422, 429), their headers and the
//! `Idempotency-Key` parameter are added to the document by `docs`.

mod assurance;
mod bodies;
mod updates;

pub use assurance::{assess, record_position};
pub use bodies::{NewAssessmentBody, NewPositionBody, NewProposalBody, NewUpdateBody};
pub use updates::{post_update, propose};

use std::convert::Infallible;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::Problem;
use crate::error::AppError;
use crate::forms::{DateParts, FieldErrors};
use crate::record::{RecordError, RecordResult, Saved};

/// A date sent as `YYYY-MM-DD`, as the parts a form's date input holds (`None`: `today`);
/// anything else (`2026-1-1` included: the document promises RFC 3339 dates) is refused on
/// the field, before the form's own checks of the digits and the calendar.
fn date_parts(
    errors: &mut FieldErrors,
    field: &'static str,
    sent: Option<&str>,
    today: chrono::NaiveDate,
) -> DateParts {
    let Some(sent) = sent else {
        return DateParts::from_date(Some(today));
    };
    match sent.trim().split('-').collect::<Vec<_>>()[..] {
        [year, month, day] if year.len() == 4 && month.len() == 2 && day.len() == 2 => DateParts {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        },
        _ => {
            errors.add(
                field,
                "Enter the date as YYYY-MM-DD, for example 2026-12-01",
            );
            DateParts::default()
        }
    }
}

fn id_text(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

fn yes(flag: bool) -> String {
    if flag { "yes".into() } else { String::new() }
}

/// Refused input: the form's messages with any unreadable date's message first.
fn refused<T>(mut dates: FieldErrors, parsed: Result<T, FieldErrors>) -> Result<T, RecordError> {
    match parsed {
        Ok(input) if dates.is_empty() => Ok(input),
        Ok(_) => Err(dates.into()),
        Err(errors) => {
            for (field, message) in errors.0 {
                if dates.get(field).is_none() {
                    dates.add(field, message);
                }
            }
            Err(dates.into())
        }
    }
}

/// Answer a change: 201 with the record made and its `Location`; 200 with the same record
/// for a repeated request; otherwise the problem.
async fn answer<R: Serialize>(
    result: RecordResult<Saved<i64, Infallible>>,
    location: impl FnOnce(i64) -> String,
    load: impl AsyncFnOnce(i64) -> Result<R, Problem>,
) -> Result<Response, Problem> {
    let (status, id) = match result {
        Ok(Saved::Done(id)) => (StatusCode::CREATED, id),
        Ok(Saved::Stale(never)) => match never {},
        Err(RecordError::Repeated { id, .. }) => (StatusCode::OK, id),
        Err(other) => return Err(other.into()),
    };
    let made = load(id).await?;
    let location = HeaderValue::from_str(&location(id)).map_err(AppError::internal)?;
    let mut response = (status, [(header::LOCATION, location)], axum::Json(made)).into_response();
    if status == StatusCode::OK {
        let replayed = HeaderValue::from_static("true");
        response
            .headers_mut()
            .insert("idempotent-replayed", replayed);
    }
    Ok(response)
}

/// The API's changes, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    updates::post_update,
    updates::post_finding_update,
    updates::propose,
    assurance::assess,
    assurance::record_position
))]
pub struct WriteApi;
