//! Findings: add to an inspection, show (with its voices and histories) and edit,
//! version-checked, with its parts.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::finding_form::{check, clash, form_from};
use super::form_input::read_version;
use crate::auth::CurrentUser;
use crate::db::audit::{self, Change};
use crate::db::findings::{self, FindingRow};
use crate::db::voices::{self, Scope};
use crate::domain::vocab::{FindingKind, Role};
use crate::error::{AppError, AppResult};
use crate::views::findings::{self as view, FindingForm, FindingFormPage, FindingPage};
use crate::views::forms::FormErrors;
use crate::{AppState, db};

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let finding = findings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let parts = findings::list_parts(&state.db, id).await?;
    let voices = voices::list(&state.db, Scope::Finding(id), state.clock.today()).await?;
    let assessments = db::assurance::list_assessments(&state.db, id).await?;
    let positions = db::assurance::list_positions(&state.db, id).await?;
    let actions = db::finding_links::list_actions(&state.db, id).await?;
    let updates = db::finding_links::list_updates(&state.db, id).await?;
    let page = FindingPage {
        finding: &finding,
        parts: &parts,
        voices: voices.first(),
        assessments: &assessments,
        positions: &positions,
        actions: &actions,
        updates: &updates,
        can_edit: user.is_office(),
        can_post_update: user.role.can_submit_updates(),
        can_see_inspection: user.role != Role::Force,
        today: state.clock.today(),
    };
    Ok(view::show_page(&super::chrome(&state, Some(&user)), &page))
}

pub async fn new(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(inspection_id): Path<i64>,
) -> AppResult<Response> {
    let form = FindingForm {
        kind: FindingKind::Recommendation.as_str().into(),
        ..Default::default()
    };
    render(
        &state,
        &user,
        inspection_id,
        None,
        &form,
        &FormErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(inspection_id): Path<i64>,
    Form(form): Form<FindingForm>,
) -> AppResult<Response> {
    db::inspections::get(&state.db, inspection_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let siblings = findings::list_for_inspection(&state.db, inspection_id).await?;
    let (new, lines) = match check(&form, &siblings, None) {
        Ok(checked) => checked,
        Err(errors) => {
            return render(
                &state,
                &user,
                inspection_id,
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
    let now = db::timestamp(state.clock.now());
    let id = match findings::insert(&mut tx, inspection_id, &new, &now).await {
        Ok(id) => id,
        // Someone else added the same reference since the check.
        Err(e) if db::is_constraint_violation(&e) => {
            let errors = reference_taken(&new.reference);
            return render(
                &state,
                &user,
                inspection_id,
                None,
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    };
    findings::replace_parts(&mut tx, id, &lines).await?;
    audit::record(&mut tx, state.clock.now(), &user.actor(), Change {
        entity: "finding", entity_id: Some(id), action: "create", before: None,
        after: Some(serde_json::json!({ "inspection_id": inspection_id, "finding": new, "parts": lines })),
    }).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/findings/{id}")).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let f = findings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let parts = findings::list_parts(&state.db, id).await?;
    let form = form_from(
        &f,
        &parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    render(
        &state,
        &user,
        f.inspection_id,
        Some(&f),
        &form,
        &FormErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(mut form): Form<FindingForm>,
) -> AppResult<Response> {
    let before = findings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let siblings = findings::list_for_inspection(&state.db, before.inspection_id).await?;
    let checked = check(&form, &siblings, Some(id));
    let existing = findings::list_parts(&state.db, id).await?;
    let referenced = findings::list_referenced_parts(&state.db, id).await?;
    let (new, lines) = match checked {
        Ok((new, lines)) => {
            let blocked: Vec<&str> = findings::removed_parts(&existing, &lines)
                .into_iter()
                .filter(|p| referenced.contains(&p.id))
                .map(|p| p.text.as_str())
                .collect();
            if blocked.is_empty() {
                (new, lines)
            } else {
                let mut errors = FormErrors::default();
                errors.add(
                    "parts",
                    format!(
                        "These parts have been judged and cannot be removed: {}",
                        blocked.join("; ")
                    ),
                );
                return render(
                    &state,
                    &user,
                    before.inspection_id,
                    Some(&before),
                    &form,
                    &errors,
                    None,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        }
        Err(errors) => {
            return render(
                &state,
                &user,
                before.inspection_id,
                Some(&before),
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = db::begin_write(&state.db).await?;
    let now = db::timestamp(state.clock.now());
    let saved = findings::update(&mut tx, id, read_version(&form.version), &new, &now).await;
    if matches!(&saved, Err(e) if db::is_constraint_violation(e)) {
        let errors = reference_taken(&new.reference);
        return render(
            &state,
            &user,
            before.inspection_id,
            Some(&before),
            &form,
            &errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    if saved? == 0 {
        tx.rollback().await?;
        let conflict = clash(&before, &form);
        form.version = before.version.to_string();
        return render(
            &state,
            &user,
            before.inspection_id,
            Some(&before),
            &form,
            &FormErrors::default(),
            Some(conflict),
            StatusCode::CONFLICT,
        )
        .await;
    }
    findings::replace_parts(&mut tx, id, &lines).await?;
    audit::record(
        &mut tx,
        state.clock.now(),
        &user.actor(),
        Change {
            entity: "finding",
            entity_id: Some(id),
            action: "update",
            before: Some(serde_json::json!({ "finding": before, "parts": existing })),
            after: Some(serde_json::json!({ "finding": new, "parts": lines })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/findings/{id}")).into_response())
}

fn reference_taken(reference: &str) -> FormErrors {
    let mut errors = FormErrors::default();
    errors.add(
        "reference",
        format!("Reference {reference} is already used in this inspection"),
    );
    errors
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    user: &CurrentUser,
    inspection_id: i64,
    finding: Option<&FindingRow>,
    form: &FindingForm,
    errors: &FormErrors,
    conflict: Option<Markup>,
    status: StatusCode,
) -> AppResult<Response> {
    let inspection = db::inspections::get(&state.db, inspection_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let siblings = findings::list_for_inspection(&state.db, inspection_id).await?;
    let parents = siblings
        .iter()
        .filter(|s| s.kind == FindingKind::CauseOfConcern && Some(s.id) != finding.map(|f| f.id))
        .map(|s| (s.id.to_string(), s.reference.clone()))
        .collect();
    let p = FindingFormPage {
        heading: finding.map_or("Add a finding".into(), |f| {
            format!("Edit {} {}", f.kind.label(), f.reference)
        }),
        inspection_title: &inspection.title,
        action: finding.map_or(format!("/inspections/{inspection_id}/findings"), |f| {
            format!("/findings/{}", f.id)
        }),
        parents,
        conflict,
    };
    Ok((
        status,
        view::form_page(&super::chrome(state, Some(user)), &p, form, errors),
    )
        .into_response())
}
