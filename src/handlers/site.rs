//! The public progress site: every page rendered only from a published edition, once, then
//! served from memory.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::cached::{self, Freshness, HTML, Key};
use crate::auth::SessionUser;
use crate::cache::CachedPage;
use crate::domain::edition;
use crate::error::{AppError, AppResult};
use crate::views::Chrome;
use crate::views::site::{Base, about, changes, editions, home, inspection};
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
        let page = html(home::empty_home_page(&chrome(&state, &user)));
        let key = Key::page(0, "/", Freshness::Latest, &user);
        return Ok(cached::respond(&page, &headers, key.freshness));
    };
    let key = Key::page(n, "/", Freshness::Latest, &user);
    if let Some(hit) = cached::hit(&state, &headers, &key) {
        return Ok(hit);
    }
    let edition = cached::edition(&state, n).await?;
    let (meta, snapshot) = &*edition;
    let page = html(home::home_page(
        &chrome(&state, &user),
        meta,
        snapshot,
        Base::Latest,
    ));
    Ok(cached::store(&state, &headers, &key, page))
}

pub async fn edition_home(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    uri: Uri,
    Path(n): Path<i64>,
) -> AppResult<Response> {
    let key = Key::page(n, uri.path(), Freshness::Frozen, &user);
    if let Some(hit) = cached::hit(&state, &headers, &key) {
        return Ok(hit);
    }
    let edition = cached::edition(&state, n).await?;
    let (meta, snapshot) = &*edition;
    let page = html(home::home_page(
        &chrome(&state, &user),
        meta,
        snapshot,
        Base::Edition(n),
    ));
    Ok(cached::store(&state, &headers, &key, page))
}

pub async fn latest_inspection(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let n = cached::latest(&state).await?;
    inspection_in(&state, &user, &headers, uri.path(), n, id, Base::Latest).await
}

pub async fn edition_inspection(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    uri: Uri,
    Path((n, id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    inspection_in(&state, &user, &headers, uri.path(), n, id, Base::Edition(n)).await
}

async fn inspection_in(
    state: &AppState,
    user: &SessionUser,
    headers: &HeaderMap,
    path: &str,
    n: i64,
    id: i64,
    base: Base,
) -> AppResult<Response> {
    let freshness = if base == Base::Latest {
        Freshness::Latest
    } else {
        Freshness::Frozen
    };
    let key = Key::page(n, path, freshness, user);
    if let Some(hit) = cached::hit(state, headers, &key) {
        return Ok(hit);
    }
    let edition = cached::edition(state, n).await?;
    let (meta, snapshot) = &*edition;
    let found = snapshot.inspection(id).ok_or(AppError::NotFound)?;
    let page = html(inspection::inspection_page(
        &chrome(state, user),
        meta,
        found,
        base,
    ));
    Ok(cached::store(state, headers, &key, page))
}

pub async fn meetings(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
) -> AppResult<Response> {
    let n = cached::latest(&state).await?;
    let key = Key::page(n, "/progress/meetings", Freshness::Latest, &user);
    if let Some(hit) = cached::hit(&state, &headers, &key) {
        return Ok(hit);
    }
    let edition = cached::edition(&state, n).await?;
    let (meta, snapshot) = &*edition;
    let page = html(editions::meetings_page(
        &chrome(&state, &user),
        meta,
        snapshot,
    ));
    Ok(cached::store(&state, &headers, &key, page))
}

pub async fn editions(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
) -> AppResult<Response> {
    let n = cached::latest_number(&state).await?.unwrap_or(0);
    let key = Key::page(n, "/editions", Freshness::Latest, &user);
    if let Some(hit) = cached::hit(&state, &headers, &key) {
        return Ok(hit);
    }
    let list = db::editions::list(&state.db).await?;
    let page = html(editions::editions_page(&chrome(&state, &user), &list));
    Ok(cached::store(&state, &headers, &key, page))
}

pub async fn changes(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
    uri: Uri,
    Path((a, b)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let key = Key::page(b, uri.path(), Freshness::Frozen, &user);
    if let Some(hit) = cached::hit(&state, &headers, &key) {
        return Ok(hit);
    }
    let old = cached::edition(&state, a).await?;
    let new = cached::edition(&state, b).await?;
    let list = edition::diff(&old.1, &new.1);
    let page = html(changes::changes_page(&chrome(&state, &user), a, b, &list));
    Ok(cached::store(&state, &headers, &key, page))
}

pub async fn about(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
) -> Response {
    let page = html(about::about_page(&chrome(&state, &user)));
    cached::respond(
        &page,
        &headers,
        Key::page(0, "", Freshness::Latest, &user).freshness,
    )
}

pub async fn accessibility(
    State(state): State<AppState>,
    user: SessionUser,
    headers: HeaderMap,
) -> Response {
    let page = html(about::accessibility_page(&chrome(&state, &user)));
    cached::respond(
        &page,
        &headers,
        Key::page(0, "", Freshness::Latest, &user).freshness,
    )
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
