//! Marking an action-plan item as blocked by a named external body, and back.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use serde::Deserialize;

use super::form_checks::{self as check, json};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::actions::ActionRow;
use crate::db::{self, actions};
use crate::domain::dates;
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::action_form::{BlockForm, block_page};
use crate::views::forms::{Clash, FieldErrors};

pub async fn new(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let action = actions::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = BlockForm {
        version: action.version.to_string(),
        ..BlockForm::default()
    };
    let chrome = super::chrome(&state, Some(&user));
    Ok(block_page(
        &chrome,
        &user.csrf_token,
        &action,
        &form,
        &FieldErrors::default(),
        None,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<BlockForm>,
) -> AppResult<Response> {
    let action = actions::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let by = check::required(
        &mut errors,
        "blocked_by",
        "the body the action is waiting on",
        &form.blocked_by,
        200,
    );
    let since = check::past_date(
        &mut errors,
        "since",
        "the date it became blocked",
        &form.since(),
        state.clock.today(),
    );
    let Some(since) = since.filter(|_| errors.is_empty()) else {
        let chrome = super::chrome(&state, Some(&user));
        return Ok(check::unprocessable(block_page(
            &chrome,
            &user.csrf_token,
            &action,
            &form,
            &errors,
            None,
        )));
    };
    let version = form.version.trim().parse().unwrap_or(-1);
    let Some(saved) = save(
        &state,
        &user,
        id,
        version,
        Some((&by, since)),
        AuditAction::Block,
    )
    .await?
    else {
        return Ok(Redirect::to(&format!("/actions/{id}")).into_response());
    };
    let clashes = [
        Clash {
            label: "Blocked by",
            saved: saved
                .blocked_by
                .clone()
                .unwrap_or_else(|| "Not blocked".into()),
            typed: by,
        },
        Clash {
            label: "Blocked since",
            saved: saved.blocked_since.map(dates::uk_date).unwrap_or_default(),
            typed: dates::uk_date(since),
        },
    ];
    let form = BlockForm {
        version: saved.version.to_string(),
        ..form
    };
    let chrome = super::chrome(&state, Some(&user));
    let page = block_page(
        &chrome,
        &user.csrf_token,
        &saved,
        &form,
        &FieldErrors::default(),
        Some(&clashes),
    );
    Ok(check::conflict(page))
}

#[derive(Debug, Default, Deserialize)]
pub struct VersionForm {
    #[serde(default)]
    pub version: String,
}

pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<VersionForm>,
) -> AppResult<Response> {
    actions::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = form.version.trim().parse().unwrap_or(-1);
    match save(&state, &user, id, version, None, AuditAction::Unblock).await? {
        None => Ok(Redirect::to(&format!("/actions/{id}")).into_response()),
        Some(_) => Err(AppError::Conflict),
    }
}

/// Save the blocked state over `version`; the saved record if someone else changed it first.
async fn save(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    version: i64,
    blocked: Option<(&str, chrono::NaiveDate)>,
    verb: AuditAction,
) -> AppResult<Option<ActionRow>> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let before = actions::find(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actions::update_blocked(&mut *tx, id, version, blocked, &db::timestamp(now)).await? {
        return Ok(Some(before));
    }
    let after = actions::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        now,
        user,
        (Entity::ActionItem, id, verb),
        json(&before),
        json(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(None)
}
