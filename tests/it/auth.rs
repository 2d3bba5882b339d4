//! Passwords, the first sign-in, throttling and session expiry.

use axum::http::StatusCode;
use chrono::{Duration, TimeZone, Utc};
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::Role;
use scrutineer::{db, startup};

use crate::helpers::{BrowserSession, PASSWORD, TestApp, TestResponse};

const NEW_PASSWORD: &str = "violet harbour kettle drum";

async fn sessions_of(app: &TestApp, user_id: i64) -> i64 {
    sqlx::query_scalar("select count(*) from sessions where user_id = ?")
        .bind(user_id)
        .fetch_one(&app.state.db)
        .await
        .expect("count sessions")
}

fn change(current: &str, new: &str, confirm: &str) -> Vec<(&'static str, String)> {
    vec![
        ("current_password", current.to_string()),
        ("new_password", new.to_string()),
        ("confirm_password", confirm.to_string()),
    ]
}

async fn post_change(app: &mut TestApp, fields: Vec<(&'static str, String)>) -> TestResponse {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form("/account/password", &fields).await
}

#[tokio::test]
async fn the_first_run_admin_is_sent_to_change_their_password_until_they_do() {
    let mut app = TestApp::new().await;
    let (email, secret) = startup::ensure_admin(&app.state.db, &app.state.clock)
        .await
        .expect("first admin")
        .expect("created");
    app.sign_in(&email, &secret)
        .await
        .assert_redirect_to("/account/password");
    app.get("/admin/users")
        .await
        .assert_redirect_to("/account/password");
    app.get("/account/password")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("You signed in with a one-time password");
    post_change(&mut app, change(&secret, NEW_PASSWORD, NEW_PASSWORD))
        .await
        .assert_redirect_to("/account/password?changed=1");
    app.get("/account/password?changed=1")
        .await
        .assert_contains("Your password has been changed");
    app.get("/admin/users").await.assert_status(StatusCode::OK);
    let user = db::users::find_by_email(&app.state.db, &email)
        .await
        .expect("db")
        .expect("user");
    assert!(!user.must_change_password);
}

#[tokio::test]
async fn a_changed_password_works_and_the_old_one_stops_working() {
    let mut app = TestApp::new().await;
    let id = app.sign_in_as(Role::Panel).await;
    post_change(&mut app, change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
        .await
        .assert_redirect_to("/account/password?changed=1");
    app.forget_session();
    app.sign_in("panel@example.test", PASSWORD)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.sign_in("panel@example.test", NEW_PASSWORD)
        .await
        .assert_redirect_to("/");
    assert_eq!(app.audit_count("user", "change_password").await, 1);
    let after: String = sqlx::query_scalar(
        "select after from audit_events where action = 'change_password' and entity_id = ?",
    )
    .bind(id)
    .fetch_one(&app.state.db)
    .await
    .expect("audit");
    assert!(
        !after.contains("argon2") && !after.contains(NEW_PASSWORD),
        "{after}"
    );
}

#[tokio::test]
async fn changing_your_password_ends_your_other_sessions_but_not_this_one() {
    let mut app = TestApp::new().await;
    let id = app.sign_in_as(Role::Office).await;
    // A second browser signs in to the same account.
    let mut first = BrowserSession::default();
    app.swap_session(&mut first);
    app.sign_in("office@example.test", PASSWORD)
        .await
        .assert_redirect_to("/");
    let mut second = BrowserSession::default();
    app.swap_session(&mut second);
    app.swap_session(&mut first);
    assert_eq!(sessions_of(&app, id).await, 2);
    post_change(&mut app, change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
        .await
        .assert_redirect_to("/account/password?changed=1");
    assert_eq!(sessions_of(&app, id).await, 1);
    app.get("/account/password")
        .await
        .assert_status(StatusCode::OK);
    app.swap_session(&mut second);
    app.get("/account/password")
        .await
        .assert_redirect_to("/sign-in?next=/account/password");
}

#[tokio::test]
async fn a_weak_new_password_is_refused_with_a_clear_message() {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Force).await;
    let cases = [
        ("short pass", "Password must be 12 characters or more"),
        ("Password1234", "this one is on a list of common passwords"),
        (
            "force@example.test",
            "Password must not be your email address",
        ),
    ];
    for (weak, message) in cases {
        post_change(&mut app, change(PASSWORD, weak, weak))
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("There is a problem")
            .assert_contains(message)
            .assert_not_contains(weak);
    }
    post_change(
        &mut app,
        change("not my password", NEW_PASSWORD, NEW_PASSWORD),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Your current password is not correct");
    post_change(
        &mut app,
        change(PASSWORD, NEW_PASSWORD, "something else entirely"),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Enter the same new password twice");
    assert_eq!(app.audit_count("user", "change_password").await, 0);
    app.forget_session();
    app.sign_in("force@example.test", PASSWORD)
        .await
        .assert_redirect_to("/");
}

#[tokio::test]
async fn someone_failing_to_sign_in_as_an_account_cannot_keep_its_owner_out() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut app = TestApp::with_clock(clock.clone()).await;
    app.create_user("admin@example.test", Role::Admin).await;
    // Wrong passwords from twenty addresses, and from one address until it must wait.
    for i in 0..20 {
        app.sign_in_from(&format!("192.0.2.{i}"), "admin@example.test", "guess")
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    for _ in 0..3 {
        app.sign_in_from("203.0.113.9", "admin@example.test", "guess")
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    for _ in 0..10 {
        app.sign_in_from("203.0.113.9", "admin@example.test", "guess")
            .await
            .assert_status(StatusCode::TOO_MANY_REQUESTS);
    }
    // The owner, from their own computer, signs in straight away.
    app.sign_in_from("198.51.100.7", "admin@example.test", PASSWORD)
        .await
        .assert_redirect_to("/");
}

#[tokio::test]
async fn each_failure_from_one_address_makes_the_next_attempt_wait_longer() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut app = TestApp::with_clock(clock.clone()).await;
    app.create_user("office@example.test", Role::Office).await;
    let from = "203.0.113.9";
    for _ in 0..3 {
        app.sign_in_from(from, "office@example.test", "wrong password")
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right password is not tried while the address must wait.
    app.sign_in_from(from, "office@example.test", PASSWORD)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("too many failed attempts to sign in from here. Wait 1 second");
    clock.advance(Duration::seconds(1));
    app.sign_in_from(from, "office@example.test", "wrong again")
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.sign_in_from(from, "office@example.test", PASSWORD)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("Wait 2 seconds");
    clock.advance(Duration::seconds(2));
    app.sign_in_from(from, "office@example.test", PASSWORD)
        .await
        .assert_redirect_to("/");
    // Signing in starts the count for that account from that address again.
    app.forget_session();
    app.sign_in_from(from, "office@example.test", "a typo")
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn trying_many_accounts_from_one_address_is_slowed_down_there_only() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut app = TestApp::with_clock(clock.clone()).await;
    app.create_user("office@example.test", Role::Office).await;
    for i in 0..10 {
        let unknown = format!("guess{i}@example.test");
        app.sign_in_from("203.0.113.9", &unknown, "password guess")
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("Enter a correct email address and password");
    }
    app.sign_in_from("203.0.113.9", "office@example.test", PASSWORD)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS);
    app.sign_in_from("203.0.113.10", "office@example.test", PASSWORD)
        .await
        .assert_redirect_to("/");
    clock.advance(Duration::seconds(1));
    app.forget_session();
    app.sign_in_from("203.0.113.9", "office@example.test", PASSWORD)
        .await
        .assert_redirect_to("/");
}

#[tokio::test]
async fn sign_in_attempts_are_forgotten_once_their_window_has_passed() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut app = TestApp::with_clock(clock.clone()).await;
    for i in 0..5 {
        app.sign_in_from(&format!("192.0.2.{i}"), "nobody@example.test", "guess")
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(app.count("select count(*) from sign_in_attempts").await, 5);
    clock.advance(Duration::minutes(16));
    app.sign_in_from("192.0.2.99", "nobody@example.test", "guess")
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.count("select count(*) from sign_in_attempts").await,
        1,
        "only the attempt within the window is kept"
    );
}

#[tokio::test]
async fn an_unknown_account_takes_as_long_to_refuse_as_a_wrong_password() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut app = TestApp::with_clock(clock.clone()).await;
    app.create_user("office@example.test", Role::Office).await;
    // Warm up (the dummy hash is made once), then take the fastest of a few of each.
    app.sign_in_from("192.0.2.1", "nobody@example.test", "guess")
        .await;
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for i in 0..4 {
        clock.advance(Duration::minutes(1));
        let started = std::time::Instant::now();
        app.sign_in_from(
            &format!("192.0.2.{}", 10 + i),
            "office@example.test",
            "guess",
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        known.push(started.elapsed());
        let started = std::time::Instant::now();
        app.sign_in_from(
            &format!("192.0.2.{}", 20 + i),
            "nobody@example.test",
            "guess",
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        unknown.push(started.elapsed());
    }
    let known = known.into_iter().min().expect("timed");
    let unknown = unknown.into_iter().min().expect("timed");
    assert!(
        unknown * 3 > known,
        "an unknown account answered in {unknown:?}, a known one in {known:?}"
    );
}

#[tokio::test]
async fn wrong_current_passwords_on_the_password_page_are_slowed_the_same_way() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut app = TestApp::with_clock(clock.clone()).await;
    app.sign_in_as(Role::Panel).await;
    for _ in 0..3 {
        post_change(
            &mut app,
            change("not my password", NEW_PASSWORD, NEW_PASSWORD),
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Your current password is not correct");
    }
    post_change(&mut app, change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("too many failed attempts. Wait 1 second");
    clock.advance(Duration::seconds(1));
    post_change(&mut app, change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
        .await
        .assert_redirect_to("/account/password?changed=1");
}

#[tokio::test]
async fn a_session_ends_after_the_idle_timeout() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut app = TestApp::with_clock(clock.clone()).await;
    app.sign_in_as(Role::Office).await;
    clock.advance(Duration::minutes(29));
    app.get("/account/password")
        .await
        .assert_status(StatusCode::OK);
    clock.advance(Duration::minutes(29));
    app.get("/account/password")
        .await
        .assert_status(StatusCode::OK);
    clock.advance(Duration::minutes(31));
    app.get("/account/password")
        .await
        .assert_redirect_to("/sign-in?next=/account/password");
    let sessions: i64 = sqlx::query_scalar("select count(*) from sessions")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(sessions, 0, "the expired session is deleted");
}

#[tokio::test]
async fn a_session_ends_after_its_absolute_lifetime_however_active() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut app = TestApp::with_clock(clock.clone()).await;
    app.sign_in_as(Role::Office).await;
    for _ in 0..24 {
        clock.advance(Duration::minutes(29));
        app.get("/account/password")
            .await
            .assert_status(StatusCode::OK);
    }
    // 11 hours 36 minutes so far; the next step passes 12 hours.
    clock.advance(Duration::minutes(29));
    app.get("/account/password")
        .await
        .assert_redirect_to("/sign-in?next=/account/password");
}

#[tokio::test]
async fn signing_in_sweeps_away_sessions_that_expired_unattended() {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut app = TestApp::with_clock(clock.clone()).await;
    let first = app.sign_in_as(Role::Office).await;
    // The browser is closed; its session is never presented again.
    app.forget_session();
    clock.advance(Duration::minutes(45));
    app.create_user("panel@example.test", Role::Panel).await;
    app.sign_in("panel@example.test", PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        sessions_of(&app, first).await,
        0,
        "the idle session is gone"
    );
    assert_eq!(app.count("select count(*) from sessions").await, 1);
}
