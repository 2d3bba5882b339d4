//! Report packages: load one (paste or upload, see what it would do for each body, load into
//! the bodies ticked), a loaded version's page, and any inspection as a package.

use axum::extract::{Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::Markup;
use serde::Deserialize;

use super::respond::{self, Now};
use crate::auth::CurrentUser;
use crate::db::report_packages as db;
use crate::domain::report_package::{Package, export::export, plan};
use crate::error::AppResult;
use crate::forms::report_packages::{NotYet, PackageForm};
use crate::record::Found;
use crate::views::layout::{Chrome, error_page};
use crate::views::report_packages::{self as view, BodyPlan};
use crate::{AppState, record};

pub async fn index(State(s): State<AppState>, u: CurrentUser) -> AppResult<Markup> {
    let chrome = super::chrome(&s, Some(&u));
    index_page(&s, &chrome, "", &[]).await
}

async fn index_page(
    s: &AppState,
    chrome: &Chrome,
    text: &str,
    problems: &[String],
) -> AppResult<Markup> {
    let packages = db::list(&s.db).await?;
    let copies = db::copies(&s.db).await?;
    Ok(view::index_page(chrome, &packages, &copies, text, problems))
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    request: Request,
) -> AppResult<Response> {
    let chrome = super::chrome(&s, Some(&u));
    let form = match read_form(request, &s).await {
        Ok(form) => form,
        Err(problem) => {
            let page = index_page(&s, &chrome, "", &[problem]).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let (package, bodies) = match form.parse() {
        Ok(chosen) => chosen,
        Err(NotYet::File(problems)) => {
            let page = index_page(&s, &chrome, &form.package, &problems).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(NotYet::Unconfirmed(package, problem)) => {
            let status = match problem {
                Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
                None => StatusCode::OK,
            };
            let page = preview(&s, &chrome, &package, &form, problem.as_deref()).await?;
            return Ok((status, page).into_response());
        }
    };
    let result =
        record::report_packages::load(&s.db, &u.actor(), now.at, &package, &form.package, &bodies)
            .await;
    let stored = db::stored(&s.db, &package.id, package.version).await?;
    respond::saved(
        result,
        |_| match stored {
            Some(p) => format!("/packages/{}?loaded=1", p.id),
            None => "/packages".to_string(),
        },
        |shown| {
            let errors = shown.errors();
            let problem = errors
                .get("bodies")
                .or_else(|| errors.get("package"))
                .unwrap_or_default()
                .to_string();
            async move { preview(&s, &chrome, &package, &form, Some(&problem)).await }
        },
    )
    .await
}

/// What loading `package` would do for every body, for the person to choose.
async fn preview(
    s: &AppState,
    chrome: &Chrome,
    package: &Package,
    form: &PackageForm,
    problem: Option<&str>,
) -> AppResult<Markup> {
    let targets = db::targets(&s.db).await?;
    let loaded = {
        let mut conn = s.db.acquire().await?;
        db::loaded(&mut conn, &package.id).await?
    };
    let bodies: Vec<BodyPlan> = targets
        .iter()
        .map(|t| BodyPlan {
            id: t.id,
            name: &t.name,
            kind: t.kind,
            plan: plan(package, t.kind, loaded.get(&t.id)),
            chosen: form.chose(t.id),
        })
        .collect();
    Ok(view::preview_page(
        chrome,
        package,
        &form.package,
        &bodies,
        problem,
    ))
}

/// The form as posted, plain or with a file.
async fn read_form(request: Request, state: &AppState) -> Result<PackageForm, String> {
    let not_text = "The package must be a JSON file saved as UTF-8";
    let pairs = super::multipart::read_text(request, state, not_text).await?;
    Ok(PackageForm::from_pairs(pairs))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ShowQuery {
    loaded: Option<String>,
}

pub async fn show(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> AppResult<Markup> {
    let (row, content) = db::find(&s.db, id).await.found()?;
    let package = Package::read(&content).ok();
    let copies = db::copies(&s.db).await?;
    let copies: Vec<&db::CopyRow> = copies
        .iter()
        .filter(|c| c.national_id == row.national_id)
        .collect();
    let chrome = super::chrome(&s, Some(&u));
    let loaded_now = q.loaded.as_deref() == Some("1");
    Ok(view::show_page(
        &chrome,
        &row,
        package.as_ref(),
        &copies,
        loaded_now,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ExportQuery {
    version: Option<String>,
}

/// The inspection `id` as a report package (JSON, a download). `?version=N` sets its
/// version (default: the version loaded, else 1).
pub async fn download(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let (report, findings) = {
        let mut conn = s.db.acquire().await?;
        db::for_export(&mut conn, id).await.found()?
    };
    let loaded = match (&report.national_id, report.package_version) {
        (Some(national_id), Some(version)) => db::stored(&s.db, national_id, version)
            .await?
            .and_then(|p| Package::read(&p.content).ok()),
        _ => None,
    };
    let version = match q.version.as_deref().map(str::trim) {
        None | Some("") => report.package_version.unwrap_or(1),
        Some(v) => match v.parse::<u32>().ok().filter(|v| *v >= 1) {
            Some(v) => v,
            None => return Ok(refused("The version must be a whole number, 1 or more")),
        },
    };
    let installation = s.installation();
    let package = export(&report, &findings, loaded.as_ref(), version, |key| {
        installation.urn(key)
    });
    let problems = package.problems();
    if !problems.is_empty() {
        let message = format!(
            "This inspection cannot be downloaded as a report package yet: {}",
            problems.join("; ")
        );
        return Ok(refused(&message));
    }
    let disposition = format!("attachment; filename=\"inspection-{id}-package-v{version}.json\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        package.to_json(),
    )
        .into_response())
}

/// A download that cannot be made as asked: why, on a page (422).
fn refused(message: &str) -> Response {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let page = error_page(status, "The package cannot be downloaded", message);
    (status, page).into_response()
}

/// The JSON Schema of a report package.
pub async fn schema() -> Response {
    use crate::domain::report_package::SCHEMA;
    ([(header::CONTENT_TYPE, "application/schema+json")], SCHEMA).into_response()
}
