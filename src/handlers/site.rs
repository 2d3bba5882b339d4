//! The public progress site: every page rendered only from a published edition, once, then
//! served from memory.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::cached::{self, Freshness, HTML, Key};
use crate::auth::SessionUser;
use crate::cache::CachedPage;
use crate::domain::edition::{self, ReleasedFile};
use crate::error::{AppError, AppResult};
use crate::views::Chrome;
use crate::views::site::{Base, about, bodies, changes, editions, home, inspection, response};
use crate::{AppState, db};

/// The page frame: anonymous pages are shared by everyone; a signed-in person's carry their
/// navigation and are never cached (see [`Key::page`]).
fn chrome(state: &AppState, user: &SessionUser) -> Chrome {
    super::chrome(state, user.0.as_ref())
}

fn html(markup: maud::Markup) -> CachedPage {
    CachedPage::new(HTML, markup.into_string())
}

pub async fn home(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
) -> AppResult<Response> {
    let Some(n) = cached::latest_number(&state).await? else {
        let page = home::empty_home_page(&chrome(&state, &user));
        return Ok(fixed(&headers, &user, page));
    };
    let key = Key::page(n, "/", Freshness::Latest, &user);
    cached::of_edition(&state, &headers, &key, |meta, snapshot| {
        let chrome = chrome(&state, &user);
        Ok(html(home::home_page(&chrome, meta, snapshot, Base::Latest)))
    })
    .await
}

/// The page's number in the address, or the answer to an address that is not canonical.
macro_rules! numbers {
    ($texts:expr, $address:expr) => {
        match cached::canonical($texts, $address) {
            Ok(numbers) => numbers,
            Err(answer) => return Ok(answer.into_response()),
        }
    };
}

pub async fn edition_home(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    Path(n): Path<String>,
) -> AppResult<Response> {
    let [n] = numbers!([&n], |[n]| format!("/editions/{n}"));
    let (base, path, freshness) = numbered(&state, n, format!("/editions/{n}")).await?;
    let key = Key::page(n, &path, freshness, &user);
    cached::of_edition(&state, &headers, &key, |meta, snapshot| {
        let chrome = chrome(&state, &user);
        Ok(html(home::home_page(&chrome, meta, snapshot, base)))
    })
    .await
}

/// How edition `n`'s page at `path` is shown and kept. Once a later edition is out it never
/// changes (frozen); while `n` is the latest it says so, so it is kept apart from its frozen
/// form and may be kept only briefly: publishing the next edition changes it.
async fn numbered(state: &AppState, n: i64, path: String) -> AppResult<(Base, String, Freshness)> {
    let base = Base::numbered(n, cached::latest_number(state).await?);
    Ok(match base {
        Base::LatestEdition(_) => (base, format!("{path}#latest"), Freshness::Latest),
        _ => (base, path, Freshness::Frozen),
    })
}

pub async fn latest_inspection(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let [id] = numbers!([&id], |[id]| format!("/progress/inspections/{id}"));
    let n = cached::latest(&state).await?;
    let path = format!("/progress/inspections/{id}");
    let key = Key::page(n, &path, Freshness::Latest, &user);
    inspection_in(&state, &user, &headers, &key, id, Base::Latest).await
}

