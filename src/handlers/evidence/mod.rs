//! Evidence files: the upload page of each record that takes files (here), a file's page and
//! its download (`files`), and the office's register, holds, retention, release and disposal
//! (`keeping`).

mod files;
mod keeping;

pub use files::*;
pub use keeping::*;

use axum::extract::{FromRequestParts, Query, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use maud::Markup;

use super::multipart::{self, Part};
use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::evidence::{self as db, RecordLabel};
use crate::domain::evidence::Attached;
use crate::domain::vocab::AttachedTo;
use crate::error::{AppError, AppResult, Found};
use crate::forms::FieldErrors;
use crate::forms::evidence::{FilePart, UploadForm};
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
