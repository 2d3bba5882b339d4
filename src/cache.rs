//! The in-memory cache of rendered public pages: an edition never changes, so each of its
//! pages is rendered once and served from here, keyed by (edition number, path). A hit costs
//! a map lookup and reference-count bumps: no database query, no copy of the body.
//!
//! Anyone can ask for public pages, so the cache is bounded in bytes, not pages: a national
//! edition's data file is tens of megabytes and a small page a few kilobytes. When a new page
//! would take the total over the budget, the pages used least recently make room for it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::body::Bytes;
use axum::http::HeaderValue;

use crate::db::search::{Found, HitRow};

/// The budget of a cache made with [`PageCache::default`]: room for every page and data file
/// of a national edition (its JSON is about 30 MB) and a good many others.
pub const DEFAULT_BUDGET_BYTES: usize = 256 * 1024 * 1024;

/// What a kept page costs beyond its body, path and ETag: the map entries around it.
const ENTRY_OVERHEAD_BYTES: usize = 160;

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

#[derive(Debug)]
pub struct PageCache {
    pages: Mutex<Pages>,
    /// The most bytes the kept pages may take, counted by [`PageCache::bytes`].
    budget: usize,
    /// The edition whose pages were rendered last, parsed once: a national edition is tens of
    /// megabytes of JSON, so requests that miss the page cache share one parse, one at a time
    /// (the latest edition stays here while it is the latest).
    edition: tokio::sync::Mutex<Option<(i64, Edition)>>,
    /// The latest edition's number once known (0: not yet looked up). Publishing sets it.
    latest: AtomicI64,
}

impl Default for PageCache {
    fn default() -> Self {
        Self::with_budget(DEFAULT_BUDGET_BYTES)
    }
}

#[derive(Debug, Default)]
struct Pages {
    by_edition: HashMap<i64, HashMap<String, Kept>>,
    /// Each kept page by when it was last used: the first is the next to go.
    by_use: BTreeMap<u64, (i64, String)>,
    /// Counts uses, to order them.
    clock: u64,
    /// The sum of every kept page's [`cost`].
    bytes: usize,
}

#[derive(Debug)]
struct Kept {
    page: CachedPage,
    used: u64,
    cost: usize,
}

/// What keeping `page` at `path` costs against the budget: its body, ETag, the path (held
/// twice, in the page map and the use order) and the entries around them.
fn cost(path: &str, page: &CachedPage) -> usize {
    page.body.len() + page.etag.len() + 2 * path.len() + ENTRY_OVERHEAD_BYTES
}

impl Pages {
    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }

    fn remove(&mut self, edition: i64, path: &str) {
        let Some(pages) = self.by_edition.get_mut(&edition) else {
            return;
        };
        if let Some(kept) = pages.remove(path) {
            self.by_use.remove(&kept.used);
            self.bytes -= kept.cost;
        }
        if pages.is_empty() {
            self.by_edition.remove(&edition);
        }
    }

    /// Let the least recently used page go; false when there is none.
    fn evict_one(&mut self) -> bool {
        let Some((_, (edition, path))) = self.by_use.pop_first() else {
            return false;
        };
        if let Some(pages) = self.by_edition.get_mut(&edition) {
            if let Some(kept) = pages.remove(&path) {
                self.bytes -= kept.cost;
            }
            if pages.is_empty() {
                self.by_edition.remove(&edition);
            }
        }
        true
    }

    fn len(&self) -> usize {
        self.by_use.len()
    }
}

