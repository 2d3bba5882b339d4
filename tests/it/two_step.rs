//! Two-step sign-in: turning it on with an authenticator, signing in with a code computed
//! here from the secret (RFC 6238, as the person's phone would), recovery codes that work
//! once, the administrators' requirement for staff, and the command line's reset.

use axum::http::StatusCode;
use chrono::{TimeZone, Utc};
use scrutineer::config::UserCommand;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::Role;
use scrutineer::startup;
use totp_rs::{Algorithm, Builder, Secret};

use crate::helpers::{PASSWORD, TestApp, TestResponse};

async fn app() -> TestApp {
    TestApp::with_clock(Clock::manual(
        Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap(),
    ))
    .await
}

/// The code an authenticator app holding `secret` shows at the app's current instant.
fn code_now(app: &TestApp, secret: &str) -> String {
    let totp = Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_secret(Secret::try_from_base32(secret).expect("base32"))
        .build()
        .expect("totp");
    let now = u64::try_from(app.state.clock.now().timestamp()).expect("after 1970");
    totp.generate(now).to_string()
}

/// A six-digit code that is not `right` (nor, almost surely, the neighbouring steps').
fn wrong(right: &str) -> String {
    let n: u32 = right.parse().expect("digits");
    format!("{:06}", (n + 500_000) % 1_000_000)
}

fn between<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} in {body}"))
        + start.len();
    let len = body[from..].find(end).expect("end");
    &body[from..from + len]
}

fn recovery_codes(body: &str) -> Vec<String> {
    let list = between(body, "id=\"recovery-codes\">", "</ul>");
    list.split("<code>")
        .skip(1)
        .map(|c| c.split("</code>").next().unwrap_or_default().to_string())
        .collect()
}

fn challenge(page: &TestResponse) -> String {
    between(&page.body, "name=\"challenge\" value=\"", "\"").to_string()
}

