//! Reading the record through the API: lists a page at a time (cursor and limit, in id
//! order, filtered as the dashboards filter) and single records, as the token's user may see
//! them. The route layer has already checked the role and, for one record, its body; lists
//! are scoped here, in their SQL. Withdrawn records appear nowhere.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use utoipa::IntoParams;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

use super::{ApiCaller, Problem, json};
use crate::db::api::{self as reads, FindingFilter, Rows, UpdateFilter};
use crate::db::assurance::Reasons;
use crate::domain::api::PageRequest;
use crate::domain::dashboard::filters::{NO_UPDATE, NOT_ASSESSED, NOT_RECORDED};
use crate::domain::dates::Now;
use crate::domain::scope::Record;
use crate::domain::subject::Subject;
use crate::domain::vocab::{Assurance, FindingKind, InspectoratePosition, Rag};
use crate::error::AppError;
use crate::views::api::changes::Update;
use crate::views::api::reads::{
    Action, ActionList, ActionParts, ActionSummary, Finding, FindingList, FindingParts,
    FindingSummary, Inspection, InspectionList, InspectionSummary, Measure, Meeting, MeetingList,
    MeetingSummary, UpdateList,
};
use crate::{AppState, db};

/// The page parameters every list takes.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string, which `Params` reads
pub struct PageParams {
    /// The `next_cursor` of the page before; the first page if left out.
    cursor: Option<String>,
    /// How many items a page holds: 1 to 500, 100 if left out.
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
}

/// Narrow a list to some of the caller's bodies (repeatable); never widens what it may see.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct BodyParams {
    /// An inspected body's id; repeat the parameter for several.
    #[param(style = Form, explode)]
    body: Option<Vec<i64>>,
}

/// The filters of the dashboards' findings list, with the same names and tokens.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FindingParams {
    /// Only the findings of this inspection.
    inspection: Option<i64>,
    /// Only findings of this kind.
    kind: Option<FindingKind>,
    /// Part of the area's name, in any case.
    area: Option<String>,
    #[param(schema_with = rag_filter)]
    rag: Option<String>,
    #[param(schema_with = assurance_filter)]
    assurance: Option<String>,
    #[param(schema_with = position_filter)]
    position: Option<String>,
}

/// A voice filter's schema: the vocabulary's tokens and the one for "none yet".
fn tokens(mut all: Vec<&'static str>, none: &'static str, about: &str) -> RefOr<Schema> {
    all.push(none);
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(all))
        .description(Some(format!("{about}, or `{none}` for none yet.")))
        .into()
}

fn rag_filter() -> RefOr<Schema> {
    let all = Rag::ALL.iter().map(Rag::as_str).collect();
    tokens(all, NO_UPDATE, "The force's position (RAG)")
}

fn assurance_filter() -> RefOr<Schema> {
    let all = Assurance::ALL.iter().map(Assurance::as_str).collect();
    tokens(all, NOT_ASSESSED, "The PCC office's assurance")
}

fn position_filter() -> RefOr<Schema> {
    let all = InspectoratePosition::ALL.iter();
    tokens(
        all.map(InspectoratePosition::as_str).collect(),
        NOT_RECORDED,
        "The inspectorate's position",
    )
}

/// An action list's filter besides the bodies.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ActionParams {
    /// Only the items addressing this finding.
    finding: Option<i64>,
}

/// The updates list's filters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct UpdateParams {
    /// Only the updates on this action-plan item.
    action: Option<i64>,
    /// Only the updates posted on this finding itself (not those on its actions).
    finding: Option<i64>,
    /// Only the updates describing the position on this day or later (YYYY-MM-DD).
    since: Option<NaiveDate>,
}

/// A list request's query string, read by name; a value that cannot be read is a 422 naming
/// its parameter (the dashboards ignore one, but a system should hear of its mistake).
struct Params(Vec<(String, String)>);

