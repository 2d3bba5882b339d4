//! THE route table: every path, method and handler, with who may reach it. The router, the
//! per-route role checks and the access-matrix test are all built from this one list.

use axum::http::{HeaderName, HeaderValue, Method};
use axum::routing::{MethodRouter, get, post};
use axum::{Router, middleware};

use crate::AppState;
use crate::auth::{self, Access, READERS};
use crate::handlers::{dashboard, public, sessions};

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
        // Readers of internal dashboards: admin, office, panel
        route(
            M::GET,
            "/dashboard",
            Roles(READERS),
            get(dashboard::overview),
        ),
        route(
            M::GET,
            "/dashboard/assurance",
            Roles(READERS),
            get(dashboard::assurance),
        ),
        route(
            M::GET,
            "/dashboard/charts",
            Roles(READERS),
            get(dashboard::charts),
        ),
        route(
            M::GET,
            "/dashboard/findings",
            Roles(READERS),
            get(dashboard::findings),
        ),
        route(
            M::GET,
            "/dashboard/findings.csv",
            Roles(READERS),
            get(dashboard::findings_csv),
        ),
        route(
            M::GET,
            "/dashboard/milestones",
            Roles(READERS),
            get(dashboard::milestones),
        ),
        route(
            M::GET,
            "/dashboard/milestones.csv",
            Roles(READERS),
            get(dashboard::milestones_csv),
        ),
        route(
            M::GET,
            "/dashboard/actions",
            Roles(READERS),
            get(dashboard::actions),
        ),
        route(
            M::GET,
            "/dashboard/actions.csv",
            Roles(READERS),
            get(dashboard::actions_csv),
        ),
        route(
            M::GET,
            "/dashboard/arising",
            Roles(READERS),
            get(dashboard::arising),
        ),
        route(
            M::GET,
            "/dashboard/arising.csv",
            Roles(READERS),
            get(dashboard::arising_csv),
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
