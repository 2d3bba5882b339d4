//! The in-memory cache of rendered public pages: an edition never changes, so each of its
//! pages is rendered once and served from here, keyed by (edition number, path). A hit costs
//! a map lookup and reference-count bumps: no database query, no copy of the body.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, RwLock};

use axum::body::Bytes;
use axum::http::HeaderValue;

/// At most this many pages are kept; when full, the cache starts again empty (simple, and
/// an edition's pages are cheap to render again).
pub const MAX_PAGES: usize = 4096;

/// A rendered response body with its type and strong ETag.
#[derive(Debug, Clone)]
pub struct CachedPage {
    pub content_type: &'static str,
    pub body: Bytes,
    /// The quoted SHA-256 of the body, ready to send.
    pub etag: HeaderValue,
}

impl CachedPage {
    pub fn new(content_type: &'static str, body: impl Into<Bytes>) -> Self {
        let body = body.into();
        let hash = crate::domain::edition::content_hash_bytes(&body);
        let etag = HeaderValue::from_str(&format!("\"{hash}\""))
            .unwrap_or(HeaderValue::from_static("\"\""));
        Self {
            content_type,
            body,
            etag,
        }
    }
}

/// A published edition, parsed.
pub type Edition = std::sync::Arc<(
    crate::domain::edition::EditionMeta,
    crate::domain::edition::Snapshot,
)>;

#[derive(Debug, Default)]
pub struct PageCache {
    pages: RwLock<Pages>,
    /// The edition whose pages were rendered last, parsed once: a national edition is tens of
    /// megabytes of JSON, so requests that miss the page cache share one parse, one at a time.
    edition: tokio::sync::Mutex<Option<(i64, Edition)>>,
    /// The latest edition's number once known (0: not yet looked up). Publishing sets it.
    latest: AtomicI64,
}

#[derive(Debug, Default)]
struct Pages {
    by_edition: HashMap<i64, HashMap<String, CachedPage>>,
    count: usize,
}

impl PageCache {
    pub fn get(&self, edition: i64, path: &str) -> Option<CachedPage> {
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner());
        pages.by_edition.get(&edition)?.get(path).cloned()
    }

    pub fn put(&self, edition: i64, path: &str, page: CachedPage) {
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        if pages.count >= MAX_PAGES {
            *pages = Pages::default();
        }
        let edition = pages.by_edition.entry(edition).or_default();
        if edition.insert(path.to_string(), page).is_none() {
            pages.count += 1;
        }
    }

    /// Forget every page, e.g. after the site settings (shown on every page) change.
    pub fn clear(&self) {
        *self.pages.write().unwrap_or_else(|e| e.into_inner()) = Pages::default();
    }

    pub fn len(&self) -> usize {
        self.pages.read().unwrap_or_else(|e| e.into_inner()).count
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The latest edition's number, if it has been looked up or published since start.
    pub fn latest(&self) -> Option<i64> {
        Some(self.latest.load(Ordering::Acquire)).filter(|n| *n > 0)
    }

    /// The parsed edition `number`, loaded with `load` unless it is the one kept.
    pub async fn edition<F, E>(&self, number: i64, load: F) -> Result<Edition, E>
    where
        F: std::future::Future<Output = Result<Edition, E>>,
    {
        let mut kept = self.edition.lock().await;
        if let Some((n, edition)) = kept.as_ref()
            && *n == number
        {
            return Ok(edition.clone());
        }
        *kept = None;
        let edition = load.await?;
        *kept = Some((number, edition.clone()));
        Ok(edition)
    }

    /// Let go of the parsed edition if it is still `edition`: pages render from it while an
    /// edition is new, then it is only memory (each page is kept rendered).
    pub async fn forget_edition(&self, edition: &Edition) {
        let mut kept = self.edition.lock().await;
        if kept
            .as_ref()
            .is_some_and(|(_, e)| std::sync::Arc::ptr_eq(e, edition))
        {
            *kept = None;
        }
    }

    /// Remember the latest edition's number (on looking it up, and on publishing).
    pub fn set_latest(&self, number: i64) {
        self.latest.fetch_max(number, Ordering::AcqRel);
    }
}

/// The dashboards' snapshot of the record as at a date, kept until the record changes. Its
/// key is the date and the newest audit event's id: every change writes an audit event in its
/// own transaction, so a new id means new data. One snapshot is built at a time; requests
/// arriving meanwhile wait for it instead of each building their own.
#[derive(Debug, Default)]
pub struct DashboardCache {
    slot: tokio::sync::Mutex<Option<DashboardEntry>>,
    /// Rendered page contents (without the signed-in person's frame) for the snapshot
    /// (date, version) they were rendered from, by page and query.
    rendered: Mutex<Rendered>,
}

#[derive(Debug, Default)]
struct Rendered {
    as_at: Option<chrono::NaiveDate>,
    version: i64,
    pages: HashMap<String, std::sync::Arc<String>>,
}

/// At most this many rendered dashboard contents are kept per version of the record.
const MAX_RENDERED: usize = 64;

#[derive(Debug)]
struct DashboardEntry {
    as_at: chrono::NaiveDate,
    version: i64,
    snapshot: std::sync::Arc<crate::domain::dashboard::DashboardSnapshot>,
}

impl DashboardCache {
    /// The snapshot for (`as_at`, `version`), built with `load` when not already kept.
    pub async fn get_or_load<F, E>(
        &self,
        as_at: chrono::NaiveDate,
        version: i64,
        load: F,
    ) -> Result<std::sync::Arc<crate::domain::dashboard::DashboardSnapshot>, E>
    where
        F: std::future::Future<Output = Result<crate::domain::dashboard::DashboardSnapshot, E>>,
    {
        let mut slot = self.slot.lock().await;
        if let Some(entry) = slot.as_ref()
            && entry.as_at == as_at
            && entry.version >= version
        {
            return Ok(entry.snapshot.clone());
        }
        // Drop the old snapshot before building the new one: one at a time in memory.
        *slot = None;
        let snapshot = std::sync::Arc::new(load.await?);
        *slot = Some(DashboardEntry {
            as_at,
            version,
            snapshot: snapshot.clone(),
        });
        Ok(snapshot)
    }

    /// Forget the kept snapshot (for changes made outside the application, such as tests).
    pub async fn clear(&self) {
        *self.slot.lock().await = None;
        *self.rendered.lock().unwrap_or_else(|e| e.into_inner()) = Rendered::default();
    }

    /// Content rendered before from the snapshot (`as_at`, `version`), by `key`.
    pub fn rendered(
        &self,
        as_at: chrono::NaiveDate,
        version: i64,
        key: &str,
    ) -> Option<std::sync::Arc<String>> {
        let rendered = self.rendered.lock().unwrap_or_else(|e| e.into_inner());
        if rendered.as_at != Some(as_at) || rendered.version != version {
            return None;
        }
        rendered.pages.get(key).cloned()
    }

    /// Keep content rendered from the snapshot (`as_at`, `version`); older content goes.
    pub fn keep_rendered(
        &self,
        as_at: chrono::NaiveDate,
        version: i64,
        key: String,
        content: std::sync::Arc<String>,
    ) {
        let mut rendered = self.rendered.lock().unwrap_or_else(|e| e.into_inner());
        let stale = rendered.as_at != Some(as_at) || rendered.version != version;
        if stale || rendered.pages.len() >= MAX_RENDERED {
            *rendered = Rendered {
                as_at: Some(as_at),
                version,
                pages: HashMap::new(),
            };
        }
        rendered.pages.insert(key, content);
    }
}