/// Turn two-step sign-in on for the signed-in person; returns the secret and recovery codes.
async fn turn_on(app: &mut TestApp) -> (String, Vec<String>) {
    let page = app.get("/account/two-step").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Set up two-step sign-in")
        .assert_contains("otpauth://totp/Scrutineer:");
    let secret = between(&page.body, "id=\"secret\">", "<").to_string();
    let code = code_now(app, &secret);
    app.post_form(
        "/account/two-step",
        &[("secret", &secret), ("code", &wrong(&code))],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains(&secret);
    let done = app
        .post_form("/account/two-step", &[("secret", &secret), ("code", &code)])
        .await;
    done.assert_status(StatusCode::OK)
        .assert_contains("Your recovery codes");
    let codes = recovery_codes(&done.body);
    assert_eq!(codes.len(), 10, "{codes:?}");
    (secret, codes)
}

/// Sign out, then give the right password: the second step's challenge.
async fn password_again(app: &mut TestApp, email: &str) -> String {
    app.post_form("/sign-out", &[]).await;
    app.forget_session();
    let page = app.sign_in(email, PASSWORD).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Enter your sign-in code");
    // The password alone has not signed anyone in.
    app.get("/inspections")
        .await
        .assert_status(StatusCode::SEE_OTHER);
    challenge(&page)
}

#[tokio::test]
async fn with_two_step_on_signing_in_needs_a_current_code_or_a_recovery_code_once() {
    let mut app = app().await;
    app.sign_in_as(Role::Office).await;
    let email = "office@example.test";
    let updates_before = app.audit_count("user", "update").await;
    let (secret, codes) = turn_on(&mut app).await;
    assert_eq!(app.audit_count("user", "update").await, updates_before + 1);
    app.get("/account/two-step")
        .await
        .assert_contains("Two-step sign-in is on. You have 10 unused recovery codes.");
    // Neither the secret nor a recovery code is ever in the audit log or stored in clear.
    let leaked = format!(
        "select count(*) from audit_events where coalesce(before, '') || coalesce(after, '') \
         like '%{secret}%' or coalesce(after, '') like '%{}%'",
        codes[0]
    );
    assert_eq!(app.count(&leaked).await, 0);
    let clear = format!(
        "select count(*) from recovery_codes where code_hash = '{}'",
        codes[0]
    );
    assert_eq!(app.count(&clear).await, 0);

    // The code that turned it on cannot be used again.
    let token = password_again(&mut app, email).await;
    let used = code_now(&app, &secret);
    app.post_form(
        "/sign-in/two-step",
        &[("challenge", &token), ("code", &used)],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Enter the code your authenticator app shows now");

    // Thirty seconds on, a wrong code is refused and the right one signs in.
    app.state.clock.advance(chrono::Duration::seconds(30));
    let code = code_now(&app, &secret);
    app.post_form(
        "/sign-in/two-step",
        &[("challenge", &token), ("code", &wrong(&code))],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/inspections")
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post_form(
        "/sign-in/two-step",
        &[("challenge", &token), ("code", &code)],
    )
    .await
    .assert_redirect_to("/");
    app.get("/inspections").await.assert_status(StatusCode::OK);

    // A recovery code works once (typed in capitals, without its dash).
    let token = password_again(&mut app, email).await;
    let typed = codes[3].replace('-', "").to_uppercase();
    let updates = app.audit_count("user", "update").await;
    app.post_form(
        "/sign-in/two-step",
        &[("challenge", &token), ("code", &typed)],
    )
    .await
    .assert_redirect_to("/");
    assert_eq!(app.audit_count("user", "update").await, updates + 1);
    app.get("/account/two-step")
        .await
        .assert_contains("You have 9 unused recovery codes.");
    let token = password_again(&mut app, email).await;
    app.post_form(
        "/sign-in/two-step",
        &[("challenge", &token), ("code", &codes[3])],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/inspections")
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_challenge_ends_after_five_wrong_codes_an_account_takes_ten_and_each_lasts_five_minutes()
{
    let mut app = app().await;
    app.sign_in_as(Role::Panel).await;
    let email = "panel@example.test";
    let (secret, _) = turn_on(&mut app).await;
    app.state.clock.advance(chrono::Duration::seconds(30));
    let token = password_again(&mut app, email).await;
    let code = code_now(&app, &secret);
    for _ in 0..5 {
        app.post_form(
            "/sign-in/two-step",
            &[("challenge", &token), ("code", &wrong(&code))],
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Enter your sign-in code");
    }
    app.post_form(
        "/sign-in/two-step",
        &[("challenge", &token), ("code", &code)],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Sign in again");
    // Five more wrong codes on a second challenge, and the account takes no more codes for a
    // while, however often the password is given.
    let token = password_again(&mut app, email).await;
    for _ in 0..5 {
        app.post_form(
            "/sign-in/two-step",
            &[("challenge", &token), ("code", &wrong(&code))],
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    let token = password_again(&mut app, email).await;
    app.post_form(
        "/sign-in/two-step",
        &[("challenge", &token), ("code", &code)],
    )
    .await
    .assert_contains("Sign in again");
    // A new challenge once the old ones are stale, answered too late.
    app.state.clock.advance(chrono::Duration::minutes(6));
    let token = password_again(&mut app, email).await;
    app.state.clock.advance(chrono::Duration::minutes(6));
    let code = code_now(&app, &secret);
    app.post_form(
        "/sign-in/two-step",
        &[("challenge", &token), ("code", &code)],
    )
    .await
    .assert_contains("Sign in again");
    app.get("/inspections")
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // A made-up challenge is no way in.
    app.post_form("/sign-in/two-step", &[("challenge", "x"), ("code", &code)])
        .await
        .assert_contains("Sign in again");
}

#[tokio::test]
async fn when_required_admins_and_office_staff_are_sent_to_set_it_up_and_cannot_turn_it_off() {
    let mut app = app().await;
    app.sign_in_as(Role::Admin).await;
    app.post_form(
        "/admin/settings",
        &[
            ("organisation_name", "PCC"),
            ("brand_colour", "#1d70b8"),
            ("stale_after_days", "30"),
            ("two_step_for_staff", "yes"),
        ],
    )
    .await
    .assert_redirect_to("/admin/settings?saved=1");
    assert!(app.state.site().two_step_for_staff);
    // The administrator themself is now sent to set it up.
    app.get("/admin/settings")
        .await
        .assert_redirect_to("/account/two-step");
    app.get("/account/two-step")
        .await
        .assert_contains("Your administrator requires two-step sign-in");
    app.forget_session();

    // A panel member is not asked.
    app.sign_in_as(Role::Panel).await;
    app.get("/inspections").await.assert_status(StatusCode::OK);
    app.forget_session();

    // Office staff are sent to set it up after signing in, and then carry on.
    app.sign_in_as(Role::Office).await;
    app.get("/inspections")
        .await
        .assert_redirect_to("/account/two-step");
    let (secret, _) = turn_on(&mut app).await;
    app.get("/inspections").await.assert_status(StatusCode::OK);
    app.state.clock.advance(chrono::Duration::seconds(30));
    let code = code_now(&app, &secret);
    app.post_form("/account/two-step/off", &[("code", &code)])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Two-step sign-in is required for your account");
    assert_eq!(app.count("select count(*) from two_step").await, 1);
}

#[tokio::test]
async fn someone_may_turn_it_off_with_a_current_code_and_the_command_line_can_reset_it() {
    let mut app = app().await;
    app.sign_in_as(Role::Force).await;
    let (secret, _) = turn_on(&mut app).await;
    app.state.clock.advance(chrono::Duration::seconds(30));
    app.post_form("/account/two-step/off", &[("code", "000000")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let code = code_now(&app, &secret);
    app.post_form("/account/two-step/off", &[("code", &code)])
        .await
        .assert_redirect_to("/account/two-step");
    assert_eq!(app.count("select count(*) from two_step").await, 0);
    assert_eq!(app.count("select count(*) from recovery_codes").await, 0);

    // On again; the phone is lost; the command line turns it off.
    turn_on(&mut app).await;
    let email = "force@example.test";
    password_again(&mut app, email).await;
    let said = startup::user_command(
        &app.state.db,
        &app.state.clock,
        UserCommand::ResetTwoStep {
            email: email.into(),
        },
    )
    .await
    .expect("reset");
    assert_eq!(said, format!("Turned off two-step sign-in for {email}."));
    let by_cli = app
        .count(
            "select count(*) from audit_events where entity = 'user' and action = 'update' \
             and actor = 'command line' and after like '%\"two_step\":false%'",
        )
        .await;
    assert_eq!(by_cli, 1);
    app.forget_session();
    app.sign_in(email, PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get("/account/two-step")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Set up two-step sign-in");
}
