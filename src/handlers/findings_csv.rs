//! Findings in and out as CSV: import (paste or upload, preview every row, save all or
//! nothing) and export in exactly the same format.

use axum::extract::{Path, Request, State};
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
    let not_text = "The file must be CSV text saved as UTF-8";
    let pairs = super::multipart::read_text(request, state, not_text).await?;
    Ok(FindingsCsvForm::from_pairs(pairs))
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
