//! Reading scrutiny meetings: those the caller may see, a page at a time, and each with its
//! agenda and the actions arising from it.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::params::{PageParams, Params};
use super::{record_id, standing};
use crate::db::api as reads;
use crate::domain::scope::Record;
use crate::error::AppError;
use crate::handlers::api::{ApiCaller, Problem, json};
use crate::views::api::reads::{Meeting, MeetingList, MeetingSummary};
use crate::{AppState, db};

/// List meetings
///
/// The meetings the caller may see (every body they are about is the caller's), in id order.
#[utoipa::path(
    get,
    path = "/api/v1/meetings",
    params(PageParams),
    responses(
        (status = 200, description = "A page of meetings", body = MeetingList),
        (status = 403, description = "Its user's role may not read these", body = Problem,
            content_type = "application/problem+json"),
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
        (status = 403, description = "Its user's role may not read these", body = Problem,
            content_type = "application/problem+json"),
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
