//! The response document of one report's clock: the printable page, its print stylesheet, the
//! OpenDocument text file, and releasing it to the public site (or taking it back).

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use maud::Markup;

use super::respond::{self, Now};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db;
use crate::domain::response_document::{Report, ResponseDocument};
use crate::domain::sources::ReportSource;
use crate::error::{AppError, AppResult};
use crate::record::{self, RecordError};
use crate::views::odt;
use crate::views::response_document::{self as view, DocumentPage, Released};

/// The document of report `id` under rule `rule_id`: 404 unless the rule applies to it.
async fn build(
    state: &AppState,
    id: i64,
    rule_id: i64,
    at: DateTime<Utc>,
) -> AppResult<ResponseDocument> {
    let inspection = super::inspections::get(state, id).await?;
    let clock = {
        let mut conn = state.db.acquire().await?;
        record::clocks::clock_of(&mut conn, id, rule_id, at).await?
    };
    let findings = db::response_documents::answered_findings(&state.db, id).await?;
    let report = Report {
        title: inspection.title.clone(),
        body_name: inspection.body_name.clone(),
        source: ReportSource::of(inspection.source, inspection.body_kind),
        published_on: inspection.published_on,
        sent_on: inspection.sent_on,
        report_url: inspection.report_url.clone(),
    };
    let organisation = state.site().organisation_name;
    let steps = Some(&inspection.response);
    Ok(ResponseDocument::build(
        &organisation,
        &report,
        &clock,
        steps,
        &findings,
    ))
}

pub async fn show(
    State(s): State<AppState>,
    u: CurrentUser,
    Now { at, .. }: Now,
    Path((id, rule_id)): Path<(i64, i64)>,
) -> AppResult<Markup> {
    page(&s, &u, id, rule_id, at, None).await
}

async fn page(
    s: &AppState,
    u: &CurrentUser,
    id: i64,
    rule_id: i64,
    at: DateTime<Utc>,
    notice: Option<&str>,
) -> AppResult<Markup> {
    let doc = build(s, id, rule_id, at).await?;
    let released = db::response_documents::release(&s.db, id, rule_id)
        .await?
        .map(|r| Released {
            released_at: r.released_at,
            released_by: r.released_by,
        });
    let p = DocumentPage {
        id,
        rule_id,
        doc: &doc,
        released: released.as_ref(),
        notice,
    };
    Ok(view::document_page(&super::chrome(s, Some(u)), &p))
}

/// The running header's words for this document, as print margin boxes.
pub async fn stylesheet(
    State(s): State<AppState>,
    _u: CurrentUser,
    Now { at, .. }: Now,
    Path((id, rule_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let doc = build(&s, id, rule_id, at).await?;
    let css = view::document_stylesheet(&doc);
    let headers = [
        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
        (header::CACHE_CONTROL, "no-cache"),
    ];
    Ok((headers, css).into_response())
}

/// The same document as an OpenDocument text file, to edit and send.
pub async fn download(
    State(s): State<AppState>,
    _u: CurrentUser,
    Now { at, .. }: Now,
    Path((id, rule_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let doc = build(&s, id, rule_id, at).await?;
    let bytes = odt::text_document(&doc.title, &view::odt_blocks(&doc))
        .map_err(|e| AppError::internal(format!("writing the .odt: {e}")))?;
    let disposition = format!("attachment; filename=\"{}\"", doc.file_name("odt"));
    let headers = [
        (header::CONTENT_TYPE, odt::MIME_TYPE.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
    ];
    Ok((headers, bytes).into_response())
}

/// Release the document to the public site (the next edition carries it).
pub async fn release(
    s: State<AppState>,
    u: CurrentUser,
    now: Now,
    ids: Path<(i64, i64)>,
) -> AppResult<Response> {
    set_released(s, u, now, ids, true).await
}

/// Take the document off the public site (editions from the next on leave it out).
pub async fn unrelease(
    s: State<AppState>,
    u: CurrentUser,
    now: Now,
    ids: Path<(i64, i64)>,
) -> AppResult<Response> {
    set_released(s, u, now, ids, false).await
}

async fn set_released(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path((id, rule_id)): Path<(i64, i64)>,
    released: bool,
) -> AppResult<Response> {
    let result =
        record::clocks::set_released(&s.db, &u.actor(), now.at, id, rule_id, released).await;
    if let Err(RecordError::Conflict) = result {
        // Someone else pressed the same button first: nothing to undo, so say so kindly.
        let notice = match released {
            true => {
                "This document was already on the public site (someone may have released it since you opened the page), so nothing was changed."
            }
            false => {
                "This document was not on the public site (someone may have taken it off since you opened the page), so nothing was changed."
            }
        };
        let markup = page(&s, &u, id, rule_id, now.at, Some(notice)).await?;
        return Ok((StatusCode::CONFLICT, markup).into_response());
    }
    respond::saved(
        result,
        |()| format!("{}#release", view::document_path(id, rule_id)),
        |_| async { Err(AppError::internal("a release has no form to show")) },
    )
    .await
}
