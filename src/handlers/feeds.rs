//! Open data and feeds of published editions: JSON, CSV, Atom and iCalendar.

use std::future::Future;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::cached::{self, Freshness, Key};
use super::respond::Now;
use crate::cache::{CachedPage, Edition};
use crate::domain::dates::uk_date;
use crate::domain::edition::{EditionMeta, Snapshot, open_data};
use crate::domain::ical::{self, Calendar, Event, When};
use crate::domain::installation::{Feed, Installation};
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
        _ => return as_data(&file, Err(AppError::NotFound)),
    };
    let n = match cached::latest(&state).await {
        Ok(n) => n,
        Err(e) => return as_data(format, Err(e)),
    };
    let path = format!("/data/{file}");
    let answer = data(
        &state,
        &headers,
        Key {
            edition: n,
            path: &path,
            freshness: Freshness::Latest,
        },
        format,
    )
    .await;
    as_data(format, answer)
}

/// `/data/editions/{n}.json` and `/data/editions/{n}.csv`.
pub async fn edition(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> AppResult<Response> {
    let Some((number, format)) = file.split_once('.') else {
        return as_data(&file, Err(AppError::NotFound));
    };
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
    let answer = data(
        &state,
        &headers,
        Key {
            edition: n,
            path: &path,
            freshness: Freshness::Frozen,
        },
        &format,
    )
    .await;
    as_data(&format, answer)
}

/// An open-data address answers an error in its own format – a program asking for JSON gets
/// JSON it can read, a spreadsheet gets a CSV – never an HTML page. (`file` is a format or
/// a file name; anything else keeps the HTML page.)
fn as_data(file: &str, answer: AppResult<Response>) -> AppResult<Response> {
    let error = match answer {
        Ok(response) => return Ok(response),
        Err(e) => e,
    };
    let format = file.rsplit('.').next().unwrap_or(file);
    let Some((status, title, message)) = error.explain() else {
        return Err(error);
    };
    let (content_type, body) = match format {
        "json" => (
            JSON,
            serde_json::json!({
                "error": { "status": status.as_u16(), "title": title, "message": message }
            })
            .to_string(),
        ),
        "csv" => (
            CSV,
            format!(
                "{}status,title,message\r\n{},{},{}\r\n",
                open_data::BOM,
                status.as_u16(),
                crate::domain::csv::cell(title),
                crate::domain::csv::cell(message)
            ),
        ),
        _ => return Err(error),
    };
    let headers = [
        (axum::http::header::CONTENT_TYPE, content_type),
        (axum::http::header::CACHE_CONTROL, "no-cache"),
    ];
    Ok((status, headers, body).into_response())
}

/// The JSON Schema of an edition's JSON (`open_data::json`), at a stable address.
pub async fn schema() -> Response {
    let headers = [
        (axum::http::header::CONTENT_TYPE, "application/schema+json"),
        (axum::http::header::CACHE_CONTROL, "public, max-age=3600"),
    ];
    (headers, open_data::SCHEMA).into_response()
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
                &state.installation(),
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
                let base = state.security.public_url.as_deref();
                let events = events(s, &state.installation(), base);
                (meta.published_at, events, s.organisation.clone())
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

/// The public calendar's events: meetings held in public that are planned, the meetings whose
/// summaries were published, and every milestone's current date. UIDs are this
/// installation's and the public feed's own; with `--public-url`, each event links to its
/// public page (a `URL` and in the description).
fn events(s: &Snapshot, ids: &Installation, base: Option<&str>) -> Vec<Event> {
    let link = |path: &str| base.map(|b| format!("{b}{path}"));
    let more = |path: &str| {
        link(path)
            .map(|url| format!("\n\nMore: {url}"))
            .unwrap_or_default()
    };
    let planned = s.planned_meetings.iter().map(|m| Event {
        uid: ids.uid(Feed::Public, &format!("meeting-{}", m.id)),
        when: When::London {
            start: m.starts_at,
            minutes: 120,
        },
        summary: ical::meeting_summary(m.kind.label(), &m.title),
        description: Some(format!(
            "{}, held in public on {}.{}",
            m.kind.label(),
            uk_date(m.starts_at.date()),
            more("/progress/meetings")
        )),
        location: (!m.location.is_empty()).then(|| m.location.clone()),
        url: link("/progress/meetings"),
    });
    let meetings = s.meetings.iter().map(|m| Event {
        uid: ids.uid(Feed::Public, &format!("meeting-{}", m.id)),
        // Meetings have no end time recorded; two hours is the usual board.
        when: When::London {
            start: m.starts_at,
            minutes: 120,
        },
        summary: ical::meeting_summary(m.kind.label(), &m.title),
        description: Some(format!("{}{}", m.summary, more("/progress/meetings"))),
        location: None,
        url: link("/progress/meetings"),
    });
    let mut seen = std::collections::BTreeSet::new();
    let milestones = s
        .inspections
        .iter()
        .flat_map(|i| i.findings.iter().map(move |f| (i, f)))
        .flat_map(|(i, f)| f.actions.iter().map(move |a| (i, f, a)))
        .flat_map(|(i, f, a)| a.milestones.iter().map(move |m| (i, f, a, m)))
        .filter(|(_, _, _, m)| seen.insert(m.id))
        .map(|(i, f, a, m)| {
            let page = format!("/progress/inspections/{}#finding-{}", i.id, f.id);
            Event {
                uid: ids.uid(Feed::Public, &format!("milestone-{}", m.id)),
                when: When::AllDay(m.current_due_on),
                summary: format!("Milestone due: {} ({})", m.title, m.state.label()),
                description: Some(format!(
                    "Action {}: {}. Originally due {}.{}",
                    a.reference,
                    a.title,
                    uk_date(m.original_due_on),
                    more(&page)
                )),
                location: None,
                url: link(&page),
            }
        });
    planned.chain(meetings).chain(milestones).collect()
}
