//! Reminders before and after due dates, and weekly digests: each goes once per milestone and
//! offset (or per week), whatever restarts in between, and only to those who want them.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use super::{advance, app_with_mail, outbox, own, received, tick};
use crate::helpers::{PASSWORD, TestApp};
use crate::smtp::SmtpSink;

/// A milestone of CP-02 due on 12 March 2026, ten days from the start.
async fn milestone_due_on_12_march(app: &TestApp) {
    app.exec(
        "insert into milestones (id, action_id, title, original_due_on, current_due_on, created_at)
         values (900, 2, 'Care home protocol reviewed', '2026-03-12', '2026-03-12', '2026-01-05T09:00:00Z')",
    )
    .await;
}

async fn sent(app: &TestApp, kind: &str) -> i64 {
    app.count(&format!(
        "select count(*) from reminders_sent where item_id = 900 and kind = '{kind}'"
    ))
    .await
}

/// The same server started again on the same database: the worker's memory is gone.
async fn restarted_tick(app: &TestApp) {
    let state = scrutineer::startup::state(
        app.state.db.clone(),
        app.state.clock.clone(),
        (*app.state.security).clone(),
    )
    .await
    .expect("state");
    scrutineer::mail::tick(&state).await;
}

#[tokio::test]
async fn a_milestone_reminder_goes_once_per_offset_even_across_restarts_then_once_when_overdue() {
    let sink = SmtpSink::start().await;
    let mut app = app_with_mail(Some(&sink)).await;
    app.sign_in_as(Role::Office).await;
    own(&mut app, "dci.one@example.test", &[2]).await;
    milestone_due_on_12_march(&app).await;
    let mine = "kind = 'reminders' and to_address = 'dci.one@example.test'";

    tick(&app).await;
    tick(&app).await;
    restarted_tick(&app).await;
    assert_eq!(sent(&app, "due_soon").await, 1, "the 14-day reminder, once");
    assert_eq!(outbox(&app, mine).await, 1);
    let mail = received(&app, &sink, &["reminders"]).await;
    let to_owner = mail
        .iter()
        .find(|m| m.to == ["dci.one@example.test"])
        .expect("reminder");
    assert!(
        to_owner.text().contains("Care home protocol reviewed"),
        "{}",
        to_owner.text()
    );
    assert!(to_owner.text().contains("12 March 2026"));

    advance(&app, 7);
    tick(&app).await;
    restarted_tick(&app).await;
    assert_eq!(sent(&app, "due_soon").await, 2, "the 3-day reminder, once");
    assert_eq!(outbox(&app, mine).await, 2);

    advance(&app, 4);
    tick(&app).await;
    restarted_tick(&app).await;
    assert_eq!(sent(&app, "overdue").await, 1);
    assert_eq!(outbox(&app, mine).await, 3);
}

#[tokio::test]
async fn each_person_chooses_which_reminders_they_get_but_round_requests_always_go() {
    let mut app = app_with_mail(None).await;
    app.sign_in_as(Role::Office).await;
    own(&mut app, "dci.one@example.test", &[2]).await;
    milestone_due_on_12_march(&app).await;
    app.forget_session();
    app.sign_in("dci.one@example.test", PASSWORD).await;
    app.get("/account/mail").await.assert_status(StatusCode::OK);
    app.post_form("/account/mail", &[("digest", "on")])
        .await
        .assert_redirect_to("/account/mail?saved=1");
    app.get("/account/mail?saved=1")
        .await
        .assert_contains("Email choices saved");
    assert_eq!(app.audit_count("user", "update").await, 1);
    tick(&app).await;
    assert_eq!(sent(&app, "due_soon").await, 0);
    assert_eq!(
        outbox(
            &app,
            "kind = 'reminders' and to_address = 'dci.one@example.test'"
        )
        .await,
        0
    );

    app.forget_session();
    app.sign_in_as_existing("office@example.test").await;
    app.post_form(
        "/rounds",
        &[
            ("title", "Before the board"),
            ("body_id", "1"),
            ("return_day", "12"),
            ("return_month", "3"),
            ("return_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        outbox(
            &app,
            "kind = 'round_request' and to_address = 'dci.one@example.test'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_weekly_digest_goes_once_a_week_with_what_they_own() {
    let mut app = app_with_mail(None).await;
    app.sign_in_as(Role::Office).await;
    own(&mut app, "dci.one@example.test", &[2]).await;
    let digests = "kind = 'digest' and to_address = 'dci.one@example.test'";
    tick(&app).await;
    tick(&app).await;
    assert_eq!(outbox(&app, digests).await, 1);
    let text: String = sqlx::query_scalar(&format!(
        "select text_body from mail_outbox where {digests}"
    ))
    .fetch_one(&app.state.db)
    .await
    .expect("digest");
    assert!(text.contains("CP-02"), "{text}");
    // Sunday 8 March is the same week; Monday 9 March a new one.
    advance(&app, 6);
    tick(&app).await;
    assert_eq!(outbox(&app, digests).await, 1);
    advance(&app, 1);
    tick(&app).await;
    assert_eq!(outbox(&app, digests).await, 2, "a new week, a new digest");
}
