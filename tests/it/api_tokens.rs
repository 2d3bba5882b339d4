//! Personal API tokens: made in the browser (the secret shown once, only its hash kept),
//! listed, revoked, expired and rate-limited; and the two doors kept apart – a token never
//! opens a page, a session never opens the API.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{Duration, TimeZone, Utc};
use scrutineer::Security;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::{Role, TokenAccess};
use serde_json::json;

use crate::helpers::{TestApp, TestResponse};

const PAGE: &str = "/account/api-tokens";

/// The secret shown in the "new token" box.
fn secret_in(body: &str) -> String {
    let at = body.find("id=\"new-token\"").expect("a new token is shown");
    let start = body[at..].find('>').expect("the token's element") + at + 1;
    let end = body[start..].find('<').expect("end of the token") + start;
    body[start..end].to_string()
}

async fn make(app: &mut TestApp, name: &str, access: &str, lifetime: &str) -> TestResponse {
    app.post_form(
        PAGE,
        &[("name", name), ("access", access), ("lifetime", lifetime)],
    )
    .await
}

#[track_caller]
fn assert_problem(response: &TestResponse, status: StatusCode) {
    response.assert_status(status);
    assert_eq!(
        response.headers.get(header::CONTENT_TYPE).unwrap(),
        "application/problem+json",
        "{}",
        response.body
    );
    assert_eq!(response.json()["status"], status.as_u16());
}

/// What a token gets from the API's list of findings.
async fn findings(app: &mut TestApp, secret: &str) -> TestResponse {
    app.api("GET", "/api/v1/findings", Some(secret), None, None)
        .await
}

#[tokio::test]
async fn making_a_token_shows_its_secret_once_and_stores_only_its_hash() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    app.get(PAGE)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("You have no API tokens.")
        .assert_contains("href=\"/api\"")
        .assert_contains("Read and write");
    let made = make(&mut app, "Force tracker", "read_write", "30").await;
    made.assert_status(StatusCode::OK)
        .assert_contains("Copy this token now. It will not be shown again.")
        .assert_contains("curl -H &quot;Authorization: Bearer scr_");
    assert_eq!(made.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let secret = secret_in(&made.body);
    assert!(secret.starts_with("scr_") && secret.len() == 68, "{secret}");
    assert!(made.body.contains(&format!("{secret}&quot; http://")));
    assert!(made.body.contains("/api/v1/findings"));
    let (stored, access, expires): (String, String, String) =
        sqlx::query_as("select token_hash, access, expires_at from api_tokens")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(stored, scrutineer::auth::sha256_hex(&secret));
    assert_eq!(access, "read_write");
    assert!(expires.starts_with("2026-04-01"), "{expires}");
    let again = app.get(PAGE).await;
    again
        .assert_not_contains(&secret)
        .assert_not_contains("It will not be shown again")
        .assert_contains("Force tracker")
        .assert_contains("Read and write")
        .assert_contains("2 March 2026")
        .assert_contains("1 April 2026")
        .assert_contains("Never")
        .assert_contains("Live")
        .assert_contains("/account/api-tokens/1/revoke");
}

#[tokio::test]
async fn a_new_token_works_on_the_api_and_its_use_is_noted() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    let secret = secret_in(&make(&mut app, "Tracker", "read", "90").await.body);
    let response = findings(&mut app, &secret).await;
    assert_ne!(
        response.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        response.body
    );
    assert_ne!(response.status, StatusCode::FORBIDDEN, "{}", response.body);
    assert!(!response.status.is_server_error(), "{}", response.body);
    app.get(PAGE)
        .await
        .assert_not_contains("Never")
        .assert_contains("2 March 2026, 12:00pm");
}

