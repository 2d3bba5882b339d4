//! Who is asking: sessions, the signed-in user extractor, per-route role checks and CSRF.

pub mod limits;
pub mod password;
pub mod session;
pub mod throttle;
pub mod tokens;
pub mod two_step;

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::db::audit::Actor;
use crate::domain::scope::{Record, Scope};
use crate::domain::vocab::Role;
use crate::error::AppError;

pub use session::resolve_session;

/// The signed-in person making this request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub csrf_token: String,
    pub must_change_password: bool,
    /// Two-step sign-in is required for their role and they have not set it up: every page
    /// but their own account's sends them to set it up.
    pub needs_two_step: bool,
    /// The bodies whose records they may see.
    pub scope: Scope,
}

impl CurrentUser {
    pub fn actor(&self) -> Actor {
        Actor::user(self.id, &self.email)
    }

    pub fn is_office(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Office)
    }
}

/// Put in the request extensions by [`resolve_session`] for every request.
#[derive(Debug, Clone)]
pub struct SessionUser(pub Option<CurrentUser>);

pub use crate::domain::access::{ADMIN, ALL_ROLES, Access, OFFICE, READERS, UPDATERS};

/// The role check run before every handler, from the route's declared [`Access`], and the body
/// check: a scoped viewer asking for a record of a body outside their scope is answered 404,
/// exactly as for a record that does not exist.
pub async fn check_access(
    state: AppState,
    access: Access,
    request: Request,
    next: Next,
) -> Response {
    if access == Access::Public {
        return next.run(request).await;
    }
    let user = request
        .extensions()
        .get::<SessionUser>()
        .and_then(|s| s.0.clone());
    let Some(user) = user else {
        return unauthenticated(request.uri()).into_response();
    };
    if access != Access::SignedInAny && user.must_change_password {
        return axum::response::Redirect::to("/account/password").into_response();
    }
    if access != Access::SignedInAny && user.needs_two_step {
        return axum::response::Redirect::to("/account/two-step").into_response();
    }
    if !access.allows(user.role) {
        return AppError::Forbidden.into_response();
    }
    if let Some((record, id)) = record_named(&user.scope, &request)
        && let Err(e) = check_body(&state, &user.scope, record, id).await
    {
        return e.into_response();
    }
    if state.site().example_data
        && let Some((record, id)) = route_record(&request)
    {
        // A page of one record shows the "Example data" banner only when the record is
        // example data: of the example body (see `views::layout::example_banner_shown`).
        let bodies = crate::db::scope::bodies_of(&state.db, record, id)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let example = bodies
            .iter()
            .any(|b| *b <= crate::db::example::EXAMPLE_BODY);
        return crate::views::layout::EXAMPLE_PAGE
            .scope(example, next.run(request))
            .await;
    }
    next.run(request).await
}

/// The record a scoped viewer's request names, if any: the route's first parameter.
fn record_named(scope: &Scope, request: &Request) -> Option<(Record, i64)> {
    if *scope == Scope::All {
        return None;
    }
    route_record(request)
}

/// The record a request's route names by its first parameter, if any.
fn route_record<'a>(request: &'a Request) -> Option<(Record, i64)> {
    let template = request.extensions().get::<axum::extract::MatchedPath>()?;
    // The API's routes name records as the pages do, under its prefix.
    let unprefixed = |p: &'a str| p.strip_prefix(crate::handlers::api::PREFIX).unwrap_or(p);
    let record = Record::of_route(unprefixed(template.as_str()))?;
    // The id is the path's second segment, as the template's is its first parameter; an id
    // that is not a number reaches no record and is the handler's 404.
    let id = unprefixed(request.uri().path())
        .split('/')
        .nth(2)?
        .parse()
        .ok()?;
    Some((record, id))
}

/// Whether the record belongs to a body the viewer may see.
async fn check_body(
    state: &AppState,
    scope: &Scope,
    record: Record,
    id: i64,
) -> Result<(), AppError> {
    match crate::db::scope::bodies_of(&state.db, record, id).await? {
        Some(bodies) if !scope.admits_all(&bodies) => Err(AppError::NotFound),
        _ => Ok(()),
    }
}

fn unauthenticated(uri: &axum::http::Uri) -> AppError {
    AppError::Unauthenticated {
        next: uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into()),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<SessionUser>()
            .and_then(|s| s.0.clone())
            .ok_or_else(|| unauthenticated(&parts.uri))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SessionUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<SessionUser>()
            .cloned()
            .unwrap_or(SessionUser(None)))
    }
}

/// A random, URL-safe secret of 32 bytes (hex).
pub fn random_token() -> String {
    use password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn sha256_hex(value: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// Compare secrets without leaking, through timing, how much of them matched.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