impl Params {
    fn of(raw: Option<String>) -> Self {
        let raw = raw.unwrap_or_default();
        Self(
            form_urlencoded::parse(raw.as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// The last value given for `name`, unless empty.
    fn last(&self, name: &str) -> Option<&str> {
        let values = self.0.iter().filter(|(k, _)| k == name);
        values.map(|(_, v)| v.trim()).rfind(|v| !v.is_empty())
    }

    fn page(&self) -> Result<PageRequest, Problem> {
        super::page(self.last("cursor"), self.last("limit"))
    }

    fn rows(&self) -> Result<(PageRequest, Rows), Problem> {
        let page = self.page()?;
        let rows = Rows {
            after: page.after,
            fetch: Some(page.fetch()),
        };
        Ok((page, rows))
    }

    fn id(&self, name: &'static str) -> Result<Option<i64>, Problem> {
        self.last(name)
            .map(|v| {
                v.parse()
                    .map_err(|_| Problem::field(name, "Send a record's id"))
            })
            .transpose()
    }

    /// Every `body` given (the parameter repeats).
    fn bodies(&self) -> Result<Vec<i64>, Problem> {
        let values = self
            .0
            .iter()
            .filter(|(k, v)| k == "body" && !v.trim().is_empty());
        let bodies = values.map(|(_, v)| v.trim().parse::<i64>());
        bodies
            .collect::<Result<_, _>>()
            .map_err(|_| Problem::field("body", "Send an inspected body's id"))
    }

    /// A vocabulary token, or `none` for "no value yet" when one is given.
    fn token<T>(
        &self,
        name: &'static str,
        all: &[T],
        as_str: fn(&T) -> &'static str,
        none: Option<&'static str>,
    ) -> Result<Option<Option<T>>, Problem>
    where
        T: Copy,
    {
        let Some(value) = self.last(name) else {
            return Ok(None);
        };
        if none == Some(value) {
            return Ok(Some(None));
        }
        if let Some(t) = all.iter().find(|t| as_str(t) == value) {
            return Ok(Some(Some(*t)));
        }
        let mut allowed: Vec<&str> = all.iter().map(as_str).collect();
        allowed.extend(none);
        Err(Problem::field(
            name,
            format!("Send one of: {}", allowed.join(", ")),
        ))
    }

    fn date(&self, name: &'static str) -> Result<Option<NaiveDate>, Problem> {
        self.last(name)
            .map(|v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| Problem::field(name, "Send a date as YYYY-MM-DD"))
            })
            .transpose()
    }

    fn findings(&self) -> Result<FindingFilter, Problem> {
        Ok(FindingFilter {
            bodies: self.bodies()?,
            inspection: self.id("inspection")?,
            kind: self
                .token("kind", FindingKind::ALL, FindingKind::as_str, None)?
                .flatten(),
            area: self.last("area").map(|a| a.chars().take(200).collect()),
            rag: self.token("rag", Rag::ALL, Rag::as_str, Some(NO_UPDATE))?,
            assurance: self.token(
                "assurance",
                Assurance::ALL,
                Assurance::as_str,
                Some(NOT_ASSESSED),
            )?,
            position: self.token(
                "position",
                InspectoratePosition::ALL,
                InspectoratePosition::as_str,
                Some(NOT_RECORDED),
            )?,
        })
    }
}

/// A record's id from its path: anything but a number names no record.
fn record_id(raw: &str) -> Result<i64, Problem> {
    raw.parse().map_err(|_| AppError::NotFound.into())
}

/// 404 unless the record stands (the route layer has checked it is the caller's to see).
async fn standing(state: &AppState, record: Record, id: i64) -> Result<(), Problem> {
    match reads::stands(&state.db, record, id).await? {
        true => Ok(()),
        false => Err(AppError::NotFound.into()),
    }
}

/// List inspection reports
///
/// The reports about the caller's bodies, in id order.
#[utoipa::path(
    get,
    path = "/api/v1/inspections",
    params(PageParams, BodyParams),
    responses(
        (status = 200, description = "A page of inspections", body = InspectionList),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
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
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
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
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
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
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
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

/// List action-plan items
///
/// The items of the caller's bodies with their latest update, in id order.
#[utoipa::path(
    get,
    path = "/api/v1/actions",
    params(PageParams, BodyParams, ActionParams),
    responses(
        (status = 200, description = "A page of action-plan items", body = ActionList),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Records"
)]
pub async fn actions(
    State(s): State<AppState>,
    caller: ApiCaller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, Problem> {
    let q = Params::of(q);
    let (page, rows) = q.rows()?;
    let (bodies, finding) = (q.bodies()?, q.id("finding")?);
    let list = reads::list_actions(&s.db, &caller.user.scope, &bodies, finding, rows).await?;
    let (items, next_cursor) = page.split(list, |a| a.id);
    let items = items.iter().map(ActionSummary::from).collect();
    json(&headers, &ActionList { items, next_cursor })
}

/// Read an action-plan item
///
/// Its milestones (original, current and met dates, and every revision), the proposals to
/// move them, its updates, the findings it addresses and its measures.
#[utoipa::path(
    get,
    path = "/api/v1/actions/{id}",
    params(("id" = i64, Path, description = "The action-plan item")),
    responses(
        (status = 200, description = "The action-plan item", body = Action),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Records"
)]
pub async fn action(
    State(s): State<AppState>,
    caller: ApiCaller,
    Now { today, .. }: Now,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = record_id(&id)?;
    let action = db::actions::find(&s.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    standing(&s, Record::Action, id).await?;
    let mut conn = s.db.acquire().await?;
    let finding_ids = reads::list_action_finding_ids(&mut *conn, id, &caller.user.scope).await?;
    let schedules = db::milestones::schedules_for_actions(&mut conn, &[id]).await?;
    let proposals = db::proposals::list_for_action(&mut *conn, id).await?;
    let updates = db::updates::list_for_action(&mut *conn, id).await?;
    let measures = db::measures::list_for(&mut *conn, Subject::Action(id)).await?;
    let action = Action::from(ActionParts {
        action: &action,
        schedules: &schedules,
        proposals: &proposals,
        updates: &updates,
        finding_ids,
        measures: &measures,
        today,
    });
    json(&headers, &action)
}

/// List progress updates
///
/// The updates on the caller's bodies' actions and findings, in id order (the order they
/// were entered). A correction is an update too, naming the update it corrects.
#[utoipa::path(
    get,
    path = "/api/v1/updates",
    params(PageParams, UpdateParams),
    responses(
        (status = 200, description = "A page of progress updates", body = UpdateList),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Records"
)]
pub async fn updates(
    State(s): State<AppState>,
    caller: ApiCaller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, Problem> {
    let q = Params::of(q);
    let (page, rows) = q.rows()?;
    let filter = UpdateFilter {
        action: q.id("action")?,
        finding: q.id("finding")?,
        since: q.date("since")?,
    };
    let list = reads::list_updates(&s.db, &caller.user.scope, filter, rows).await?;
    let (items, next_cursor) = page.split(list, |u| u.id);
    let items = items.iter().map(Update::from).collect();
    json(&headers, &UpdateList { items, next_cursor })
}

/// Read a performance measure
///
/// The measure with every reading, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/measures/{id}",
    params(("id" = i64, Path, description = "The measure")),
    responses(
        (status = 200, description = "The measure", body = Measure),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Records"
)]
pub async fn measure(
    State(s): State<AppState>,
    _caller: ApiCaller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = record_id(&id)?;
    let measure = db::measures::find(&s.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    standing(&s, Record::Measure, id).await?;
    let readings = db::measures::list_readings(&s.db, id).await?;
    json(&headers, &Measure::new(&measure, &readings))
}

/// List meetings
///
/// The meetings the caller may see (every body they are about is the caller's), in id order.
#[utoipa::path(
    get,
    path = "/api/v1/meetings",
    params(PageParams),
    responses(
        (status = 200, description = "A page of meetings", body = MeetingList),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Records"
)]
pub async fn meetings(
    State(s): State<AppState>,
    caller: ApiCaller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, Problem> {
    let (page, rows) = Params::of(q).rows()?;
    let list = reads::list_meetings(&s.db, &caller.user.scope, rows).await?;
    let (items, next_cursor) = page.split(list, |m| m.id);
    let items = items.iter().map(MeetingSummary::from).collect();
    json(&headers, &MeetingList { items, next_cursor })
}

/// Read a meeting
///
/// The meeting with its agenda and the actions arising from it (those about the caller's
/// bodies or about no body).
#[utoipa::path(
    get,
    path = "/api/v1/meetings/{id}",
    params(("id" = i64, Path, description = "The meeting")),
    responses(
        (status = 200, description = "The meeting", body = Meeting),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    tag = "Records"
)]
pub async fn meeting(
    State(s): State<AppState>,
    caller: ApiCaller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = record_id(&id)?;
    let meeting = db::meetings::find(&s.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    standing(&s, Record::Meeting, id).await?;
    let agenda = db::agenda::list_for_meeting(&s.db, id).await?;
    let mut arising = db::arising::list_for_meeting(&s.db, id).await?;
    arising.retain(|r| r.body_id.is_none_or(|b| caller.user.scope.admits(b)));
    json(&headers, &Meeting::new(&meeting, &agenda, &arising))
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(
    inspections,
    inspection,
    findings,
    finding,
    actions,
    action,
    updates,
    measure,
    meetings,
    meeting
))]
pub struct ReadApi;
