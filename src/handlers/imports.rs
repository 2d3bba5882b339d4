//! Findings in and out as CSV: import (paste or upload, preview every row, save all or
//! nothing) and export in exactly the same format.

use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::db::audit::{self, Change};
use crate::db::findings::{self, NewFinding};
use crate::domain::findings_csv::{self, CsvFinding};
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::imports::{Outcome, import_page};
use crate::{AppState, db};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ImportForm {
    pub csv: String,
    pub confirm: String,
}

pub async fn new(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let inspection = db::inspections::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(import_page(
        &super::chrome(&state, Some(&user)),
        &inspection,
        "",
        Outcome::Nothing,
    )
    .into_response())
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    request: Request,
) -> AppResult<Response> {
    let inspection = db::inspections::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let chrome = super::chrome(&state, Some(&user));
    let unprocessable = |text: &str, outcome| {
        Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            import_page(&chrome, &inspection, text, outcome),
        )
            .into_response())
    };
    let form = match read_form(request, &state).await {
        Ok(form) => form,
        Err(problem) => return unprocessable("", Outcome::FileProblem(&problem)),
    };
    let existing: Vec<String> = findings::list_for_inspection(&state.db, id)
        .await?
        .into_iter()
        .map(|f| f.reference)
        .collect();
    let rows = match findings_csv::read(&form.csv, &existing) {
        Ok(rows) if rows.is_empty() => {
            return unprocessable(
                &form.csv,
                Outcome::FileProblem("The file has a header but no findings"),
            );
        }
        Ok(rows) => rows,
        Err(problem) => return unprocessable(&form.csv, Outcome::FileProblem(&problem)),
    };
    if rows.iter().any(|r| !r.problems.is_empty()) {
        return unprocessable(&form.csv, Outcome::Preview(&rows));
    }
    if form.confirm != "1" {
        return Ok(
            import_page(&chrome, &inspection, &form.csv, Outcome::Preview(&rows)).into_response(),
        );
    }
    let now = db::timestamp(state.clock.now());
    let mut tx = db::begin_write(&state.db).await?;
    for f in rows.iter().filter_map(|r| r.finding.as_ref()) {
        let new = NewFinding {
            parent_id: None,
            kind: f.kind,
            reference: f.reference.clone(),
            area: f.area.clone(),
            official_wording: f.wording.clone(),
            public_summary: f.summary.clone(),
            timescale: f.timescale,
            timescale_date: f.timescale_date,
        };
        let fid = match findings::insert(&mut tx, id, &new, &now).await {
            Ok(fid) => fid,
            // Someone added one of these references since the file was checked.
            Err(e) if db::is_constraint_violation(&e) => {
                let problem = format!(
                    "Reference {} was added to this inspection meanwhile. Nothing has been saved: check the file again.",
                    new.reference
                );
                return unprocessable(&form.csv, Outcome::FileProblem(&problem));
            }
            Err(e) => return Err(e.into()),
        };
        audit::record(
            &mut tx,
            state.clock.now(),
            &user.actor(),
            Change {
                entity: Entity::Finding,
                entity_id: Some(fid),
                action: AuditAction::Import,
                before: None,
                after: Some(serde_json::json!({ "inspection_id": id, "finding": new })),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/inspections/{id}#findings")).into_response())
}

/// The CSV from the form: an uploaded file wins over pasted text.
async fn read_form(request: Request, state: &AppState) -> Result<ImportForm, String> {
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"multipart/form-data"));
    let unreadable = || "The form could not be read. Go back and try again.".to_string();
    if !is_multipart {
        let Form(form) = Form::<ImportForm>::from_request(request, state)
            .await
            .map_err(|_| unreadable())?;
        return Ok(form);
    }
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| unreadable())?;
    let (mut form, mut file) = (ImportForm::default(), String::new());
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
    db::inspections::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
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
        findings_csv::write(&rows),
    )
        .into_response())
}
