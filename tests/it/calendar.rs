//! Private calendar subscriptions: created, read as valid iCalendar, revoked.

use axum::http::{StatusCode, header};
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

fn token_in(body: &str) -> String {
    let start = body.find("/calendar/").expect("feed url") + "/calendar/".len();
    let end = body[start..].find(".ics").expect("ics") + start;
    body[start..end].to_string()
}

#[tokio::test]
async fn a_subscription_address_is_shown_once_and_only_its_hash_is_stored() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    app.get("/calendar")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("You have no subscription addresses.");
    let created = app.post_form("/calendar", &[]).await;
    created
        .assert_status(StatusCode::OK)
        .assert_contains("it will not be shown again");
    let token = token_in(&created.body);
    assert_eq!(token.len(), 64);
    let stored: String = sqlx::query_scalar("select token_hash from calendar_feeds")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(stored, scrutineer::auth::sha256_hex(&token));
    assert_eq!(
        app.count("select count(*) from audit_events where entity = 'calendar_feed'")
            .await,
        1
    );
    app.get("/calendar")
        .await
        .assert_not_contains(&token)
        .assert_contains("Active");
}

#[tokio::test]
async fn the_feed_is_valid_icalendar_with_meetings_milestones_and_actions_arising() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let token = token_in(&app.post_form("/calendar", &[]).await.body);
    app.post_form("/sign-out", &[]).await;
    let feed = app.get(&format!("/calendar/{token}.ics")).await;
    feed.assert_status(StatusCode::OK);
    assert_eq!(
        feed.headers.get(header::CONTENT_TYPE).unwrap(),
        "text/calendar; charset=utf-8"
    );
    let text = feed.body.as_str();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"));
    assert!(unfolded.contains("UID:meeting-3.private@"));
    assert!(unfolded.contains("DTSTART;TZID=Europe/London:20260323T140000\r\n"));
    assert!(unfolded.contains("SUMMARY:Public accountability meeting – protecting children\r\n"));
    assert!(unfolded.contains(
        "LOCATION:Online and at the Commissioner's office\\, Ripley (demonstration)\r\n"
    ));
    let uid = |key: &str| {
        format!(
            "UID:{key}.private@{}.scrutineer\r\n",
            app.state.site().installation_id
        )
    };
    assert!(unfolded.contains(&format!(
        "{}DTSTAMP:20260302T120000Z\r\nDTSTART;VALUE=DATE:20260126\r\n",
        uid("milestone-12")
    )));
    assert!(unfolded.contains(&uid("action-arising-4")));
    assert!(
        !unfolded.contains("UID:action-arising-1."),
        "closed actions arising are left out"
    );
    assert!(
        !unfolded.contains("UID:milestone-1."),
        "met milestones are left out"
    );
    assert_eq!(
        unfolded.matches("BEGIN:VEVENT").count(),
        unfolded.matches("END:VEVENT").count()
    );
    assert_eq!(
        unfolded.matches("BEGIN:VEVENT").count(),
        unfolded.matches("\r\nUID:").count()
    );
    assert!(
        !unfolded.contains("Demonstration data: the board reviewed"),
        "no minutes in a feed"
    );
}

