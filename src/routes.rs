//! THE route table: every path, method and handler, with who may reach it. The router, the
//! per-route role checks and the access-matrix test are all built from this one list.

use axum::http::{HeaderName, HeaderValue, Method};
use axum::routing::{MethodRouter, get, post};
use axum::{Router, middleware};

use crate::AppState;
use crate::auth::{self, Access};
use crate::handlers::{
    assurance, findings, imports, inspections, public, responses, search, sessions,
};

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
        // Any signed-in user
        route(M::POST, "/sign-out", SignedInAny, post(sessions::delete)),
        // Any role: findings are read by the force too; search covers what they may open
        route(
            M::GET,
            "/findings/{id}",
            Roles(auth::ALL_ROLES),
            get(findings::show),
        ),
        route(
            M::GET,
            "/search",
            Roles(auth::ALL_ROLES),
            get(search::index),
        ),
        // Readers: the office and the panel
        route(
            M::GET,
            "/inspections",
            Roles(auth::READERS),
            get(inspections::index),
        ),
        route(
            M::GET,
            "/inspections/{id}",
            Roles(auth::READERS),
            get(inspections::show),
        ),
        route(
            M::GET,
            "/inspections/{id}/findings.csv",
            Roles(auth::READERS),
            get(imports::export),
        ),
        // The PCC office
        route(
            M::GET,
            "/inspections/new",
            Roles(auth::OFFICE),
            get(inspections::new),
        ),
        route(
            M::POST,
            "/inspections",
            Roles(auth::OFFICE),
            post(inspections::create),
        ),
        route(
            M::GET,
            "/inspections/{id}/edit",
            Roles(auth::OFFICE),
            get(inspections::edit),
        ),
        route(
            M::POST,
            "/inspections/{id}",
            Roles(auth::OFFICE),
            post(inspections::update),
        ),
        route(
            M::GET,
            "/inspections/{id}/response",
            Roles(auth::OFFICE),
            get(responses::edit),
        ),
        route(
            M::POST,
            "/inspections/{id}/response",
            Roles(auth::OFFICE),
            post(responses::update),
        ),
        route(
            M::GET,
            "/inspections/{id}/findings/new",
            Roles(auth::OFFICE),
            get(findings::new),
        ),
        route(
            M::POST,
            "/inspections/{id}/findings",
            Roles(auth::OFFICE),
            post(findings::create),
        ),
        route(
            M::GET,
            "/inspections/{id}/findings/import",
            Roles(auth::OFFICE),
            get(imports::new),
        ),
        route(
            M::POST,
            "/inspections/{id}/findings/import",
            Roles(auth::OFFICE),
            post(imports::create),
        ),
        route(
            M::GET,
            "/findings/{id}/edit",
            Roles(auth::OFFICE),
            get(findings::edit),
        ),
        route(
            M::POST,
            "/findings/{id}",
            Roles(auth::OFFICE),
            post(findings::update),
        ),
        route(
            M::GET,
            "/findings/{id}/assessments/new",
            Roles(auth::OFFICE),
            get(assurance::new_assessment),
        ),
        route(
            M::POST,
            "/findings/{id}/assessments",
            Roles(auth::OFFICE),
            post(assurance::create_assessment),
        ),
        route(
            M::GET,
            "/findings/{id}/positions/new",
            Roles(auth::OFFICE),
            get(assurance::new_position),
        ),
        route(
            M::POST,
            "/findings/{id}/positions",
            Roles(auth::OFFICE),
            post(assurance::create_position),
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
