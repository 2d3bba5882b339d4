//! Findings in and out as CSV: import (paste or upload, preview every row, save all or
//! nothing) and export in exactly the same format.

use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::respond::{self, Now};
use crate::auth::CurrentUser;
use crate::db::findings;
use crate::db::inspections::InspectionRow;
use crate::domain::findings_csv::{self, CsvFinding};
use crate::error::AppResult;
use crate::forms::findings_csv::{FindingsCsvForm, NotYet};
use crate::views::imports::{Outcome, import_page};
use crate::views::layout::Chrome;
use crate::{AppState, record};

pub async fn new(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let inspection = super::inspections::get(&s, id).await?;
    let chrome = super::chrome(&s, Some(&u));
    Ok(import_page(&chrome, &inspection, "", Outcome::Nothing).into_response())
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    request: Request,
) -> AppResult<Response> {
    let inspection = super::inspections::get(&s, id).await?;
    let chrome = super::chrome(&s, Some(&u));
    let form = match read_form(request, &s).await {
        Ok(form) => form,
        Err(problem) => return Ok(not_yet(&chrome, &inspection, "", NotYet::File(problem))),
    };
    let existing: Vec<String> = findings::list_for_inspection(&s.db, id)
        .await?
        .into_iter()
        .map(|f| f.reference)
        .collect();
    let new = match form.parse(&existing, inspection.published_on) {
        Ok(new) => new,
        Err(why) => return Ok(not_yet(&chrome, &inspection, &form.csv, why)),
    };
    let result = record::findings::import(&s.db, &u.actor(), now.at, id, new).await;
    respond::saved(
        result,
        |id| format!("/inspections/{id}#findings"),
        |shown| {
            let problem = shown.errors().get("csv").unwrap_or_default().to_string();
            let outcome = Outcome::FileProblem(&problem);
            std::future::ready(Ok(import_page(&chrome, &inspection, &form.csv, outcome)))
        },
    )
    .await
}

/// The import page for a file not saved yet: a problem with the file or some rows (422),
/// or every row shown for the person to confirm (200).
fn not_yet(chrome: &Chrome, inspection: &InspectionRow, csv: &str, why: NotYet) -> Response {
    let (status, outcome) = match &why {
        NotYet::File(problem) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Outcome::FileProblem(problem),
        ),
        NotYet::Rows(rows) => (StatusCode::UNPROCESSABLE_ENTITY, Outcome::Preview(rows)),
        NotYet::Unconfirmed(rows) => (StatusCode::OK, Outcome::Preview(rows)),
    };
    (status, import_page(chrome, inspection, csv, outcome)).into_response()
}

/// The CSV from the form: an uploaded file wins over pasted text.
async fn read_form(request: Request, state: &AppState) -> Result<FindingsCsvForm, String> {
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"multipart/form-data"));
    let unreadable = || "The form could not be read. Go back and try again.".to_string();
    if !is_multipart {
        let Form(form) = Form::<FindingsCsvForm>::from_request(request, state)
            .await
            .map_err(|_| unreadable())?;
        return Ok(form);
    }
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| unreadable())?;
    let (mut form, mut file) = (FindingsCsvForm::default(), String::new());
    while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
        let name = field.name().unwrap_or_default().to_string();
        let bytes = field.bytes().await.map_err(|_| unreadable())?;
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| "The file must be CSV text saved as UTF-8".to_string())?;
        match name.as_str() {
            "csv" => form.csv = text,
            "file" => file = text,
            "confirm" => form.confirm = text,
            _ => {}
        }
    }
    if !file.trim().is_empty() {
        form.csv = file;
    }
    Ok(form)
}

pub async fn export(State(state): State<AppState>, Path(id): Path<i64>) -> AppResult<Response> {
    let inspection = super::inspections::get(&state, id).await?;
    let rows: Vec<CsvFinding> = findings::list_for_inspection(&state.db, id)
        .await?
        .into_iter()
        .map(|f| CsvFinding {
            reference: f.reference,
            kind: f.kind,
            area: f.area,
            timescale: f.timescale,
            timescale_date: f.timescale_date,
            wording: f.official_wording,
            summary: f.public_summary,
        })
        .collect();
    let disposition = format!("attachment; filename=\"inspection-{id}-findings.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        findings_csv::write(&rows, &inspection.body_name),
    )
        .into_response())
}
