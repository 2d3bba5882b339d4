//! Sign-in throttling: after too many failures for one account or from one address, further
//! attempts are refused for a while, even with the right password.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use chrono::{DateTime, Duration, Utc};
use sqlx::SqlitePool;

use crate::db;

/// Failed attempts allowed within [`WINDOW_MINUTES`] before attempts are refused.
pub const MAX_FAILURES: i64 = 5;
pub const WINDOW_MINUTES: i64 = 15;

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

/// Whether attempts for this account or from this address are refused at `now`: there were
/// [`MAX_FAILURES`] or more failures in the last [`WINDOW_MINUTES`]. Refused attempts are
/// recorded as failures too, so hammering the form keeps the lock closed.
pub async fn is_locked(
    pool: &SqlitePool,
    email: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let since = db::timestamp(now - Duration::minutes(WINDOW_MINUTES));
    let (by_account, by_address) =
        db::sign_in_attempts::count_recent_failures(pool, email, address, &since).await?;
    Ok(by_account >= MAX_FAILURES || by_address >= MAX_FAILURES)
}

/// Record an attempt. The email is stored as typed (bounded), never the password.
pub async fn record(
    pool: &SqlitePool,
    email: &str,
    address: &str,
    succeeded: bool,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let email: String = email.chars().take(254).collect();
    db::sign_in_attempts::insert(pool, &email, address, succeeded, now).await
}
