//! Who is calling the API: the bearer token in `Authorization`, looked up by its SHA-256,
//! live, of an enabled user, within its rate limit, and read-write if it is writing. Session
//! cookies are never read here (so the API has no CSRF exposure), and the pages never read
//! tokens.

use std::num::NonZeroU32;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::{CurrentUser, SessionUser, sha256_hex};
use crate::AppState;
use crate::db;
use crate::domain::api::{TokenState, bearer};
use crate::domain::dates::Now;
use crate::domain::scope::Scope;
use crate::domain::vocab::TokenAccess;
use crate::handlers::api::{ApiToken, Problem};

/// A new token's secret: the prefix and 32 random bytes. Shown once; only its SHA-256 kept.
pub fn new_secret() -> String {
    format!(
        "{}{}",
        crate::domain::api::TOKEN_PREFIX,
        super::random_token()
    )
}

/// Requests per minute per token, shared out evenly (a burst of the whole minute's allowance).
pub struct Limits {
    limiter: DefaultKeyedRateLimiter<i64>,
}

impl Limits {
    pub fn per_minute(requests: u32) -> Self {
        let requests = NonZeroU32::new(requests).unwrap_or(NonZeroU32::MIN);
        Self {
            limiter: RateLimiter::keyed(Quota::per_minute(requests)),
        }
    }

    /// Take one request from the token's allowance, or say how many seconds until one is free.
    fn take(&self, token_id: i64) -> Result<(), u64> {
        self.limiter.check_key(&token_id).map_err(|not_until| {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

/// The API's authentication layer.
pub async fn resolve_token(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    match authenticate(&state, request).await {
        Ok(request) => next.run(request).await,
        Err(problem) => problem.into_response(),
    }
}

async fn authenticate(state: &AppState, mut request: Request) -> Result<Request, Problem> {
    let now = Now::at(state.clock.now());
    let secret = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer)
        .ok_or_else(|| {
            Problem::unauthorized(
                "Send a personal API token as `Authorization: Bearer scr_…`. Make one at \
                 /account/api-tokens.",
            )
        })?;
    let row = db::api_tokens::find_by_hash(&state.db, &sha256_hex(secret))
        .await?
        .filter(|row| row.disabled_at.is_none())
        .ok_or_else(|| Problem::unauthorized("This token is not valid."))?;
    match TokenState::of(row.expires_at, row.revoked_at, now.at) {
        TokenState::Live => {}
        TokenState::Expired => return Err(Problem::unauthorized("This token has expired.")),
        TokenState::Revoked => return Err(Problem::unauthorized("This token was revoked.")),
    }
    state.api_limits.take(row.id).map_err(Problem::too_many)?;
    let writing = !matches!(*request.method(), Method::GET | Method::HEAD);
    if writing && row.access == TokenAccess::Read {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "Read-only token",
            "This token may only read. Make a read-and-write token to send changes.",
        ));
    }
    touch(state, row.id, row.last_used_at, now.at).await;
    let user = CurrentUser {
        id: row.user_id,
        email: row.email,
        display_name: row.display_name,
        role: row.role,
        csrf_token: String::new(),
        must_change_password: false,
        needs_two_step: false,
        scope: Scope::of(
            row.role,
            serde_json::from_str(&row.body_ids).unwrap_or_default(),
        ),
    };
    let token = ApiToken {
        id: row.id,
        name: row.name,
        access: row.access,
    };
    let extensions = request.extensions_mut();
    extensions.insert(SessionUser(Some(user)));
    extensions.insert(token);
    extensions.insert(now);
    Ok(request)
}

/// Note the token's use at most once a minute, so reads stay reads; a failure to note it
/// (a full disk, a busy writer) does not stop the request.
async fn touch(state: &AppState, id: i64, last: Option<DateTime<Utc>>, now: DateTime<Utc>) {
    if last.is_some_and(|last| now - last < Duration::seconds(60)) {
        return;
    }
    if let Err(e) = db::api_tokens::touch(&state.db, id, now).await {
        tracing::warn!(error = %e, "an API token's last use was not noted");
    }
}
