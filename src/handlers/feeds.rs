//! Open data and feeds of published editions: JSON, CSV, Atom and iCalendar.

use std::future::Future;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::cached::{self, Freshness, Key};
use super::respond::Now;
use crate::cache::{CachedPage, Edition};
use crate::domain::edition::{EditionMeta, Snapshot, open_data};
use crate::domain::ical::{self, Calendar, Event, When};
use crate::error::{AppError, AppResult};
use crate::{AppState, db};

const JSON: &str = "application/json";
const CSV: &str = "text/csv; charset=utf-8";

fn render(format: &str, meta: &EditionMeta, s: &Snapshot) -> Option<CachedPage> {
    match format {
        // Only for editions published before their file was stored (see `data`).
        "json" => Some(CachedPage::new(JSON, open_data::json(meta, None, s))),
        "csv" => Some(CachedPage::new(CSV, open_data::csv(meta, s))),
        _ => None,
    }
}

async fn data(
    state: &AppState,
    headers: &HeaderMap,
    key: Key<'_>,
    format: &str,
) -> AppResult<Response> {
    let number = key.edition;
    cached::page(state, headers, &key, || async move {
        if format == "json"
            && let Some(file) = db::editions::stored_file(&state.db, number).await?
        {
            // The bytes stored at publication, whose SHA-256 is the fingerprint on the
            // editions page: checked before serving, so an altered file is refused.
            if !file.intact() {
                let what = format!("edition {number}'s file no longer matches its fingerprint");
                return Err(AppError::Tampered(what));
            }
            return Ok(CachedPage::new(JSON, file.document));
        }
        let edition = cached::edition(state, number).await?;
        let (meta, snapshot) = &*edition;
        render(format, meta, snapshot).ok_or(AppError::NotFound)
    })
    .await
}

/// `/data/latest.json` and `/data/latest.csv`.
pub async fn latest(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> AppResult<Response> {
    let format = match file.as_str() {
        "latest.json" => "json",
        "latest.csv" => "csv",
        _ => return Err(AppError::NotFound),
    };
    let n = cached::latest(&state).await?;
    let path = format!("/data/{file}");
    data(
        &state,
        &headers,
        Key {
            edition: n,
            path: &path,
            freshness: Freshness::Latest,
        },
        format,
    )
    .await
}

/// `/data/editions/{n}.json` and `/data/editions/{n}.csv`.
pub async fn edition(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> AppResult<Response> {
    let (number, format) = file.split_once('.').ok_or(AppError::NotFound)?;
    if !matches!(format, "json" | "csv") {
        return Err(AppError::NotFound);
    }
    let address = |[n]: [i64; 1]| format!("/data/editions/{n}.{format}");
    let [n] = match cached::canonical([number], address) {
        Ok(numbers) => numbers,
        Err(answer) => return Ok(answer.into_response()),
    };
    let path = address([n]);
    let format = format.to_string();
    data(
        &state,
        &headers,
        Key {
            edition: n,
            path: &path,
            freshness: Freshness::Frozen,
        },
        &format,
    )
    .await
}

pub async fn atom(
    State(state): State<AppState>,
    Now { at: now, .. }: Now,
    headers: HeaderMap,
) -> AppResult<Response> {
    let state = &state;
    latest_feed(
        state,
        &headers,
        "/feeds/editions.atom",
        |latest| async move {
            let list = db::editions::list(&state.db).await?;
            let organisation = state.site().organisation_name;
            let feed = crate::views::feeds::atom(
                state.security.public_url.as_deref().unwrap_or(""),
                &organisation,
                &list,
                latest.as_ref().map(|e| &e.1),
                now,
            );
            let body = feed.into_string();
            Ok(CachedPage::new("application/atom+xml; charset=utf-8", body))
        },
    )
    .await
}

pub async fn calendar(
    State(state): State<AppState>,
    Now { at: now, .. }: Now,
    headers: HeaderMap,
) -> AppResult<Response> {
    let state = &state;
    latest_feed(state, &headers, "/feeds/public.ics", |latest| async move {
        let (stamp, events, name) = match latest {
            None => (now, Vec::new(), state.site().organisation_name),
            Some(edition) => {
                let (meta, s) = &*edition;
                (meta.published_at, events(s), s.organisation.clone())
            }
        };
        let body = ical::render(&Calendar {
            name,
            stamp,
            events,
        });
        Ok(CachedPage::new("text/calendar; charset=utf-8", body))
    })
    .await
}

/// A feed of the latest edition, kept until the next is published; before the first edition
/// it is rendered afresh each time (it carries the time it was made).
async fn latest_feed<Fut>(
    state: &AppState,
    headers: &HeaderMap,
    path: &str,
    render: impl FnOnce(Option<Edition>) -> Fut,
) -> AppResult<Response>
where
    Fut: Future<Output = AppResult<CachedPage>>,
{
    let Some(n) = cached::latest_number(state).await? else {
        let page = render(None).await?;
        return Ok(cached::respond(&page, headers, Freshness::Latest));
    };
    let key = Key {
        edition: n,
        path,
        freshness: Freshness::Latest,
    };
    cached::page(state, headers, &key, || async move {
        render(Some(cached::edition(state, n).await?)).await
    })
    .await
}

/// Published meetings (at their London time, as UTC) and every milestone's current date.
fn events(s: &Snapshot) -> Vec<Event> {
    let meetings = s.meetings.iter().map(|m| Event {
        uid: format!("meeting-{}@scrutineer", m.id),
        // Meetings have no end time recorded; two hours is the usual board.
        when: When::London {
            start: m.starts_at,
            minutes: 120,
        },
        summary: format!("{}: {}", m.kind.label(), m.title),
        description: Some(m.summary.clone()),
        location: None,
        url: None,
    });
    let mut seen = std::collections::BTreeSet::new();
    let milestones = s
        .inspections
        .iter()
        .flat_map(|i| &i.findings)
        .flat_map(|f| &f.actions)
        .flat_map(|a| a.milestones.iter().map(move |m| (a, m)))
        .filter(|(_, m)| seen.insert(m.id))
        .map(|(a, m)| Event {
            uid: format!("milestone-{}@scrutineer", m.id),
            when: When::AllDay(m.current_due_on),
            summary: format!("Milestone due: {} ({})", m.title, m.state.label()),
            description: Some(format!(
                "Action {}: {}. Original date {}.",
                a.reference, a.title, m.original_due_on
            )),
            location: None,
            url: None,
        });
    meetings.chain(milestones).collect()
}
