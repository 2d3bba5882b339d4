//! The office's judgements through the API: an assurance assessment and an inspectorate
//! position on a finding.

use axum::extract::{Path, State};
use axum::response::Response;

use super::bodies::{NewAssessmentBody, NewPositionBody};
use super::{answer, date_parts, id_text, refused, yes};
use crate::db::assurance::Reasons;
use crate::error::AppError;
use crate::forms::FieldErrors;
use crate::forms::assurance::{AssessmentForm, PositionForm};
use crate::handlers::api::{ApiCaller, ApiWrite, Problem, record_id};
use crate::handlers::respond::Now;
use crate::views::api::changes::{Assessment, Position};
use crate::{AppState, db, record};

/// Record the PCC office's assurance judgement on a finding (office only).
#[utoipa::path(
    post,
    path = "/api/v1/findings/{id}/assessments",
    params(("id" = i64, Path, description = "The finding")),
    request_body = NewAssessmentBody,
    responses(
        (status = 201, description = "Recorded", body = Assessment),
        (status = 200, description = "Already recorded with this Idempotency-Key", body = Assessment),
    ),
    security(("bearer" = [])),
    tag = "Changes"
)]
pub async fn assess(
    State(s): State<AppState>,
    caller: ApiCaller,
    now: Now,
    Path(id): Path<String>,
    write: ApiWrite<NewAssessmentBody>,
) -> Result<Response, Problem> {
    let id = record_id(&id)?;
    let (actor, b) = write.by(&caller);
    db::findings::find(&s.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let parts: Vec<i64> = db::findings::list_parts(&s.db, id)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    let result = async {
        let mut dates = FieldErrors::default();
        let on = date_parts(
            &mut dates,
            "assessed_on",
            b.assessed_on.as_deref(),
            now.today,
        );
        let form = AssessmentForm {
            level: b.level,
            part_id: id_text(b.part_id),
            rationale: b.rationale,
            rationale_shared: yes(b.rationale_shared),
            evidence_seen: b.evidence_seen.unwrap_or_default(),
            assessed_on_day: on.day,
            assessed_on_month: on.month,
            assessed_on_year: on.year,
            seen_files: Vec::new(),
        };
        let input = refused(dates, form.parse(id, &parts, caller.user.id, now.today))?;
        record::assurance::assess(&s.db, &actor, now.at, input).await
    };
    answer(
        result.await,
        |_| format!("/findings/{id}#assessments"),
        async |made| {
            let all = db::assurance::list_assessments(&s.db, id, Reasons::Shown).await?;
            let row = all.iter().find(|a| a.id == made);
            let row =
                row.ok_or_else(|| AppError::internal("the assessment just made is not there"))?;
            Ok(Assessment::from(row))
        },
    )
    .await
}

/// Record the inspectorate's position on a finding (office only).
#[utoipa::path(
    post,
    path = "/api/v1/findings/{id}/positions",
    params(("id" = i64, Path, description = "The finding")),
    request_body = NewPositionBody,
    responses(
        (status = 201, description = "Recorded", body = Position),
        (status = 200, description = "Already recorded with this Idempotency-Key", body = Position),
    ),
    security(("bearer" = [])),
    tag = "Changes"
)]
pub async fn record_position(
    State(s): State<AppState>,
    caller: ApiCaller,
    now: Now,
    Path(id): Path<String>,
    write: ApiWrite<NewPositionBody>,
) -> Result<Response, Problem> {
    let id = record_id(&id)?;
    let (actor, b) = write.by(&caller);
    db::findings::find(&s.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let result = async {
        let mut dates = FieldErrors::default();
        let as_at = date_parts(&mut dates, "as_at", b.as_at.as_deref(), now.today);
        let form = PositionForm {
            position: b.position,
            superseded_by_id: id_text(b.superseded_by_id),
            as_at_day: as_at.day,
            as_at_month: as_at.month,
            as_at_year: as_at.year,
            source: b.source,
            source_inspection_id: id_text(b.source_inspection_id),
            report_words: b.report_words.unwrap_or_default(),
            note: b.note.unwrap_or_default(),
        };
        let input = refused(dates, form.parse(id, caller.user.id, now.today))?;
        record::assurance::record_position(&s.db, &actor, now.at, input).await
    };
    answer(
        result.await,
        |_| format!("/findings/{id}#positions"),
        async |made| {
            let all = db::assurance::list_positions(&s.db, id).await?;
            let row = all.iter().find(|p| p.id == made);
            let row =
                row.ok_or_else(|| AppError::internal("the position just made is not there"))?;
            Ok(Position::from(row))
        },
    )
    .await
}
