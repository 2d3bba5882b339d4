//! The scrutiny dashboards (admin, office, panel): the overview, the lists behind its counts
//! (as pages and CSV), the assurance matrix and the charts – each as at any past date.

use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{Uri, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, PreEscaped};
use sqlx::pool::PoolConnection;
use sqlx::{Sqlite, SqliteConnection};

use super::respond::Now;
use crate::auth::CurrentUser;
use crate::cache::Upkeep;
use crate::domain::dashboard::history::{burn_down, matrix, measure_series, meetings_judging};
use crate::domain::dashboard::overview::{
    Scoped, due_counts, plan_reviews, scope, section_55, voice_counts,
};
use crate::domain::dashboard::upkeep::{self, Reload};
use crate::domain::dashboard::{DashboardSnapshot, Filters, Show};
use crate::domain::scope::Scope;
use crate::error::AppResult;
use crate::views::dashboard::{Overview, overview_page};
use crate::views::dashboard_frame::Frame;
use crate::views::dashboard_history::{Charts, assurance_page, charts_page};
use crate::views::{dashboard_csv, dashboard_lists as lists};
use crate::{AppState, db};

type Params = Query<Vec<(String, String)>>;

/// What every dashboard page starts from: the filters asked for, the bodies in view (the
/// viewer's scope narrowed by the body filter), the snapshot of the whole record as at the date
/// shown (kept in memory until the record changes, shared by every viewer), today, and a
/// connection for what the snapshot does not hold.
pub struct Board {
    filters: Filters,
    /// The bodies the viewer may see at all.
    scope: Scope,
    /// Those of them in view.
    bodies: Scope,
    snap: Arc<DashboardSnapshot>,
    today: chrono::NaiveDate,
    conn: PoolConnection<Sqlite>,
}

impl FromRequestParts<AppState> for Board {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Query(q) = Params::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Ok(Now { today, .. }) = Now::from_request_parts(parts, state).await;
        let user = CurrentUser::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Board::load(state, Filters::from_query(&q), &user.scope, today, None)
            .await
            .map_err(IntoResponse::into_response)
    }
}

impl Board {
    /// `version` is the record's latest audit event id when the caller has just read it.
    async fn load(
        state: &AppState,
        filters: Filters,
        scope: &Scope,
        today: chrono::NaiveDate,
        version: Option<i64>,
    ) -> AppResult<Self> {
        let as_at = filters.shown_as_at(today);
        let version = match version {
            Some(version) => version,
            None => super::record_version(state).await?,
        };
        // Readers waiting for a snapshot being built hold no connection: eight of them would
        // hold the whole pool, and every other page and every write would wait for the build.
        let build = async {
            let mut conn = state.db.acquire().await?;
            db::dashboard::snapshot(&mut conn, as_at).await
        };
        // Most changes are to one body's records: only that body's part is loaded again.
        let update = |since: i64| async move {
            let mut conn = state.db.acquire().await?;
            // One more than the most reloaded by parts: enough to know there are more.
            let most = upkeep::MOST_EVENTS as i64 + 1;
            let events = db::changes::list_since(&mut *conn, since, version, most).await?;
            Ok::<_, sqlx::Error>(match upkeep::reload(&events) {
                Reload::Nothing => Upkeep::Unchanged,
                Reload::Bodies(bodies) => {
                    let part = db::dashboard::snapshot_of_bodies(&mut conn, as_at, &bodies).await?;
                    Upkeep::Replace(bodies, part)
                }
                Reload::Whole => Upkeep::Whole,
            })
        };
        let snap = state
            .dashboards
            .get_or_load(as_at, version, build, update)
            .await?;
        let conn = state.db.acquire().await?;
        Ok(Self {
            bodies: scope.narrowed(&filters.bodies),
            scope: scope.clone(),
            filters,
            snap,
            today,
            conn,
        })
    }

    fn scoped(&self) -> Scoped<'_> {
        scope(&self.snap, &self.filters, &self.bodies)
    }

    fn frame(&self) -> Frame<'_> {
        Frame {
            filters: &self.filters,
            as_at: self.snap.as_at,
            today: self.today,
            reports: self.snap.reports_in(&self.bodies),
            bodies: self.snap.bodies_in(&self.scope),
        }
    }
}

