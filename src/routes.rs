//! THE route table: every path, method and handler, with who may reach it. The router, the
//! per-route role checks and the access-matrix test are all built from this one list.

use axum::http::{HeaderName, HeaderValue, Method};
use axum::routing::{MethodRouter, get, post};
use axum::{Router, middleware};

use crate::AppState;
use crate::auth::{self, ACTION_READERS, ADMIN, ALL_ROLES, Access, OFFICE, READERS, UPDATERS};
use crate::handlers::{
    account, action_blocks, actions, agenda, arising, assurance, audit, calendar, dashboard, feeds,
    findings, imports, inspections, measures, meetings, milestones, packs, proposals, public,
    publishing, responses, search, sessions, settings, site, updates, users,
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
#[rustfmt::skip]
pub fn table() -> Vec<Route> {
    use Access::*;
    use Method as M;
    vec![
        // Anyone, signed in or not
        route(M::GET, "/", Public, get(site::home)),
        route(M::GET, "/healthz", Public, get(public::healthz)),
        route(M::GET, "/static/brand.css", Public, get(public::brand_stylesheet)),
        route(M::GET, "/static/{file}", Public, get(public::asset)),
        route(M::GET, "/sign-in", Public, get(sessions::new)),
        route(M::POST, "/sign-in", Public, post(sessions::create)),
        route(M::GET, "/calendar/{token}", Public, get(calendar::feed)),
        route(M::GET, "/progress/inspections/{id}", Public, get(site::latest_inspection)),
        route(M::GET, "/progress/meetings", Public, get(site::meetings)),
        route(M::GET, "/editions", Public, get(site::editions)),
        route(M::GET, "/editions/compare", Public, get(site::compare)),
        route(M::GET, "/editions/{n}", Public, get(site::edition_home)),
        route(M::GET, "/editions/{n}/inspections/{id}", Public, get(site::edition_inspection)),
        route(M::GET, "/editions/{a}/changes/{b}", Public, get(site::changes)),
        route(M::GET, "/about", Public, get(site::about)),
        route(M::GET, "/accessibility", Public, get(site::accessibility)),
        route(M::GET, "/data/{file}", Public, get(feeds::latest)),
        route(M::GET, "/data/editions/{file}", Public, get(feeds::edition)),
        route(M::GET, "/feeds/editions.atom", Public, get(feeds::atom)),
        route(M::GET, "/feeds/public.ics", Public, get(feeds::calendar)),
        // Any signed-in user
        route(M::POST, "/sign-out", SignedInAny, post(sessions::delete)),
        route(M::GET, "/account/password", SignedInAny, get(account::edit_password)),
        route(M::POST, "/account/password", SignedInAny, post(account::update_password)),
        route(M::GET, "/calendar", SignedInAny, get(calendar::index)),
        route(M::POST, "/calendar", SignedInAny, post(calendar::create)),
        route(M::POST, "/calendar/{id}/revoke", SignedInAny, post(calendar::revoke)),
        // Every role
        route(M::GET, "/findings/{id}", Roles(ALL_ROLES), get(findings::show)),
        route(M::GET, "/search", Roles(ALL_ROLES), get(search::index)),
        // Those who post updates: office and force
        route(M::GET, "/milestones/{id}/propose", Roles(UPDATERS), get(proposals::propose_form)),
        route(M::POST, "/milestones/{id}/propose", Roles(UPDATERS), post(proposals::propose)),
        route(M::GET, "/actions/{id}/updates/new", Roles(UPDATERS), get(updates::new_for_action)),
        route(M::POST, "/actions/{id}/updates", Roles(UPDATERS), post(updates::create_for_action)),
        route(M::GET, "/findings/{id}/updates/new", Roles(UPDATERS), get(updates::new_for_finding)),
        route(M::POST, "/findings/{id}/updates", Roles(UPDATERS), post(updates::create_for_finding)),
        route(M::GET, "/updates/{id}/correct", Roles(UPDATERS), get(updates::correct_form)),
        route(M::POST, "/updates/{id}/correct", Roles(UPDATERS), post(updates::correct)),
        // Readers: the office and the panel
        route(M::GET, "/inspections", Roles(READERS), get(inspections::index)),
        route(M::GET, "/inspections/{id}", Roles(READERS), get(inspections::show)),
        route(M::GET, "/inspections/{id}/findings.csv", Roles(READERS), get(imports::export)),
        route(M::GET, "/meetings", Roles(READERS), get(meetings::index)),
        route(M::GET, "/meetings/{id}", Roles(READERS), get(meetings::show)),
        route(M::GET, "/actions-arising", Roles(READERS), get(arising::index)),
        route(M::GET, "/meetings/{id}/pack", Roles(READERS), get(packs::show)),
        route(M::GET, "/meetings/{id}/packs/{pack_id}", Roles(READERS), get(packs::saved)),
        route(M::GET, "/dashboard", Roles(READERS), get(dashboard::overview)),
        route(M::GET, "/dashboard/assurance", Roles(READERS), get(dashboard::assurance)),
        route(M::GET, "/dashboard/charts", Roles(READERS), get(dashboard::charts)),
        route(M::GET, "/dashboard/findings", Roles(READERS), get(dashboard::findings)),
        route(M::GET, "/dashboard/findings.csv", Roles(READERS), get(dashboard::findings_csv)),
        route(M::GET, "/dashboard/milestones", Roles(READERS), get(dashboard::milestones)),
        route(M::GET, "/dashboard/milestones.csv", Roles(READERS), get(dashboard::milestones_csv)),
        route(M::GET, "/dashboard/actions", Roles(READERS), get(dashboard::actions)),
        route(M::GET, "/dashboard/actions.csv", Roles(READERS), get(dashboard::actions_csv)),
        route(M::GET, "/dashboard/arising", Roles(READERS), get(dashboard::arising)),
        route(M::GET, "/dashboard/arising.csv", Roles(READERS), get(dashboard::arising_csv)),
        // The PCC office
        route(M::GET, "/inspections/new", Roles(OFFICE), get(inspections::new)),
        route(M::POST, "/inspections", Roles(OFFICE), post(inspections::create)),
        route(M::GET, "/inspections/{id}/edit", Roles(OFFICE), get(inspections::edit)),
        route(M::POST, "/inspections/{id}", Roles(OFFICE), post(inspections::update)),
        route(M::GET, "/inspections/{id}/response", Roles(OFFICE), get(responses::edit)),
        route(M::POST, "/inspections/{id}/response", Roles(OFFICE), post(responses::update)),
        route(M::GET, "/inspections/{id}/findings/new", Roles(OFFICE), get(findings::new)),
        route(M::POST, "/inspections/{id}/findings", Roles(OFFICE), post(findings::create)),
        route(M::GET, "/inspections/{id}/findings/import", Roles(OFFICE), get(imports::new)),
        route(M::POST, "/inspections/{id}/findings/import", Roles(OFFICE), post(imports::create)),
        route(M::GET, "/findings/{id}/edit", Roles(OFFICE), get(findings::edit)),
        route(M::POST, "/findings/{id}", Roles(OFFICE), post(findings::update)),
        route(M::GET, "/findings/{id}/assessments/new", Roles(OFFICE), get(assurance::new_assessment)),
        route(M::POST, "/findings/{id}/assessments", Roles(OFFICE), post(assurance::create_assessment)),
        route(M::GET, "/findings/{id}/positions/new", Roles(OFFICE), get(assurance::new_position)),
        route(M::POST, "/findings/{id}/positions", Roles(OFFICE), post(assurance::create_position)),
        route(M::GET, "/actions/new", Roles(OFFICE), get(actions::new)),
        route(M::POST, "/actions", Roles(OFFICE), post(actions::create)),
        route(M::GET, "/actions/{id}/edit", Roles(OFFICE), get(actions::edit)),
        route(M::POST, "/actions/{id}", Roles(OFFICE), post(actions::update)),
        route(M::GET, "/actions/{id}/block", Roles(OFFICE), get(action_blocks::new)),
        route(M::POST, "/actions/{id}/block", Roles(OFFICE), post(action_blocks::create)),
        route(M::POST, "/actions/{id}/unblock", Roles(OFFICE), post(action_blocks::delete)),
        route(M::GET, "/actions/{id}/milestones/new", Roles(OFFICE), get(milestones::new)),
        route(M::POST, "/actions/{id}/milestones", Roles(OFFICE), post(milestones::create)),
        route(M::GET, "/milestones/{id}/revise", Roles(OFFICE), get(milestones::revise_form)),
        route(M::POST, "/milestones/{id}/revise", Roles(OFFICE), post(milestones::revise)),
        route(M::GET, "/milestones/{id}/met", Roles(OFFICE), get(milestones::met_form)),
        route(M::POST, "/milestones/{id}/met", Roles(OFFICE), post(milestones::met)),
        route(M::GET, "/proposals", Roles(OFFICE), get(proposals::index)),
        route(M::POST, "/proposals/{id}/accept", Roles(OFFICE), post(proposals::accept)),
        route(M::GET, "/proposals/{id}/reject", Roles(OFFICE), get(proposals::reject_form)),
        route(M::POST, "/proposals/{id}/reject", Roles(OFFICE), post(proposals::reject)),
        route(M::GET, "/actions/{id}/measures/new", Roles(OFFICE), get(measures::new_for_action)),
        route(M::POST, "/actions/{id}/measures", Roles(OFFICE), post(measures::create_for_action)),
        route(M::GET, "/findings/{id}/measures/new", Roles(OFFICE), get(measures::new_for_finding)),
        route(M::POST, "/findings/{id}/measures", Roles(OFFICE), post(measures::create_for_finding)),
        route(M::POST, "/measures/{id}/readings", Roles(OFFICE), post(measures::add_reading)),
        route(M::GET, "/meetings/new", Roles(OFFICE), get(meetings::new)),
        route(M::POST, "/meetings", Roles(OFFICE), post(meetings::create)),
        route(M::GET, "/meetings/{id}/edit", Roles(OFFICE), get(meetings::edit)),
        route(M::POST, "/meetings/{id}", Roles(OFFICE), post(meetings::update)),
        route(M::POST, "/meetings/{id}/update-requests", Roles(OFFICE), post(meetings::add_request)),
        route(M::GET, "/meetings/{id}/agenda-items/new", Roles(OFFICE), get(agenda::new)),
        route(M::POST, "/meetings/{id}/agenda-items", Roles(OFFICE), post(agenda::create)),
        route(M::GET, "/meetings/{id}/agenda-items/{item_id}/edit", Roles(OFFICE), get(agenda::edit)),
        route(M::POST, "/meetings/{id}/agenda-items/{item_id}", Roles(OFFICE), post(agenda::update)),
        route(M::GET, "/meetings/{id}/actions-arising/new", Roles(OFFICE), get(arising::new)),
        route(M::POST, "/meetings/{id}/actions-arising", Roles(OFFICE), post(arising::create)),
        route(M::GET, "/actions-arising/{id}/edit", Roles(OFFICE), get(arising::edit)),
        route(M::POST, "/actions-arising/{id}", Roles(OFFICE), post(arising::update)),
        route(M::POST, "/meetings/{id}/pack", Roles(OFFICE), post(packs::create)),
        route(M::GET, "/publishing", Roles(OFFICE), get(publishing::index)),
        route(M::POST, "/publishing/approve", Roles(OFFICE), post(publishing::approve)),
        route(M::POST, "/publishing/withdraw", Roles(OFFICE), post(publishing::withdraw)),
        route(M::GET, "/publishing/preview", Roles(OFFICE), get(publishing::preview)),
        route(M::POST, "/publishing/editions", Roles(OFFICE), post(publishing::publish)),
        // Administrators
        route(M::GET, "/admin/users", Roles(ADMIN), get(users::index)),
        route(M::GET, "/admin/users/new", Roles(ADMIN), get(users::new)),
        route(M::POST, "/admin/users", Roles(ADMIN), post(users::create)),
        route(M::GET, "/admin/users/{id}", Roles(ADMIN), get(users::show)),
        route(M::POST, "/admin/users/{id}", Roles(ADMIN), post(users::update)),
        route(M::POST, "/admin/users/{id}/disable", Roles(ADMIN), post(users::disable)),
        route(M::POST, "/admin/users/{id}/enable", Roles(ADMIN), post(users::enable)),
        route(M::POST, "/admin/users/{id}/password", Roles(ADMIN), post(users::reset_password)),
        route(M::GET, "/admin/audit", Roles(ADMIN), get(audit::index)),
        route(M::GET, "/admin/settings", Roles(ADMIN), get(settings::edit)),
        route(M::POST, "/admin/settings", Roles(ADMIN), post(settings::update)),
        // Other access
        route(M::GET, "/actions", Roles(ACTION_READERS), get(actions::index)),
        route(M::GET, "/actions/{id}", Roles(ACTION_READERS), get(actions::show)),
        route(M::GET, "/measures/{id}", Roles(ACTION_READERS), get(measures::show)),
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
        .layer(middleware::from_fn(friendly_rejections))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::resolve_session,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            auth::session::MAX_FORM_BYTES,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_page))
        .layer(middleware::from_fn(move |req, next| {
            security_headers(hsts, req, next)
        }))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(request_span)
                // Server errors are logged once, by AppError, inside this span.
                .on_failure(()),
        )
        .with_state(state)
}

