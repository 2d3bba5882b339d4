//! The stylesheets, scripts and brand colour every page loads, embedded in the binary.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::{AppError, AppResult};

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
        "favicon.svg" => ("image/svg+xml", include_str!("../../static/favicon.svg")),
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

/// What crawlers may index: the public site, not the sign-in, the staff pages or anyone's
/// private calendar address.
pub const ROBOTS: &str = "User-agent: *\n\
Disallow: /calendar/\n\
Disallow: /sign-in\n\
Disallow: /account/\n\
Disallow: /admin/\n\
Allow: /\n";

pub async fn robots() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        ROBOTS,
    )
        .into_response()
}
