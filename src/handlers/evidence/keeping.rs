//! The office's keeping of files: the register, holds, retention, release to the public site
//! and disposal, each answered from the file's page.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::files::{file_page, readable};
use crate::auth::CurrentUser;
use crate::db::evidence as db;
use crate::error::AppResult;
use crate::forms::FieldErrors;
use crate::forms::evidence::{ReasonForm, RetentionForm};
use crate::handlers::respond::{self, Now};
use crate::views::evidence as view;
use crate::{AppState, record};

/// The office's register: files due for review, on hold, and the newest attached.
pub async fn register(State(s): State<AppState>, u: CurrentUser, now: Now) -> AppResult<Markup> {
    let kept = db::list_due_or_held(&s.db, now.today).await?;
    let newest = db::list_newest(&s.db, 50).await?;
    let chrome = crate::handlers::chrome(&s, Some(&u));
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
