//! THE access matrix: every row of `routes::table()` – the table the router is built from,
//! so routes added later are covered without editing this file – is tried anonymous, with
//! every role its `Access` refuses, and with one role it allows.
//!
//! Expectations, decided by `Access` alone (never by path):
//! - anonymous: a GET (and, since a person without a session has no CSRF token to check, a
//!   same-origin POST too) is redirected with 303 to `/sign-in?next=<path>`; Public routes
//!   must simply not answer 401 or 403;
//! - a signed-in role the route does not allow: 403 from the role check ("You cannot use this
//!   page"), with a valid CSRF token so that the CSRF check is not what refuses;
//! - a role it allows: anything but 401/403, a server error, or a redirect to sign-in or to
//!   the change-password page (200, 303, 404 for a missing record, 409, 422 all count).
//!
//! The API's routes (under `/api/v1/`) are the same `Access` behind another door: a bearer
//! token, never a session. Anonymous (no token) is 401, a role it refuses 403, both as
//! `application/problem+json`; a role it allows gets past both; and a session cookie without
//! a token is 401 however good its role.
//!
//! Path parameters (`{id}`, `{finding_id}`, `{*rest}`) become 1, which exists for every
//! aggregate of the seeded example data. Every check signs in afresh, so a route that signs
//! out or changes the account cannot spoil the next one.

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use scrutineer::auth::{ALL_ROLES, Access};
use scrutineer::domain::scope::Record;
use scrutineer::domain::vocab::{Role, TokenAccess};
use scrutineer::routes;

use crate::helpers::{PASSWORD, TestApp, TestResponse};

/// The route's path with every parameter replaced by 1.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                "1"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn email(role: Role) -> String {
    format!("matrix.{}@example.test", role.as_str())
}

async fn call(app: &mut TestApp, method: &Method, path: &str) -> TestResponse {
    match *method {
        Method::GET => app.get(path).await,
        Method::POST => app.post_form(path, &[]).await,
        _ => {
            let request = Request::builder()
                .method(method.clone())
                .uri(path)
                .header("sec-fetch-site", "same-origin")
                .body(Body::empty())
                .expect("request");
            app.send(request).await
        }
    }
}

async fn as_role(
    app: &mut TestApp,
    role: Option<Role>,
    method: &Method,
    path: &str,
) -> TestResponse {
    app.forget_session();
    if let Some(role) = role {
        app.sign_in(&email(role), PASSWORD)
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }
    call(app, method, path).await
}

/// Where the API's routes start: they take a token, not a session.
const API: &str = "/api/v1/";

/// Call the API with `token` (anonymous without one) and no session; a write sends an empty
/// JSON body with a fresh `Idempotency-Key`, so that only the token and role decide.
async fn call_api(
    app: &mut TestApp,
    token: Option<&str>,
    method: &Method,
    path: &str,
) -> TestResponse {
    let writing = *method != Method::GET;
    let key = format!("matrix-{}", scrutineer::auth::tokens::new_secret());
    let body = serde_json::json!({});
    app.forget_session();
    app.api(
        method.as_str(),
        path,
        token,
        writing.then_some(key.as_str()),
        writing.then_some(&body),
    )
    .await
}

fn is_problem(response: &TestResponse, status: StatusCode) -> bool {
    response.status == status
        && response
            .headers
            .get("content-type")
            .is_some_and(|v| v.as_bytes() == b"application/problem+json")
}

/// One API route's checks: anonymous, each refused role, one allowed role, and an allowed
/// role's session without a token. The failures, and how many checks were made.
async fn api_route(
    app: &mut TestApp,
    users: &HashMap<Role, i64>,
    method: &Method,
    path: &str,
    access: Access,
) -> (Vec<String>, usize) {
    let what =
        |who: &str, r: &TestResponse| format!("{method} {path} as {who}: {} {}", r.status, r.body);
    // Fresh tokens for each route, as a route checked earlier (revoking token 1, resetting a
    // password) may have revoked the last ones. A panel member may only have a read-only
    // token; the role check refuses it a write before its token's access would.
    let mut tokens = HashMap::new();
    for (&role, &id) in users {
        let access = match role {
            Role::Panel => TokenAccess::Read,
            _ => TokenAccess::ReadWrite,
        };
        tokens.insert(role, app.make_token(id, access).await);
    }
    let mut failures = Vec::new();
    let anonymous = call_api(app, None, method, path).await;
    if !is_problem(&anonymous, StatusCode::UNAUTHORIZED) {
        failures.push(what("anonymous (no token)", &anonymous));
    }
    let mut checks = 1;
    for &role in ALL_ROLES.iter().filter(|r| !access.allows(**r)) {
        let refused = call_api(app, Some(&tokens[&role]), method, path).await;
        checks += 1;
        if !is_problem(&refused, StatusCode::FORBIDDEN) {
            failures.push(what(&format!("{}'s token", role.as_str()), &refused));
        }
    }
    let allowed_role = ALL_ROLES.iter().copied().find(|r| access.allows(*r));
    let allowed_role = allowed_role.expect("every route allows some role");
    let allowed = call_api(app, Some(&tokens[&allowed_role]), method, path).await;
    if !is_allowed(&allowed) {
        failures.push(what(
            &format!("{}'s token", allowed_role.as_str()),
            &allowed,
        ));
    }
    let session = as_role(app, Some(allowed_role), method, path).await;
    if !is_problem(&session, StatusCode::UNAUTHORIZED) {
        failures.push(what(
            &format!("{}'s session, no token", allowed_role.as_str()),
            &session,
        ));
    }
    (failures, checks + 2)
}

