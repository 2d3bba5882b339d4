//! The in-memory cache of rendered public pages: an edition never changes, so each of its
//! pages is rendered once and served from here, keyed by (edition number, path).

use std::collections::HashMap;
use std::sync::RwLock;

use axum::body::Bytes;

/// At most this many pages are kept; when full, the cache starts again empty (simple, and
/// an edition's pages are cheap to render again).
pub const MAX_PAGES: usize = 4096;

/// A rendered response body with its type and strong ETag.
#[derive(Debug, Clone)]
pub struct CachedPage {
    pub content_type: &'static str,
    pub body: Bytes,
    /// The quoted SHA-256 of the body.
    pub etag: String,
}

impl CachedPage {
    pub fn new(content_type: &'static str, body: impl Into<Bytes>) -> Self {
        let body = body.into();
        let etag = format!("\"{}\"", crate::domain::edition::content_hash_bytes(&body));
        Self {
            content_type,
            body,
            etag,
        }
    }
}

#[derive(Debug, Default)]
pub struct PageCache {
    pages: RwLock<HashMap<(i64, String), CachedPage>>,
}

impl PageCache {
    pub fn get(&self, edition: i64, path: &str) -> Option<CachedPage> {
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner());
        pages.get(&(edition, path.to_string())).cloned()
    }

    pub fn put(&self, edition: i64, path: &str, page: CachedPage) {
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        if pages.len() >= MAX_PAGES {
            pages.clear();
        }
        pages.insert((edition, path.to_string()), page);
    }

    /// Forget every page, e.g. after the site settings (shown on every page) change.
    pub fn clear(&self) {
        self.pages
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    pub fn len(&self) -> usize {
        self.pages.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
