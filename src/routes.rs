//! THE route table: every path, method and handler, with who may reach it. The router, the
//! per-route role checks and the access-matrix test are all built from this one list.

use axum::http::{HeaderName, HeaderValue, Method};
use axum::routing::{MethodRouter, get, post};
use axum::{Router, middleware};

use crate::AppState;
use crate::auth::{self, Access, OFFICE, READERS};
use crate::handlers::{agenda, arising, calendar, meetings, packs, public, sessions};

/// One row of the route table.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub handler: MethodRouter<AppState>,
}

fn route(
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> Route {
    Route {
        method,
        path,
        access,
        handler,
    }
}

/// Every route of the application, grouped by who may reach it.
pub fn table() -> Vec<Route> {
    use Access::*;
    use Method as M;
    vec![
        // Anyone
        route(M::GET, "/", Public, get(public::home)),
        route(M::GET, "/healthz", Public, get(public::healthz)),
        route(M::GET, "/static/app.css", Public, get(public::stylesheet)),
        route(M::GET, "/sign-in", Public, get(sessions::new)),
        route(M::POST, "/sign-in", Public, post(sessions::create)),
        // A private calendar feed: authorised by the secret token in its address.
        route(M::GET, "/calendar/{token}", Public, get(calendar::feed)),
        // Any signed-in user
        route(M::POST, "/sign-out", SignedInAny, post(sessions::delete)),
        route(M::GET, "/calendar", SignedInAny, get(calendar::index)),
        route(M::POST, "/calendar", SignedInAny, post(calendar::create)),
        route(
            M::POST,
            "/calendar/{id}/revoke",
            SignedInAny,
            post(calendar::revoke),
        ),
        // Meetings, agenda, update requests, actions arising and packs: the office edits
        route(M::GET, "/meetings/new", Roles(OFFICE), get(meetings::new)),
        route(M::POST, "/meetings", Roles(OFFICE), post(meetings::create)),
        route(
            M::GET,
            "/meetings/{id}/edit",
            Roles(OFFICE),
            get(meetings::edit),
        ),
        route(
            M::POST,
            "/meetings/{id}",
            Roles(OFFICE),
            post(meetings::update),
        ),
        route(
            M::POST,
            "/meetings/{id}/update-requests",
            Roles(OFFICE),
            post(meetings::add_request),
        ),
        route(
            M::GET,
            "/meetings/{id}/agenda-items/new",
            Roles(OFFICE),
            get(agenda::new),
        ),
        route(
            M::POST,
            "/meetings/{id}/agenda-items",
            Roles(OFFICE),
            post(agenda::create),
        ),
        route(
            M::GET,
            "/meetings/{id}/agenda-items/{item_id}/edit",
            Roles(OFFICE),
            get(agenda::edit),
        ),
        route(
            M::POST,
            "/meetings/{id}/agenda-items/{item_id}",
            Roles(OFFICE),
            post(agenda::update),
        ),
        route(
            M::GET,
            "/meetings/{id}/actions-arising/new",
            Roles(OFFICE),
            get(arising::new),
        ),
        route(
            M::POST,
            "/meetings/{id}/actions-arising",
            Roles(OFFICE),
            post(arising::create),
        ),
        route(
            M::GET,
            "/actions-arising/{id}/edit",
            Roles(OFFICE),
            get(arising::edit),
        ),
        route(
            M::POST,
            "/actions-arising/{id}",
            Roles(OFFICE),
            post(arising::update),
        ),
        route(
            M::POST,
            "/meetings/{id}/pack",
            Roles(OFFICE),
            post(packs::create),
        ),
        // ...and the office and the scrutiny panel read
        route(M::GET, "/meetings", Roles(READERS), get(meetings::index)),
        route(
            M::GET,
            "/meetings/{id}",
            Roles(READERS),
            get(meetings::show),
        ),
        route(
            M::GET,
            "/actions-arising",
            Roles(READERS),
            get(arising::index),
        ),
        route(
            M::GET,
            "/meetings/{id}/pack",
            Roles(READERS),
            get(packs::show),
        ),
        route(
            M::GET,
            "/meetings/{id}/packs/{pack_id}",
            Roles(READERS),
            get(packs::saved),
        ),
    ]
}

/// The whole application: the route table behind the session and security layers.
pub fn app(state: AppState) -> Router {
    let mut router = Router::new();
    for r in table() {
        let access = r.access;
        let handler = r.handler.route_layer(middleware::from_fn(move |req, next| {
            auth::check_access(access, req, next)
        }));
        router = router.route(r.path, handler);
    }
    let hsts = state.security.secure_cookies;
    router
        .fallback(|| async { crate::error::AppError::NotFound })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::resolve_session,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            auth::session::MAX_FORM_BYTES,
        ))
        .layer(middleware::from_fn(move |req, next| {
            security_headers(hsts, req, next)
        }))
        .with_state(state)
}

/// Security headers for every response: no inline script, no framing, no sniffing.
async fn security_headers(
    hsts: bool,
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: &'static str, value: &'static str| {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    };
    set(
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
    );
    set("x-content-type-options", "nosniff");
    set("x-frame-options", "DENY");
    set("referrer-policy", "strict-origin-when-cross-origin");
    set(
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    );
    set("cross-origin-opener-policy", "same-origin");
    if hsts {
        set(
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        );
    }
    response
}
