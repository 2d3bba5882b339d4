//! Serving public pages of published editions from memory, with strong ETags, Cache-Control
//! and 304 Not Modified answers.

use std::future::Future;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::SessionUser;
use crate::cache::{CachedPage, Edition};
use crate::db::editions::EditionRow;
use crate::domain::edition::{EditionMeta, Snapshot};
use crate::error::{AppError, AppResult, Found};
use crate::{AppState, db};

/// How long browsers and proxies may keep a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// The latest edition's pages change when a new edition is published.
    Latest,
    /// A numbered edition never changes.
    Frozen,
    /// A page rendered for a signed-in person (with their navigation): never shared or kept.
    Personal,
}

impl Freshness {
    fn cache_control(self) -> &'static str {
        match self {
            Freshness::Latest => "public, max-age=300",
            Freshness::Frozen => "public, max-age=31536000, immutable",
            Freshness::Personal => "private, no-store",
        }
    }
}

/// Where a page sits in the cache.
pub struct Key<'a> {
    pub edition: i64,
    pub path: &'a str,
    pub freshness: Freshness,
}

impl<'a> Key<'a> {
    /// The key of an HTML page: pages for a signed-in person carry their navigation (and
    /// sign-out token), so they are rendered afresh and never cached.
    pub fn page(edition: i64, path: &'a str, freshness: Freshness, user: &SessionUser) -> Self {
        let freshness = if user.0.is_some() {
            Freshness::Personal
        } else {
            freshness
        };
        Self {
            edition,
            path,
            freshness,
        }
    }
}

/// The cached response for `key`, if the page has been rendered before.
pub fn hit(state: &AppState, headers: &HeaderMap, key: &Key<'_>) -> Option<Response> {
    if key.freshness == Freshness::Personal {
        return None;
    }
    let page = state.pages.get(key.edition, key.path)?;
    Some(respond(&page, headers, key.freshness))
}

/// Keep a freshly rendered page and answer with it.
pub fn store(state: &AppState, headers: &HeaderMap, key: &Key<'_>, page: CachedPage) -> Response {
    let response = respond(&page, headers, key.freshness);
    if key.freshness != Freshness::Personal {
        state.pages.put(key.edition, key.path, page);
    }
    response
}

/// The page at `key`: from memory when it has been rendered before, otherwise rendered by
/// `render` and kept.
pub async fn page<Fut>(
    state: &AppState,
    headers: &HeaderMap,
    key: &Key<'_>,
    render: impl FnOnce() -> Fut,
) -> AppResult<Response>
where
    Fut: Future<Output = AppResult<CachedPage>>,
{
    if let Some(hit) = hit(state, headers, key) {
        return Ok(hit);
    }
    let page = render().await?;
    Ok(store(state, headers, key, page))
}

/// The page at `key`, rendered (when it is not in memory) from the key's edition.
pub async fn of_edition(
    state: &AppState,
    headers: &HeaderMap,
    key: &Key<'_>,
    render: impl FnOnce(&EditionMeta, &Snapshot) -> AppResult<CachedPage>,
) -> AppResult<Response> {
    page(state, headers, key, || async move {
        let edition = edition(state, key.edition).await?;
        let (meta, snapshot) = &*edition;
        render(meta, snapshot)
    })
    .await
}

/// Answer with a page, or 304 with no body when the browser already has this version.
pub fn respond(page: &CachedPage, headers: &HeaderMap, freshness: Freshness) -> Response {
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.as_bytes() == page.etag.as_bytes()
        });
    let etag = page.etag.clone();
    let cache = HeaderValue::from_static(freshness.cache_control());
    // A browser must not show an anonymous copy to someone who has since signed in.
    let vary = HeaderValue::from_static("cookie");
    if matches {
        return (
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, etag),
                (header::CACHE_CONTROL, cache),
                (header::VARY, vary),
            ],
        )
            .into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(page.content_type),
            ),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, cache),
            (header::VARY, vary),
        ],
        page.body.clone(),
    )
        .into_response()
}

/// The numbers of a public address, or the answer to an address that is not canonical: a
/// permanent redirect to the one `address` builds when every segment is a number written
/// another way (`/editions/0002` → `/editions/2`), otherwise not found. Each page then has one
/// address, the one its cache key is built from.
pub fn canonical<const N: usize>(
    texts: [&str; N],
    address: impl FnOnce([i64; N]) -> String,
) -> Result<[i64; N], NotCanonical> {
    match crate::domain::paths::segments(texts) {
        Ok(numbers) => Ok(numbers),
        Err(Some(numbers)) => Err(NotCanonical::Moved(address(numbers))),
        Err(None) => Err(NotCanonical::NotFound),
    }
}

/// The answer to an address that is not a page's one address.
#[derive(Debug)]
pub enum NotCanonical {
    /// 308 Permanent Redirect to the canonical address.
    Moved(String),
    NotFound,
}

impl IntoResponse for NotCanonical {
    fn into_response(self) -> Response {
        match self {
            NotCanonical::Moved(address) => Redirect::permanent(&address).into_response(),
            NotCanonical::NotFound => AppError::NotFound.into_response(),
        }
    }
}

/// The latest edition's number, or 404 before the first edition.
pub async fn latest(state: &AppState) -> AppResult<i64> {
    latest_number(state).await.found()
}

/// The latest edition's number, from memory once known: editions are published only through
/// the publishing page (which tells the cache) or before the server starts.
pub async fn latest_number(state: &AppState) -> AppResult<Option<i64>> {
    if let Some(n) = state.pages.latest() {
        return Ok(Some(n));
    }
    let n = db::editions::latest_number(&state.db).await?;
    if let Some(n) = n {
        state.pages.set_latest(n);
    }
    Ok(n)
}

/// A published edition's facts and snapshot, or 404: parsed once and shared while its pages
/// are being rendered (see [`crate::cache::PageCache::edition`]).
pub async fn edition(state: &AppState, number: i64) -> AppResult<Edition> {
    state
        .pages
        .edition(number, async {
            let row: EditionRow = db::editions::find(&state.db, number).await.found()?;
            // Parsing a national edition takes hundreds of milliseconds of CPU: off the
            // threads that serve every other request.
            let parse = move || row.snapshot().map(|snapshot| (row.meta(), snapshot));
            let parsed = tokio::task::spawn_blocking(parse)
                .await
                .map_err(AppError::internal)??;
            let edition = std::sync::Arc::new(parsed);
            // The latest edition is kept parsed while it is the latest (a page of it missing
            // from the cache would otherwise parse it again); an earlier one only briefly.
            let latest = latest_number(state).await?;
            if latest != Some(number) {
                let (pages, kept) = (state.pages.clone(), edition.clone());
                tokio::spawn(async move {
                    tokio::time::sleep(KEEP_PARSED_EDITION).await;
                    pages.forget_edition(&kept).await;
                });
            }
            Ok(edition)
        })
        .await
}

/// How long a parsed earlier edition is kept for rendering further pages.
const KEEP_PARSED_EDITION: std::time::Duration = std::time::Duration::from_secs(30);

pub const HTML: &str = "text/html; charset=utf-8";
