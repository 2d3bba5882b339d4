//! Actions arising: the list, adding one on a meeting, and tracking it to closure.

mod form;

use crate::handlers::form_checks as check;
use form::{clashes, form_of, validate_common, validate_progress};

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use crate::auth::CurrentUser;
use crate::db::arising::NewArising;
use crate::domain::meetings::parse_link;
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::arising::{ArisingForm, arising_form_page, index_page};
use crate::views::forms::{FieldErrors, conflict_summary};
use crate::views::meeting_forms::FormContext;
use crate::{AppState, db};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let rows = db::arising::list(&state.db).await?;
    Ok(index_page(
        &super::chrome(&state, Some(&user)),
        &rows,
        state.clock.today(),
        user.is_office(),
    ))
}

pub async fn new(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(
        &state,
        &user,
        Target::Meeting(id),
        &ArisingForm::default(),
        &FieldErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<ArisingForm>,
) -> AppResult<Response> {
    db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (common, link) = (validate_common(&form), parse_link(&form.link));
    let new = match (common, link) {
        (Ok((description, owner, due_on)), Some(link)) => NewArising {
            finding_id: link.finding_id,
            action_id: link.action_id,
            description,
            owner,
            due_on,
        },
        (common, link) => {
            let mut errors = common.err().unwrap_or_default();
            if link.is_none() {
                errors.add("link", "Choose a finding or action from the list");
            }
            return render(
                &state,
                &user,
                Target::Meeting(id),
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let now = db::timestamp(state.clock.now());
    let mut tx = db::begin_write(&state.db).await?;
    let arising_id = db::arising::insert(&mut tx, id, &new, &now)
        .await
        .map_err(|e| {
            if db::is_constraint_violation(&e) {
                AppError::NotFound
            } else {
                e.into()
            }
        })?;
    let after = db::arising::find(&mut *tx, arising_id).await?;
    check::audit(
        &mut tx,
        state.clock.now(),
        &user,
        (Entity::ActionArising, arising_id, AuditAction::Create),
        None,
        after.as_ref().and_then(check::json),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/meetings/{id}")).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let row = db::arising::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(
        &state,
        &user,
        Target::Arising(id),
        &form_of(&row),
        &FieldErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<ArisingForm>,
) -> AppResult<Response> {
    let before = db::arising::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let progress = match validate_progress(&form) {
        Ok(p) => p,
        Err(errors) => {
            return render(
                &state,
                &user,
                Target::Arising(id),
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let version: i64 = form.version.trim().parse().unwrap_or(0);
    let mut tx = db::begin_write(&state.db).await?;
    if !db::arising::update(&mut tx, id, version, &progress).await? {
        drop(tx);
        let saved = db::arising::find(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let conflict = conflict_summary(&clashes(&form_of(&saved), &form));
        let form = ArisingForm {
            version: saved.version.to_string(),
            ..form
        };
        return render(
            &state,
            &user,
            Target::Arising(id),
            &form,
            &FieldErrors::default(),
            Some(conflict),
            StatusCode::CONFLICT,
        )
        .await;
    }
    let after = db::arising::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        state.clock.now(),
        &user,
        (Entity::ActionArising, id, AuditAction::Update),
        Some(&before).and_then(check::json),
        after.as_ref().and_then(check::json),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/actions-arising").into_response())
}

enum Target {
    Meeting(i64),
    Arising(i64),
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    target: Target,
    form: &ArisingForm,
    errors: &FieldErrors,
    conflict: Option<Markup>,
    status: StatusCode,
) -> AppResult<Response> {
    let chrome = super::chrome(state, Some(user));
    let page = match target {
        Target::Meeting(id) => {
            let links = db::meetings::link_options(&state.db).await?;
            let ctx = FormContext {
                heading: "Add an action arising",
                action: format!("/meetings/{id}/actions-arising"),
                csrf_token: &user.csrf_token,
                conflict,
            };
            arising_form_page(&chrome, &ctx, Some(&links), form, errors)
        }
        Target::Arising(id) => {
            let ctx = FormContext {
                heading: "Update an action arising",
                action: format!("/actions-arising/{id}"),
                csrf_token: &user.csrf_token,
                conflict,
            };
            arising_form_page(&chrome, &ctx, None, form, errors)
        }
    };
    Ok((status, page).into_response())
}
