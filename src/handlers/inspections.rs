//! Inspections: list, add, show (findings with their three voices and the section 55 panel)
//! and edit, version-checked.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::form_checks::{Shown, problem, read_version};
use super::inspection_form::{check, clash, form_from};
use crate::auth::CurrentUser;
use crate::db::audit::{self, Change};
use crate::db::inspections::{self, InspectionRow, NewInspection};
use crate::db::voices::{self, Scope};
use crate::domain::vocab::Source;
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::inspections::{self as view, InspectionForm, InspectionFormPage};
use crate::{AppState, db};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let list = inspections::list(&state.db).await?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(view::index_page(
        &chrome,
        &list,
        user.is_office(),
        state.clock.today(),
    ))
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let inspection = get(&state, id).await?;
    let findings = db::findings::list_for_inspection(&state.db, id).await?;
    let today = state.clock.today();
    let voices = voices::list(&state.db, Scope::Inspection(id), today).await?;
    let page = view::InspectionPage {
        inspection: &inspection,
        findings: &findings,
        voices: &voices,
        can_edit: user.is_office(),
        today,
    };
    Ok(view::show_page(&super::chrome(&state, Some(&user)), &page))
}

pub async fn new(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    let source = Source::Hmicfrs.as_str().into();
    let form = InspectionForm {
        source,
        ..Default::default()
    };
    render_form(&state, &user, None, &form, Shown::Fresh).await
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<InspectionForm>,
) -> AppResult<Response> {
    let (new, new_body) = match check(&form) {
        Ok(checked) => checked,
        Err(errors) => {
            return render_form(&state, &user, None, &form, Shown::Invalid(errors)).await;
        }
    };
    let now = db::timestamp(state.clock.now());
    let mut tx = db::begin_write(&state.db).await?;
    let new = with_body(&mut tx, &state, &user, new, new_body).await?;
    let id = match inspections::insert(&mut tx, &new, &now).await {
        Ok(id) => id,
        // A body or earlier inspection chosen from a stale list may no longer exist.
        Err(e) if db::is_constraint_violation(&e) => {
            return render_form(&state, &user, None, &form, stale_choice()).await;
        }
        Err(e) => return Err(e.into()),
    };
    let change = Change {
        entity: Entity::Inspection,
        entity_id: Some(id),
        action: AuditAction::Create,
        before: None,
        after: Some(serde_json::json!(new)),
    };
    audit::record(&mut tx, state.clock.now(), &user.actor(), change).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/inspections/{id}")).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let saved = get(&state, id).await?;
    render_form(&state, &user, Some(id), &form_from(&saved), Shown::Fresh).await
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(mut form): Form<InspectionForm>,
) -> AppResult<Response> {
    let before = get(&state, id).await?;
    let (new, new_body) = match check(&form) {
        Ok(checked) => checked,
        Err(errors) => {
            return render_form(&state, &user, Some(id), &form, Shown::Invalid(errors)).await;
        }
    };
    let mut tx = db::begin_write(&state.db).await?;
    let new = with_body(&mut tx, &state, &user, new, new_body).await?;
    let now = db::timestamp(state.clock.now());
    let saved = inspections::update(&mut tx, id, read_version(&form.version), &new, &now).await;
    if matches!(&saved, Err(e) if db::is_constraint_violation(e)) {
        return render_form(&state, &user, Some(id), &form, stale_choice()).await;
    }
    if saved? == 0 {
        tx.rollback().await?;
        let latest = get(&state, id).await?;
        let shown = Shown::Conflict(clash(&latest, &form));
        form.version = latest.version.to_string();
        return render_form(&state, &user, Some(id), &form, shown).await;
    }
    let change = Change {
        entity: Entity::Inspection,
        entity_id: Some(id),
        action: AuditAction::Update,
        before: Some(serde_json::json!(before)),
        after: Some(serde_json::json!(new)),
    };
    audit::record(&mut tx, state.clock.now(), &user.actor(), change).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/inspections/{id}")).into_response())
}

async fn get(state: &AppState, id: i64) -> AppResult<InspectionRow> {
    inspections::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

fn stale_choice() -> Shown {
    problem(
        "body_id",
        "Choose the inspected body and any earlier inspection from the lists again",
    )
}

/// Use the typed body name: the existing body of that name, or a new one.
async fn with_body(
    tx: &mut sqlx::SqliteConnection,
    state: &AppState,
    user: &CurrentUser,
    mut new: NewInspection,
    name: Option<String>,
) -> AppResult<NewInspection> {
    let Some(name) = name else { return Ok(new) };
    new.body_id = match db::bodies::find_by_name(&mut *tx, &name).await? {
        Some(body) => body.id,
        None => {
            let id = db::bodies::insert(&mut *tx, &name, state.clock.now()).await?;
            audit::record(
                tx,
                state.clock.now(),
                &user.actor(),
                Change {
                    entity: Entity::InspectedBody,
                    entity_id: Some(id),
                    action: AuditAction::Create,
                    before: None,
                    after: Some(serde_json::json!({ "name": name })),
                },
            )
            .await?;
            id
        }
    };
    Ok(new)
}

async fn render_form(
    state: &AppState,
    user: &CurrentUser,
    id: Option<i64>,
    form: &InspectionForm,
    shown: Shown,
) -> AppResult<Response> {
    let status = shown.status();
    let (errors, conflict) = shown.parts();
    let bodies = db::bodies::list(&state.db).await?;
    let others: Vec<_> = inspections::list(&state.db)
        .await?
        .into_iter()
        .filter(|i| Some(i.id) != id)
        .collect();
    let p = InspectionFormPage {
        heading: if id.is_some() {
            "Edit the inspection"
        } else {
            "Add an inspection"
        },
        action: id.map_or("/inspections".into(), |id| format!("/inspections/{id}")),
        bodies: &bodies,
        others: &others,
        conflict,
    };
    let chrome = super::chrome(state, Some(user));
    Ok((status, view::form_page(&chrome, &p, form, &errors)).into_response())
}
