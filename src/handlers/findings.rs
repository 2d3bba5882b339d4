//! Findings: add to an inspection, show (with its voices and histories) and edit,
//! version-checked, with its parts.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::finding_form::{check, check_removals, clash, form_from};
use super::form_checks::{Shown, problem, read_version};
use crate::auth::CurrentUser;
use crate::db::audit::{self, Change};
use crate::db::findings::{self, FindingRow};
use crate::db::voices::{self, Scope};
use crate::domain::schedule::Rollup;
use crate::domain::subject::Subject;
use crate::domain::vocab::{AuditAction, Entity};
use crate::domain::vocab::{FindingKind, Role};
use crate::error::{AppError, AppResult};
use crate::views::findings::{self as view, FindingForm, FindingFormPage, FindingPage};
use crate::{AppState, db};

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let finding = get(&state, id).await?;
    let today = state.clock.today();
    let mut conn = state.db.acquire().await?;
    let parts = findings::list_parts(&mut *conn, id).await?;
    let voices = voices::list(&mut *conn, Scope::Finding(id), today).await?;
    let assessments = db::assurance::list_assessments(&mut *conn, id).await?;
    let positions = db::assurance::list_positions(&mut *conn, id).await?;
    let actions = db::actions::list_for_finding(&mut *conn, id).await?;
    let action_ids: Vec<i64> = actions.iter().map(|a| a.id).collect();
    let action_rollups = db::milestones::rollups_by_action(&mut conn, &action_ids, today).await?;
    // Each milestone belongs to one action, so the finding's roll-up is theirs added up.
    let mut rollup = Rollup::default();
    action_rollups.values().for_each(|r| rollup.absorb(r));
    let updates = db::updates::list_for_finding(&mut *conn, id).await?;
    let arising = db::arising::list_for_finding(&mut *conn, id).await?;
    let measures = db::measures::list_for(&mut *conn, Subject::Finding(id)).await?;
    let page = FindingPage {
        finding: &finding,
        parts: &parts,
        voices: voices.first(),
        assessments: &assessments,
        positions: &positions,
        actions: &actions,
        action_rollups: &action_rollups,
        rollup,
        updates: &updates,
        arising: &arising,
        measures: &measures,
        can_edit: user.is_office(),
        can_post_update: user.role.can_submit_updates(),
        can_see_inspection: user.role != Role::Force,
        today,
    };
    Ok(view::show_page(&super::chrome(&state, Some(&user)), &page))
}

pub async fn new(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(inspection_id): Path<i64>,
) -> AppResult<Response> {
    let kind = FindingKind::Recommendation.as_str().into();
    let form = FindingForm {
        kind,
        ..Default::default()
    };
    render(&state, &user, inspection_id, None, &form, Shown::Fresh).await
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
            let shown = Shown::Invalid(errors);
            return render(&state, &user, inspection_id, None, &form, shown).await;
        }
    };
    let mut tx = db::begin_write(&state.db).await?;
    let now = db::timestamp(state.clock.now());
    let id = match findings::insert(&mut tx, inspection_id, &new, &now).await {
        Ok(id) => id,
        // Someone else added the same reference since the check.
        Err(e) if db::is_constraint_violation(&e) => {
            let shown = reference_taken(&new.reference);
            return render(&state, &user, inspection_id, None, &form, shown).await;
        }
        Err(e) => return Err(e.into()),
    };
    findings::replace_parts(&mut tx, id, &lines).await?;
    let after =
        serde_json::json!({ "inspection_id": inspection_id, "finding": new, "parts": lines });
    let change = Change {
        entity: Entity::Finding,
        entity_id: Some(id),
        action: AuditAction::Create,
        before: None,
        after: Some(after),
    };
    audit::record(&mut tx, state.clock.now(), &user.actor(), change).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/findings/{id}")).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let f = get(&state, id).await?;
    let parts = findings::list_parts(&state.db, id).await?;
    let lines: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
    let form = form_from(&f, &lines.join("\n"));
    render(
        &state,
        &user,
        f.inspection_id,
        Some(&f),
        &form,
        Shown::Fresh,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(mut form): Form<FindingForm>,
) -> AppResult<Response> {
    let before = get(&state, id).await?;
    let inspection_id = before.inspection_id;
    let siblings = findings::list_for_inspection(&state.db, inspection_id).await?;
    let existing = findings::list_parts(&state.db, id).await?;
    let (new, lines) = match check(&form, &siblings, Some(id)) {
        Ok(checked) => checked,
        Err(errors) => {
            let shown = Shown::Invalid(errors);
            return render(&state, &user, inspection_id, Some(&before), &form, shown).await;
        }
    };
    let mut tx = db::begin_write(&state.db).await?;
    let now = db::timestamp(state.clock.now());
    let saved = findings::update(&mut tx, id, read_version(&form.version), &new, &now).await;
    if matches!(&saved, Err(e) if db::is_constraint_violation(e)) {
        let shown = reference_taken(&new.reference);
        return render(&state, &user, inspection_id, Some(&before), &form, shown).await;
    }
    if saved? == 0 {
        tx.rollback().await?;
        // Someone saved after `before` was read: show (and offer to save over) their version.
        let latest = get(&state, id).await?;
        let shown = Shown::Conflict(clash(&latest, &form));
        form.version = latest.version.to_string();
        return render(&state, &user, inspection_id, Some(&latest), &form, shown).await;
    }
    // Judged parts cannot be removed. Checked under the write lock, so an assessment added
    // since the form was read cannot make the delete below fail.
    let referenced = findings::list_referenced_parts(&mut *tx, id).await?;
    if let Err(errors) = check_removals(&existing, &lines, &referenced) {
        tx.rollback().await?;
        let shown = Shown::Invalid(errors);
        return render(&state, &user, inspection_id, Some(&before), &form, shown).await;
    }
    findings::replace_parts(&mut tx, id, &lines).await?;
    let change = Change {
        entity: Entity::Finding,
        entity_id: Some(id),
        action: AuditAction::Update,
        before: Some(serde_json::json!({ "finding": before, "parts": existing })),
        after: Some(serde_json::json!({ "finding": new, "parts": lines })),
    };
    audit::record(&mut tx, state.clock.now(), &user.actor(), change).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/findings/{id}")).into_response())
}

async fn get(state: &AppState, id: i64) -> AppResult<FindingRow> {
    findings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

fn reference_taken(reference: &str) -> Shown {
    problem(
        "reference",
        format!("Reference {reference} is already used in this inspection"),
    )
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    inspection_id: i64,
    finding: Option<&FindingRow>,
    form: &FindingForm,
    shown: Shown,
) -> AppResult<Response> {
    let inspection = db::inspections::get(&state.db, inspection_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let siblings = findings::list_for_inspection(&state.db, inspection_id).await?;
    let this = finding.map(|f| f.id);
    let parents = siblings
        .iter()
        .filter(|s| s.kind == FindingKind::CauseOfConcern && Some(s.id) != this)
        .map(|s| (s.id.to_string(), s.reference.clone()))
        .collect();
    let status = shown.status();
    let (errors, conflict) = shown.parts();
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
    let chrome = super::chrome(state, Some(user));
    Ok((status, view::form_page(&chrome, &p, form, &errors)).into_response())
}
