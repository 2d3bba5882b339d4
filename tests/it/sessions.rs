//! Signing in and out, and refusing cross-site or token-less state changes.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use scrutineer::domain::vocab::Role;

use crate::helpers::{BrowserSession, PASSWORD, TestApp};

#[tokio::test]
async fn an_office_user_signs_in_and_sees_their_name() {
    let mut app = TestApp::new().await;
    app.create_user("policy@example.test", Role::Office).await;
    app.sign_in("policy@example.test", PASSWORD)
        .await
        .assert_redirect_to("/");
    app.get("/").await.assert_contains("policy (PCC office)");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_get_the_same_message() {
    let mut app = TestApp::new().await;
    app.create_user("policy@example.test", Role::Office).await;
    let wrong = app
        .sign_in("policy@example.test", "not the password at all")
        .await;
    let unknown = app.sign_in("nobody@example.test", PASSWORD).await;
    for response in [&wrong, &unknown] {
        response
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("Enter a correct email address and password");
    }
    wrong.assert_contains("value=\"policy@example.test\"");
}

#[tokio::test]
async fn signing_in_returns_to_the_page_asked_for() {
    let mut app = TestApp::new().await;
    app.create_user("policy@example.test", Role::Office).await;
    let response = app
        .post_form(
            "/sign-in",
            &[
                ("email", "policy@example.test"),
                ("password", PASSWORD),
                ("next", "/inspections"),
            ],
        )
        .await;
    response.assert_redirect_to("/inspections");
}

#[tokio::test]
async fn signing_in_never_redirects_to_another_site() {
    let mut app = TestApp::new().await;
    app.create_user("policy@example.test", Role::Office).await;
    let response = app
        .post_form(
            "/sign-in",
            &[
                ("email", "policy@example.test"),
                ("password", PASSWORD),
                ("next", "//evil.example/phish"),
            ],
        )
        .await;
    response.assert_redirect_to("/");
}

#[tokio::test]
async fn a_next_address_with_a_tab_newline_or_backslash_goes_home_instead() {
    let mut app = TestApp::new().await;
    app.create_user("policy@example.test", Role::Office).await;
    // Browsers drop tabs and newlines from an address: "/\t/evil.example" would become
    // "//evil.example", another site; a newline used to end in a bare 500 after sign-in.
    for next in [
        "/\t/evil.example",
        "/inspections\nSet-Cookie: x=1",
        "/\r\n//evil.example",
        "/\\evil.example",
    ] {
        app.forget_session();
        app.post_form(
            "/sign-in",
            &[
                ("email", "policy@example.test"),
                ("password", PASSWORD),
                ("next", next),
            ],
        )
        .await
        .assert_redirect_to("/");
    }
    // Already signed in, the sign-in page sends the person on, to a safe place too.
    app.get("/sign-in?next=/%09/evil.example")
        .await
        .assert_redirect_to("/");
    app.get("/sign-in?next=/inspections%0ALocation:%20//evil.example")
        .await
        .assert_redirect_to("/");
    app.get("/sign-in?next=/inspections")
        .await
        .assert_redirect_to("/inspections");
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Office).await;
    app.post_form("/sign-out", &[])
        .await
        .assert_redirect_to("/");
    let sessions: i64 = sqlx::query_scalar("select count(*) from sessions")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(sessions, 0);
    app.get("/").await.assert_not_contains("Sign out");
}

