//! The scrutiny dashboards (admin, office, panel): the overview, the lists behind its counts
//! (as pages and CSV), the assurance matrix and the charts – each as at any past date.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::{Markup, PreEscaped};
use sqlx::SqliteConnection;

use crate::auth::CurrentUser;
use crate::domain::dashboard::history::{MeasureRow, burn_down, matrix};
use crate::domain::dashboard::overview::{Scoped, due_counts, scope, section_55, voice_counts};
use crate::domain::dashboard::{DashboardSnapshot, Filters};
use crate::error::AppResult;
use crate::views::dashboard::{Overview, overview_page};
use crate::views::dashboard_frame::Frame;
use crate::views::dashboard_history::{Charts, MeasureChart, assurance_page, charts_page};
use crate::views::{dashboard_csv, dashboard_lists as lists};
use crate::{AppState, db};

type Params = Query<HashMap<String, String>>;

/// The filters, and the date to show: the one asked for, but never after today.
fn read(state: &AppState, q: &HashMap<String, String>) -> (Filters, NaiveDate) {
    let filters = Filters::from_query(q);
    let today = state.clock.today();
    let as_at = filters.as_at.map_or(today, |d| d.min(today));
    (filters, as_at)
}

/// The filters, the snapshot (kept in memory until the record changes) and a connection.
async fn load(
    state: &AppState,
    q: &HashMap<String, String>,
) -> AppResult<(Filters, Arc<DashboardSnapshot>, SqliteConnectionGuard)> {
    let (filters, as_at) = read(state, q);
    let mut conn = state.db.acquire().await?;
    let version = db::audit::latest_id(&mut *conn).await?;
    let snap = state
        .dashboards
        .get_or_load(as_at, version, db::dashboard::snapshot(&mut conn, as_at))
        .await?;
    Ok((filters, snap, conn))
}

type SqliteConnectionGuard = sqlx::pool::PoolConnection<sqlx::Sqlite>;

