//! Milestones: add to an action, revise the date and mark met (the office). Proposals from
//! the force are in `proposals`.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::form_checks::{self as check, json};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::milestones::{MilestoneRow, NewMilestone, NewRevision};
use crate::db::{self, actions, milestones};
use crate::domain::vocab::ReasonCategory;
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::forms::FieldErrors;
use crate::views::milestones::{MilestoneForm, MilestoneFormKind as Kind, milestone_form_page};

/// The milestone (if any) and its action's id and heading.
pub(super) async fn load(
    state: &AppState,
    kind: Kind,
    id: i64,
) -> AppResult<(Option<MilestoneRow>, (i64, String))> {
    let milestone = match kind {
        Kind::Add => None,
        _ => Some(
            milestones::find(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
    };
    let action_id = milestone.as_ref().map_or(id, |m| m.action_id);
    let a = actions::find(&state.db, action_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((milestone, (a.id, format!("{} {}", a.reference, a.title))))
}

pub(super) async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    kind: Kind,
    id: i64,
    form: &MilestoneForm,
    errors: &FieldErrors,
) -> AppResult<Markup> {
    let (milestone, action) = load(state, kind, id).await?;
    let chrome = super::chrome(state, Some(user));
    Ok(milestone_form_page(
        &chrome,
        &user.csrf_token,
        kind,
        (action.0, &action.1),
        milestone.as_ref(),
        form,
        errors,
    ))
}

pub async fn new(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    blank(&s, &u, Kind::Add, id).await
}

pub async fn revise_form(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    blank(&s, &u, Kind::Revise, id).await
}

pub async fn met_form(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    blank(&s, &u, Kind::Met, id).await
}

/// A milestone form of `kind`, empty, for the milestone (or, to add one, the action) `id`.
pub(super) async fn blank(s: &AppState, u: &CurrentUser, kind: Kind, id: i64) -> AppResult<Markup> {
    form_page(
        s,
        u,
        kind,
        id,
        &MilestoneForm::default(),
        &FieldErrors::default(),
    )
    .await
}

/// The new date, reason category, reason and requester of a revision or proposal.
pub(super) fn check_move(
    form: &MilestoneForm,
    current: chrono::NaiveDate,
    e: &mut FieldErrors,
) -> Option<(chrono::NaiveDate, ReasonCategory, String, String)> {
    let date = check::date(e, "date", "the new due date", &form.date());
    if date == Some(current) {
        e.add("date", "Enter a date different from the current due date");
    }
    let category = check::choice(
        e,
        "reason_category",
        "Select a reason category",
        ReasonCategory::parse(&form.reason_category),
    );
    let reason = check::required(e, "reason", "the reason", &form.reason, 5_000);
    let requested_by = check::required(
        e,
        "requested_by",
        "who asked for the new date",
        &form.requested_by,
        200,
    );
    Some((date?, category?, reason, requested_by)).filter(|_| e.is_empty())
}

pub(super) async fn redisplay(
    state: &AppState,
    user: &CurrentUser,
    kind: Kind,
    id: i64,
    form: &MilestoneForm,
    errors: &FieldErrors,
) -> AppResult<Response> {
    Ok(check::unprocessable(
        form_page(state, user, kind, id, form, errors).await?,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<MilestoneForm>,
) -> AppResult<Response> {
    load(&state, Kind::Add, id).await?;
    let mut e = FieldErrors::default();
    let title = check::required(&mut e, "title", "a title", &form.title, 300);
    let due = check::date(&mut e, "date", "the due date", &form.date());
    let Some(due_on) = due.filter(|_| e.is_empty()) else {
        return redisplay(&state, &user, Kind::Add, id, &form, &e).await;
    };
    let new = NewMilestone {
        action_id: id,
        title,
        due_on,
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let mid = milestones::insert(&mut *tx, &new, &db::timestamp(now)).await?;
    let after = milestones::find(&mut *tx, mid).await?;
    check::audit(
        &mut tx,
        now,
        &user,
        (Entity::Milestone, mid, AuditAction::Create),
        None,
        json(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{id}#milestone-{mid}")).into_response())
}

pub async fn revise(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<MilestoneForm>,
) -> AppResult<Response> {
    let (milestone, _) = load(&state, Kind::Revise, id).await?;
    let m = milestone.ok_or(AppError::NotFound)?;
    let mut e = FieldErrors::default();
    let Some((new_due_on, reason_category, reason, requested_by)) =
        check_move(&form, m.current_due_on, &mut e)
    else {
        return redisplay(&state, &user, Kind::Revise, id, &form, &e).await;
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let before = milestones::find(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let new = NewRevision {
        milestone_id: id,
        previous_due_on: before.current_due_on,
        new_due_on,
        reason_category,
        reason,
        requested_by,
        accepted_by: user.id,
        accepted_at: db::timestamp(now),
        proposal_id: None,
    };
    let rid = milestones::insert_revision(&mut *tx, &new).await?;
    let after = milestones::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        now,
        &user,
        (Entity::MilestoneRevision, rid, AuditAction::Create),
        json(&before),
        json(&(&new, after)),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{}#milestone-{id}", m.action_id)).into_response())
}

pub async fn met(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<MilestoneForm>,
) -> AppResult<Response> {
    let (milestone, _) = load(&state, Kind::Met, id).await?;
    let m = milestone.ok_or(AppError::NotFound)?;
    let mut e = FieldErrors::default();
    let Some(met_on) = check::past_date(
        &mut e,
        "date",
        "the date it was met",
        &form.date(),
        state.clock.today(),
    ) else {
        return redisplay(&state, &user, Kind::Met, id, &form, &e).await;
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let before = milestones::find(&mut *tx, id).await?;
    if !milestones::update_met(&mut *tx, id, met_on).await? {
        return Err(AppError::Conflict);
    }
    let after = milestones::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        now,
        &user,
        (Entity::Milestone, id, AuditAction::Met),
        json(&before),
        json(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{}#milestone-{id}", m.action_id)).into_response())
}
