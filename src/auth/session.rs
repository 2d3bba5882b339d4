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
use crate::domain::scope::Scope;
use crate::error::AppError;
use crate::state::Security;
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
        check_same_origin(&state.security, &request).map_err(|e| e.into_response())?;
        match &user {
            Some(user) => {
                let limit = body_limit(state, &request);
                check_csrf_token(request, &user.csrf_token, limit).await?
            }
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
    // On a full disk the refresh fails; reading goes on (the clock is refreshed next time).
    if now - last_seen > chrono::Duration::seconds(60) {
        match db::sessions::touch(&state.db, &id_hash, now).await {
            Err(e) if db::is_storage_full(&e) => {
                tracing::warn!(error = %e, "disk full: the session's idle clock was not refreshed")
            }
            touched => touched?,
        }
    }
    Ok(Some(CurrentUser {
        id: row.user_id,
        email: row.email,
        display_name: row.display_name,
        role: row.role,
        csrf_token: row.csrf_token,
        must_change_password: row.must_change_password,
        needs_two_step: !row.two_step_on && state.site().requires_two_step(row.role),
        scope: Scope::of(
            row.role,
            serde_json::from_str(&row.body_ids).unwrap_or_default(),
        ),
    }))
}

fn parse_instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Refuse a state change that a browser says came from another site: by `Sec-Fetch-Site`, or
/// by an `Origin` that is not this site's configured address (never judged by the request's
/// own `Host` header, which a DNS rebinding page controls).
fn check_same_origin(security: &Security, request: &Request) -> Result<(), AppError> {
    let refused = || AppError::Refused("This form was sent from another website.");
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site")
        && !matches!(site.as_bytes(), b"same-origin" | b"none")
    {
        return Err(refused());
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or_default();
        if !security.site_address().is_own_origin(origin) {
            return Err(refused());
        }
    }
    Ok(())
}

/// The most a state change's body may hold: an upload's limit on the routes that take files,
/// a form's elsewhere.
fn body_limit(state: &AppState, request: &Request) -> usize {
    let upload = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .is_some_and(|p| crate::domain::evidence::is_upload_route(p.as_str()));
    match upload {
        true => usize::try_from(state.security.evidence.request_bytes).unwrap_or(usize::MAX),
        false => MAX_FORM_BYTES,
    }
}

/// A signed-in state change must carry the session's CSRF token in its body: a form field,
/// or a part of a file upload's multipart body. Never the address, which browsers keep in
/// their history and send on in `Referer` headers and which servers log.
async fn check_csrf_token(
    request: Request,
    expected: &str,
    limit: usize,
) -> Result<Request, Response> {
    let missing =
        || AppError::Refused("The form had expired. Go back, reload the page and try again.");
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .cloned()
        .unwrap_or(header::HeaderValue::from_static(""));
    let kind = content_type.as_bytes();
    let is_form = kind.starts_with(b"application/x-www-form-urlencoded");
    let is_multipart = kind.starts_with(b"multipart/form-data");
    if !is_form && !is_multipart {
        return Err(missing().into_response());
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_large(limit))?;
    let token = if is_form {
        std::str::from_utf8(&bytes).ok().and_then(token_in)
    } else {
        token_in_multipart(content_type, bytes.clone()).await
    };
    if !constant_time_eq(&token.unwrap_or_default(), expected) {
        return Err(missing().into_response());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// The `csrf_token` part of a multipart body (the upload form sends it first).
async fn token_in_multipart(
    content_type: header::HeaderValue,
    bytes: axum::body::Bytes,
) -> Option<String> {
    use axum::extract::{FromRequest, Multipart};
    // The token is among the form's first parts, before any file: its start is enough, and
    // an upload of many megabytes need not be read twice.
    let start = bytes.slice(..bytes.len().min(64 * 1024));
    let request = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(start))
        .ok()?;
    let mut multipart = Multipart::from_request(request, &()).await.ok()?;
    while let Some(field) = multipart.next_field().await.ok()? {
        if field.name() == Some("csrf_token") {
            return field.text().await.ok();
        }
    }
    None
}

fn token_in(encoded: &str) -> Option<String> {
    form_urlencoded::parse(encoded.as_bytes())
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v.into_owned())
}

pub fn too_large(limit: usize) -> Response {
    let status = axum::http::StatusCode::PAYLOAD_TOO_LARGE;
    let size = crate::domain::evidence::size_label(i64::try_from(limit).unwrap_or(i64::MAX));
    let message = format!(
        "This form accepts up to {size}. Shorten the text, or send fewer or smaller files, then try again."
    );
    (
        status,
        crate::views::layout::error_page(status, "What you sent is too large", &message),
    )
        .into_response()
}

/// Start a new session for `user_id` (a fresh id at every sign-in) and set its cookie. A
/// session this browser already had (someone else's, or an earlier one) ends on the server:
/// replacing the cookie alone would leave it usable by anyone who copied it.
pub async fn start(
    state: &AppState,
    jar: CookieJar,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<CookieJar, AppError> {
    if let Some(cookie) = jar.get(COOKIE) {
        db::sessions::delete(&state.db, &sha256_hex(cookie.value())).await?;
    }
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