fn frame<'a>(state: &AppState, filters: &'a Filters, snap: &'a DashboardSnapshot) -> Frame<'a> {
    Frame {
        filters,
        as_at: snap.as_at,
        today: state.clock.today(),
        reports: &snap.reports,
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
    uri: Uri,
    Query(q): Params,
) -> AppResult<Markup> {
    let (_, as_at) = read(&state, &q);
    let stale_days = state.site().stale_after_days;
    let version = db::audit::latest_id(&state.db).await?;
    let key = format!(
        "/dashboard?{}|{}|{stale_days}",
        uri.query().unwrap_or_default(),
        state.clock.today()
    );
    let content = match state.dashboards.rendered(as_at, version, &key) {
        Some(content) => content,
        None => {
            let content = Arc::new(overview_content(&state, &q, stale_days).await?);
            let kept = content.clone();
            state.dashboards.keep_rendered(as_at, version, key, kept);
            content
        }
    };
    let chrome = super::chrome(&state, Some(&user));
    Ok(overview_page(&chrome, PreEscaped(content.to_string())))
}

/// The overview's content from the (kept) snapshot of the record.
async fn overview_content(
    state: &AppState,
    q: &HashMap<String, String>,
    stale_days: i64,
) -> AppResult<String> {
    let (filters, snap, _conn) = load(state, q).await?;
    let scoped = scope(&snap, &filters);
    let overview = Overview {
        voices: voice_counts(&scoped.findings),
        due: due_counts(&scoped, &filters.common()),
        slipped: scoped.actions_filtered(
            &Filters {
                show: Some(crate::domain::dashboard::Show::Slipped),
                ..filters.common()
            },
            stale_days,
        ),
        stale_days,
        section_55: section_55(&snap, &filters),
        scoped: &scoped,
    };
    let content =
        crate::views::dashboard::overview_content(&frame(state, &filters, &snap), &overview);
    Ok(content.into_string())
}

pub async fn findings(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Params,
) -> AppResult<Markup> {
    let (filters, snap, _conn) = load(&state, &q).await?;
    let scoped = scope(&snap, &filters);
    let chrome = super::chrome(&state, Some(&user));
    Ok(lists::findings_page(
        &chrome,
        &frame(&state, &filters, &snap),
        &scoped.findings,
    ))
}

pub async fn findings_csv(State(state): State<AppState>, Query(q): Params) -> AppResult<Response> {
    let (filters, snap, _conn) = load(&state, &q).await?;
    Ok(csv(
        "findings",
        dashboard_csv::findings_csv(&scope(&snap, &filters).findings),
    ))
}

pub async fn milestones(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Params,
) -> AppResult<Markup> {
    let (filters, snap, _conn) = load(&state, &q).await?;
    let scoped = scope(&snap, &filters);
    let actions = scoped.actions.iter().map(|a| (a.id, *a)).collect();
    let chrome = super::chrome(&state, Some(&user));
    let rows = scoped.milestones_filtered(&filters);
    Ok(lists::milestones_page(
        &chrome,
        &frame(&state, &filters, &snap),
        &rows,
        &actions,
    ))
}

pub async fn milestones_csv(
    State(state): State<AppState>,
    Query(q): Params,
) -> AppResult<Response> {
    let (filters, snap, _conn) = load(&state, &q).await?;
    let scoped = scope(&snap, &filters);
    let actions = scoped.actions.iter().map(|a| (a.id, *a)).collect();
    let rows = scoped.milestones_filtered(&filters);
    Ok(csv(
        "milestones",
        dashboard_csv::milestones_csv(&rows, &actions, snap.as_at),
    ))
}

pub async fn actions(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Params,
) -> AppResult<Markup> {
    let (filters, snap, _conn) = load(&state, &q).await?;
    let rows = scope(&snap, &filters).actions_filtered(&filters, state.site().stale_after_days);
    let chrome = super::chrome(&state, Some(&user));
    Ok(lists::actions_page(
        &chrome,
        &frame(&state, &filters, &snap),
        &rows,
    ))
}

pub async fn actions_csv(State(state): State<AppState>, Query(q): Params) -> AppResult<Response> {
    let (filters, snap, _conn) = load(&state, &q).await?;
    let rows = scope(&snap, &filters).actions_filtered(&filters, state.site().stale_after_days);
    Ok(csv("actions", dashboard_csv::actions_csv(&rows)))
}

pub async fn arising(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Params,
) -> AppResult<Markup> {
    let (filters, snap, _conn) = load(&state, &q).await?;
    let rows = scope(&snap, &filters).arising_filtered(&filters);
    let chrome = super::chrome(&state, Some(&user));
    Ok(lists::arising_page(
        &chrome,
        &frame(&state, &filters, &snap),
        &rows,
    ))
}

pub async fn arising_csv(State(state): State<AppState>, Query(q): Params) -> AppResult<Response> {
    let (filters, snap, _conn) = load(&state, &q).await?;
    let rows = scope(&snap, &filters).arising_filtered(&filters);
    Ok(csv("actions-arising", dashboard_csv::arising_csv(&rows)))
}

pub async fn assurance(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Params,
) -> AppResult<Markup> {
    let (filters, snap, mut conn) = load(&state, &q).await?;
    let (meetings, judgements) =
        db::dashboard_history::matrix_inputs(&mut conn, snap.as_at).await?;
    let scoped = scope(&snap, &filters);
    let chrome = super::chrome(&state, Some(&user));
    let fr = frame(&state, &filters, &snap);
    Ok(assurance_page(
        &chrome,
        &fr,
        &scoped.findings,
        &meetings,
        &matrix(&judgements),
    ))
}

pub async fn charts(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Params,
) -> AppResult<Markup> {
    let (filters, snap, mut conn) = load(&state, &q).await?;
    let conn: &mut SqliteConnection = &mut conn;
    let (findings, history) =
        db::dashboard_history::burn_down_inputs(&mut *conn, snap.as_at).await?;
    let (measures, readings) = db::dashboard_history::measures(&mut *conn, snap.as_at).await?;
    let scoped = scope(&snap, &filters);
    let findings: Vec<_> = findings
        .into_iter()
        .filter(|f| filters.inspection.is_none_or(|i| f.inspection_id == i))
        .collect();
    let burn = burn_down(&findings, &history, snap.as_at);
    let milestones = scoped.milestones_filtered(&filters);
    let measures = measure_charts(&measures, &readings, &scoped);
    let chrome = super::chrome(&state, Some(&user));
    let fr = frame(&state, &filters, &snap);
    Ok(charts_page(
        &chrome,
        &fr,
        &Charts {
            burn: &burn,
            milestones: &milestones,
            measures: &measures,
        },
    ))
}

/// The measures on findings or actions in view, each with its readings in date order.
fn measure_charts<'a>(
    measures: &'a [MeasureRow],
    readings: &[(i64, NaiveDate, f64)],
    scoped: &Scoped<'_>,
) -> Vec<MeasureChart<'a>> {
    let findings: HashSet<i64> = scoped.findings.iter().map(|f| f.id).collect();
    let actions: HashSet<i64> = scoped.actions.iter().map(|a| a.id).collect();
    let mut by_measure: HashMap<i64, Vec<(NaiveDate, f64)>> = HashMap::new();
    for (id, on, value) in readings {
        by_measure.entry(*id).or_default().push((*on, *value));
    }
    measures
        .iter()
        .filter(|m| {
            m.finding_id.is_some_and(|id| findings.contains(&id))
                || m.action_id.is_some_and(|id| actions.contains(&id))
        })
        .map(|measure| MeasureChart {
            readings: by_measure.remove(&measure.id).unwrap_or_default(),
            measure,
        })
        .collect()
}
