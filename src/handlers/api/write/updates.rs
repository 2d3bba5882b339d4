//! Changes a force makes through the API: a progress update on an action-plan item or a
//! finding, and a proposed new date for a milestone.

use axum::extract::{Path, State};
use axum::response::Response;

use super::bodies::{NewProposalBody, NewUpdateBody};
use super::{answer, date_parts, refused, yes};
use crate::domain::milestones::NewProposal;
use crate::error::AppError;
use crate::forms::FieldErrors;
use crate::forms::milestones::MilestoneForm;
use crate::forms::updates::UpdateForm;
use crate::handlers::api::{ApiCaller, ApiWrite, Problem, record_id};
use crate::handlers::respond::{About, Now};
use crate::views::api::changes::{Proposal, Update};
use crate::{AppState, db, record};

/// Post a progress update on an action-plan item or a finding (force and office).
#[utoipa::path(
    post,
    path = "/api/v1/actions/{id}/updates",
    params(("id" = i64, Path, description = "The action-plan item")),
    request_body = NewUpdateBody,
    responses(
        (status = 201, description = "Posted", body = Update),
        (status = 200, description = "Already posted with this Idempotency-Key", body = Update),
    ),
    security(("bearer" = [])),
    tag = "Changes"
)]
pub async fn post_update(
    State(s): State<AppState>,
    caller: ApiCaller,
    now: Now,
    About(subject): About,
    write: ApiWrite<NewUpdateBody>,
) -> Result<Response, Problem> {
    let (actor, b) = write.by(&caller);
    let result = async {
        let mut dates = FieldErrors::default();
        let as_at = date_parts(&mut dates, "as_at", b.as_at.as_deref(), now.today);
        let form = UpdateForm {
            as_at_day: as_at.day,
            as_at_month: as_at.month,
            as_at_year: as_at.year,
            rag: b.rag,
            narrative: b.narrative,
            evidence: b.evidence.unwrap_or_default(),
            public_summary: b.public_summary.unwrap_or_default(),
            confirm_date: yes(b.confirm_date),
        };
        let published = db::inspections::published_on_for(&s.db, subject).await?;
        let input = refused(dates, form.parse(subject, None, now.today, published))?;
        record::updates::post(&s.db, &actor, now.at, caller.user.id, input).await
    };
    let location = |id| format!("{}#update-{id}", subject.path());
    answer(result.await, location, async |id| {
        let row = db::updates::find(&s.db, id).await?;
        let row = row.ok_or_else(|| AppError::internal("the update just made is not there"))?;
        Ok(Update::from(&row))
    })
    .await
}

/// The same operation on a finding (documented separately for OpenAPI).
#[utoipa::path(
    post,
    path = "/api/v1/findings/{id}/updates",
    params(("id" = i64, Path, description = "The finding")),
    request_body = NewUpdateBody,
    responses(
        (status = 201, description = "Posted", body = Update),
        (status = 200, description = "Already posted with this Idempotency-Key", body = Update),
    ),
    security(("bearer" = [])),
    tag = "Changes"
)]
#[allow(dead_code)]
fn post_finding_update() {}

/// Propose a new date for a milestone (force and office); the office accepts or rejects it.
#[utoipa::path(
    post,
    path = "/api/v1/milestones/{id}/proposals",
    params(("id" = i64, Path, description = "The milestone")),
    request_body = NewProposalBody,
    responses(
        (status = 201, description = "Proposed", body = Proposal),
        (status = 200, description = "Already proposed with this Idempotency-Key", body = Proposal),
    ),
    security(("bearer" = [])),
    tag = "Changes"
)]
pub async fn propose(
    State(s): State<AppState>,
    caller: ApiCaller,
    now: Now,
    Path(id): Path<String>,
    write: ApiWrite<NewProposalBody>,
) -> Result<Response, Problem> {
    let id = record_id(&id)?;
    let (actor, b) = write.by(&caller);
    let milestone = db::milestones::find(&s.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let result = async {
        let mut dates = FieldErrors::default();
        let date = date_parts(&mut dates, "date", Some(&b.date), now.today);
        let form = MilestoneForm {
            date_day: date.day,
            date_month: date.month,
            date_year: date.year,
            reason_category: b.reason_category,
            reason: b.reason,
            requested_by: b.requested_by,
            ..MilestoneForm::default()
        };
        let moved = refused(dates, form.parse_move(milestone.current_due_on))?;
        let new = NewProposal::of(id, moved);
        record::proposals::propose(&s.db, &actor, now.at, caller.user.id, new).await
    };
    answer(
        result.await,
        |_| format!("/actions/{}", milestone.action_id),
        async |id| {
            let row = db::proposals::find(&s.db, id).await?;
            let row =
                row.ok_or_else(|| AppError::internal("the proposal just made is not there"))?;
            Ok(Proposal::from(&row))
        },
    )
    .await
}
