//! Changing the record through the API: each body becomes the form the pages read, so the
//! same rules give the same messages, and goes through the same record function with its
//! audit event (naming the token). Answered with the record made (201), or – for a repeated
//! `Idempotency-Key` – that record again (200, `Idempotent-Replayed: true`).

use std::convert::Infallible;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiCaller, ApiWrite, Problem};
use crate::db::assurance::Reasons;
use crate::domain::milestones::NewProposal;
use crate::error::AppError;
use crate::forms::assurance::{AssessmentForm, PositionForm};
use crate::forms::milestones::MilestoneForm;
use crate::forms::updates::UpdateForm;
use crate::forms::{DateParts, FieldErrors};
use crate::handlers::respond::{About, Now};
use crate::record::{RecordError, RecordResult, Saved};
use crate::views::api::changes::{Assessment, Position, Proposal, Update};
use crate::{AppState, db, record};

/// A progress update on an action-plan item or a finding.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUpdateBody {
    /// The day the update describes the position on (YYYY-MM-DD): today if left out; not
    /// after today.
    #[schema(format = Date, example = "2026-12-01")]
    pub as_at: Option<String>,
    /// `red`, `amber`, `green` or `blue` (complete).
    #[schema(example = "amber")]
    pub rag: String,
    pub narrative: String,
    pub evidence: Option<String>,
    /// Wording proposed for the public site; published only once the office approves it.
    pub public_summary: Option<String>,
    /// True to save an as-at date before the report was published (refused otherwise).
    #[serde(default)]
    pub confirm_date: bool,
}

/// A proposed new date for a milestone, for the office to accept or reject.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProposalBody {
    /// The new due date (YYYY-MM-DD), different from the current one.
    #[schema(format = Date, example = "2027-03-31")]
    pub date: String,
    /// One of the reason categories (see the `ReasonCategory` schema).
    pub reason_category: String,
    pub reason: String,
    /// Who asked for the new date.
    pub requested_by: String,
}

/// The PCC office's assurance judgement on a finding.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssessmentBody {
    /// One of the assurance levels (see the `Assurance` schema).
    pub level: String,
    /// The part of the finding judged; the whole finding if left out.
    pub part_id: Option<i64>,
    pub rationale: String,
    /// True to share the rationale with the force.
    #[serde(default)]
    pub rationale_shared: bool,
    pub evidence_seen: Option<String>,
    /// The day of the judgement (YYYY-MM-DD): today if left out.
    #[schema(format = Date)]
    pub assessed_on: Option<String>,
}

/// The inspectorate's position on a finding.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPositionBody {
    /// One of the positions (see the `InspectoratePosition` schema).
    pub position: String,
    /// The finding that supersedes this one (only with `superseded`).
    pub superseded_by_id: Option<i64>,
    /// The day the position was stated (YYYY-MM-DD): today if left out.
    #[schema(format = Date)]
    pub as_at: Option<String>,
    /// Where it was stated (a report, a letter).
    pub source: String,
    /// The inspection whose report stated it, if one in this record.
    pub source_inspection_id: Option<i64>,
    /// The judgement in the report's own words.
    pub report_words: Option<String>,
    pub note: Option<String>,
}

/// A date sent as `YYYY-MM-DD`, as the parts a form's date input holds (`None`: `today`);
/// anything else is refused on the field, before the form's own checks.
fn date_parts(
    errors: &mut FieldErrors,
    field: &'static str,
    sent: Option<&str>,
    today: chrono::NaiveDate,
) -> DateParts {
    let Some(sent) = sent else {
        return DateParts::from_date(Some(today));
    };
    match sent.trim().split('-').collect::<Vec<_>>()[..] {
        [year, month, day] if year.len() == 4 => DateParts {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        },
        _ => {
            errors.add(
                field,
                "Enter the date as YYYY-MM-DD, for example 2026-12-01",
            );
            DateParts::default()
        }
    }
}

fn id_text(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

fn yes(flag: bool) -> String {
    if flag { "yes".into() } else { String::new() }
}

/// Refused input: the form's messages with any unreadable date's message first.
fn refused<T>(mut dates: FieldErrors, parsed: Result<T, FieldErrors>) -> Result<T, RecordError> {
    match parsed {
        Ok(input) if dates.is_empty() => Ok(input),
        Ok(_) => Err(dates.into()),
        Err(errors) => {
            for (field, message) in errors.0 {
                if dates.get(field).is_none() {
                    dates.add(field, message);
                }
            }
            Err(dates.into())
        }
    }
}

/// Answer a change: 201 with the record made and its `Location`; 200 with the same record
/// for a repeated request; otherwise the problem.
async fn answer<R: Serialize>(
    result: RecordResult<Saved<i64, Infallible>>,
    location: impl FnOnce(i64) -> String,
    load: impl AsyncFnOnce(i64) -> Result<R, Problem>,
) -> Result<Response, Problem> {
    let (status, id) = match result {
        Ok(Saved::Done(id)) => (StatusCode::CREATED, id),
        Ok(Saved::Stale(never)) => match never {},
        Err(RecordError::Repeated { id, .. }) => (StatusCode::OK, id),
        Err(other) => return Err(other.into()),
    };
    let made = load(id).await?;
    let location = HeaderValue::from_str(&location(id)).map_err(AppError::internal)?;
    let mut response = (status, [(header::LOCATION, location)], axum::Json(made)).into_response();
    if status == StatusCode::OK {
        let replayed = HeaderValue::from_static("true");
        response
            .headers_mut()
            .insert("idempotent-replayed", replayed);
    }
    Ok(response)
}

/// Post a progress update on an action-plan item or a finding (force and office).
#[utoipa::path(
    post,
    path = "/api/v1/actions/{id}/updates",
    params(("id" = i64, Path, description = "The action-plan item")),
    request_body = NewUpdateBody,
    responses(
        (status = 201, description = "Posted", body = Update),
        (status = 200, description = "Already posted with this Idempotency-Key", body = Update),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
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
    let actor = caller.actor().with_request(Some(write.request));
    let b = write.body;
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
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
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
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Changes"
)]
pub async fn propose(
    State(s): State<AppState>,
    caller: ApiCaller,
    now: Now,
    Path(id): Path<i64>,
    write: ApiWrite<NewProposalBody>,
) -> Result<Response, Problem> {
    let actor = caller.actor().with_request(Some(write.request));
    let b = write.body;
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

/// Record the PCC office's assurance judgement on a finding (office only).
#[utoipa::path(
    post,
    path = "/api/v1/findings/{id}/assessments",
    params(("id" = i64, Path, description = "The finding")),
    request_body = NewAssessmentBody,
    responses(
        (status = 201, description = "Recorded", body = Assessment),
        (status = 200, description = "Already recorded with this Idempotency-Key", body = Assessment),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Changes"
)]
pub async fn assess(
    State(s): State<AppState>,
    caller: ApiCaller,
    now: Now,
    Path(id): Path<i64>,
    write: ApiWrite<NewAssessmentBody>,
) -> Result<Response, Problem> {
    let actor = caller.actor().with_request(Some(write.request));
    let b = write.body;
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
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Changes"
)]
pub async fn record_position(
    State(s): State<AppState>,
    caller: ApiCaller,
    now: Now,
    Path(id): Path<i64>,
    write: ApiWrite<NewPositionBody>,
) -> Result<Response, Problem> {
    let actor = caller.actor().with_request(Some(write.request));
    let b = write.body;
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

/// The API's changes, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(post_update, post_finding_update, propose, assess, record_position))]
pub struct WriteApi;