#[tokio::test]
async fn signing_in_as_someone_else_ends_the_first_persons_session_on_the_server() {
    let mut app = TestApp::new().await;
    let first = app.sign_in_as(Role::Office).await;
    let mut set_aside = BrowserSession::default();
    app.swap_session(&mut set_aside);
    let copied = set_aside.clone();
    app.swap_session(&mut set_aside);
    app.create_user("panel@example.test", Role::Panel).await;
    app.sign_in("panel@example.test", PASSWORD)
        .await
        .assert_redirect_to("/");
    let left: i64 = sqlx::query_scalar("select count(*) from sessions where user_id = ?")
        .bind(first)
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(left, 0, "the office user's session has ended");
    // Whoever copied the first person's cookie holds nothing any more.
    let mut copied = copied;
    app.swap_session(&mut copied);
    app.get("/inspections")
        .await
        .assert_redirect_to("/sign-in?next=/inspections");
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused() {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Office).await;
    let request = Request::post("/sign-out")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from("csrf_token=whatever"))
        .expect("request");
    app.send(request).await.assert_status(StatusCode::FORBIDDEN);
    let request = Request::post("/sign-in")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header("host", "localhost:3000")
        .body(Body::from("email=a%40b.c&password=x"))
        .expect("request");
    app.send(request).await.assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_signed_in_post_without_the_sessions_token_is_refused() {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Office).await;
    app.post_form("/sign-out", &[("csrf_token", "forged")])
        .await
        .assert_status(StatusCode::FORBIDDEN)
        .assert_contains("The form had expired");
    let sessions: i64 = sqlx::query_scalar("select count(*) from sessions")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(sessions, 1, "the refused request must not have signed out");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let mut app = TestApp::new().await;
    for path in ["/", "/sign-in", "/no-such-page"] {
        let response = app.get(path).await;
        let csp = response.headers["content-security-policy"]
            .to_str()
            .expect("ascii");
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
        assert_eq!(response.headers["x-content-type-options"], "nosniff");
        assert!(response.headers.contains_key("referrer-policy"));
        assert!(response.headers.contains_key("permissions-policy"));
    }
}

#[tokio::test]
async fn internal_pages_and_exports_are_never_stored_but_public_files_keep_their_caching() {
    let mut app = TestApp::seeded().await;
    app.get("/dashboard")
        .await
        .assert_redirect_to("/sign-in?next=/dashboard");
    assert_eq!(
        app.get("/dashboard").await.headers["cache-control"],
        "no-store"
    );
    app.sign_in_as(Role::Office).await;
    for path in [
        "/dashboard",
        "/dashboard/findings.csv",
        "/inspections",
        "/inspections/1/findings.csv",
        "/account/password",
    ] {
        let response = app.get(path).await;
        assert!(response.status.is_success(), "{path}: {}", response.status);
        assert_eq!(response.headers["cache-control"], "no-store", "{path}");
    }
    let asset = app.get("/static/govuk-frontend.min.js").await;
    assert_eq!(asset.headers["cache-control"], "public, max-age=3600");
}

#[tokio::test]
async fn a_form_from_a_page_calling_itself_by_this_sites_host_name_is_refused() {
    let mut app = TestApp::new().await;
    app.create_user("policy@example.test", Role::Office).await;
    // A DNS rebinding page: the browser thinks it is same-origin, and Host says evil.example.
    let request = Request::post("/sign-in")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("origin", "http://evil.example:3000")
        .header("host", "evil.example:3000")
        .body(Body::from("email=policy%40example.test&password=x"))
        .expect("request");
    app.send(request).await.assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_form_from_the_configured_public_address_is_accepted() {
    let security = scrutineer::Security {
        public_url: Some("https://progress.example.org".into()),
        ..Default::default()
    };
    let clock = scrutineer::domain::dates::Clock::fixed_date(crate::helpers::test_today());
    let mut app = TestApp::with_settings(clock, security).await;
    app.create_user("policy@example.test", Role::Office).await;
    let sign_in = |origin: &str| {
        let body = format!("email=policy%40example.test&password={PASSWORD}").replace(' ', "+");
        Request::post("/sign-in")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header("origin", origin)
            .header("host", "progress.example.org")
            .body(Body::from(body))
            .expect("request")
    };
    app.send(sign_in("http://localhost:3000"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.send(sign_in("https://progress.example.org"))
        .await
        .assert_redirect_to("/");
}