fn csv(name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.csv\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn overview(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { today, .. }: Now,
    uri: Uri,
    Query(q): Params,
) -> AppResult<Markup> {
    let filters = Filters::from_query(&q);
    let as_at = filters.shown_as_at(today);
    let stale_days = state.site().stale_after_days;
    let version = super::record_version(&state).await?;
    // The content depends on the bodies the viewer may see, so they are part of the key.
    let key = format!(
        "/dashboard?{}|{today}|{stale_days}|{}",
        uri.query().unwrap_or_default(),
        user.scope.as_json().unwrap_or_else(|| "all".into()),
    );
    let content = match state.dashboards.rendered(as_at, version, &key) {
        Some(content) => content,
        // While people write, the record changes faster than the national overview renders:
        // a slow rendering is shown for a few times what it took, to all who changed nothing
        // since (see `upkeep::reuse_rendering`).
        None if let Some(kept) = state.dashboards.rendered_latest(as_at, &key)
            && upkeep::reuse_rendering(kept.at.elapsed(), kept.took)
            && !db::audit::wrote_since(&state.db, user.id, kept.version).await? =>
        {
            kept.content
        }
        None => {
            // One rendering at a time. A reader arriving while the newest version is being
            // rendered is shown the one rendered just before it, when there is one, rather
            // than waiting (while people write, a new version arrives every few
            // milliseconds); otherwise it waits its turn and finds it done.
            let dashboards = &state.dashboards;
            let turn = match dashboards.try_rendering() {
                Some(turn) => turn,
                None => match dashboards.rendered_latest(as_at, &key) {
                    Some(kept) => {
                        let chrome = super::chrome(&state, Some(&user));
                        return Ok(overview_page(&chrome, PreEscaped(kept.content.to_string())));
                    }
                    None => dashboards.rendering().await,
                },
            };
            let _turn = turn;
            if let Some(content) = state.dashboards.rendered(as_at, version, &key) {
                let chrome = super::chrome(&state, Some(&user));
                return Ok(overview_page(&chrome, PreEscaped(content.to_string())));
            }
            let started = std::time::Instant::now();
            let board = Board::load(&state, filters, &user.scope, today, Some(version)).await?;
            // Rendering the national record takes tens of milliseconds of CPU: off the
            // threads that serve every other request.
            let render = move || overview_content(&board, stale_days);
            let content = tokio::task::spawn_blocking(render)
                .await
                .map_err(crate::error::AppError::internal)?;
            let content = Arc::new(content);
            let kept = content.clone();
            let took = started.elapsed();
            state
                .dashboards
                .keep_rendered(as_at, version, key, kept, took);
            content
        }
    };
    let chrome = super::chrome(&state, Some(&user));
    Ok(overview_page(&chrome, PreEscaped(content.to_string())))
}

/// The overview's content from the (kept) snapshot of the record.
fn overview_content(board: &Board, stale_days: i64) -> String {
    let (filters, snap) = (&board.filters, &board.snap);
    let scoped = board.scoped();
    let overview = Overview {
        voices: voice_counts(&scoped.findings),
        due: due_counts(&scoped, &filters.common()),
        slipped: scoped.actions_filtered(
            &Filters {
                show: Some(Show::Slipped),
                ..filters.common()
            },
            stale_days,
        ),
        stale_days,
        section_55: section_55(snap, filters, &board.bodies),
        plan_reviews: plan_reviews(snap, filters, &board.bodies),
        scoped: &scoped,
    };
    crate::views::dashboard::overview_content(&board.frame(), &overview).into_string()
}

pub async fn findings(
    State(state): State<AppState>,
    user: CurrentUser,
    board: Board,
) -> AppResult<Markup> {
    let chrome = super::chrome(&state, Some(&user));
    let scoped = board.scoped();
    Ok(lists::findings_page(
        &chrome,
        &board.frame(),
        &scoped.findings,
    ))
}

pub async fn findings_csv(board: Board) -> AppResult<Response> {
    let body = dashboard_csv::findings_csv(&board.scoped().findings, &board.snap.body_names());
    Ok(csv("findings", body))
}

pub async fn milestones(
    State(state): State<AppState>,
    user: CurrentUser,
    board: Board,
) -> AppResult<Markup> {
    let scoped = board.scoped();
    let actions = scoped.actions.iter().map(|a| (a.id, *a)).collect();
    let rows = scoped.milestones_filtered(&board.filters);
    let chrome = super::chrome(&state, Some(&user));
    Ok(lists::milestones_page(
        &chrome,
        &board.frame(),
        &rows,
        &actions,
    ))
}

pub async fn milestones_csv(board: Board) -> AppResult<Response> {
    let scoped = board.scoped();
    let actions = scoped.actions.iter().map(|a| (a.id, *a)).collect();
    let rows = scoped.milestones_filtered(&board.filters);
    let body =
        dashboard_csv::milestones_csv(&rows, &actions, &board.snap.body_names(), board.snap.as_at);
    Ok(csv("milestones", body))
}

pub async fn actions(
    State(state): State<AppState>,
    user: CurrentUser,
    board: Board,
) -> AppResult<Markup> {
    let stale_days = state.site().stale_after_days;
    let rows = board.scoped().actions_filtered(&board.filters, stale_days);
    let chrome = super::chrome(&state, Some(&user));
    Ok(lists::actions_page(&chrome, &board.frame(), &rows))
}

pub async fn actions_csv(State(state): State<AppState>, board: Board) -> AppResult<Response> {
    let stale_days = state.site().stale_after_days;
    let rows = board.scoped().actions_filtered(&board.filters, stale_days);
    let body = dashboard_csv::actions_csv(&rows, &board.snap.body_names());
    Ok(csv("actions", body))
}

pub async fn arising(
    State(state): State<AppState>,
    user: CurrentUser,
    board: Board,
) -> AppResult<Markup> {
    let rows = board.scoped().arising_filtered(&board.filters);
    let chrome = super::chrome(&state, Some(&user));
    Ok(lists::arising_page(&chrome, &board.frame(), &rows))
}

pub async fn arising_csv(board: Board) -> AppResult<Response> {
    let rows = board.scoped().arising_filtered(&board.filters);
    let body = dashboard_csv::arising_csv(&rows, &board.snap.body_names());
    Ok(csv("actions-arising", body))
}

pub async fn section_55_list(
    State(state): State<AppState>,
    user: CurrentUser,
    board: Board,
) -> AppResult<Markup> {
    let rows = section_55(&board.snap, &board.filters, &board.bodies);
    let chrome = super::chrome(&state, Some(&user));
    Ok(lists::section_55_page(
        &chrome,
        &board.frame(),
        &rows,
        board.snap.as_at,
    ))
}

pub async fn section_55_csv(board: Board) -> AppResult<Response> {
    let rows = section_55(&board.snap, &board.filters, &board.bodies);
    let body = dashboard_csv::section_55_csv(&rows, &board.snap.body_names());
    Ok(csv("section-55", body))
}

pub async fn assurance(
    State(state): State<AppState>,
    user: CurrentUser,
    mut board: Board,
) -> AppResult<Markup> {
    let as_at = board.snap.as_at;
    let (meetings, judgements) =
        db::dashboard_history::matrix_inputs(&mut board.conn, as_at).await?;
    let scoped = board.scoped();
    let cells = matrix(&judgements);
    // A viewer limited to some bodies sees only the meetings that judged their findings.
    let meetings: Vec<_> = match board.bodies.limited_to() {
        None => meetings.iter().collect(),
        Some(_) => {
            let in_view = scoped.findings.iter().map(|f| f.id).collect();
            meetings_judging(&meetings, &cells, &in_view)
        }
    };
    let chrome = super::chrome(&state, Some(&user));
    Ok(assurance_page(
        &chrome,
        &board.frame(),
        &scoped.findings,
        &meetings,
        &cells,
    ))
}

pub async fn charts(
    State(state): State<AppState>,
    user: CurrentUser,
    mut board: Board,
) -> AppResult<Markup> {
    let as_at = board.snap.as_at;
    let conn: &mut SqliteConnection = &mut board.conn;
    let (findings, history) = db::dashboard_history::burn_down_inputs(&mut *conn, as_at).await?;
    let (measures, readings) = db::dashboard_history::measures(&mut *conn, as_at).await?;
    let reports: HashSet<i64> = board
        .snap
        .reports_in(&board.bodies)
        .iter()
        .map(|r| r.id)
        .collect();
    let findings: Vec<_> = findings
        .into_iter()
        .filter(|f| board.filters.admits_inspection(f.inspection_id))
        .filter(|f| reports.contains(&f.inspection_id))
        .collect();
    let burn = burn_down(&findings, &history, as_at);
    let scoped = board.scoped();
    let milestones = scoped.milestones_filtered(&board.filters);
    let in_view = |ids: Vec<i64>| ids.into_iter().collect::<HashSet<i64>>();
    let measures = measure_series(
        &measures,
        &readings,
        &in_view(scoped.findings.iter().map(|f| f.id).collect()),
        &in_view(scoped.actions.iter().map(|a| a.id).collect()),
    );
    let chrome = super::chrome(&state, Some(&user));
    Ok(charts_page(
        &chrome,
        &board.frame(),
        &Charts {
            burn: &burn,
            milestones: &milestones,
            measures: &measures,
        },
    ))
}