#[tokio::test]
async fn a_revoked_address_stops_working_and_an_unknown_one_never_did() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let token = token_in(&app.post_form("/calendar", &[]).await.body);
    let path = format!("/calendar/{token}.ics");
    app.get(&path).await.assert_status(StatusCode::OK);
    app.post_form("/calendar/1/revoke", &[])
        .await
        .assert_redirect_to("/calendar");
    app.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    app.get("/calendar").await.assert_contains("Revoked");
    assert_eq!(
        app.count("select count(*) from calendar_feeds where revoked_at is not null")
            .await,
        1
    );
    assert_eq!(
        app.count(
            "select count(*) from audit_events where entity = 'calendar_feed' and action = 'revoke'"
        )
        .await,
        1
    );
    app.get(&format!("/calendar/{}.ics", "0".repeat(64)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn nobody_can_revoke_someone_elses_address() {
    let mut app = TestApp::seeded().await;
    app.exec("insert into calendar_feeds (user_id, token_hash, created_at) values (1, 'other', '2026-03-01T10:00:00Z')").await;
    app.sign_in_as(Role::Office).await;
    app.post_form("/calendar/1/revoke", &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(
        app.count("select count(*) from calendar_feeds where revoked_at is null")
            .await,
        1
    );
}

#[tokio::test]
async fn the_feed_address_is_public_but_needs_no_session() {
    let mut app = TestApp::seeded().await;
    app.get("/calendar/nothing.ics")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get("/calendar")
        .await
        .assert_redirect_to("/sign-in?next=/calendar");
}

#[tokio::test]
async fn with_a_public_address_configured_subscriptions_and_feed_links_use_it() {
    let security = scrutineer::Security {
        public_url: Some("https://progress.example.org".into()),
        ..Default::default()
    };
    let clock = scrutineer::domain::dates::Clock::fixed_date(crate::helpers::test_today());
    let mut app = TestApp::with_settings(clock, security).await;
    app.load_example_data().await;
    app.sign_in_as(Role::Panel).await;
    let request = axum::http::Request::post("/calendar")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "evil.example")
        .body(axum::body::Body::from(format!("csrf_token={}", app.csrf())))
        .expect("request");
    app.send(request)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("https://progress.example.org/calendar/")
        .assert_not_contains("evil.example");
    app.get("/feeds/editions.atom")
        .await
        .assert_contains("href=\"https://progress.example.org/editions/1\"");
}

/// Sign in as a new user with `role`, take a feed address and sign out; the user and the
/// address of their feed.
async fn feed_of(app: &mut TestApp, email: &str, role: Role) -> (i64, String) {
    let id = app.create_user(email, role).await;
    app.sign_in(email, crate::helpers::PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let token = token_in(&app.post_form("/calendar", &[]).await.body);
    app.post_form("/sign-out", &[]).await;
    app.forget_session();
    (id, format!("/calendar/{token}.ics"))
}

#[tokio::test]
async fn a_force_users_feed_carries_only_what_a_force_user_may_open() {
    let mut app = TestApp::seeded().await;
    let (_, force) = feed_of(&mut app, "liaison@example.test", Role::Force).await;
    let (_, panel) = feed_of(&mut app, "member@example.test", Role::Panel).await;
    let force = app.get(&force).await;
    force.assert_status(StatusCode::OK);
    let unfolded = force.body.replace("\r\n ", "");
    assert!(unfolded.contains("UID:milestone-12.private@"));
    assert!(!unfolded.contains("UID:meeting-"), "{unfolded}");
    assert!(!unfolded.contains("UID:action-arising-"), "{unfolded}");
    assert!(!unfolded.contains("/meetings/"), "{unfolded}");
    let panel = app.get(&panel).await.body.replace("\r\n ", "");
    assert!(panel.contains("UID:meeting-3.private@"));
    assert!(panel.contains("UID:action-arising-4.private@"));
}

#[tokio::test]
async fn a_feed_cannot_be_taken_before_the_first_password_change() {
    let mut app = TestApp::seeded().await;
    let id = app.create_user("new@example.test", Role::Office).await;
    app.exec(&format!(
        "update users set must_change_password = 1 where id = {id}"
    ))
    .await;
    app.sign_in("new@example.test", crate::helpers::PASSWORD)
        .await
        .assert_redirect_to("/account/password");
    app.get("/calendar")
        .await
        .assert_redirect_to("/account/password");
    app.post_form("/calendar", &[])
        .await
        .assert_redirect_to("/account/password");
    let cli = scrutineer::record::Actor::system("command line");
    let refused = scrutineer::record::calendar::create_feed(
        &app.state.db,
        &cli,
        app.state.clock.now(),
        id,
        "a-hash",
    )
    .await;
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(app.count("select count(*) from calendar_feeds").await, 0);
}

#[tokio::test]
async fn a_new_password_a_new_role_or_disabling_revokes_the_users_feeds() {
    let mut app = TestApp::seeded().await;
    let (reset, reset_feed) = feed_of(&mut app, "reset@example.test", Role::Office).await;
    let (disabled, disabled_feed) = feed_of(&mut app, "gone@example.test", Role::Panel).await;
    let (moved, moved_feed) = feed_of(&mut app, "moved@example.test", Role::Panel).await;
    let (_, own_feed) = feed_of(&mut app, "own@example.test", Role::Force).await;
    let (_, kept_feed) = feed_of(&mut app, "kept@example.test", Role::Panel).await;
    for feed in [&reset_feed, &disabled_feed, &moved_feed, &own_feed] {
        app.get(feed).await.assert_status(StatusCode::OK);
    }

    app.sign_in("own@example.test", crate::helpers::PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let new = "violet harbour kettle drum";
    app.post_form(
        "/account/password",
        &[
            ("current_password", crate::helpers::PASSWORD),
            ("new_password", new),
            ("confirm_password", new),
        ],
    )
    .await
    .assert_redirect_to("/account/password?changed=1");
    app.post_form("/sign-out", &[]).await;
    app.forget_session();

    app.sign_in_as(Role::Admin).await;
    app.post_form(&format!("/admin/users/{reset}/password"), &[])
        .await
        .assert_status(StatusCode::OK);
    let version = |id: i64| format!("select version from users where id = {id}");
    let v = app.count(&version(disabled)).await.to_string();
    app.post_form(
        &format!("/admin/users/{disabled}/disable"),
        &[("version", &v)],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post_form(
        &format!("/admin/users/{moved}"),
        &[
            ("email", "moved@example.test"),
            ("display_name", "moved"),
            ("role", "force"),
            ("bodies", "1"),
            ("version", &app.count(&version(moved)).await.to_string()),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);

    for feed in [&reset_feed, &disabled_feed, &moved_feed, &own_feed] {
        app.get(feed).await.assert_status(StatusCode::NOT_FOUND);
    }
    app.get(&kept_feed).await.assert_status(StatusCode::OK);
    assert_eq!(app.audit_count("calendar_feed", "revoke").await, 4);
    assert_eq!(
        app.count("select count(*) from calendar_feeds where revoked_at is null")
            .await,
        1
    );
}

#[tokio::test]
async fn without_a_public_address_a_subscription_address_never_comes_from_the_host_header() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let request = axum::http::Request::post("/calendar")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "evil.example")
        .body(axum::body::Body::from(format!("csrf_token={}", app.csrf())))
        .expect("request");
    app.send(request)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("http://localhost/calendar/")
        .assert_not_contains("evil.example");
}
