//! Recording the PCC office's assessment and the inspectorate's position on a finding.
//! Both are append-only: there is no route that edits or deletes them.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::form_checks::{past_date, read_id};
use crate::auth::CurrentUser;
use crate::db::assurance::{self, NewAssessment, NewPosition};
use crate::db::audit::{self, Change};
use crate::db::findings::FindingRow;
use crate::domain::inputs;
use crate::domain::vocab::{Assurance, InspectoratePosition};
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::assurance::{self as view, AssessmentForm, PositionForm};
use crate::views::forms::DateParts;
use crate::views::forms::FieldErrors;
use crate::{AppState, db};

async fn finding(state: &AppState, id: i64) -> AppResult<FindingRow> {
    db::findings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn new_assessment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let f = finding(&state, id).await?;
    render_assessment(
        &state,
        &user,
        &f,
        &AssessmentForm::default(),
        &FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn create_assessment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<AssessmentForm>,
) -> AppResult<Response> {
    let f = finding(&state, id).await?;
    let parts = db::findings::list_parts(&state.db, id).await?;
    let mut errors = FieldErrors::default();
    let level = Assurance::parse(&form.level);
    if level.is_none() {
        errors.add("level", "Choose the level of assurance");
    }
    let part_id = read_id(&mut errors, "part_id", &form.part_id);
    if let Some(p) = part_id
        && !parts.iter().any(|x| x.id == p)
    {
        errors.add("part_id", "Choose a part of this finding");
    }
    let rationale = inputs::required_text(&form.rationale, 20_000)
        .map_err(|e| errors.add("rationale", format!("Rationale: {e}")))
        .ok();
    let evidence = inputs::optional_text(&form.evidence_seen, 20_000)
        .map_err(|e| errors.add("evidence_seen", format!("Evidence seen: {e}")))
        .ok()
        .flatten();
    let typed = DateParts {
        day: form.assessed_on_day.clone(),
        month: form.assessed_on_month.clone(),
        year: form.assessed_on_year.clone(),
    };
    let date = past_date(
        &mut errors,
        "assessed_on",
        "the date",
        &typed,
        state.clock.today(),
    );
    let (Some(level), Some(rationale), Some(assessed_on), true) =
        (level, rationale, date, errors.is_empty())
    else {
        return render_assessment(
            &state,
            &user,
            &f,
            &form,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let new = NewAssessment {
        finding_id: id,
        part_id,
        level,
        assessed_on,
        rationale,
        evidence_seen: evidence,
        meeting_id: None,
        assessor_id: user.id,
    };
    let mut tx = db::begin_write(&state.db).await?;
    let aid =
        assurance::insert_assessment(&mut tx, &new, &db::timestamp(state.clock.now())).await?;
    audit::record(
        &mut tx,
        state.clock.now(),
        &user.actor(),
        Change {
            entity: Entity::Assessment,
            entity_id: Some(aid),
            action: AuditAction::Create,
            before: None,
            after: Some(serde_json::json!(new)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/findings/{id}#assessments")).into_response())
}

pub async fn new_position(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let f = finding(&state, id).await?;
    render_position(
        &state,
        &user,
        &f,
        &PositionForm::default(),
        &FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn create_position(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<PositionForm>,
) -> AppResult<Response> {
    let f = finding(&state, id).await?;
    let mut errors = FieldErrors::default();
    let position = InspectoratePosition::parse(&form.position);
    if position.is_none() {
        errors.add("position", "Choose the inspectorate's position");
    }
    let superseded_by = read_id(&mut errors, "superseded_by_id", &form.superseded_by_id);
    match (position, superseded_by) {
        (Some(InspectoratePosition::Superseded), None) => errors.add(
            "superseded_by_id",
            "Choose the finding that supersedes this one",
        ),
        (Some(InspectoratePosition::Superseded), Some(s)) if s == id => {
            errors.add("superseded_by_id", "A finding cannot supersede itself")
        }
        (Some(p), Some(_)) if p != InspectoratePosition::Superseded => errors.add(
            "superseded_by_id",
            "Leave this blank unless the finding is superseded",
        ),
        _ => {}
    }
    let typed = DateParts {
        day: form.as_at_day.clone(),
        month: form.as_at_month.clone(),
        year: form.as_at_year.clone(),
    };
    let as_at = past_date(
        &mut errors,
        "as_at",
        "the date",
        &typed,
        state.clock.today(),
    );
    let source = inputs::required_text(&form.source, 300)
        .map_err(|e| errors.add("source", format!("Source: {e}")))
        .ok();
    let source_inspection_id = read_id(
        &mut errors,
        "source_inspection_id",
        &form.source_inspection_id,
    );
    let note = inputs::optional_text(&form.note, 20_000)
        .map_err(|e| errors.add("note", format!("Note: {e}")))
        .ok()
        .flatten();
    let (Some(position), Some(as_at), Some(source), true) =
        (position, as_at, source, errors.is_empty())
    else {
        return render_position(
            &state,
            &user,
            &f,
            &form,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let new = NewPosition {
        finding_id: id,
        position,
        superseded_by_id: superseded_by,
        as_at,
        source,
        source_inspection_id,
        note,
        recorded_by: user.id,
    };
    let mut tx = db::begin_write(&state.db).await?;
    let pid =
        match assurance::insert_position(&mut tx, &new, &db::timestamp(state.clock.now())).await {
            Ok(pid) => pid,
            Err(e) if db::is_constraint_violation(&e) => {
                errors.add("superseded_by_id", "Choose from the list");
                return render_position(
                    &state,
                    &user,
                    &f,
                    &form,
                    &errors,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
            Err(e) => return Err(e.into()),
        };
    audit::record(
        &mut tx,
        state.clock.now(),
        &user.actor(),
        Change {
            entity: Entity::InspectoratePosition,
            entity_id: Some(pid),
            action: AuditAction::Create,
            before: None,
            after: Some(serde_json::json!(new)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/findings/{id}#positions")).into_response())
}

async fn render_assessment(
    state: &AppState,
    user: &CurrentUser,
    f: &FindingRow,
    form: &AssessmentForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let parts: Vec<(String, String)> = db::findings::list_parts(&state.db, f.id)
        .await?
        .into_iter()
        .map(|p| (p.id.to_string(), p.text))
        .collect();
    Ok((
        status,
        view::assessment_page(&super::chrome(state, Some(user)), f, &parts, form, errors),
    )
        .into_response())
}

async fn render_position(
    state: &AppState,
    user: &CurrentUser,
    f: &FindingRow,
    form: &PositionForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let findings: Vec<(String, String)> = db::actions::finding_choices(&state.db)
        .await?
        .into_iter()
        .filter(|c| c.id != f.id)
        .map(|c| {
            (
                c.id.to_string(),
                format!("{} – {}", c.inspection_title, c.reference),
            )
        })
        .collect();
    let inspections: Vec<(String, String)> = db::inspections::list(&state.db)
        .await?
        .into_iter()
        .map(|i| (i.id.to_string(), i.title))
        .collect();
    Ok((
        status,
        view::position_page(
            &super::chrome(state, Some(user)),
            f,
            &findings,
            &inspections,
            form,
            errors,
        ),
    )
        .into_response())
}
