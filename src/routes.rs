//! THE route table: every path, method and handler, with who may reach it. The router, the
//! per-route role checks and the access-matrix test are all built from this one list.

use axum::http::Method;
use axum::routing::{self, MethodRouter};
use axum::{Router, middleware};

use crate::AppState;
use crate::auth::{self, ADMIN, Access, OFFICE, READERS, UPDATERS};
use crate::domain::access::Rules;
use crate::handlers::withdrawals as w;
use crate::handlers::{
    account, action_blocks, actions, agenda, api, api_tokens, arising, assets, assurance, audit,
    backups, bodies, calendar, contacts, dashboard, evidence, feeds, findings, findings_csv,
    fire_review, health, inspections, mail, measures, meetings, milestones, packs, proposals,
    publishing, rounds, search, section_55, sessions, settings, site, subscriptions, two_step,
    updates, users, withdrawals,
};
use crate::middleware::{
    friendly_rejections, no_store, panic_page, request_span, revalidate, security_headers,
};

/// One row of the route table: a method and path, who may reach it, and its handler.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub handler: MethodRouter<AppState>,
}

/// A page or download: `GET path`, for `access`.
fn get<H, T>(path: &'static str, access: Access, handler: H) -> Route
where
    H: axum::handler::Handler<T, AppState>,
    T: 'static,
{
    let handler = routing::get(handler);
    Route {
        method: Method::GET,
        path,
        access,
        handler,
    }
}

/// A change: `POST path`, for `access`.
fn post<H, T>(path: &'static str, access: Access, handler: H) -> Route
where
    H: axum::handler::Handler<T, AppState>,
    T: 'static,
{
    let handler = routing::post(handler);
    Route {
        method: Method::POST,
        path,
        access,
        handler,
    }
}

/// Every route of the application, grouped by who may reach it.
#[rustfmt::skip]
pub fn table() -> Vec<Route> {
    use Access::*;
    vec![
        // Anyone, signed in or not
        get("/", Public, site::home),
        get("/healthz", Public, health::healthz),
        get("/robots.txt", Public, assets::robots),
        get("/static/brand.css", Public, assets::brand_stylesheet),
        get("/static/{file}", Public, assets::asset),
        get("/sign-in", Public, sessions::new),
        post("/sign-in", Public, sessions::create),
        post("/sign-in/two-step", Public, two_step::verify),
        get("/calendar/{token}", Public, calendar::feed),
        get("/progress/inspections/{id}", Public, site::latest_inspection),
        get("/progress/inspections/{id}/responses/{rule_id}", Public, site::latest_response),
        get("/progress/bodies/{id}", Public, site::latest_body),
        get("/progress/meetings", Public, site::meetings),
        get("/editions", Public, site::editions),
        get("/editions/compare", Public, site::compare),
        get("/editions/{n}", Public, site::edition_home),
        get("/editions/{n}/inspections/{id}", Public, site::edition_inspection),
        get("/editions/{n}/inspections/{id}/responses/{rule_id}", Public, site::edition_response),
        get("/editions/{n}/bodies/{id}", Public, site::edition_body),
        get("/editions/{n}/files/{file}", Public, site::edition_file),
        get("/editions/{a}/changes/{b}", Public, site::changes),
        get("/about", Public, site::about),
        get("/accessibility", Public, site::accessibility),
        get("/data/dictionary", Public, site::data_dictionary),
        get("/data/schema/edition.json", Public, feeds::schema),
        get("/data/schema/report-package.json", Public, crate::handlers::report_packages::schema),
        get("/data/{file}", Public, feeds::latest),
        get("/data/editions/{file}", Public, feeds::edition),
        get("/feeds/editions.atom", Public, feeds::atom),
        get("/feeds/public.ics", Public, feeds::calendar),
        get("/subscribe", Public, subscriptions::form),
        post("/subscribe", Public, subscriptions::create),
        get("/subscribe/check-email", Public, subscriptions::check_email),
        get("/subscriptions/{token}/confirm", Public, subscriptions::confirm_form),
        post("/subscriptions/{token}/confirm", Public, subscriptions::confirm),
        get("/subscriptions/{token}/unsubscribe", Public, subscriptions::unsubscribe_form),
        post("/subscriptions/{token}/unsubscribe", Public, subscriptions::unsubscribe),
        // Any signed-in user
        post("/sign-out", SignedInAny, sessions::delete),
        get("/account/password", SignedInAny, account::edit_password),
        post("/account/password", SignedInAny, account::update_password),
        get("/account/two-step", SignedInAny, two_step::edit),
        post("/account/two-step", SignedInAny, two_step::enable),
        post("/account/two-step/off", SignedInAny, two_step::turn_off),
        post("/calendar/{id}/revoke", SignedInAny, calendar::revoke),
        // Every role
        get("/account/mail", SignedIn, mail::preferences),
        post("/account/mail", SignedIn, mail::save_preferences),
        get("/calendar", SignedIn, calendar::index),
        post("/calendar", SignedIn, calendar::create),
        get("/findings/{id}", SignedIn, findings::show),
        get("/search", SignedIn, search::index),
        // The register and themes: every role, each viewer's bodies only
        get("/register", SignedIn, crate::handlers::register::index),
        get("/themes", SignedIn, crate::handlers::themes::index),
        get("/themes/{id}", SignedIn, crate::handlers::themes::show),
        // Those who post updates: office and force
        get("/milestones/{id}/propose", Roles(UPDATERS), milestones::form),
        post("/milestones/{id}/propose", Roles(UPDATERS), proposals::propose),
        get("/actions/{id}/updates/new", Roles(UPDATERS), updates::new),
        post("/actions/{id}/updates", Roles(UPDATERS), updates::create),
        get("/findings/{id}/updates/new", Roles(UPDATERS), updates::new),
        post("/findings/{id}/updates", Roles(UPDATERS), updates::create),
        get("/updates/{id}/correct", Roles(UPDATERS), updates::correct_form),
        post("/updates/{id}/correct", Roles(UPDATERS), updates::correct),
        // Evidence files: an update's by its author or the office; a file is seen by those
        // who may see its record (the handler asks the kind of record; the route its body)
        get("/updates/{id}/evidence", Roles(UPDATERS), evidence::form),
        post("/updates/{id}/evidence", Roles(UPDATERS), evidence::upload),
        get("/evidence/{id}", SignedIn, evidence::show),
        get("/evidence/{id}/download", SignedIn, evidence::download),
        // Readers: the office and the panel
        get("/inspections", Roles(READERS), inspections::index),
        get("/inspections/{id}", Roles(READERS), inspections::show),
        get("/inspections/{id}/findings.csv", Roles(READERS), findings_csv::export),
        get("/inspections/{id}/package.json", Roles(READERS), crate::handlers::report_packages::download),
        get("/inspections/{id}/clocks/{rule_id}/document", Roles(READERS), crate::handlers::response_document::show),
        get("/inspections/{id}/clocks/{rule_id}/document.css", Roles(READERS), crate::handlers::response_document::stylesheet),
        get("/inspections/{id}/clocks/{rule_id}/document.odt", Roles(READERS), crate::handlers::response_document::download),
        get("/meetings", Roles(READERS), meetings::index),
        get("/meetings/{id}", Roles(READERS), meetings::show),
        get("/actions-arising", Roles(READERS), arising::index),
        get("/meetings/{id}/pack", Roles(READERS), packs::show),
        get("/meetings/{id}/pack.css", Roles(READERS), packs::stylesheet),
        get("/meetings/{id}/packs/{pack_id}", Roles(READERS), packs::saved),
        get("/dashboard", Roles(READERS), dashboard::overview),
        get("/dashboard/assurance", Roles(READERS), dashboard::assurance),
        get("/dashboard/charts", Roles(READERS), dashboard::charts),
        get("/dashboard/findings", Roles(READERS), dashboard::findings),
        get("/dashboard/findings.csv", Roles(READERS), dashboard::findings_csv),
        get("/dashboard/milestones", Roles(READERS), dashboard::milestones),
        get("/dashboard/milestones.csv", Roles(READERS), dashboard::milestones_csv),
        get("/dashboard/actions", Roles(READERS), dashboard::actions),
        get("/dashboard/actions.csv", Roles(READERS), dashboard::actions_csv),
        get("/dashboard/arising", Roles(READERS), dashboard::arising),
        get("/dashboard/arising.csv", Roles(READERS), dashboard::arising_csv),
        get("/dashboard/section-55", Roles(READERS), dashboard::section_55_list),
        get("/dashboard/section-55.csv", Roles(READERS), dashboard::section_55_csv),
        get("/rules", Roles(READERS), crate::handlers::rules::index),
        get("/compare", Roles(READERS), crate::handlers::compare::index),
        // The PCC office
        get("/rounds", Roles(OFFICE), rounds::index),
        get("/actions/{id}/owner", Roles(OFFICE), contacts::owner_form),
        post("/actions/{id}/owner", Roles(OFFICE), contacts::set_owner),
        get("/bodies/{id}/lead", Roles(OFFICE), contacts::lead_form),
        post("/bodies/{id}/lead", Roles(OFFICE), contacts::set_lead),
        get("/rounds/new", Roles(OFFICE), rounds::new),
        post("/rounds", Roles(OFFICE), rounds::create),
        get("/rounds/{id}", Roles(OFFICE), rounds::show),
        get("/bodies", Roles(OFFICE), bodies::index),
        get("/bodies/new", Roles(OFFICE), bodies::new),
        post("/bodies", Roles(OFFICE), bodies::create),
        get("/bodies/{id}/edit", Roles(OFFICE), bodies::edit),
        post("/bodies/{id}", Roles(OFFICE), bodies::update),
        get("/bodies/{id}/merge", Roles(OFFICE), bodies::merge_form),
        post("/bodies/{id}/merge", Roles(OFFICE), bodies::merge),
        get("/inspections/new", Roles(OFFICE), inspections::new),
        post("/inspections", Roles(OFFICE), inspections::create),
        get("/inspections/{id}/edit", Roles(OFFICE), inspections::edit),
        post("/inspections/{id}", Roles(OFFICE), inspections::update),
        post("/inspections/{id}/ready", Roles(OFFICE), inspections::mark_ready),
        post("/inspections/{id}/not-ready", Roles(OFFICE), inspections::unmark_ready),
        get("/inspections/{id}/response", Roles(OFFICE), section_55::edit),
        post("/inspections/{id}/response", Roles(OFFICE), section_55::update),
        post("/inspections/{id}/clocks/{rule_id}/document/release", Roles(OFFICE), crate::handlers::response_document::release),
        post("/inspections/{id}/clocks/{rule_id}/document/unrelease", Roles(OFFICE), crate::handlers::response_document::unrelease),
        get("/inspections/{id}/review", Roles(OFFICE), fire_review::edit),
        post("/inspections/{id}/review", Roles(OFFICE), fire_review::update),
        get("/inspections/{id}/clocks/{rule_id}/extensions/new", Roles(OFFICE), crate::handlers::clocks::new_extension),
        post("/inspections/{id}/clocks/{rule_id}/extensions", Roles(OFFICE), crate::handlers::clocks::create_extension),
        get("/inspections/{id}/clocks/{rule_id}/sent/new", Roles(OFFICE), crate::handlers::clocks::new_sent),
        post("/inspections/{id}/clocks/{rule_id}/sent", Roles(OFFICE), crate::handlers::clocks::create_sent),
        get("/rules/new", Roles(OFFICE), crate::handlers::rules::new),
        post("/rules", Roles(OFFICE), crate::handlers::rules::create),
        get("/rules/{id}/edit", Roles(OFFICE), crate::handlers::rules::edit),
        post("/rules/{id}", Roles(OFFICE), crate::handlers::rules::update),
        get("/inspections/{id}/findings/new", Roles(OFFICE), findings::new),
        post("/inspections/{id}/findings", Roles(OFFICE), findings::create),
        get("/packages", Roles(OFFICE), crate::handlers::report_packages::index),
        post("/packages", Roles(OFFICE), crate::handlers::report_packages::create),
        get("/packages/{id}", Roles(OFFICE), crate::handlers::report_packages::show),
        get("/inspections/{id}/findings/import", Roles(OFFICE), findings_csv::new),
        post("/inspections/{id}/findings/import", Roles(OFFICE), findings_csv::create),
        get("/findings/{id}/edit", Roles(OFFICE), findings::edit),
        post("/findings/{id}", Roles(OFFICE), findings::update),
        get("/findings/{id}/assessments/new", Roles(OFFICE), assurance::new_assessment),
        post("/findings/{id}/assessments", Roles(OFFICE), assurance::create_assessment),
        get("/findings/{id}/positions/new", Roles(OFFICE), assurance::new_position),
        post("/findings/{id}/positions", Roles(OFFICE), assurance::create_position),
        post("/findings/{id}/themes", Roles(OFFICE), crate::handlers::themes::tag),
        get("/actions/new", Roles(OFFICE), actions::new),
        post("/actions", Roles(OFFICE), actions::create),
        get("/actions/{id}/edit", Roles(OFFICE), actions::edit),
        post("/actions/{id}", Roles(OFFICE), actions::update),
        get("/actions/{id}/block", Roles(OFFICE), action_blocks::new),
        post("/actions/{id}/block", Roles(OFFICE), action_blocks::create),
        post("/actions/{id}/unblock", Roles(OFFICE), action_blocks::delete),
        get("/actions/{id}/milestones/new", Roles(OFFICE), milestones::form),
        post("/actions/{id}/milestones", Roles(OFFICE), milestones::create),
        get("/milestones/{id}/revise", Roles(OFFICE), milestones::form),
        post("/milestones/{id}/revise", Roles(OFFICE), milestones::revise),
        get("/milestones/{id}/met", Roles(OFFICE), milestones::form),
        post("/milestones/{id}/met", Roles(OFFICE), milestones::met),
        get("/milestones/{id}/unmet", Roles(OFFICE), milestones::form),
        post("/milestones/{id}/unmet", Roles(OFFICE), milestones::undo_met),
        get("/proposals", Roles(OFFICE), proposals::index),
        post("/proposals/{id}/accept", Roles(OFFICE), proposals::accept),
        get("/proposals/{id}/reject", Roles(OFFICE), proposals::reject_form),
        post("/proposals/{id}/reject", Roles(OFFICE), proposals::reject),
        get("/actions/{id}/measures/new", Roles(OFFICE), measures::new),
        post("/actions/{id}/measures", Roles(OFFICE), measures::create),
        get("/findings/{id}/measures/new", Roles(OFFICE), measures::new),
        post("/findings/{id}/measures", Roles(OFFICE), measures::create),
        post("/measures/{id}/readings", Roles(OFFICE), measures::add_reading),
        get("/meetings/new", Roles(OFFICE), meetings::new),
        post("/meetings", Roles(OFFICE), meetings::create),
        get("/meetings/{id}/edit", Roles(OFFICE), meetings::edit),
        post("/meetings/{id}", Roles(OFFICE), meetings::update),
        post("/meetings/{id}/update-requests", Roles(OFFICE), meetings::add_request),
        get("/meetings/{id}/agenda-items/new", Roles(OFFICE), agenda::new),
        post("/meetings/{id}/agenda-items", Roles(OFFICE), agenda::create),
        get("/meetings/{id}/agenda-items/{item_id}/edit", Roles(OFFICE), agenda::edit),
        post("/meetings/{id}/agenda-items/{item_id}", Roles(OFFICE), agenda::update),
        get("/meetings/{id}/actions-arising/new", Roles(OFFICE), arising::new),
        post("/meetings/{id}/actions-arising", Roles(OFFICE), arising::create),
        get("/actions-arising/{id}/edit", Roles(OFFICE), arising::edit),
        post("/actions-arising/{id}", Roles(OFFICE), arising::update),
        post("/meetings/{id}/pack", Roles(OFFICE), packs::create),
        get("/publishing", Roles(OFFICE), publishing::index),
        post("/publishing/approve", Roles(OFFICE), publishing::approve),
        post("/publishing/approve-shown", Roles(OFFICE), publishing::approve_shown),
        post("/publishing/withdraw", Roles(OFFICE), publishing::withdraw),
        get("/publishing/preview", Roles(OFFICE), publishing::preview),
        post("/publishing/editions", Roles(OFFICE), publishing::publish),
        // Evidence files of the office's records, and their keeping
        get("/assessments/{id}/evidence", Roles(OFFICE), evidence::form),
        post("/assessments/{id}/evidence", Roles(OFFICE), evidence::upload),
        get("/positions/{id}/evidence", Roles(OFFICE), evidence::form),
        post("/positions/{id}/evidence", Roles(OFFICE), evidence::upload),
        get("/meetings/{id}/evidence", Roles(OFFICE), evidence::form),
        post("/meetings/{id}/evidence", Roles(OFFICE), evidence::upload),
        get("/inspections/{id}/evidence", Roles(OFFICE), evidence::form),
        post("/inspections/{id}/evidence", Roles(OFFICE), evidence::upload),
        get("/evidence", Roles(OFFICE), evidence::register),
        post("/evidence/{id}/retention", Roles(OFFICE), evidence::retention),
        post("/evidence/{id}/hold", Roles(OFFICE), evidence::hold),
        post("/evidence/{id}/lift-hold", Roles(OFFICE), evidence::lift_hold),
        post("/evidence/{id}/release", Roles(OFFICE), evidence::release),
        post("/evidence/{id}/unrelease", Roles(OFFICE), evidence::unrelease),
        post("/evidence/{id}/dispose", Roles(OFFICE), evidence::dispose),
        // Withdrawing a record entered in error, and restoring it
        get("/bodies/{id}/withdraw", Roles(OFFICE), withdrawals::form::<w::Body>),
        post("/bodies/{id}/withdraw", Roles(OFFICE), withdrawals::withdraw::<w::Body>),
        post("/bodies/{id}/restore", Roles(OFFICE), withdrawals::restore::<w::Body>),
        get("/inspections/{id}/withdraw", Roles(OFFICE), withdrawals::form::<w::Inspection>),
        post("/inspections/{id}/withdraw", Roles(OFFICE), withdrawals::withdraw::<w::Inspection>),
        post("/inspections/{id}/restore", Roles(OFFICE), withdrawals::restore::<w::Inspection>),
        get("/findings/{id}/withdraw", Roles(OFFICE), withdrawals::form::<w::Finding>),
        post("/findings/{id}/withdraw", Roles(OFFICE), withdrawals::withdraw::<w::Finding>),
        post("/findings/{id}/restore", Roles(OFFICE), withdrawals::restore::<w::Finding>),
        get("/actions/{id}/withdraw", Roles(OFFICE), withdrawals::form::<w::Action>),
        post("/actions/{id}/withdraw", Roles(OFFICE), withdrawals::withdraw::<w::Action>),
        post("/actions/{id}/restore", Roles(OFFICE), withdrawals::restore::<w::Action>),
        get("/milestones/{id}/withdraw", Roles(OFFICE), withdrawals::form::<w::Milestone>),
        post("/milestones/{id}/withdraw", Roles(OFFICE), withdrawals::withdraw::<w::Milestone>),
        post("/milestones/{id}/restore", Roles(OFFICE), withdrawals::restore::<w::Milestone>),
        get("/measures/{id}/withdraw", Roles(OFFICE), withdrawals::form::<w::Measure>),
        post("/measures/{id}/withdraw", Roles(OFFICE), withdrawals::withdraw::<w::Measure>),
        post("/measures/{id}/restore", Roles(OFFICE), withdrawals::restore::<w::Measure>),
        get("/meetings/{id}/withdraw", Roles(OFFICE), withdrawals::form::<w::Meeting>),
        post("/meetings/{id}/withdraw", Roles(OFFICE), withdrawals::withdraw::<w::Meeting>),
        post("/meetings/{id}/restore", Roles(OFFICE), withdrawals::restore::<w::Meeting>),
        // Administrators
        get("/admin/users", Roles(ADMIN), users::index),
        get("/admin/users/new", Roles(ADMIN), users::new),
        post("/admin/users", Roles(ADMIN), users::create),
        get("/admin/users/{id}", Roles(ADMIN), users::show),
        post("/admin/users/{id}", Roles(ADMIN), users::update),
        post("/admin/users/{id}/disable", Roles(ADMIN), users::disable),
        post("/admin/users/{id}/enable", Roles(ADMIN), users::enable),
        post("/admin/users/{id}/password", Roles(ADMIN), users::reset_password),
        get("/admin/audit", Roles(ADMIN), audit::index),
        get("/admin/settings", Roles(ADMIN), settings::edit),
        post("/admin/settings", Roles(ADMIN), settings::update),
        get("/admin/example-data", Roles(ADMIN), settings::example_data),
        post("/admin/example-data", Roles(ADMIN), settings::remove_example_data),
        get("/admin/backups", Roles(ADMIN), backups::index),
        get("/admin/mail", Roles(ADMIN), mail::outbox),
        get("/admin/mail/{id}", Roles(ADMIN), mail::message),
        post("/admin/mail/{id}/retry", Roles(ADMIN), mail::retry),
        // Other access
        get("/actions", SignedIn, actions::index),
        get("/actions/{id}", SignedIn, actions::show),
        get("/measures/{id}", SignedIn, measures::show),
        // Personal API tokens, made and revoked in the browser
        get("/account/api-tokens", SignedIn, api_tokens::index),
        post("/account/api-tokens", SignedIn, api_tokens::create),
        post("/account/api-tokens/{id}/revoke", SignedIn, api_tokens::revoke),
        // The API described, for anyone
        get("/api", Public, api::docs::page),
        get("/api/openapi.json", Public, api::docs::openapi),
        // The API: a token (never a session) of a user with the role named; a read-only
        // token only reads. Records of other bodies are not found, as on the pages.
        get("/api/v1/inspections", Roles(READERS), api::read::inspections),
        get("/api/v1/inspections/{id}", Roles(READERS), api::read::inspection),
        get("/api/v1/findings", SignedIn, api::read::findings),
        get("/api/v1/findings/{id}", SignedIn, api::read::finding),
        get("/api/v1/actions", SignedIn, api::read::actions),
        get("/api/v1/actions/{id}", SignedIn, api::read::action),
        get("/api/v1/updates", SignedIn, api::read::updates),
        get("/api/v1/measures/{id}", SignedIn, api::read::measure),
        get("/api/v1/meetings", Roles(READERS), api::read::meetings),
        get("/api/v1/meetings/{id}", Roles(READERS), api::read::meeting),
        post("/api/v1/actions/{id}/updates", Roles(UPDATERS), api::write::post_update),
        post("/api/v1/findings/{id}/updates", Roles(UPDATERS), api::write::post_update),
        post("/api/v1/milestones/{id}/proposals", Roles(UPDATERS), api::write::propose),
        post("/api/v1/findings/{id}/assessments", Roles(OFFICE), api::write::assess),
        post("/api/v1/findings/{id}/positions", Roles(OFFICE), api::write::record_position),
    ]
}

/// The table's access rules without its handlers, for views to ask before offering a link.
pub fn rules() -> Rules {
    Rules::new(
        table()
            .iter()
            .map(|r| (r.method == Method::POST, r.path, r.access)),
    )
}

/// The whole application: the route table behind the session and security layers – or,
/// for the API's routes, behind the token layer instead.
pub fn app(state: AppState) -> Router {
    let (mut pages, mut api) = (Router::new(), Router::new());
    for r in table() {
        let access = r.access;
        let checked = state.clone();
        let mut handler = r.handler.route_layer(middleware::from_fn(move |req, next| {
            auth::check_access(checked.clone(), access, req, next)
        }));
        if r.path.starts_with(crate::handlers::api::PREFIX) {
            api = api.route(r.path, handler.route_layer(middleware::from_fn(revalidate)));
            continue;
        }
        if access != Access::Public {
            handler = handler.route_layer(middleware::from_fn(no_store));
        }
        if r.method == Method::POST && crate::domain::evidence::is_upload_route(r.path) {
            // An upload's body may be as large as its limit, not a form's.
            let limit = state.security.evidence.request_bytes;
            let limit = usize::try_from(limit).unwrap_or(usize::MAX);
            handler = handler.layer(axum::extract::DefaultBodyLimit::max(limit));
        }
        pages = pages.route(r.path, handler);
    }
    let pages = pages
        .fallback(not_found)
        .layer(middleware::from_fn(friendly_rejections))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::resolve_session,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            auth::session::MAX_FORM_BYTES,
        ));
    let api = api
        .layer(middleware::from_fn(crate::handlers::api::problems))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::tokens::resolve_token,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            crate::handlers::api::MAX_BODY_BYTES,
        ));
    let hsts = state.security.secure_cookies;
    pages
        .merge(api)
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

/// Nothing at this address: a page, or for the API's addresses a problem document.
async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    match uri.path().starts_with("/api/") {
        true => {
            crate::handlers::api::Problem::from(crate::error::AppError::NotFound).into_response()
        }
        false => crate::error::AppError::NotFound.into_response(),
    }
}