#[tokio::test]
async fn a_revoked_token_is_refused_with_401_and_revoking_is_in_the_audit_log() {
    let mut app = TestApp::seeded().await;
    let user = app.sign_in_as(Role::Force).await;
    let secret = secret_in(&make(&mut app, "Tracker", "read_write", "90").await.body);
    assert_eq!(app.audit_count("api_token", "create").await, 1);
    app.post_form("/account/api-tokens/1/revoke", &[])
        .await
        .assert_redirect_to(PAGE);
    assert_problem(&findings(&mut app, &secret).await, StatusCode::UNAUTHORIZED);
    app.get(PAGE)
        .await
        .assert_contains("Revoked 2 March 2026")
        .assert_not_contains("/account/api-tokens/1/revoke");
    assert_eq!(app.audit_count("api_token", "revoke").await, 1);
    let (actor_id, actor, before): (i64, String, String) = sqlx::query_as(
        "select actor_id, actor, before from audit_events
         where entity = 'api_token' and action = 'revoke'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!((actor_id, actor.as_str()), (user, "force@example.test"));
    let before: serde_json::Value = serde_json::from_str(&before).unwrap();
    assert_eq!(before["user_id"], user);
    assert_eq!(before["name"], "Tracker");
    assert!(!before.to_string().contains("scr_"), "no secret in the log");
    // Revoking it again changes nothing and records nothing.
    app.post_form("/account/api-tokens/1/revoke", &[])
        .await
        .assert_redirect_to(PAGE);
    assert_eq!(app.audit_count("api_token", "revoke").await, 1);
}

#[tokio::test]
async fn a_token_stops_working_the_moment_it_expires() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut app = TestApp::with_clock(clock.clone()).await;
    app.load_example_data().await;
    app.sign_in_as(Role::Force).await;
    let secret = secret_in(&make(&mut app, "Weekly", "read", "7").await.body);
    findings(&mut app, &secret)
        .await
        .assert_status(StatusCode::OK);
    clock.advance(Duration::days(7) - Duration::seconds(1));
    findings(&mut app, &secret)
        .await
        .assert_status(StatusCode::OK);
    clock.advance(Duration::seconds(1));
    let expired = findings(&mut app, &secret).await;
    assert_problem(&expired, StatusCode::UNAUTHORIZED);
    assert!(expired.body.contains("expired"), "{}", expired.body);
    app.forget_session();
    app.sign_in_as_existing("force@example.test").await;
    app.get(PAGE)
        .await
        .assert_contains("Expired")
        .assert_contains("9 March 2026")
        .assert_not_contains("/account/api-tokens/1/revoke");
}

#[tokio::test]
async fn a_read_only_token_may_not_write() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    let secret = secret_in(&make(&mut app, "Reader", "read", "30").await.body);
    let body = json!({ "narrative": "Work has started.", "rag": "green" });
    let refused = app
        .api(
            "POST",
            "/api/v1/actions/1/updates",
            Some(&secret),
            Some("key-1"),
            Some(&body),
        )
        .await;
    assert_problem(&refused, StatusCode::FORBIDDEN);
    assert_eq!(
        app.count("select count(*) from progress_updates where narrative = 'Work has started.'")
            .await,
        0
    );
}

#[tokio::test]
async fn a_panel_member_is_offered_and_may_make_only_a_read_only_token() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    app.get(PAGE)
        .await
        .assert_contains("Read only")
        .assert_not_contains("Read and write")
        .assert_not_contains("value=\"read_write\"");
    make(&mut app, "Sneaky", "read_write", "30")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("select count(*) from api_tokens").await, 0);
    make(&mut app, "Reader", "read", "30")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("It will not be shown again");
    assert_eq!(
        app.count("select count(*) from api_tokens where access = 'read'")
            .await,
        1
    );
}

