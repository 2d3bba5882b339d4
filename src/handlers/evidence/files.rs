//! A file's page and its download, for those who may see its record.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use maud::Markup;

use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::evidence::{self as db, FileRow};
use crate::domain::evidence::content_disposition;
use crate::domain::vocab::EvidenceKind;
use crate::error::{AppError, AppResult, Found};
use crate::forms::FieldErrors;
use crate::forms::evidence::RetentionForm;
use crate::handlers::respond::Now;
use crate::views::evidence as view;

/// The file `id`, once this viewer may see files of its kind (the route has already checked
/// its body): 404 otherwise, as for a record of another body.
pub(super) async fn readable(s: &AppState, u: &CurrentUser, id: i64) -> AppResult<FileRow> {
    let file = db::find(&s.db, id).await.found()?;
    if !file.attached_to.readable_by(u.role) {
        return Err(AppError::NotFound);
    }
    Ok(file)
}

pub(super) async fn file_page(
    s: &AppState,
    u: &CurrentUser,
    now: Now,
    file: &FileRow,
    retention: &RetentionForm,
    errors: &FieldErrors,
) -> AppResult<Markup> {
    let label = db::record_label(&s.db, file.attached()).await.found()?;
    // Other copies of the same bytes are named only to those who see every body's records.
    let same = match u.scope == crate::domain::scope::Scope::All {
        true => db::list_same(&s.db, &file.sha256).await?,
        false => Vec::new(),
    };
    let same: Vec<FileRow> = same.into_iter().filter(|f| f.id != file.id).collect();
    let chrome = crate::handlers::chrome(s, Some(u));
    let page = view::FilePage {
        file,
        label: &label,
        same: &same,
        today: now.today,
    };
    Ok(view::file_page(&chrome, &page, retention, errors))
}

pub async fn show(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let file = readable(&s, &u, id).await?;
    let retention = RetentionForm::from_row(file.retention_class, file.review_on);
    file_page(&s, &u, now, &file, &retention, &FieldErrors::default()).await
}

/// The file's bytes, as an attachment never shown in the browser's own page: its judged
/// type, `nosniff`, a sandboxing policy and no caching anywhere. 410 once disposed of.
pub async fn download(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let file = readable(&s, &u, id).await?;
    let Some(bytes) = db::content(&s.db, id).await? else {
        return Err(AppError::Gone(
            "This file was disposed of under the retention schedule: its name, size and hash are kept, its content is not.",
        ));
    };
    Ok(file_response(
        bytes,
        file.kind,
        &file.name,
        "private, no-store",
    ))
}

/// A file's bytes as a download, never shown in the browser's own page: its judged type,
/// `nosniff` (from the security headers), a policy that runs nothing, and `cache`.
pub fn file_response(
    bytes: Vec<u8>,
    kind: EvidenceKind,
    name: &str,
    cache: &'static str,
) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.media_type()),
    );
    if let Ok(value) = HeaderValue::from_str(&content_disposition(name)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
