//! The JSON API under `/api/v1`: a second door to the same record. Requests carry a personal
//! token (never a session cookie), act with its user's role and bodies, read through the same
//! `db` queries' rules and write through the same `record` functions as the forms.

pub mod docs;
pub mod problem;
pub mod read;
pub mod write;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::auth::CurrentUser;
use crate::db::audit::{Actor, RequestKey};
use crate::domain::api::{PageRequest, fingerprint};
use crate::domain::vocab::TokenAccess;
pub use problem::Problem;

/// Where the API's operations live; the documents are beside it, at `/api`.
pub const PREFIX: &str = "/api/v1";

/// The largest request body the API reads (a narrative is at most 20,000 characters).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Every refusal the API makes is a problem document: one made by a layer below the
/// handlers (the role check, an unknown method) is rewritten as one, naming only its status.
pub async fn problems(request: Request, next: axum::middleware::Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == problem::CONTENT_TYPE.as_bytes());
    if status.as_u16() < 400 || is_problem {
        return response;
    }
    let title = status.canonical_reason().unwrap_or("Error");
    let detail = match status {
        StatusCode::FORBIDDEN => "Your role does not allow this.",
        StatusCode::NOT_FOUND => "There is no such record, or your token may not see it.",
        StatusCode::METHOD_NOT_ALLOWED => "This address does not take that method.",
        _ => "The request could not be answered.",
    };
    let mut problem = Problem::new(status, title, detail).into_response();
    if let Some(allow) = response.headers().get(header::ALLOW) {
        problem.headers_mut().insert(header::ALLOW, allow.clone());
    }
    problem
}

/// The token a request came with, put in its extensions by `auth::tokens::resolve_token`.
#[derive(Debug, Clone)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub access: TokenAccess,
}

/// Who is calling the API: the token's user (their role and bodies) and the token itself.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    pub user: CurrentUser,
    pub token: ApiToken,
}

impl ApiCaller {
    /// The actor of a change made through this token: the user, with the token named.
    pub fn actor(&self) -> Actor {
        Actor::token(
            self.user.id,
            &self.user.email,
            self.token.id,
            &self.token.name,
        )
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ApiCaller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let token = parts.extensions.get::<ApiToken>().cloned();
        let user = CurrentUser::from_request_parts(parts, state).await.ok();
        match (user, token) {
            (Some(user), Some(token)) => Ok(Self { user, token }),
            _ => Err(Problem::unauthorized(
                "Send a token in the Authorization header.",
            )),
        }
    }
}

/// A write's JSON body and its `Idempotency-Key` (required: a system that sends the same
/// request twice, say after a timeout, makes one record).
pub struct ApiWrite<T> {
    pub body: T,
    pub request: RequestKey,
}

impl<T> ApiWrite<T> {
    /// The actor making this change (the caller, through their token, under this request's
    /// key) and the body it sent.
    pub fn by(self, caller: &ApiCaller) -> (Actor, T) {
        (caller.actor().with_request(Some(self.request)), self.body)
    }
}

/// The longest `Idempotency-Key` taken.
pub const MAX_KEY_LENGTH: usize = 200;

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiWrite<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let key = idempotency_key(request.headers())?;
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|m| m.trim() == "application/json")
            });
        if !is_json {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Send JSON",
                "Send the body as JSON, with Content-Type: application/json.",
            ));
        }
        let method = request.method().as_str().to_string();
        let path = request.uri().path().to_string();
        let bytes = Bytes::from_request(request, state).await.map_err(|_| {
            Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Request too large",
                "The body is larger than the API takes.",
            )
        })?;
        // serde also reads a struct from an array of its fields in order; only the object
        // the document describes is taken, so the fields' order never becomes part of the API.
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "The body is not what this operation takes",
                "Send the body as a JSON object, as /api/openapi.json describes it.",
            ));
        }
        let body = serde_json::from_slice(&bytes).map_err(|e| Problem::unreadable(&e))?;
        let fingerprint = fingerprint(&method, &path, &bytes);
        Ok(Self {
            body,
            request: RequestKey { key, fingerprint },
        })
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, Problem> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().trim_matches('"').to_string())
        .unwrap_or_default();
    if key.is_empty() || key.len() > MAX_KEY_LENGTH || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Problem::field(
            "Idempotency-Key",
            format!(
                "Send an Idempotency-Key header of 1 to {MAX_KEY_LENGTH} printable characters, \
                 unique to this change (a UUID, or your system's own id for it)"
            ),
        ));
    }
    Ok(key)
}

/// A record's id from its path: anything but a number (`abc`, `1.5`, one past `i64::MAX`)
/// names no record, so it is a 404 like an id that names none.
pub fn record_id(raw: &str) -> Result<i64, Problem> {
    raw.parse()
        .map_err(|_| crate::error::AppError::NotFound.into())
}

/// The page a list request asks for, or which parameter to fix.
pub fn page(cursor: Option<&str>, limit: Option<&str>) -> Result<PageRequest, Problem> {
    PageRequest::parse(cursor, limit).map_err(|bad| Problem::field(bad.name, bad.message))
}

/// One page of a list, and the cursor that fetches the next (none on the last page).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Send as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// `value` as JSON with a strong `ETag` of its bytes; 304 when the client already has them.
pub fn json<T: Serialize>(headers: &HeaderMap, value: &T) -> Result<Response, Problem> {
    let body = serde_json::to_vec(value)
        .map_err(|e| Problem::from(crate::error::AppError::internal(e)))?;
    let tag = format!("\"{}\"", &fingerprint("", "", &body)[..32]);
    let seen = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let etag = HeaderValue::from_str(&tag).map_err(crate::error::AppError::internal)?;
    if seen {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    let content_type = HeaderValue::from_static("application/json");
    Ok((
        [(header::ETAG, etag), (header::CONTENT_TYPE, content_type)],
        body,
    )
        .into_response())
}