#[tokio::test]
async fn disabling_a_user_revokes_their_tokens_in_the_audit_log() {
    let mut app = TestApp::seeded().await;
    let office = app.create_user("office@example.test", Role::Office).await;
    let secret = app.make_token(office, TokenAccess::ReadWrite).await;
    findings(&mut app, &secret)
        .await
        .assert_status(StatusCode::OK);
    app.sign_in_as(Role::Admin).await;
    app.post_form(
        &format!("/admin/users/{office}/disable"),
        &[("version", "1")],
    )
    .await
    .assert_redirect_to(&format!("/admin/users/{office}"));
    assert_problem(&findings(&mut app, &secret).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.count("select count(*) from api_tokens where revoked_at is not null")
            .await,
        1
    );
    assert_eq!(app.audit_count("api_token", "revoke").await, 1);
    let before: String = sqlx::query_scalar(
        "select before from audit_events where entity = 'api_token' and action = 'revoke'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let before: serde_json::Value = serde_json::from_str(&before).unwrap();
    assert_eq!(before["user_id"], office);
}

#[tokio::test]
async fn a_session_cookie_alone_does_not_open_the_api() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/findings/1").await.assert_status(StatusCode::OK);
    let request = Request::get("/api/v1/findings")
        .body(Body::empty())
        .unwrap();
    assert_problem(&app.send(request).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_token_does_not_open_a_page() {
    let mut app = TestApp::seeded().await;
    let office = app.create_user("office@example.test", Role::Office).await;
    let secret = app.make_token(office, TokenAccess::ReadWrite).await;
    let page = app
        .api("GET", "/findings/1", Some(&secret), None, None)
        .await;
    page.assert_status(StatusCode::SEE_OTHER);
    assert!(
        page.location().starts_with("/sign-in"),
        "{}",
        page.location()
    );
}

#[tokio::test]
async fn bad_input_shows_the_form_again_with_messages_and_what_was_typed() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    make(&mut app, "  ", "read", "90")
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("There is a problem")
        .assert_contains("href=\"#name\"")
        .assert_contains("Enter a name for the token");
    let long = "n".repeat(101);
    make(&mut app, &long, "read", "90")
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Must be 100 characters or fewer")
        .assert_contains(&format!("value=\"{long}\""));
    make(&mut app, "Tracker <one>", "read_write", "12")
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Choose how long the token lasts")
        .assert_contains("value=\"Tracker &lt;one&gt;\"")
        .assert_contains("value=\"read_write\" checked")
        .assert_not_contains("It will not be shown again");
    assert_eq!(app.count("select count(*) from api_tokens").await, 0);
    assert_eq!(app.audit_count("api_token", "create").await, 0);
}

#[tokio::test]
async fn nobody_can_revoke_someone_elses_token() {
    let mut app = TestApp::seeded().await;
    let office = app.create_user("office@example.test", Role::Office).await;
    app.make_token(office, TokenAccess::Read).await;
    app.sign_in_as(Role::Force).await;
    app.post_form("/account/api-tokens/1/revoke", &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(PAGE)
        .await
        .assert_contains("You have no API tokens.");
    assert_eq!(
        app.count("select count(*) from api_tokens where revoked_at is null")
            .await,
        1
    );
    assert_eq!(app.audit_count("api_token", "revoke").await, 0);
}

#[tokio::test]
async fn a_token_past_its_allowance_gets_429_with_retry_after() {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let security = Security {
        api_requests_per_minute: 3,
        ..Default::default()
    };
    let mut app = TestApp::with_settings(clock, security).await;
    let user = app.create_user("force@example.test", Role::Force).await;
    let secret = app.make_token(user, TokenAccess::Read).await;
    for _ in 0..3 {
        findings(&mut app, &secret)
            .await
            .assert_status(StatusCode::OK);
    }
    let over = findings(&mut app, &secret).await;
    assert_problem(&over, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = over
        .headers
        .get(header::RETRY_AFTER)
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    // Another token has its own allowance.
    let other = app.make_token(user, TokenAccess::Read).await;
    findings(&mut app, &other)
        .await
        .assert_status(StatusCode::OK);
}
