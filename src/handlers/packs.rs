//! The meeting pack: computed from the record on request, printable, and savable as the
//! immutable pack of record.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::Markup;

use super::meetings::no_form;
use super::respond::{self, Now};
use crate::auth::CurrentUser;
use crate::db::meetings::MeetingRow;
use crate::domain::meetings::parse_starts_at;
use crate::domain::packs::{self, PackFacts};
use crate::domain::scope::{Record, Scope};
use crate::domain::vocab::AttachedTo;
use crate::error::{AppError, AppResult, Found};
use crate::views::packs::{Cover, pack_body, pack_page, pack_stylesheet, saved_pack_page};
use crate::{AppState, db, record};

/// The bodies a meeting's pack covers: the meeting's (every body, for a meeting about none), as
/// far as the viewer's `scope` sees them.
async fn covers(state: &AppState, meeting: &MeetingRow, scope: &Scope) -> AppResult<Scope> {
    let bodies = db::scope::bodies_of(&state.db, Record::Meeting, meeting.id)
        .await?
        .unwrap_or_default();
    Ok(scope.narrowed(&bodies))
}

/// The pack's facts for a meeting: the record of the bodies it covers (`scope`, from
/// [`covers`]), in a fixed number of queries, then pure rules.
async fn facts(
    state: &AppState,
    meeting: &MeetingRow,
    scope: &Scope,
    today: NaiveDate,
) -> AppResult<PackFacts> {
    let date = |text: Option<String>| {
        text.as_deref()
            .and_then(parse_starts_at)
            .map(|at| at.date())
    };
    let (previous, next) = db::meetings::neighbours(&state.db, meeting.id).await?;
    let mut input = db::packs::load_record(&state.db, meeting.id, scope).await?;
    input.meeting_date = date(Some(meeting.starts_at.clone()))
        .ok_or_else(|| AppError::internal("unreadable meeting start"))?;
    input.today = today;
    input.previous_meeting = date(previous);
    input.next_meeting = date(next);
    input.update_deadline = meeting.update_deadline;
    input.stale_after_days = state.site().stale_after_days;
    Ok(packs::compute(&input))
}

/// The items of the meeting's update-request rounds, of the bodies the pack covers, with no
/// update by their return-by date.
async fn missed(
    state: &AppState,
    meeting_id: i64,
    scope: &Scope,
    today: NaiveDate,
) -> AppResult<Vec<crate::domain::rounds::Missed>> {
    use crate::domain::rounds::{ItemState, Missed};
    let rounds = db::rounds::list_for_meeting(&state.db, meeting_id).await?;
    let ids: Vec<i64> = rounds.iter().map(|r| r.id).collect();
    let items = db::rounds::list_items(&state.db, &ids).await?;
    Ok(items
        .into_iter()
        .filter(|i| scope.admits(i.body_id))
        .filter_map(|i| {
            let round = rounds.iter().find(|r| r.id == i.round_id)?;
            let state = ItemState::of(record::rounds::entered_on(&i), round.return_by, today);
            (state == ItemState::NoUpdateReceived).then(|| Missed {
                round: round.title.clone(),
                return_by: round.return_by,
                action: format!("{} {} – {}", i.reference, i.title, i.body_name),
                owner: i.owner_name.clone(),
            })
        })
        .collect())
}

/// The pack as saved and shown: the cover and the sections.
async fn body(
    state: &AppState,
    meeting: &MeetingRow,
    scope: &Scope,
    today: NaiveDate,
) -> AppResult<Markup> {
    let scope = covers(state, meeting, scope).await?;
    let facts = facts(state, meeting, &scope, today).await?;
    let agenda = db::agenda::list_for_meeting(&state.db, meeting.id).await?;
    let papers = db::evidence::list_for(&state.db, AttachedTo::Meeting, &[meeting.id]).await?;
    let changed: Vec<i64> = facts
        .assurance_changes
        .iter()
        .map(|c| c.finding_id)
        .collect();
    let seen = db::evidence::list_seen_for_findings(&state.db, &changed).await?;
    let missed = missed(state, meeting.id, &scope, today).await?;
    let site = state.site();
    let cover = Cover {
        organisation: &site.organisation_name,
        agenda: &agenda,
        papers: &papers,
        seen: &seen,
        missed: &missed,
    };
    Ok(pack_body(meeting, &facts, &cover))
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let meeting = db::meetings::find(&state.db, id).await.found()?;
    let body = body(&state, &meeting, &user.scope, now.today).await?;
    Ok(pack_page(
        &super::chrome(&state, Some(&user)),
        &meeting,
        &body,
        user.is_office(),
        &user.csrf_token,
    ))
}

/// Save the pack as it stands now, with its SHA-256, as the pack of record.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let meeting = db::meetings::find(&state.db, id).await.found()?;
    let content = body(&state, &meeting, &user.scope, now.today)
        .await?
        .into_string();
    let covered = covers(&state, &meeting, &user.scope).await?;
    let result = record::meetings::save_pack(
        &state.db,
        &user.actor(),
        now.at,
        id,
        &content,
        &covered,
        user.id,
    )
    .await;
    respond::saved(
        result,
        |pack_id| format!("/meetings/{id}/packs/{pack_id}"),
        no_form,
    )
    .await
}

pub async fn saved(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, pack_id)): Path<(i64, i64)>,
) -> AppResult<Markup> {
    let meeting = db::meetings::find(&state.db, id).await.found()?;
    let pack = db::packs::find(&state.db, id, pack_id).await.found()?;
    // A pack saved for bodies beyond the viewer's (or for every body) is not theirs to read.
    let covered = db::packs::covered(pack.bodies.as_deref());
    if !user.scope.sees_made_for(covered.as_deref()) {
        return Err(AppError::NotFound);
    }
    Ok(saved_pack_page(
        &super::chrome(&state, Some(&user)),
        &meeting,
        &pack,
    ))
}

/// The running header's words for this meeting, as print margin boxes.
pub async fn stylesheet(
    State(state): State<AppState>,
    _user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let meeting = db::meetings::find(&state.db, id).await.found()?;
    let css = pack_stylesheet(&state.site().organisation_name, &meeting);
    Ok((
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        css,
    )
        .into_response())
}
