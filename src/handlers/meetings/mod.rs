//! Meetings: list, create, show and edit (version-checked), and naming items for update.

mod form;

use crate::handlers::form_checks as check;
use form::{clashes, form_of, validate};

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::db::audit::{self, Change};
use crate::domain::meetings::{parse_link, update_outcome};
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::forms::{FieldErrors, conflict_summary};
use crate::views::meeting_forms::{FormContext, MeetingForm, meeting_form_page};
use crate::views::meetings::{MeetingView, index_page, show_page};
use crate::{AppState, db};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let meetings = db::meetings::list(&state.db).await?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(index_page(
        &chrome,
        &meetings,
        state.clock.today(),
        user.is_office(),
    ))
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let meeting = db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let agenda = db::agenda::list_for_meeting(&state.db, id).await?;
    let requests = db::meetings::list_requests(&state.db, id).await?;
    let updates = db::meetings::updates_for_requests(&state.db, id).await?;
    let arising = db::arising::list_for_meeting(&state.db, id).await?;
    let packs = db::packs::list_for_meeting(&state.db, id).await?;
    let link_options = db::meetings::link_options(&state.db).await?;
    let today = state.clock.today();
    let requests: Vec<_> = requests
        .into_iter()
        .map(|r| {
            let entered: Vec<_> = updates
                .iter()
                .filter(|u| {
                    (r.action_id.is_some() && u.action_id == r.action_id)
                        || (r.finding_id.is_some() && u.finding_id == r.finding_id)
                })
                .map(|u| u.entered_at)
                .collect();
            (
                r.label,
                update_outcome(r.requested_at, meeting.update_deadline, today, &entered),
            )
        })
        .collect();
    let view = MeetingView {
        meeting: &meeting,
        agenda: &agenda,
        requests: &requests,
        arising: &arising,
        packs: &packs,
        link_options: &link_options,
        today,
        can_edit: user.is_office(),
        csrf_token: &user.csrf_token,
    };
    Ok(show_page(&super::chrome(&state, Some(&user)), &view))
}

pub async fn new(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let form = MeetingForm {
        status: "planned".into(),
        time: "10:00".into(),
        ..MeetingForm::default()
    };
    Ok(render_form(
        &state,
        &user,
        None,
        &form,
        &FieldErrors::default(),
        None,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<MeetingForm>,
) -> AppResult<Response> {
    let meeting = match validate(&form) {
        Ok(m) => m,
        Err(errors) => return Ok(invalid(&state, &user, None, &form, &errors)),
    };
    let now = db::timestamp(state.clock.now());
    let mut tx = db::begin_write(&state.db).await?;
    let id = db::meetings::insert(&mut tx, &meeting, &now).await?;
    let after = db::meetings::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        state.clock.now(),
        &user,
        (Entity::Meeting, id, AuditAction::Create),
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
) -> AppResult<Markup> {
    let meeting = db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(render_form(
        &state,
        &user,
        Some(id),
        &form_of(&meeting),
        &FieldErrors::default(),
        None,
    ))
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<MeetingForm>,
) -> AppResult<Response> {
    let before = db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let meeting = match validate(&form) {
        Ok(m) => m,
        Err(errors) => return Ok(invalid(&state, &user, Some(id), &form, &errors)),
    };
    let version: i64 = form.version.trim().parse().unwrap_or(0);
    let now = db::timestamp(state.clock.now());
    let mut tx = db::begin_write(&state.db).await?;
    if !db::meetings::update(&mut tx, id, version, &meeting, &now).await? {
        drop(tx);
        let saved = db::meetings::find(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let conflict = conflict_summary(&clashes(&form_of(&saved), &form));
        let form = MeetingForm {
            version: saved.version.to_string(),
            ..form
        };
        let page = render_form(
            &state,
            &user,
            Some(id),
            &form,
            &FieldErrors::default(),
            Some(conflict),
        );
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let after = db::meetings::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        state.clock.now(),
        &user,
        (Entity::Meeting, id, AuditAction::Update),
        Some(&before).and_then(check::json),
        after.as_ref().and_then(check::json),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/meetings/{id}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    pub item: String,
}

/// Name an item the force must update before this meeting.
pub async fn add_request(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<RequestForm>,
) -> AppResult<Response> {
    db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let link = parse_link(&form.item).filter(|l| l.action_id.is_some() || l.finding_id.is_some());
    let Some(link) = link else {
        return Ok(Redirect::to(&format!("/meetings/{id}")).into_response());
    };
    let now = db::timestamp(state.clock.now());
    let mut tx = db::begin_write(&state.db).await?;
    let request_id = match db::meetings::insert_request(
        &mut tx,
        id,
        link.action_id,
        link.finding_id,
        user.id,
        &now,
    )
    .await
    {
        Err(e) if db::is_constraint_violation(&e) => return Err(AppError::NotFound),
        other => other?,
    };
    let after = serde_json::json!({ "meeting_id": id, "action_id": link.action_id, "finding_id": link.finding_id });
    let change = Change {
        entity: Entity::UpdateRequest,
        entity_id: Some(request_id),
        action: AuditAction::Create,
        before: None,
        after: Some(after),
    };
    audit::record(&mut tx, state.clock.now(), &user.actor(), change).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/meetings/{id}")).into_response())
}

fn render_form(
    state: &AppState,
    user: &CurrentUser,
    id: Option<i64>,
    form: &MeetingForm,
    errors: &FieldErrors,
    conflict: Option<Markup>,
) -> Markup {
    let ctx = FormContext {
        heading: if id.is_some() {
            "Edit meeting"
        } else {
            "Add a meeting"
        },
        action: id.map_or_else(|| "/meetings".to_string(), |id| format!("/meetings/{id}")),
        csrf_token: &user.csrf_token,
        conflict,
    };
    meeting_form_page(&super::chrome(state, Some(user)), &ctx, form, errors)
}

fn invalid(
    state: &AppState,
    user: &CurrentUser,
    id: Option<i64>,
    form: &MeetingForm,
    errors: &FieldErrors,
) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        render_form(state, user, id, form, errors, None),
    )
        .into_response()
}
