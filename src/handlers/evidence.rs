//! Evidence files: the upload page of each record that takes files, a file's page and its
//! download, the office's register of files due for review, and holds, retention,
//! release and disposal.

use axum::Form;
use axum::extract::{FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::Markup;

use super::multipart::{self, Part};
use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::evidence::{self as db, FileRow, RecordLabel};
use crate::domain::evidence::{Attached, content_disposition};
use crate::domain::vocab::{AttachedTo, EvidenceKind};
use crate::error::{AppError, AppResult, Found};
use crate::forms::FieldErrors;
use crate::forms::evidence::{FilePart, ReasonForm, RetentionForm, UploadForm};
use crate::views::evidence as view;
use crate::{AppState, record};

/// The record an upload route is about, from a path that starts `/updates/{id}`,
/// `/assessments/{id}`, `/positions/{id}`, `/meetings/{id}` or `/inspections/{id}`.
pub struct Target(pub Attached);

impl<S: Send + Sync> FromRequestParts<S> for Target {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let (template, id) = respond::route_and_id(parts, state).await?;
        let kind = template.trim_start_matches('/').split('/').next();
        let to = match kind {
            Some("updates") => AttachedTo::Update,
            Some("assessments") => AttachedTo::Assessment,
            Some("positions") => AttachedTo::Position,
            Some("meetings") => AttachedTo::Meeting,
            Some("inspections") => AttachedTo::Inspection,
            _ => {
                return Err(AppError::internal(
                    "Target used on a route that takes no files",
                ));
            }
        };
        Ok(Target(Attached { to, id }))
    }
}

/// The record's label (404 if there is none), once this user may attach files to it: the
/// office to anything, someone else only to their own progress updates.
async fn attachable(s: &AppState, u: &CurrentUser, at: Attached) -> AppResult<RecordLabel> {
    let label = db::record_label(&s.db, at).await.found()?;
    let own = label
        .author_id
        .is_some_and(|author| super::updates::corrector(u).may_correct(author));
    if !(crate::auth::OFFICE.contains(&u.role) || own) {
        return Err(AppError::Forbidden);
    }
    Ok(label)
}

