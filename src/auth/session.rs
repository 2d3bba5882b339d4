//! Resolving the session cookie once per request, and refusing cross-site state changes.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono::{DateTime, Utc};

use super::{CurrentUser, SessionUser, constant_time_eq, random_token, sha256_hex};
use crate::domain::dates::Now;
use crate::error::AppError;
use crate::{AppState, db};

pub const COOKIE: &str = "scrutineer_session";
/// The largest form body accepted; a bigger one gets a clear error page.
pub const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

/// Look up the session, refuse cross-site or token-less state changes, and hand the
/// signed-in user (if any) to the rest of the request.
pub async fn resolve_session(
    State(state): State<AppState>,
    jar: CookieJar,
    request: Request,
    next: Next,
) -> Response {
    match resolve(&state, &jar, request).await {
        Ok(request) => next.run(request).await,
        Err(response) => response,
    }
}

async fn resolve(state: &AppState, jar: &CookieJar, request: Request) -> Result<Request, Response> {
    let now = Now::at(state.clock.now());
    let user = current_user(state, jar, now.at)
        .await
        .map_err(|e| e.into_response())?;
    let mut request = if is_state_changing(request.method()) {
        check_same_origin(&request).map_err(|e| e.into_response())?;
        match &user {
            Some(user) => check_csrf_token(request, &user.csrf_token).await?,
            None => request,
        }
    } else {
        request
    };
    request.extensions_mut().insert(SessionUser(user));
    request.extensions_mut().insert(now);
    Ok(request)
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

async fn current_user(
    state: &AppState,
    jar: &CookieJar,
    now: DateTime<Utc>,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(cookie) = jar.get(COOKIE) else {
        return Ok(None);
    };
    let id_hash = sha256_hex(cookie.value());
    let Some(row) = db::sessions::find_with_user(&state.db, &id_hash).await? else {
        return Ok(None);
    };
    let created = parse_instant(&row.created_at);
    let last_seen = parse_instant(&row.last_seen_at);
    let security = &state.security;
    let expired = row.disabled_at.is_some()
        || now - created
            > chrono::Duration::from_std(security.absolute_lifetime).unwrap_or_default()
        || now - last_seen > chrono::Duration::from_std(security.idle_timeout).unwrap_or_default();
    if expired {
        db::sessions::delete(&state.db, &id_hash).await?;
        return Ok(None);
    }
    // Refresh the idle clock at most once a minute, to keep reads from becoming writes.
    if now - last_seen > chrono::Duration::seconds(60) {
        db::sessions::touch(&state.db, &id_hash, now).await?;
    }
    Ok(Some(CurrentUser {
        id: row.user_id,
        email: row.email,
        display_name: row.display_name,
        role: row.role,
        csrf_token: row.csrf_token,
        must_change_password: row.must_change_password,
        needs_two_step: !row.two_step_on && state.site().requires_two_step(row.role),
    }))
}

fn parse_instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Refuse a state change that a browser says came from another site.
fn check_same_origin(request: &Request) -> Result<(), AppError> {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return match site.as_bytes() {
            b"same-origin" | b"none" => Ok(()),
            _ => Err(AppError::Refused(
                "This form was sent from another website.",
            )),
        };
    }
    if let (Some(origin), Some(host)) = (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        let origin = origin.to_str().unwrap_or_default();
        let host = host.to_str().unwrap_or_default();
        let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
        if origin_host != host {
            return Err(AppError::Refused(
                "This form was sent from another website.",
            ));
        }
    }
    Ok(())
}

/// A signed-in state change must carry the session's CSRF token, in the form body or (for
/// file uploads) the query string.
async fn check_csrf_token(request: Request, expected: &str) -> Result<Request, Response> {
    let missing =
        || AppError::Refused("The form had expired. Go back, reload the page and try again.");
    if let Some(token) = request.uri().query().and_then(token_in) {
        return if constant_time_eq(&token, expected) {
            Ok(request)
        } else {
            Err(missing().into_response())
        };
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| {
            v.as_bytes()
                .starts_with(b"application/x-www-form-urlencoded")
        });
    if !is_form {
        return Err(missing().into_response());
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| too_large())?;
    let token = std::str::from_utf8(&bytes)
        .ok()
        .and_then(token_in)
        .unwrap_or_default();
    if !constant_time_eq(&token, expected) {
        return Err(missing().into_response());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn token_in(encoded: &str) -> Option<String> {
    form_urlencoded::parse(encoded.as_bytes())
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v.into_owned())
}

pub fn too_large() -> Response {
    let status = axum::http::StatusCode::PAYLOAD_TOO_LARGE;
    (
        status,
        crate::views::layout::error_page(
            status,
            "What you sent is too large",
            "Forms accept up to 2 MB. Shorten the text or split the file, then try again.",
        ),
    )
        .into_response()
}

/// Start a new session for `user_id` (a fresh id at every sign-in) and set its cookie.
pub async fn start(
    state: &AppState,
    jar: CookieJar,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<CookieJar, AppError> {
    let token = random_token();
    // Expired sessions are otherwise only removed when their cookie comes back; sweep them
    // here, where a session is made anyway, so the table holds only live ones.
    let ago = |d: std::time::Duration| now - chrono::Duration::from_std(d).unwrap_or_default();
    db::sessions::delete_expired(
        &state.db,
        ago(state.security.absolute_lifetime),
        ago(state.security.idle_timeout),
    )
    .await?;
    db::sessions::insert(
        &state.db,
        &sha256_hex(&token),
        user_id,
        &random_token(),
        now,
    )
    .await?;
    Ok(jar.add(session_cookie(state, token)))
}

/// End the session on the server and clear the cookie.
pub async fn end(state: &AppState, jar: CookieJar) -> Result<CookieJar, AppError> {
    if let Some(cookie) = jar.get(COOKIE) {
        db::sessions::delete(&state.db, &sha256_hex(cookie.value())).await?;
    }
    Ok(jar.remove(Cookie::build(COOKIE).path("/")))
}

fn session_cookie(state: &AppState, token: String) -> Cookie<'static> {
    Cookie::build((COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.security.secure_cookies)
        .build()
}
