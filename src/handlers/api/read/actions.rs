//! Reading action-plan items, their progress updates and performance measures: lists a
//! page at a time and each record in full (milestones with every revision, proposals,
//! updates, readings).

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::params::{ActionParams, BodyParams, PageParams, Params, UpdateParams};
use super::{record_id, standing};
use crate::db::api::{self as reads, UpdateFilter};
use crate::domain::dates::Now;
use crate::domain::scope::Record;
use crate::domain::subject::Subject;
use crate::error::AppError;
use crate::handlers::api::{ApiCaller, Problem, json};
use crate::views::api::changes::Update;
use crate::views::api::reads::{
    Action, ActionList, ActionParts, ActionSummary, Measure, UpdateList,
};
use crate::{AppState, db};

/// List action-plan items
///
/// The items of the caller's bodies with their latest update, in id order.
#[utoipa::path(
    get,
    path = "/api/v1/actions",
    params(PageParams, BodyParams, ActionParams),
    responses(
        (status = 200, description = "A page of action-plan items", body = ActionList),
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
