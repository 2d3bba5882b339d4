//! Scrutineer: holds a Chief Constable to account for acting on inspection recommendations.
//! This module indexes the crate and builds the application state that the router serves.

pub mod accounts;
pub mod auth;
pub mod cache;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod handlers;
pub mod routes;
pub mod startup;
pub mod views;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use sqlx::SqlitePool;

use crate::domain::dates::Clock;

pub use routes::app;

/// Everything a request handler may reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    pub clock: Clock,
    pub security: Arc<Security>,
    pub site: Arc<RwLock<Site>>,
    /// Rendered public pages of published editions, by (edition number, path): editions never
    /// change, so each page is rendered once and then served from memory.
    pub pages: Arc<cache::PageCache>,
    /// The dashboards' snapshot of the record, until the record changes.
    pub dashboards: Arc<cache::DashboardCache>,
}

/// Settings fixed at start-up: cookies, sessions and the site's public address.
#[derive(Debug, Clone)]
pub struct Security {
    pub secure_cookies: bool,
    pub idle_timeout: Duration,
    pub absolute_lifetime: Duration,
    /// `--public-url`, without a trailing slash: the base of absolute links in feeds.
    pub public_url: Option<String>,
}

impl Default for Security {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            idle_timeout: Duration::from_secs(30 * 60),
            absolute_lifetime: Duration::from_secs(12 * 60 * 60),
            public_url: None,
        }
    }
}

/// Site-wide settings kept in the `settings` table and cached here (read on every page).
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub organisation_name: String,
    pub example_data: bool,
    pub stale_after_days: i64,
    /// A `#rrggbb` colour for the header; white text must stay readable on it.
    pub brand_colour: String,
}

impl Default for Site {
    fn default() -> Self {
        Self {
            organisation_name: "Police and Crime Commissioner".into(),
            example_data: false,
            stale_after_days: domain::dates::DEFAULT_STALE_DAYS,
            brand_colour: "#1d70b8".into(),
        }
    }
}

impl AppState {
    pub fn site(&self) -> Site {
        // A poisoned lock only means a writer panicked mid-assignment of plain data; the
        // value inside is still whole, so carry on with it.
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set_site(&self, site: Site) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = site;
    }
}
