//! The one way a change answers: 303 to where the person goes next; the form again with 422
//! and what to fix; or 409 with both versions when someone else saved first. With the `Now`
//! and `About` extractors every write handler is extract → parse → record → respond.

use std::future::Future;

use axum::extract::{FromRequestParts, MatchedPath, Path};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use crate::AppState;
pub use crate::domain::dates::Now;
use crate::domain::subject::Subject;
use crate::error::{AppError, AppResult};
use crate::forms::FieldErrors;
use crate::record::{RecordError, RecordResult, Saved};

/// How a form is shown: fresh (200), with problems to put right (422), or after someone else
/// saved first (409), with the record as it is now.
pub enum Shown<Latest> {
    Fresh,
    Invalid(FieldErrors),
    Stale(Latest),
}

impl<L> Shown<L> {
    pub fn status(&self) -> StatusCode {
        match self {
            Shown::Fresh => StatusCode::OK,
            Shown::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Shown::Stale(_) => StatusCode::CONFLICT,
        }
    }

    /// The same state with the latest record turned into another type: for a form shared by
    /// a change that cannot be stale (`Infallible`) and one that can, `shown.map(|n| match n {})`.
    pub fn map<M>(self, f: impl FnOnce(L) -> M) -> Shown<M> {
        match self {
            Shown::Fresh => Shown::Fresh,
            Shown::Invalid(errors) => Shown::Invalid(errors),
            Shown::Stale(latest) => Shown::Stale(f(latest)),
        }
    }

    /// The messages to show beside the fields (none unless invalid).
    pub fn errors(&self) -> FieldErrors {
        match self {
            Shown::Invalid(errors) => errors.clone(),
            _ => FieldErrors::default(),
        }
    }
}

/// Answer a change: `next` names the page to go to once it is done; `show` renders the form
/// again for a problem or a clash (its status is set here).
pub async fn saved<T, L, Fut>(
    result: RecordResult<Saved<T, L>>,
    next: impl FnOnce(T) -> String,
    show: impl FnOnce(Shown<L>) -> Fut,
) -> AppResult<Response>
where
    Fut: Future<Output = AppResult<Markup>>,
{
    let shown = match result {
        Ok(Saved::Done(done)) => return Ok(Redirect::to(&next(done)).into_response()),
        Ok(Saved::Stale(latest)) => Shown::Stale(latest),
        Err(RecordError::Invalid(errors)) => Shown::Invalid(errors),
        Err(other) => match AppError::from(other) {
            AppError::StorageFull(e) => return not_saved(e, show).await,
            other => return Err(other),
        },
    };
    let status = shown.status();
    Ok((status, show(shown).await?).into_response())
}

/// A save the full disk refused (SQLite rolled it back whole): 507 with the form again, what
/// was typed still in it and the reason at the top. A change with no form to show again (a
/// button), or whose form shows no summary, answers the plain "not saved" page instead.
async fn not_saved<L, Fut>(
    error: sqlx::Error,
    show: impl FnOnce(Shown<L>) -> Fut,
) -> AppResult<Response>
where
    Fut: Future<Output = AppResult<Markup>>,
{
    let message = format!("{} {}", crate::error::NOT_SAVED_TITLE, NOT_SAVED_ON_FORM);
    let mut errors = FieldErrors::default();
    errors.add(crate::forms::PAGE, message.clone());
    match show(Shown::Invalid(errors)).await {
        Ok(form) if form.0.contains(&message) => {
            tracing::error!(error = %error, "a save was refused: the disk is full");
            Ok((StatusCode::INSUFFICIENT_STORAGE, form).into_response())
        }
        _ => Err(AppError::StorageFull(error)),
    }
}

/// After the title, on a form shown again because the disk is full.
const NOT_SAVED_ON_FORM: &str = "because the server has run out of storage space. Nothing was \
     changed and what you typed is below: try again later. Tell the system administrator that \
     the server is out of disk space.";

/// A form page shown with the status its state calls for.
pub fn page<L>(shown: &Shown<L>, markup: Markup) -> Response {
    (shown.status(), markup).into_response()
}

/// The instant of this request, as the session layer read it from the clock (or, on a route
/// outside that layer, read now).
impl FromRequestParts<AppState> for Now {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let now = parts.extensions.get::<Now>().copied();
        Ok(now.unwrap_or_else(|| Now::at(state.clock.now())))
    }
}

/// The route's path template (`/findings/{id}/updates`) and the `{id}` in this request's path
/// (404 when it is not a number): for extractors that let one handler serve several routes.
pub async fn route_and_id<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
) -> Result<(String, i64), AppError> {
    let template = parts
        .extensions
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let Path(id) = Path::<i64>::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound)?;
    Ok((template, id))
}

/// The finding or action a route is about, from a path that starts `/findings/{id}` or
/// `/actions/{id}`: one handler serves both.
#[derive(Debug, Clone, Copy)]
pub struct About(pub Subject);

impl<S: Send + Sync> FromRequestParts<S> for About {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let (template, id) = route_and_id(parts, state).await?;
        let template = template
            .strip_prefix(super::api::PREFIX)
            .unwrap_or(&template);
        if template.starts_with("/findings/") {
            Ok(About(Subject::Finding(id)))
        } else if template.starts_with("/actions/") {
            Ok(About(Subject::Action(id)))
        } else {
            Err(AppError::internal(
                "About used on a route of neither findings nor actions",
            ))
        }
    }
}
