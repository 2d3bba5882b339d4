//! The public home page, health check and static assets.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::Markup;

use crate::auth::SessionUser;
use crate::error::{AppError, AppResult};
use crate::views::public::{HomeInspection, home_page};
use crate::{AppState, db};

pub async fn home(
    State(state): State<AppState>,
    SessionUser(user): SessionUser,
) -> AppResult<Markup> {
    let inspections = db::inspections::list(&state.db).await?;
    let mut by_inspection: HashMap<i64, Vec<_>> = HashMap::new();
    for finding in db::inspections::list_all_findings(&state.db).await? {
        by_inspection
            .entry(finding.inspection_id)
            .or_default()
            .push(finding);
    }
    let items = inspections
        .into_iter()
        .map(|inspection| HomeInspection {
            findings: by_inspection.remove(&inspection.id).unwrap_or_default(),
            inspection,
        })
        .collect::<Vec<_>>();
    Ok(home_page(
        &super::chrome(&state, user.as_ref()),
        &items,
        state.clock.today(),
    ))
}

/// 200 when the database answers.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match sqlx::query_scalar::<_, i64>("select 1")
        .fetch_one(&state.db)
        .await
    {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// The stylesheets and scripts, embedded in the binary so that `cargo run` needs nothing else.
pub async fn asset(Path(name): Path<String>) -> AppResult<Response> {
    let (content_type, body): (&str, &'static str) = match name.as_str() {
        "govuk.css" => (
            "text/css; charset=utf-8",
            include_str!("../../static/govuk.css"),
        ),
        "app.css" => (
            "text/css; charset=utf-8",
            include_str!("../../static/app.css"),
        ),
        "app.js" => (
            "text/javascript; charset=utf-8",
            include_str!("../../static/app.js"),
        ),
        "govuk-frontend.min.js" => (
            "text/javascript; charset=utf-8",
            include_str!("../../static/govuk-frontend.min.js"),
        ),
        _ => return Err(AppError::NotFound),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response())
}

/// The organisation's brand colour, a setting, applied to the header.
pub async fn brand_stylesheet(State(state): State<AppState>) -> Response {
    let colour = state.site().brand_colour;
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        format!(".app-brand{{background-color:{colour};border-bottom-color:{colour}}}\n"),
    )
        .into_response()
}