pub async fn edition_inspection(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    Path((n, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let address = |[n, id]: [i64; 2]| format!("/editions/{n}/inspections/{id}");
    let [n, id] = numbers!([&n, &id], address);
    let (base, path, freshness) = numbered(&state, n, address([n, id])).await?;
    let key = Key::page(n, &path, freshness, &user);
    inspection_in(&state, &user, &headers, &key, id, base).await
}

/// A file released with a report, from edition `n`, by its SHA-256: the same bytes for as
/// long as they are kept, so cached anywhere for a year; 410 once disposed of.
pub async fn edition_file(
    State(state): State<AppState>,
    Path((n, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let n: i64 = n.parse().map_err(|_| AppError::NotFound)?;
    let edition = cached::edition(&state, n).await?;
    let (_, snapshot) = &*edition;
    let files = snapshot.inspections.iter().flat_map(|i| &i.files);
    let found = ReleasedFile::named(files, &file).ok_or(AppError::NotFound)?;
    let Some(bytes) = db::evidence::content_by_hash(&state.db, &found.sha256).await? else {
        return Err(AppError::Gone(
            "This document is no longer held: it was disposed of under the retention schedule.",
        ));
    };
    let cache = "public, max-age=31536000, immutable";
    Ok(super::evidence::file_response(
        bytes,
        found.kind,
        &found.name,
        cache,
    ))
}

async fn inspection_in(
    state: &AppState,
    user: &SessionUser,
    headers: &HeaderMap,
    key: &Key<'_>,
    id: i64,
    base: Base,
) -> AppResult<Response> {
    cached::of_edition(state, headers, key, |meta, snapshot| {
        let found = snapshot.inspection(id).ok_or(AppError::NotFound)?;
        let chrome = chrome(state, user);
        Ok(html(inspection::inspection_page(
            &chrome, meta, found, base,
        )))
    })
    .await
}

pub async fn latest_response(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    Path((id, rule_id)): Path<(String, String)>,
) -> AppResult<Response> {
    let address = |[id, rule]: [i64; 2]| format!("/progress/inspections/{id}/responses/{rule}");
    let [id, rule_id] = numbers!([&id, &rule_id], address);
    let n = cached::latest(&state).await?;
    let path = address([id, rule_id]);
    let key = Key::page(n, &path, Freshness::Latest, &user);
    response_in(&state, &user, &headers, &key, (id, rule_id), Base::Latest).await
}

pub async fn edition_response(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    Path((n, id, rule_id)): Path<(String, String, String)>,
) -> AppResult<Response> {
    let address =
        |[n, id, rule]: [i64; 3]| format!("/editions/{n}/inspections/{id}/responses/{rule}");
    let [n, id, rule_id] = numbers!([&n, &id, &rule_id], address);
    let (base, path, freshness) = numbered(&state, n, address([n, id, rule_id])).await?;
    let key = Key::page(n, &path, freshness, &user);
    response_in(&state, &user, &headers, &key, (id, rule_id), base).await
}

/// A released response document's page from an edition; 404 when the edition has none.
async fn response_in(
    state: &AppState,
    user: &SessionUser,
    headers: &HeaderMap,
    key: &Key<'_>,
    (id, rule_id): (i64, i64),
    base: Base,
) -> AppResult<Response> {
    cached::of_edition(state, headers, key, |meta, snapshot| {
        let (found, doc) = snapshot.response(id, rule_id).ok_or(AppError::NotFound)?;
        let chrome = chrome(state, user);
        Ok(html(response::response_page(
            &chrome, meta, found, doc, base,
        )))
    })
    .await
}

pub async fn latest_body(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let [id] = numbers!([&id], |[id]| format!("/progress/bodies/{id}"));
    let n = cached::latest(&state).await?;
    let path = format!("/progress/bodies/{id}");
    let key = Key::page(n, &path, Freshness::Latest, &user);
    body_in(&state, &user, &headers, &key, id, Base::Latest).await
}

pub async fn edition_body(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    Path((n, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let address = |[n, id]: [i64; 2]| format!("/editions/{n}/bodies/{id}");
    let [n, id] = numbers!([&n, &id], address);
    let (base, path, freshness) = numbered(&state, n, address([n, id])).await?;
    let key = Key::page(n, &path, freshness, &user);
    body_in(&state, &user, &headers, &key, id, base).await
}

/// A body's page from an edition; 404 when the edition has no inspection of it.
async fn body_in(
    state: &AppState,
    user: &SessionUser,
    headers: &HeaderMap,
    key: &Key<'_>,
    id: i64,
    base: Base,
) -> AppResult<Response> {
    cached::of_edition(state, headers, key, |meta, snapshot| {
        let body = snapshot.body(id).ok_or(AppError::NotFound)?;
        let chrome = chrome(state, user);
        Ok(html(bodies::body_page(&chrome, meta, &body, base)))
    })
    .await
}

pub async fn meetings(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
) -> AppResult<Response> {
    let n = cached::latest(&state).await?;
    let key = Key::page(n, "/progress/meetings", Freshness::Latest, &user);
    cached::of_edition(&state, &headers, &key, |meta, snapshot| {
        let chrome = chrome(&state, &user);
        Ok(html(editions::meetings_page(&chrome, meta, snapshot)))
    })
    .await
}

pub async fn editions(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
) -> AppResult<Response> {
    let n = cached::latest_number(&state).await?.unwrap_or(0);
    let key = Key::page(n, "/editions", Freshness::Latest, &user);
    cached::page(&state, &headers, &key, || async {
        let list = db::editions::list(&state.db).await?;
        Ok(html(editions::editions_page(&chrome(&state, &user), &list)))
    })
    .await
}

pub async fn changes(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    Path((a, b)): Path<(String, String)>,
) -> AppResult<Response> {
    let address = |[a, b]: [i64; 2]| format!("/editions/{a}/changes/{b}");
    let [a, b] = numbers!([&a, &b], address);
    let path = address([a, b]);
    let key = Key::page(b, &path, Freshness::Frozen, &user);
    cached::page(&state, &headers, &key, || async {
        let old = cached::edition(&state, a).await?;
        let new = cached::edition(&state, b).await?;
        let list = edition::diff(&old.1, &new.1);
        Ok(html(changes::changes_page(
            &chrome(&state, &user),
            a,
            b,
            &list,
        )))
    })
    .await
}

pub async fn about(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
) -> Response {
    fixed(&headers, &user, about::about_page(&chrome(&state, &user)))
}

pub async fn data_dictionary(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
) -> Response {
    let page = about::data_dictionary_page(&chrome(&state, &user));
    fixed(&headers, &user, page)
}

pub async fn accessibility(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
) -> Response {
    fixed(
        &headers,
        &user,
        about::accessibility_page(&chrome(&state, &user)),
    )
}

/// A page that does not depend on the record (cheap to render, so not kept).
fn fixed(headers: &HeaderMap, user: &SessionUser, markup: maud::Markup) -> Response {
    let freshness = Key::page(0, "", Freshness::Latest, user).freshness;
    cached::respond(&html(markup), headers, freshness)
}

#[derive(Debug, Default, Deserialize)]
pub struct CompareQuery {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

/// The compare form's answer: on to the stable address of the changes between two editions.
pub async fn compare(Query(q): Query<CompareQuery>) -> AppResult<Response> {
    let from: i64 = q.from.trim().parse().map_err(|_| AppError::NotFound)?;
    let to: i64 = q.to.trim().parse().map_err(|_| AppError::NotFound)?;
    Ok(Redirect::to(&format!("/editions/{from}/changes/{to}")).into_response())
}
