//! Agenda items on a meeting, with an optional assurance judgement saved as an assessment.

mod form;

use crate::handlers::form_checks as check;
use form::{clashes, form_of, validate};

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use crate::auth::CurrentUser;
use crate::db::audit::{self, Change};
use crate::db::meetings::LinkOption;
use crate::domain::assurance::NewAssessment;
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::agenda::{AgendaForm, agenda_form_page};
use crate::views::forms::{FieldErrors, conflict_summary};
use crate::views::meeting_forms::FormContext;
use crate::{AppState, db};

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
        id,
        None,
        &AgendaForm::default(),
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
    Form(form): Form<AgendaForm>,
) -> AppResult<Response> {
    let meeting = db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (item, judgement) = match validate(&form, &meeting, user.id) {
        Ok(v) => v,
        Err(errors) => {
            return render(
                &state,
                &user,
                id,
                None,
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = db::begin_write(&state.db).await?;
    let assessment_id = save_assessment(&mut tx, &state, &user, judgement.as_ref()).await?;
    let item_id = db::agenda::insert(&mut tx, id, &item, assessment_id)
        .await
        .map_err(bad_link)?;
    let after = db::agenda::find(&mut *tx, id, item_id).await?;
    check::audit(
        &mut tx,
        state.clock.now(),
        &user,
        (Entity::AgendaItem, item_id, AuditAction::Create),
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
    Path((id, item_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let item = db::agenda::find(&state.db, id, item_id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(
        &state,
        &user,
        id,
        Some(item_id),
        &form_of(&item),
        &FieldErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, item_id)): Path<(i64, i64)>,
    Form(form): Form<AgendaForm>,
) -> AppResult<Response> {
    let meeting = db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = db::agenda::find(&state.db, id, item_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (item, judgement) = match validate(&form, &meeting, user.id) {
        Ok(v) => v,
        Err(errors) => {
            return render(
                &state,
                &user,
                id,
                Some(item_id),
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    // An unchanged judgement keeps its assessment; a changed one is a new assessment.
    // Clearing the level unlinks the judgement from the item; the assessment stays in history.
    let unchanged = judgement.as_ref().is_some_and(|j| {
        before.finding_id == Some(j.finding_id)
            && before.level == Some(j.level)
            && before.rationale.as_deref() == Some(j.rationale.as_str())
            && before.evidence_seen == j.evidence_seen
    });
    let version: i64 = form.version.trim().parse().unwrap_or(0);
    let mut tx = db::begin_write(&state.db).await?;
    let assessment_id = if unchanged {
        before.assessment_id
    } else {
        save_assessment(&mut tx, &state, &user, judgement.as_ref()).await?
    };
    if !db::agenda::update(&mut tx, item_id, version, &item, assessment_id)
        .await
        .map_err(bad_link)?
    {
        drop(tx);
        let saved = db::agenda::find(&state.db, id, item_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let conflict = conflict_summary(&clashes(&form_of(&saved), &form));
        let form = AgendaForm {
            version: saved.version.to_string(),
            ..form
        };
        return render(
            &state,
            &user,
            id,
            Some(item_id),
            &form,
            &FieldErrors::default(),
            Some(conflict),
            StatusCode::CONFLICT,
        )
        .await;
    }
    let after = db::agenda::find(&mut *tx, id, item_id).await?;
    check::audit(
        &mut tx,
        state.clock.now(),
        &user,
        (Entity::AgendaItem, item_id, AuditAction::Update),
        Some(&before).and_then(check::json),
        after.as_ref().and_then(check::json),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/meetings/{id}")).into_response())
}

fn bad_link(e: sqlx::Error) -> AppError {
    if db::is_constraint_violation(&e) {
        AppError::NotFound
    } else {
        e.into()
    }
}

async fn save_assessment(
    tx: &mut sqlx::SqliteConnection,
    state: &AppState,
    user: &CurrentUser,
    judgement: Option<&NewAssessment>,
) -> AppResult<Option<i64>> {
    let Some(j) = judgement else { return Ok(None) };
    let now = state.clock.now();
    let id = db::assurance::insert_assessment(tx, j, now)
        .await
        .map_err(bad_link)?;
    let change = Change {
        entity: Entity::Assessment,
        entity_id: Some(id),
        action: AuditAction::Create,
        before: None,
        after: serde_json::to_value(j).ok(),
    };
    audit::record(tx, now, &user.actor(), change).await?;
    Ok(Some(id))
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    user: &CurrentUser,
    meeting_id: i64,
    item_id: Option<i64>,
    form: &AgendaForm,
    errors: &FieldErrors,
    conflict: Option<Markup>,
    status: StatusCode,
) -> AppResult<Response> {
    let (findings, actions): (Vec<LinkOption>, Vec<LinkOption>) =
        db::meetings::link_options(&state.db)
            .await?
            .into_iter()
            .partition(|o| o.value.starts_with("finding:"));
    let ctx = FormContext {
        heading: if item_id.is_some() {
            "Edit agenda item"
        } else {
            "Add an agenda item"
        },
        action: match item_id {
            Some(item) => format!("/meetings/{meeting_id}/agenda-items/{item}"),
            None => format!("/meetings/{meeting_id}/agenda-items"),
        },
        csrf_token: &user.csrf_token,
        conflict,
    };
    let page = agenda_form_page(
        &super::chrome(state, Some(user)),
        &ctx,
        &findings,
        &actions,
        form,
        errors,
    );
    Ok((status, page).into_response())
}
