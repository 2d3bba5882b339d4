//! THE route table: every path, method and handler, with who may reach it. The router, the
//! per-route role checks and the access-matrix test are all built from this one list.

use axum::http::{HeaderName, HeaderValue, Method};
use axum::routing::{MethodRouter, get, post};
use axum::{Router, middleware};

use crate::AppState;
use crate::auth::{self, Access};
use crate::auth::{ACTION_READERS, OFFICE, UPDATERS};
use crate::handlers::{
    action_blocks, actions, measures, milestones, proposals, public, sessions, updates,
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
        // Action plans: the office edits; the force and the panel may read
        route(
            M::GET,
            "/actions",
            Roles(ACTION_READERS),
            get(actions::index),
        ),
        route(M::GET, "/actions/new", Roles(OFFICE), get(actions::new)),
        route(M::POST, "/actions", Roles(OFFICE), post(actions::create)),
        route(
            M::GET,
            "/actions/{id}",
            Roles(ACTION_READERS),
            get(actions::show),
        ),
        route(
            M::GET,
            "/actions/{id}/edit",
            Roles(OFFICE),
            get(actions::edit),
        ),
        route(
            M::POST,
            "/actions/{id}",
            Roles(OFFICE),
            post(actions::update),
        ),
        route(
            M::GET,
            "/actions/{id}/block",
            Roles(OFFICE),
            get(action_blocks::new),
        ),
        route(
            M::POST,
            "/actions/{id}/block",
            Roles(OFFICE),
            post(action_blocks::create),
        ),
        route(
            M::POST,
            "/actions/{id}/unblock",
            Roles(OFFICE),
            post(action_blocks::delete),
        ),
        // Milestones: the office adds, revises and meets; the force proposes
        route(
            M::GET,
            "/actions/{id}/milestones/new",
            Roles(OFFICE),
            get(milestones::new),
        ),
        route(
            M::POST,
            "/actions/{id}/milestones",
            Roles(OFFICE),
            post(milestones::create),
        ),
        route(
            M::GET,
            "/milestones/{id}/revise",
            Roles(OFFICE),
            get(milestones::revise_form),
        ),
        route(
            M::POST,
            "/milestones/{id}/revise",
            Roles(OFFICE),
            post(milestones::revise),
        ),
        route(
            M::GET,
            "/milestones/{id}/met",
            Roles(OFFICE),
            get(milestones::met_form),
        ),
        route(
            M::POST,
            "/milestones/{id}/met",
            Roles(OFFICE),
            post(milestones::met),
        ),
        route(
            M::GET,
            "/milestones/{id}/propose",
            Roles(UPDATERS),
            get(proposals::propose_form),
        ),
        route(
            M::POST,
            "/milestones/{id}/propose",
            Roles(UPDATERS),
            post(proposals::propose),
        ),
        route(M::GET, "/proposals", Roles(OFFICE), get(proposals::index)),
        route(
            M::POST,
            "/proposals/{id}/accept",
            Roles(OFFICE),
            post(proposals::accept),
        ),
        route(
            M::GET,
            "/proposals/{id}/reject",
            Roles(OFFICE),
            get(proposals::reject_form),
        ),
        route(
            M::POST,
            "/proposals/{id}/reject",
            Roles(OFFICE),
            post(proposals::reject),
        ),
        // Progress updates: append-only (no edit or delete routes); corrections are new updates
        route(
            M::GET,
            "/actions/{id}/updates/new",
            Roles(UPDATERS),
            get(updates::new_for_action),
        ),
        route(
            M::POST,
            "/actions/{id}/updates",
            Roles(UPDATERS),
            post(updates::create_for_action),
        ),
        route(
            M::GET,
            "/findings/{id}/updates/new",
            Roles(UPDATERS),
            get(updates::new_for_finding),
        ),
        route(
            M::POST,
            "/findings/{id}/updates",
            Roles(UPDATERS),
            post(updates::create_for_finding),
        ),
        route(
            M::GET,
            "/updates/{id}/correct",
            Roles(UPDATERS),
            get(updates::correct_form),
        ),
        route(
            M::POST,
            "/updates/{id}/correct",
            Roles(UPDATERS),
            post(updates::correct),
        ),
        // Performance measures: the office records; everyone inside may read
        route(
            M::GET,
            "/actions/{id}/measures/new",
            Roles(OFFICE),
            get(measures::new_for_action),
        ),
        route(
            M::POST,
            "/actions/{id}/measures",
            Roles(OFFICE),
            post(measures::create_for_action),
        ),
        route(
            M::GET,
            "/findings/{id}/measures/new",
            Roles(OFFICE),
            get(measures::new_for_finding),
        ),
        route(
            M::POST,
            "/findings/{id}/measures",
            Roles(OFFICE),
            post(measures::create_for_finding),
        ),
        route(
            M::GET,
            "/measures/{id}",
            Roles(ACTION_READERS),
            get(measures::show),
        ),
        route(
            M::POST,
            "/measures/{id}/readings",
            Roles(OFFICE),
            post(measures::add_reading),
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
