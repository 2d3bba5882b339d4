//! THE route table: every path, method and handler, with who may reach it. The router, the
//! per-route role checks and the access-matrix test are all built from this one list.

use axum::http::{HeaderName, HeaderValue, Method};
use axum::routing::{MethodRouter, get, post};
use axum::{Router, middleware};

use crate::AppState;
use crate::auth::OFFICE;
use crate::auth::{self, Access};
use crate::handlers::{feeds, public, publishing, sessions, site};

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
        route(M::GET, "/", Public, get(site::home)),
        route(
            M::GET,
            "/progress/inspections/{id}",
            Public,
            get(site::latest_inspection),
        ),
        route(M::GET, "/progress/meetings", Public, get(site::meetings)),
        route(M::GET, "/editions", Public, get(site::editions)),
        route(M::GET, "/editions/compare", Public, get(site::compare)),
        route(M::GET, "/editions/{n}", Public, get(site::edition_home)),
        route(
            M::GET,
            "/editions/{n}/inspections/{id}",
            Public,
            get(site::edition_inspection),
        ),
        route(
            M::GET,
            "/editions/{a}/changes/{b}",
            Public,
            get(site::changes),
        ),
        route(M::GET, "/about", Public, get(site::about)),
        route(M::GET, "/accessibility", Public, get(site::accessibility)),
        route(M::GET, "/data/{file}", Public, get(feeds::latest)),
        route(M::GET, "/data/editions/{file}", Public, get(feeds::edition)),
        route(M::GET, "/feeds/editions.atom", Public, get(feeds::atom)),
        route(M::GET, "/feeds/public.ics", Public, get(feeds::calendar)),
        route(M::GET, "/healthz", Public, get(public::healthz)),
        route(M::GET, "/static/app.css", Public, get(public::stylesheet)),
        route(M::GET, "/sign-in", Public, get(sessions::new)),
        route(M::POST, "/sign-in", Public, post(sessions::create)),
        // Any signed-in user
        route(M::POST, "/sign-out", SignedInAny, post(sessions::delete)),
        // The PCC office
        route(M::GET, "/publishing", Roles(OFFICE), get(publishing::index)),
        route(
            M::POST,
            "/publishing/approve",
            Roles(OFFICE),
            post(publishing::approve),
        ),
        route(
            M::POST,
            "/publishing/withdraw",
            Roles(OFFICE),
            post(publishing::withdraw),
        ),
        route(
            M::GET,
            "/publishing/preview",
            Roles(OFFICE),
            get(publishing::preview),
        ),
        route(
            M::POST,
            "/publishing/editions",
            Roles(OFFICE),
            post(publishing::publish),
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
