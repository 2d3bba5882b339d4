//! What every request handler may reach: the pool, the clock, start-up settings, the cached
//! site settings and the page and dashboard caches.

use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use sqlx::SqlitePool;

use crate::cache;
use crate::domain::access::Rules;
use crate::domain::dates::Clock;
use crate::domain::site::Site;
use crate::domain::site_address::SiteAddress;

/// Everything a request handler may reach, behind one `Arc`: every request clones it several
/// times (each extractor and layer that asks for the state), so a clone is one count, not one
/// for each part – on two cores under load, a dozen shared counts cost 6 % of the server's CPU.
#[derive(Clone)]
pub struct AppState(Arc<Parts>);

impl AppState {
    pub fn new(parts: Parts) -> Self {
        Self(Arc::new(parts))
    }
}

impl std::ops::Deref for AppState {
    type Target = Parts;

    fn deref(&self) -> &Parts {
        &self.0
    }
}

/// What [`AppState`] holds.
pub struct Parts {
    pub db: SqlitePool,
    pub clock: Clock,
    pub security: Arc<Security>,
    pub site: Arc<RwLock<Site>>,
    /// Rendered public pages of published editions, by (edition number, path): editions never
    /// change, so each page is rendered once and then served from memory.
    pub pages: Arc<cache::PageCache>,
    /// The dashboards' snapshot of the record, until the record changes.
    pub dashboards: Arc<cache::DashboardCache>,
    /// The record's version as last read, which the dashboards' and searches' kept work is
    /// keyed by.
    pub record_version: cache::RecordVersion,
    /// Searches' rankings, until the record changes.
    pub searches: Arc<cache::SearchCache>,
    /// The route table's access rules, which views ask before offering a link.
    pub rules: Arc<Rules>,
    /// Whether the newest scheduled backup failed, for the notice on admins' pages.
    pub backups: Arc<crate::backups::Health>,
    /// Each API token's allowance of requests.
    pub api_limits: Arc<crate::auth::tokens::Limits>,
    /// What `/compare` read of other offices' open data last, for a minute.
    pub compare: Arc<crate::compare::Cache>,
    /// Wakes the mail worker when a change queues a message.
    pub mail_wake: Arc<crate::mail::Wake>,
    /// Public sign-ups to email updates, per client address.
    pub sign_ups: Arc<crate::auth::limits::SignUps>,
}

/// Settings fixed at start-up: cookies, sessions, the site's public address and the public
/// page cache's budget.
#[derive(Debug, Clone)]
pub struct Security {
    pub secure_cookies: bool,
    pub idle_timeout: Duration,
    pub absolute_lifetime: Duration,
    /// `--public-url`, without a trailing slash: the base of absolute links in feeds.
    pub public_url: Option<String>,
    /// The address the server listens on (`--bind`), when serving.
    pub bind: Option<SocketAddr>,
    /// The most bytes the public page cache may hold (`--page-cache-mb`).
    pub page_cache_bytes: usize,
    /// Scheduled backups (`--backup-dir`), when asked for.
    pub backups: Option<crate::domain::backups::Plan>,
    /// Requests a minute each API token may make (`--api-requests-per-minute`).
    pub api_requests_per_minute: u32,
    /// Other offices' open data that `/compare` reads (`--compare-source`).
    pub compare_sources: Vec<String>,
    /// The evidence upload limits (`--evidence-file-mb`, `--evidence-request-mb`).
    pub evidence: crate::domain::evidence::Limits,
    /// How mail leaves (`--smtp-url`, `--mail-from` …).
    pub mail: crate::mail::Settings,
}

impl Default for Security {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            idle_timeout: Duration::from_secs(30 * 60),
            absolute_lifetime: Duration::from_secs(12 * 60 * 60),
            public_url: None,
            page_cache_bytes: cache::DEFAULT_BUDGET_BYTES,
            bind: None,
            backups: None,
            api_requests_per_minute: 120,
            compare_sources: Vec::new(),
            evidence: crate::domain::evidence::Limits::default(),
            mail: crate::mail::Settings {
                poll: Duration::from_secs(10),
                ..Default::default()
            },
        }
    }
}

impl Security {
    /// Where people reach the site, from these settings alone (never a request's Host).
    pub fn site_address(&self) -> SiteAddress {
        SiteAddress {
            public_url: self.public_url.clone(),
            bind: self.bind,
            https: self.secure_cookies,
        }
    }
}

impl Parts {
    /// What makes the ids in this installation's feeds its own.
    pub fn installation(&self) -> crate::domain::installation::Installation {
        crate::domain::installation::Installation::new(
            self.security.public_url.as_deref(),
            &self.site().installation_id,
        )
    }

    pub fn site(&self) -> Site {
        // A poisoned lock only means a writer panicked mid-assignment of plain data; the
        // value inside is still whole, so carry on with it.
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set_site(&self, site: Site) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = site;
    }
}
