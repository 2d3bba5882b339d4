//! Reading inspection reports and findings: lists a page at a time, filtered as the
//! dashboards filter, and each record in full with its three voices as at today.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::params::{BodyParams, FindingParams, PageParams, Params};
use super::{record_id, standing};
use crate::db::api::{self as reads, FindingFilter, Rows};
use crate::db::assurance::Reasons;
use crate::domain::dates::Now;
use crate::domain::scope::Record;
use crate::domain::subject::Subject;
use crate::error::AppError;
use crate::handlers::api::{ApiCaller, Problem, json};
use crate::views::api::reads::{
    Finding, FindingList, FindingParts, FindingSummary, Inspection, InspectionList,
    InspectionSummary,
};
use crate::{AppState, db};

/// List inspection reports
///
/// The reports about the caller's bodies, in id order.
#[utoipa::path(
    get,
    path = "/api/v1/inspections",
    params(PageParams, BodyParams),
    responses(
        (status = 200, description = "A page of inspections", body = InspectionList),
        (status = 403, description = "Its user's role may not read these", body = Problem,
            content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Records"
)]
pub async fn inspections(
    State(s): State<AppState>,
    caller: ApiCaller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, Problem> {
    let q = Params::of(q);
    let (page, rows) = q.rows()?;
    let list = reads::list_inspections(&s.db, &caller.user.scope, &q.bodies()?, rows).await?;
    let (items, next_cursor) = page.split(list, |i| i.id);
    let items = items.iter().map(InspectionSummary::from).collect();
    json(&headers, &InspectionList { items, next_cursor })
}

/// Read an inspection report
///
/// The report with its findings (those that stand) and their three voices as at today.
#[utoipa::path(
    get,
    path = "/api/v1/inspections/{id}",
    params(("id" = i64, Path, description = "The inspection")),
    responses(
        (status = 200, description = "The inspection", body = Inspection),
        (status = 403, description = "Its user's role may not read these", body = Problem,
            content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Records"
)]
pub async fn inspection(
    State(s): State<AppState>,
    caller: ApiCaller,
    Now { today, .. }: Now,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = record_id(&id)?;
    let row = db::inspections::find(&s.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    standing(&s, Record::Inspection, id).await?;
    let filter = FindingFilter {
        inspection: Some(id),
        ..FindingFilter::default()
    };
    let findings = reads::list_findings(&s.db, &caller.user.scope, &filter, today, Rows::ALL);
    let findings = findings.await?.iter().map(FindingSummary::from).collect();
    json(&headers, &Inspection::new(&row, findings))
}

/// List findings
///
/// The findings of the caller's bodies with their three voices as at today, in id order,
/// narrowed by the same filters, with the same tokens, as the dashboards' findings list.
#[utoipa::path(
    get,
    path = "/api/v1/findings",
    params(PageParams, BodyParams, FindingParams),
    responses(
        (status = 200, description = "A page of findings", body = FindingList),
    ),
    security(("bearer" = [])),
    tag = "Records"
)]
pub async fn findings(
    State(s): State<AppState>,
    caller: ApiCaller,
    Now { today, .. }: Now,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, Problem> {
    let q = Params::of(q);
    let (page, rows) = q.rows()?;
    let filter = q.findings()?;
    let list = reads::list_findings(&s.db, &caller.user.scope, &filter, today, rows).await?;
    let (items, next_cursor) = page.split(list, |f| f.id);
    let items = items.iter().map(FindingSummary::from).collect();
    json(&headers, &FindingList { items, next_cursor })
}

/// Read a finding
///
/// Its wording, its three voices side by side and their histories, the updates posted on it,
/// the actions addressing it and its measures. A force user sees the office's ratings and
/// their dates and only the rationales the office shared, never the evidence seen or who
/// judged.
#[utoipa::path(
    get,
    path = "/api/v1/findings/{id}",
    params(("id" = i64, Path, description = "The finding")),
    responses(
        (status = 200, description = "The finding", body = Finding),
    ),
    security(("bearer" = [])),
    tag = "Records"
)]
pub async fn finding(
    State(s): State<AppState>,
    caller: ApiCaller,
    Now { today, .. }: Now,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let (id, scope) = (record_id(&id)?, &caller.user.scope);
    let finding = db::findings::find(&s.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    standing(&s, Record::Finding, id).await?;
    let mut conn = s.db.acquire().await?;
    let body_id = db::scope::bodies_of(&mut *conn, Record::Finding, id).await?;
    let parts = db::findings::list_parts(&mut *conn, id).await?;
    let voices = db::voices::list(&mut *conn, db::voices::Scope::Finding(id), today).await?;
    let reasons = match caller.user.role.sees_assurance_reasons() {
        true => Reasons::Shown,
        false => Reasons::Withheld,
    };
    let assessments = db::assurance::list_assessments(&mut *conn, id, reasons).await?;
    let mut positions = db::assurance::list_positions(&mut *conn, id).await?;
    // A superseding finding of a body the caller may not see is not named.
    for p in positions.iter_mut() {
        if p.superseded_by_body_id.is_some_and(|b| !scope.admits(b)) {
            p.superseded_by_id = None;
        }
    }
    let actions = db::actions::list_for_finding(&mut *conn, id, scope).await?;
    let updates = db::updates::list_for_finding(&mut *conn, id).await?;
    let measures = db::measures::list_for(&mut *conn, Subject::Finding(id)).await?;
    let finding = Finding::from(FindingParts {
        finding: &finding,
        body_id: body_id
            .unwrap_or_default()
            .first()
            .copied()
            .unwrap_or_default(),
        parts: &parts,
        voices: voices.first(),
        assessments: &assessments,
        positions: &positions,
        updates: &updates,
        action_ids: actions.iter().map(|a| a.id).collect(),
        measures: &measures,
    });
    json(&headers, &finding)
}