/// Every request's log context: its method and the route's template, never the path itself,
/// which can hold a secret (a calendar subscription token) or a person's search.
fn request_span(request: &axum::extract::Request) -> tracing::Span {
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("(no route)", |p| p.as_str());
    tracing::info_span!("request", method = %request.method(), route)
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

/// A handler that panicked: log it once and show the standard error page, rather than drop
/// the connection (the panic is a bug to fix; the person just sees "something went wrong").
fn panic_page(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into());
    tracing::error!(panic = %what, "a request handler panicked");
    let status = StatusCode::INTERNAL_SERVER_ERROR;
    let page = crate::views::layout::error_page(
        status,
        "Sorry, there is a problem with the service",
        "Try again later. If it happens again, tell the PCC office what you were doing.",
    );
    (status, page).into_response()
}

/// axum answers input it cannot even parse (a malformed form, an id that is not a number, a
/// body over the limit) with a plain-text message; show the person a proper page instead.
async fn friendly_rejections(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    let response = next.run(request).await;
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/plain"));
    if !status.is_client_error() || !plain {
        return response;
    }
    let (title, message) = if status == StatusCode::PAYLOAD_TOO_LARGE {
        (
            "What you sent is too large",
            "Forms accept up to 2 MB. Shorten the text or split the file, then try again.",
        )
    } else {
        (
            "Sorry, that request could not be understood",
            "Check the web address, or go back to the form and try again.",
        )
    };
    (
        status,
        crate::views::layout::error_page(status, title, message),
    )
        .into_response()
}