impl PageCache {
    /// An empty cache whose pages may take at most `budget` bytes.
    pub fn with_budget(budget: usize) -> Self {
        Self {
            pages: Mutex::default(),
            budget,
            edition: tokio::sync::Mutex::default(),
            latest: AtomicI64::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pages> {
        self.pages.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, edition: i64, path: &str) -> Option<CachedPage> {
        let mut guard = self.lock();
        let pages = &mut *guard;
        let now = pages.clock + 1;
        let kept = pages.by_edition.get_mut(&edition)?.get_mut(path)?;
        let before = std::mem::replace(&mut kept.used, now);
        let page = kept.page.clone();
        pages.clock = now;
        if let Some(key) = pages.by_use.remove(&before) {
            pages.by_use.insert(now, key);
        }
        Some(page)
    }

    /// Keep `page`, letting the least recently used pages go to stay within the budget. A
    /// page larger than the whole budget is not kept.
    pub fn put(&self, edition: i64, path: &str, page: CachedPage) {
        let cost = cost(path, &page);
        let mut pages = self.lock();
        pages.remove(edition, path);
        if cost > self.budget {
            return;
        }
        while pages.bytes + cost > self.budget && pages.evict_one() {}
        let used = pages.tick();
        pages.by_use.insert(used, (edition, path.to_string()));
        pages.bytes += cost;
        pages
            .by_edition
            .entry(edition)
            .or_default()
            .insert(path.to_string(), Kept { page, used, cost });
    }

    /// Forget every page, e.g. after the site settings (shown on every page) change.
    pub fn clear(&self) {
        *self.lock() = Pages::default();
    }

    /// How many pages are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes the kept pages take, as counted against the budget: never more than
    /// [`PageCache::budget`].
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }

    /// The most bytes the kept pages may take.
    pub fn budget(&self) -> usize {
        self.budget
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

    /// Let go of the parsed edition if it is still `edition` (an earlier edition's, kept
    /// briefly: the latest is kept parsed while it is the latest; see `handlers::cached`).
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
    /// Held while a page's content is rendered for the kept contents.
    rendering: tokio::sync::Mutex<()>,
}

/// The record's version – the newest audit event's id – as last read, with this process's
/// count of commits then and when it was read: what the dashboards' and searches' kept work
/// is keyed by (`handlers::record_version`).
#[derive(Debug, Default)]
pub struct RecordVersion {
    seen: Mutex<Option<(u64, i64, std::time::Instant)>>,
}

impl RecordVersion {
    /// The record's version (its newest audit event id) as last read, if this process has
    /// committed nothing since (`commits` unchanged) and it was read under a second ago: every
    /// dashboard request needs it, and reading it each time queued readers behind writers
    /// for a connection.
    pub fn seen(&self, commits: u64, now: std::time::Instant) -> Option<i64> {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.filter(|&(c, _, at)| {
            c == commits && now.saturating_duration_since(at) < VERSION_UNCHECKED_FOR
        })
        .map(|(_, id, _)| id)
    }

    /// Remember `version`, read at `at` after counting `commits` (a slower reader's older
    /// count does not replace a newer one).
    pub fn saw(&self, commits: u64, version: i64, at: std::time::Instant) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.is_none_or(|(c, _, _)| c <= commits) {
            *seen = Some((commits, version, at));
        }
    }

    /// Forget the version read (for changes made outside the application, such as tests).
    pub fn forget(&self) {
        *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// How long an audit id read from the database stands for the record's version while this
/// process commits nothing: writes by other processes (the command line) show after this.
const VERSION_UNCHECKED_FOR: std::time::Duration = std::time::Duration::from_secs(1);

#[derive(Debug, Default)]
struct Rendered {
    as_at: Option<chrono::NaiveDate>,
    version: i64,
    pages: HashMap<String, Rendering>,
}

/// A page's content rendered from a version of the record, when, and how long it took.
#[derive(Debug, Clone)]
pub struct Rendering {
    pub content: std::sync::Arc<String>,
    pub version: i64,
    pub at: std::time::Instant,
    pub took: std::time::Duration,
}

/// At most this many rendered dashboard contents are kept per version of the record.
const MAX_RENDERED: usize = 64;

/// How a kept snapshot is brought up to a newer version of the record.
#[derive(Debug)]
pub enum Upkeep {
    /// Nothing it holds changed.
    Unchanged,
    /// These bodies' records changed: here is their part of the snapshot, loaded anew.
    Replace(Vec<i64>, crate::domain::dashboard::DashboardSnapshot),
    /// Load it all again.
    Whole,
}

#[derive(Debug)]
struct DashboardEntry {
    as_at: chrono::NaiveDate,
    version: i64,
    snapshot: std::sync::Arc<crate::domain::dashboard::DashboardSnapshot>,
}

impl DashboardCache {
    /// The snapshot for (`as_at`, `version`). One kept for the same date but an older
    /// version is brought up to date by `update` where it can be (it is given that version
    /// and answers how); otherwise everything is loaded by `load`.
    pub async fn get_or_load<F, U, UF, E>(
        &self,
        as_at: chrono::NaiveDate,
        version: i64,
        load: F,
        update: U,
    ) -> Result<std::sync::Arc<crate::domain::dashboard::DashboardSnapshot>, E>
    where
        F: std::future::Future<Output = Result<crate::domain::dashboard::DashboardSnapshot, E>>,
        U: FnOnce(i64) -> UF,
        UF: std::future::Future<Output = Result<Upkeep, E>>,
    {
        let mut slot = self.slot.lock().await;
        if let Some(entry) = slot.as_mut()
            && entry.as_at == as_at
        {
            if entry.version >= version {
                return Ok(entry.snapshot.clone());
            }
            match update(entry.version).await? {
                Upkeep::Unchanged => {
                    entry.version = version;
                    return Ok(entry.snapshot.clone());
                }
                Upkeep::Replace(bodies, part) => {
                    // Copied only while a reader still holds the kept one.
                    std::sync::Arc::make_mut(&mut entry.snapshot).replace_bodies(&bodies, part);
                    entry.version = version;
                    return Ok(entry.snapshot.clone());
                }
                Upkeep::Whole => {}
            }
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

    /// Forget the kept snapshot and renderings (for changes made outside the application,
    /// such as tests).
    pub async fn clear(&self) {
        *self.slot.lock().await = None;
        *self.rendered.lock().unwrap_or_else(|e| e.into_inner()) = Rendered::default();
    }

    /// A turn to render content to keep: one at a time, so that readers waiting for the same
    /// page find it rendered instead of rendering it again.
    pub async fn rendering(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.rendering.lock().await
    }

    /// The turn to render, if nobody is rendering now.
    pub fn try_rendering(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        self.rendering.try_lock().ok()
    }

    /// The content kept for `key` as at `as_at` from whichever version of the record it was
    /// rendered from: what a reader is shown while the newest version is being rendered.
    pub fn rendered_latest(&self, as_at: chrono::NaiveDate, key: &str) -> Option<Rendering> {
        let rendered = self.rendered.lock().unwrap_or_else(|e| e.into_inner());
        if rendered.as_at != Some(as_at) {
            return None;
        }
        rendered.pages.get(key).cloned()
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
        rendered.pages.get(key).map(|r| r.content.clone())
    }

    /// Keep content rendered from the snapshot (`as_at`, `version`) that took `took` to
    /// render; older content goes.
    pub fn keep_rendered(
        &self,
        as_at: chrono::NaiveDate,
        version: i64,
        key: String,
        content: std::sync::Arc<String>,
        took: std::time::Duration,
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
        let at = std::time::Instant::now();
        let rendering = Rendering {
            content,
            version,
            at,
            took,
        };
        rendered.pages.insert(key, rendering);
    }
}

/// Searches over every body, for a version of the record (the newest audit id, as the
/// dashboards read it): ranking a common word scores every match, and a page's snippets and
/// records take a query of their own, so repeated searches and their next pages reuse both.
#[derive(Debug)]
pub struct SearchCache {
    /// Each FTS5 query's best matches (rowids), best first.
    ranked: Versioned<String, Found<i64>>,
    /// Each (FTS5 query, page number)'s hits.
    pages: Versioned<(String, usize), Found<HitRow>>,
}

impl Default for SearchCache {
    fn default() -> Self {
        // A ranking is 251 numbers (2 KB); a page, 26 hits with their snippets (about 15 KB).
        Self {
            ranked: Versioned::holding(256),
            pages: Versioned::holding(64),
        }
    }
}

impl SearchCache {
    pub fn ranked(&self, version: i64, query: &str) -> Option<Found<i64>> {
        self.ranked.get(version, query)
    }

    pub fn keep_ranked(&self, version: i64, query: &str, ranked: Found<i64>) {
        self.ranked.put(version, query.to_string(), ranked);
    }

    pub fn page(&self, version: i64, query: &str, page: usize) -> Option<Found<HitRow>> {
        self.pages.get(version, &(query.to_string(), page))
    }

    pub fn keep_page(&self, version: i64, query: &str, page: usize, hits: Found<HitRow>) {
        self.pages.put(version, (query.to_string(), page), hits);
    }
}

/// At most `most` values that hold for one version of the record: a newer version starts
/// afresh, and so does a full map; a value of an older version than the kept ones is not kept.
#[derive(Debug)]
struct Versioned<K, V> {
    kept: Mutex<(i64, HashMap<K, V>)>,
    most: usize,
}

impl<K: std::hash::Hash + Eq, V: Clone> Versioned<K, V> {
    fn holding(most: usize) -> Self {
        Self {
            kept: Mutex::new((0, HashMap::new())),
            most,
        }
    }

    fn get<Q>(&self, version: i64, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        (kept.0 == version)
            .then(|| kept.1.get(key).cloned())
            .flatten()
    }

    fn put(&self, version: i64, key: K, value: V) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if version < kept.0 {
            return;
        }
        if version > kept.0 || kept.1.len() >= self.most {
            *kept = (version, HashMap::new());
        }
        kept.1.insert(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(size: usize) -> CachedPage {
        CachedPage::new("text/plain", vec![b'x'; size])
    }

    fn found(rowids: &[i64]) -> Found<i64> {
        Found {
            items: rowids.into(),
            narrowed: false,
        }
    }

    #[test]
    fn a_search_ranked_for_one_version_is_not_used_for_another() {
        let cache = SearchCache::default();
        assert_eq!(cache.ranked(7, "\"fire\""), None, "nothing kept yet");
        cache.keep_ranked(7, "\"fire\"", found(&[4, 8]));
        assert_eq!(cache.ranked(7, "\"fire\""), Some(found(&[4, 8])));
        assert_eq!(cache.ranked(7, "\"water\""), None, "another search");
        assert_eq!(
            cache.ranked(8, "\"fire\""),
            None,
            "the record has changed since"
        );
        assert!(
            cache.page(7, "\"fire\"", 1).is_none(),
            "a page is kept apart"
        );
        cache.keep_ranked(8, "\"water\"", found(&[12]));
        assert_eq!(cache.ranked(8, "\"water\""), Some(found(&[12])));
        cache.keep_ranked(7, "\"fire\"", found(&[4]));
        assert_eq!(
            cache.ranked(7, "\"fire\""),
            None,
            "an older ranking is not put back"
        );
        assert_eq!(cache.ranked(8, "\"water\""), Some(found(&[12])));
    }

    #[test]
    fn a_full_versioned_map_starts_afresh() {
        let kept = Versioned::holding(3);
        for n in 0..3 {
            kept.put(1, n, n);
        }
        assert_eq!(kept.get(1, &0), Some(0), "it holds three");
        kept.put(1, 3, 3);
        assert_eq!(kept.get(1, &0), None, "a fourth starts afresh");
        assert_eq!(kept.get(1, &3), Some(3));
    }

    #[test]
    fn the_version_read_stands_until_this_process_commits_or_a_second_passes() {
        let cache = RecordVersion::default();
        let read = std::time::Instant::now();
        assert_eq!(cache.seen(3, read), None, "nothing read yet");
        cache.saw(3, 100, read);
        assert_eq!(cache.seen(3, read), Some(100));
        let later = read + std::time::Duration::from_millis(999);
        assert_eq!(cache.seen(3, later), Some(100));
        assert_eq!(cache.seen(4, read), None, "a commit since");
        let second = read + std::time::Duration::from_secs(1);
        assert_eq!(
            cache.seen(3, second),
            None,
            "another process may have written"
        );
        // A reader that counted before the latest commit does not put its older read back.
        cache.saw(5, 102, read);
        cache.saw(4, 101, read);
        assert_eq!(cache.seen(5, read), Some(102));
        assert_eq!(cache.seen(4, read), None);
    }

    #[test]
    fn a_reader_may_be_shown_the_rendering_of_the_version_before_but_never_of_another_day() {
        let cache = DashboardCache::default();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let before = std::sync::Arc::new("version 7".to_string());
        let took = std::time::Duration::from_millis(30);
        cache.keep_rendered(day, 7, "/dashboard".into(), before.clone(), took);
        assert_eq!(cache.rendered(day, 8, "/dashboard"), None);
        let kept = cache.rendered_latest(day, "/dashboard").unwrap();
        assert_eq!((kept.content, kept.version, kept.took), (before, 7, took));
        assert!(cache.rendered_latest(day, "/dashboard/charts").is_none());
        assert!(
            cache
                .rendered_latest(day.succ_opt().unwrap(), "/dashboard")
                .is_none()
        );
        let after = std::sync::Arc::new("version 8".to_string());
        cache.keep_rendered(day, 8, "/dashboard".into(), after.clone(), took);
        assert_eq!(cache.rendered(day, 8, "/dashboard"), Some(after));
    }

    #[test]
    fn the_kept_pages_never_take_more_than_the_budget() {
        let cache = PageCache::with_budget(10_000);
        for k in 0..1_000 {
            cache.put(1, &format!("/editions/1/inspections/{k}"), page(900));
            assert!(
                cache.bytes() <= cache.budget(),
                "after {k}: {}",
                cache.bytes()
            );
        }
        assert!(cache.len() >= 5, "{}", cache.len());
        assert!(cache.get(1, "/editions/1/inspections/999").is_some());
        assert!(cache.get(1, "/editions/1/inspections/0").is_none());
    }

    #[test]
    fn the_page_used_least_recently_goes_first() {
        let one = cost("/a", &page(1_000));
        let cache = PageCache::with_budget(3 * one);
        cache.put(1, "/a", page(1_000));
        cache.put(1, "/b", page(1_000));
        cache.put(1, "/c", page(1_000));
        assert!(cache.get(1, "/a").is_some());
        cache.put(1, "/d", page(1_000));
        assert!(cache.get(1, "/a").is_some());
        assert!(cache.get(1, "/b").is_none());
        assert!(cache.get(1, "/c").is_some());
        assert_eq!(cache.bytes(), 3 * one);
    }

    #[test]
    fn a_page_larger_than_the_budget_is_not_kept_and_replacing_a_page_counts_once() {
        let cache = PageCache::with_budget(5_000);
        cache.put(1, "/big", page(6_000));
        assert!(cache.is_empty());
        assert_eq!(cache.bytes(), 0);
        cache.put(2, "/a", page(100));
        cache.put(2, "/a", page(200));
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.bytes(), cost("/a", &page(200)));
        cache.clear();
        assert_eq!((cache.len(), cache.bytes()), (0, 0));
    }
}