async fn upload_page<L>(
    s: &AppState,
    u: &CurrentUser,
    at: Attached,
    label: &RecordLabel,
    form: &UploadForm,
    shown: Shown<L>,
    attached: bool,
) -> AppResult<Markup> {
    let files = db::list_for(&s.db, at.to, &[at.id]).await?;
    let chrome = super::chrome(s, Some(u));
    let page = view::Upload {
        at,
        label,
        files: &files,
        limits: &s.security.evidence,
        attached,
    };
    Ok(view::upload_page(&chrome, &page, form, &shown.errors()))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct FormQuery {
    /// Set on the way back from an upload that attached files.
    attached: Option<String>,
}

/// The files attached to a record, and the form to attach more.
pub async fn form(
    State(s): State<AppState>,
    u: CurrentUser,
    Target(at): Target,
    Query(q): Query<FormQuery>,
) -> AppResult<Markup> {
    let label = attachable(&s, &u, at).await?;
    let form = UploadForm::default();
    let shown = Shown::<()>::Fresh;
    upload_page(&s, &u, at, &label, &form, shown, q.attached.is_some()).await
}

/// Attach the chosen files: all of them, or none and the form again saying which to fix.
pub async fn upload(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Target(at): Target,
    request: Request,
) -> AppResult<Response> {
    let label = attachable(&s, &u, at).await?;
    let form = match multipart::read(request, &s).await {
        Ok(parts) => upload_form(parts),
        Err(problem) => {
            let mut errors = FieldErrors::default();
            errors.add("files", problem);
            let shown = Shown::<()>::Invalid(errors);
            let blank = UploadForm::default();
            let page = upload_page(&s, &u, at, &label, &blank, shown, false).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let result = async {
        let uploads = form.parse(&s.security.evidence)?;
        record::evidence::attach(&s.db, &u.actor(), now.at, at, &uploads).await
    };
    respond::saved(
        result.await,
        |_| format!("{}?attached=1", at.upload_path()),
        |shown| upload_page(&s, &u, at, &label, &form, shown, false),
    )
    .await
}

fn upload_form(parts: Vec<Part>) -> UploadForm {
    let mut form = UploadForm::default();
    for part in parts {
        match (part.name.as_str(), part.file_name) {
            ("files", Some(name)) => form.files.push(FilePart {
                name,
                bytes: part.bytes.to_vec(),
            }),
            ("description", _) => {
                form.description = String::from_utf8_lossy(&part.bytes).into_owned();
            }
            _ => {}
        }
    }
    form
}

/// The file `id`, once this viewer may see files of its kind (the route has already checked
/// its body): 404 otherwise, as for a record of another body.
async fn readable(s: &AppState, u: &CurrentUser, id: i64) -> AppResult<FileRow> {
    let file = db::find(&s.db, id).await.found()?;
    if !file.attached_to.readable_by(u.role) {
        return Err(AppError::NotFound);
    }
    Ok(file)
}

async fn file_page(
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
    let chrome = super::chrome(s, Some(u));
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

/// The office's register: files due for review, on hold, and the newest attached.
pub async fn register(State(s): State<AppState>, u: CurrentUser, now: Now) -> AppResult<Markup> {
    let kept = db::list_due_or_held(&s.db, now.today).await?;
    let newest = db::list_newest(&s.db, 50).await?;
    let chrome = super::chrome(&s, Some(&u));
    Ok(view::register_page(&chrome, &kept, &newest, now.today))
}

/// Answer a change to a file from its page: back to the page, or the page again with the
/// problem beside the form that caused it.
async fn changed(
    s: &AppState,
    u: &CurrentUser,
    now: Now,
    id: i64,
    result: record::RecordResult<record::Saved<i64, std::convert::Infallible>>,
    retention: Option<&RetentionForm>,
) -> AppResult<Response> {
    respond::saved(
        result,
        |id| format!("/evidence/{id}"),
        |shown| async move {
            let file = readable(s, u, id).await?;
            let kept = RetentionForm::from_row(file.retention_class, file.review_on);
            let retention = retention.unwrap_or(&kept);
            file_page(s, u, now, &file, retention, &shown.errors()).await
        },
    )
    .await
}

pub async fn hold(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<ReasonForm>,
) -> AppResult<Response> {
    let result = async {
        let reason = f.parse().map_err(|e| rename(e, "hold_reason"))?;
        record::evidence::hold(&s.db, &u.actor(), now.at, id, &reason).await
    };
    changed(&s, &u, now, id, result.await, None).await
}

pub async fn lift_hold(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let result = record::evidence::lift_hold(&s.db, &u.actor(), now.at, id).await;
    changed(&s, &u, now, id, result, None).await
}

pub async fn retention(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<RetentionForm>,
) -> AppResult<Response> {
    let result = async {
        let (class, review) = f.parse()?;
        record::evidence::set_retention(&s.db, &u.actor(), now.at, id, class, review).await
    };
    changed(&s, &u, now, id, result.await, Some(&f)).await
}

pub async fn dispose(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<ReasonForm>,
) -> AppResult<Response> {
    let result = async {
        let reason = f.parse()?;
        record::evidence::dispose(&s.db, &u.actor(), now.at, id, &reason).await
    };
    changed(&s, &u, now, id, result.await, None).await
}

pub async fn release(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let result = record::evidence::release(&s.db, &u.actor(), now.at, id, true).await;
    changed(&s, &u, now, id, result, None).await
}

pub async fn unrelease(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let result = record::evidence::release(&s.db, &u.actor(), now.at, id, false).await;
    changed(&s, &u, now, id, result, None).await
}

/// The hold form's reason has a field of its own on the file's page (the disposal form has
/// the other).
fn rename(errors: FieldErrors, field: &'static str) -> FieldErrors {
    let mut renamed = FieldErrors::default();
    for (_, message) in errors.0 {
        renamed.add(field, message);
    }
    renamed
}