fn is_allowed(response: &TestResponse) -> bool {
    let status = response.status;
    let to_sign_in = status == StatusCode::SEE_OTHER
        && (response.location().starts_with("/sign-in")
            || response.location().starts_with("/account/password"));
    !(status == StatusCode::UNAUTHORIZED
        || status == StatusCode::FORBIDDEN
        || status.is_server_error()
        || to_sign_in)
}

#[tokio::test]
async fn every_route_admits_exactly_the_roles_its_access_allows() {
    let mut app = TestApp::seeded().await;
    let mut users = HashMap::new();
    for &role in ALL_ROLES {
        users.insert(role, app.create_user(&email(role), role).await);
    }
    let table = routes::table();
    assert!(
        table.iter().any(|r| r.path == "/admin/users"),
        "the table is the real one"
    );
    let mut failures = Vec::new();
    let mut checks = 0;
    for route in &table {
        let path = concrete(route.path);
        let (method, access) = (&route.method, route.access);
        if route.path.starts_with(API) {
            let (failed, made) = api_route(&mut app, &users, method, &path, access).await;
            failures.extend(failed);
            checks += made;
            continue;
        }
        let what = |who: &str, r: &TestResponse| {
            format!("{method} {path} as {who}: {} {}", r.status, r.location())
        };
        let anonymous = as_role(&mut app, None, method, &path).await;
        checks += 1;
        let expected_redirect = format!("/sign-in?next={path}");
        let ok = match access {
            Access::Public => is_allowed(&anonymous),
            _ => {
                anonymous.status == StatusCode::SEE_OTHER
                    && anonymous.location() == expected_redirect
            }
        };
        if !ok {
            failures.push(what("anonymous", &anonymous));
        }
        if access == Access::Public {
            continue;
        }
        for &role in ALL_ROLES.iter().filter(|r| !access.allows(**r)) {
            let refused = as_role(&mut app, Some(role), method, &path).await;
            checks += 1;
            if refused.status != StatusCode::FORBIDDEN
                || !refused.body.contains("You cannot use this page")
            {
                failures.push(what(role.as_str(), &refused));
            }
        }
        let allowed_role = ALL_ROLES.iter().copied().find(|r| access.allows(*r));
        let allowed_role = allowed_role.expect("every route allows some role");
        let allowed = as_role(&mut app, Some(allowed_role), method, &path).await;
        checks += 1;
        if !is_allowed(&allowed) {
            failures.push(what(allowed_role.as_str(), &allowed));
        }
    }
    assert!(checks >= table.len() * 2, "{checks} checks");
    assert!(
        failures.is_empty(),
        "access matrix failures:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_user_who_must_change_their_password_reaches_only_signed_in_any_routes() {
    let mut app = TestApp::seeded().await;
    let id = app.create_user(&email(Role::Admin), Role::Admin).await;
    sqlx::query("update users set must_change_password = 1 where id = ?")
        .bind(id)
        .execute(&app.state.db)
        .await
        .expect("flag");
    let mut failures = Vec::new();
    // The API never reads a session; such a user has no live token (resetting the password
    // revokes them, and none can be made until it is changed).
    for route in routes::table()
        .iter()
        .filter(|r| matches!(r.access, Access::Roles(_)) && !r.path.starts_with(API))
    {
        let path = concrete(route.path);
        let response = as_role(&mut app, Some(Role::Admin), &route.method, &path).await;
        if response.location() != "/account/password" {
            failures.push(format!(
                "{} {path}: {} {}",
                route.method,
                response.status,
                response.location()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A viewer of `role` who belongs to `body` only.
async fn scoped_user(app: &TestApp, role: Role, body: i64) -> String {
    let email = format!("{}.body{body}@example.test", role.as_str());
    let id = app.create_user(&email, role).await;
    // The fixture sets the bodies directly: which bodies a user belongs to is what is tried
    // here, not the administrators' page that sets them (tests/it/bodies.rs tries that).
    app.exec(&format!(
        "delete from user_bodies where user_id = {id};
         insert into user_bodies (user_id, body_id) values ({id}, {body});"
    ))
    .await;
    email
}

async fn as_user(app: &mut TestApp, email: &str, method: &Method, path: &str) -> TestResponse {
    app.forget_session();
    app.sign_in(email, PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    call(app, method, path).await
}

/// The matrix's body dimension: every route naming a record (its first parameter), tried by a
/// force user and by a panel member – each once belonging to the record's body and once to
/// another – for every route their role may reach. The record's own body gets past the check
/// (and, where the route names nothing further, finds the record); another body gets 404, as
/// for a record that does not exist, so not even a record's existence is revealed.
#[tokio::test]
async fn a_record_of_another_body_answers_404_on_every_route_that_names_it() {
    let mut app = TestApp::seeded().await;
    app.exec(
        "insert into inspected_bodies (id, name, kind, created_at)
         values (2, 'Warwickshire Police', 'police_force', '2026-01-01T09:00:00Z')",
    )
    .await;
    // An evidence file on Derbyshire's first update, for the routes that name a file.
    app.exec(&format!(
        "insert into evidence_contents (sha256, content) values ('{hash}', x'25504446');
         insert into evidence_files (id, sha256, size, name, kind, attached_to, update_id,
             retention_class, uploaded_at)
         values (1, '{hash}', 4, 'audit.pdf', 'pdf', 'update', 1, 'supporting',
             '2026-01-01T09:00:00Z')",
        hash = "a".repeat(64)
    ))
    .await;
    let mut failures = Vec::new();
    let mut checks = 0;
    for role in [Role::Force, Role::Panel] {
        let own = scoped_user(&app, role, 1).await;
        let other = scoped_user(&app, role, 2).await;
        for route in routes::table() {
            if !route.access.allows(role) || Record::of_route(route.path).is_none() {
                continue;
            }
            let path = concrete(route.path);
            let method = &route.method;
            let mine = as_user(&mut app, &own, method, &path).await;
            // Past the body check: anything but 404 (a 403 is the record's own rule, e.g. only
            // an update's author may correct it), and 404 only for a further record named.
            let names_more = route.path.matches('{').count() > 1;
            let refused = mine.status.is_server_error()
                || mine.status == StatusCode::UNAUTHORIZED
                || (mine.status == StatusCode::NOT_FOUND && !names_more);
            if refused {
                failures.push(format!("{method} {path} as {own}: {}", mine.status));
            }
            let theirs = as_user(&mut app, &other, method, &path).await;
            if theirs.status != StatusCode::NOT_FOUND {
                failures.push(format!("{method} {path} as {other}: {}", theirs.status));
            }
            checks += 1;
        }
    }
    assert!(checks >= 20, "{checks} routes naming a record were tried");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
/// The same dimension for every page that names no record – lists, search, calendars,
/// dashboards: a force user or panel member of another body reads nothing of Derbyshire's (no
/// inspection's title, no action's title), where one of Derbyshire reads them somewhere.
#[tokio::test]
async fn pages_that_name_no_record_show_nothing_of_another_body() {
    let mut app = TestApp::seeded().await;
    app.exec(
        "insert into inspected_bodies (id, name, kind, created_at)
         values (2, 'Warwickshire Police', 'police_force', '2026-01-01T09:00:00Z')",
    )
    .await;
    let titles: Vec<String> = sqlx::query_scalar(
        "select title from inspections where body_id = 1
         union select title from action_items where body_id = 1",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("titles");
    assert!(titles.len() > 5, "the seed has Derbyshire's records");
    let shows = |body: &str| titles.iter().find(|t| body.contains(t.as_str())).cloned();
    let mut failures = Vec::new();
    let mut seen_by_own = 0;
    for role in [Role::Force, Role::Panel] {
        let own = scoped_user(&app, role, 1).await;
        let other = scoped_user(&app, role, 2).await;
        for route in routes::table() {
            let path = concrete(route.path);
            if route.method != Method::GET
                || route.access == Access::Public
                || !route.access.allows(role)
                || Record::of_route(route.path).is_some()
                || route.path.contains('{')
            {
                continue;
            }
            let path = match path.as_str() {
                "/search" => "/search?q=child".to_string(),
                _ => path,
            };
            let theirs = as_user(&mut app, &other, &route.method, &path).await;
            if let Some(title) = shows(&theirs.body) {
                failures.push(format!(
                    "GET {path} as {other} shows \u{201c}{title}\u{201d}"
                ));
            }
            let mine = as_user(&mut app, &own, &route.method, &path).await;
            if shows(&mine.body).is_some() {
                seen_by_own += 1;
            }
        }
    }
    assert!(
        seen_by_own >= 4,
        "Derbyshire's own users see its records on {seen_by_own} pages"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The response clocks', rules' and response documents' routes (issue 21), each tried by
/// name: the office works the clocks and rules, the panel reads the rules and documents, a force user reaches none of them.
/// Inspection 1 is an HMICFRS report on a police force; rule 2 is its force action plan.
#[tokio::test]
async fn the_response_clock_and_rule_routes_admit_the_office_and_the_rules_list_the_panel_too() {
    use crate::helpers::assert_only_these_roles;
    use scrutineer::auth::{OFFICE, READERS};
    let table: Vec<(String, &str)> = routes::table()
        .iter()
        .map(|r| (r.method.to_string(), r.path))
        .collect();
    let routes: [(&str, &str, &str, &[Role]); 12] = [
        ("GET", "/rules", "/rules", READERS),
        ("GET", "/rules/new", "/rules/new", OFFICE),
        ("POST", "/rules", "/rules", OFFICE),
        ("GET", "/rules/{id}/edit", "/rules/5/edit", OFFICE),
        ("POST", "/rules/{id}", "/rules/5", OFFICE),
        (
            "GET",
            "/inspections/{id}/clocks/{rule_id}/extensions/new",
            "/inspections/1/clocks/2/extensions/new",
            OFFICE,
        ),
        (
            "POST",
            "/inspections/{id}/clocks/{rule_id}/extensions",
            "/inspections/1/clocks/2/extensions",
            OFFICE,
        ),
        (
            "GET",
            "/inspections/{id}/clocks/{rule_id}/sent/new",
            "/inspections/1/clocks/2/sent/new",
            OFFICE,
        ),
        (
            "POST",
            "/inspections/{id}/clocks/{rule_id}/sent",
            "/inspections/1/clocks/2/sent",
            OFFICE,
        ),
        (
            "GET",
            "/inspections/{id}/clocks/{rule_id}/document",
            "/inspections/1/clocks/2/document",
            READERS,
        ),
        (
            "GET",
            "/inspections/{id}/clocks/{rule_id}/document.css",
            "/inspections/1/clocks/2/document.css",
            READERS,
        ),
        (
            "GET",
            "/inspections/{id}/clocks/{rule_id}/document.odt",
            "/inspections/1/clocks/2/document.odt",
            READERS,
        ),
    ];
    for (method, template, path, allowed) in routes {
        assert!(
            table.iter().any(|(m, p)| m == method && *p == template),
            "{method} {template} is in the route table"
        );
        assert_only_these_roles(method, path, allowed).await;
    }
}

/// The response document's release and take-back (issue 21): the office only. Rule 4 (a
/// coroner's report) does not apply to inspection 1, so the office's empty post finds no clock
/// (404) rather than releasing anything; every other role is refused before that.
#[tokio::test]
async fn releasing_a_response_document_admits_the_office_only() {
    use crate::helpers::assert_only_these_roles;
    use scrutineer::auth::OFFICE;
    let table = routes::table();
    for change in ["release", "unrelease"] {
        let template = format!("/inspections/{{id}}/clocks/{{rule_id}}/document/{change}");
        assert!(
            table
                .iter()
                .any(|r| r.method == Method::POST && r.path == template),
            "POST {template} is in the route table"
        );
        let path = format!("/inspections/1/clocks/4/document/{change}");
        assert_only_these_roles("POST", &path, OFFICE).await;
    }
}

/// The cross-force view (issue 23): the office and the panel read it; a force user does not.
#[tokio::test]
async fn the_cross_force_view_admits_the_office_and_the_panel_only() {
    use crate::helpers::assert_only_these_roles;
    use scrutineer::auth::READERS;
    assert!(
        routes::table()
            .iter()
            .any(|r| r.method == Method::GET && r.path == "/compare"),
        "GET /compare is in the route table"
    );
    assert_only_these_roles("GET", "/compare", READERS).await;
}
