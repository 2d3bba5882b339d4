//! Proposed milestone revisions: the force (or office) proposes a new date; the office sees
//! every pending one in a list and accepts it or rejects it with a reason.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::form_checks::{self as check, json};
use super::milestones::{blank, check_move, load, redisplay};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::milestones::NewRevision;
use crate::db::proposals::NewProposal;
use crate::db::{self, milestones, proposals};
use crate::domain::vocab::ProposalStatus;
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::forms::FieldErrors;
use crate::views::milestones::{MilestoneForm, MilestoneFormKind as Kind};
use crate::views::proposals::{RejectForm, proposals_page, reject_page};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let pending = proposals::list_pending(&state.db).await?;
    Ok(proposals_page(
        &super::chrome(&state, Some(&user)),
        &user.csrf_token,
        &pending,
    ))
}

pub async fn accept(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let at = db::timestamp(now);
    let mut tx = db::begin_write(&state.db).await?;
    let p = proposals::find(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !proposals::decide(&mut *tx, id, ProposalStatus::Accepted, user.id, None, &at).await? {
        return Err(AppError::Conflict);
    }
    let revision = NewRevision {
        milestone_id: p.milestone_id,
        previous_due_on: p.current_due_on,
        new_due_on: p.proposed_due_on,
        reason_category: p.reason_category,
        reason: p.reason.clone(),
        requested_by: p.requested_by.clone(),
        accepted_by: user.id,
        accepted_at: at.clone(),
        proposal_id: Some(id),
    };
    let rid = milestones::insert_revision(&mut *tx, &revision).await?;
    let after = proposals::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        now,
        &user,
        (Entity::RevisionProposal, id, AuditAction::Accept),
        json(&p),
        json(&after),
    )
    .await?;
    check::audit(
        &mut tx,
        now,
        &user,
        (Entity::MilestoneRevision, rid, AuditAction::Create),
        None,
        json(&revision),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/proposals").into_response())
}

pub async fn reject_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let p = proposals::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(reject_page(
        &chrome,
        &user.csrf_token,
        &p,
        &RejectForm::default(),
        &FieldErrors::default(),
    ))
}

pub async fn reject(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<RejectForm>,
) -> AppResult<Response> {
    let p = proposals::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let reason = check::required(
        &mut errors,
        "decision_reason",
        "why the proposal is rejected",
        &form.decision_reason,
        5_000,
    );
    if !errors.is_empty() {
        let chrome = super::chrome(&state, Some(&user));
        return Ok(check::unprocessable(reject_page(
            &chrome,
            &user.csrf_token,
            &p,
            &form,
            &errors,
        )));
    }
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if !proposals::decide(
        &mut *tx,
        id,
        ProposalStatus::Rejected,
        user.id,
        Some(&reason),
        &db::timestamp(now),
    )
    .await?
    {
        return Err(AppError::Conflict);
    }
    let after = proposals::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        now,
        &user,
        (Entity::RevisionProposal, id, AuditAction::Reject),
        json(&p),
        json(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/proposals").into_response())
}

pub async fn propose_form(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    blank(&s, &u, Kind::Propose, id).await
}

pub async fn propose(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<MilestoneForm>,
) -> AppResult<Response> {
    let (milestone, _) = load(&state, Kind::Propose, id).await?;
    let m = milestone.ok_or(AppError::NotFound)?;
    let mut e = FieldErrors::default();
    let Some((proposed_due_on, reason_category, reason, requested_by)) =
        check_move(&form, m.current_due_on, &mut e)
    else {
        return redisplay(&state, &user, Kind::Propose, id, &form, &e).await;
    };
    let new = NewProposal {
        milestone_id: id,
        proposed_due_on,
        reason_category,
        reason,
        requested_by,
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let pid = proposals::insert(&mut *tx, &new, user.id, &db::timestamp(now)).await?;
    check::audit(
        &mut tx,
        now,
        &user,
        (Entity::RevisionProposal, pid, AuditAction::Create),
        None,
        json(&new),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{}#milestone-{id}", m.action_id)).into_response())
}
