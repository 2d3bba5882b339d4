//! Sign-in throttling: the failures recorded for an account from an address, and for the
//! address, decide how long the next attempt from there must wait ([`domain::sign_in`]).
//! Attempts from elsewhere are not held back, so the account's owner can always sign in.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use chrono::{DateTime, Duration, Utc};
use sqlx::SqlitePool;

use crate::db;
use crate::domain::sign_in::{self, Failures, Recent, WINDOW_MINUTES};

/// The address a request came from (the peer's IP, without the port), or "unknown" when the
/// server was not started with connection info (in-process tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip().to_string())
                .unwrap_or_else(|| "unknown".into()),
        ))
    }
}

/// The seconds an attempt for `email` from `address` must still wait at `now`, if any. A
/// refused attempt is not recorded: it tried no password, and hammering must not fill the table.
pub async fn seconds_to_wait(
    pool: &SqlitePool,
    email: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let since = db::timestamp(window_start(now));
    let ((pair, pair_latest), (by_address, address_latest)) =
        db::sign_in_attempts::recent_failures(pool, email, address, &since).await?;
    let failures = |count, latest: Option<String>| Failures {
        count,
        latest: latest.as_deref().and_then(parse_instant),
    };
    let recent = Recent {
        account_from_address: failures(pair, pair_latest),
        address: failures(by_address, address_latest),
    };
    Ok(sign_in::seconds_to_wait(&recent, now))
}

/// Whether an attempt for `email` from `address` must wait at `now`.
pub async fn is_locked(
    pool: &SqlitePool,
    email: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    Ok(seconds_to_wait(pool, email, address, now).await?.is_some())
}

/// Record an attempt, and forget those older than the window. The email is stored as typed
/// (bounded), never the password.
pub async fn record(
    pool: &SqlitePool,
    email: &str,
    address: &str,
    succeeded: bool,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db::sign_in_attempts::delete_older_than(pool, &db::timestamp(window_start(now))).await?;
    let email: String = email.chars().take(254).collect();
    db::sign_in_attempts::insert(pool, &email, address, succeeded, now).await
}

fn window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::minutes(WINDOW_MINUTES)
}

fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
