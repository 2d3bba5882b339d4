//! Delivery: an SMTP outage queues messages and delivers each exactly once when the server is
//! back; a refusal for now is tried again later, a refusal for good is given up and can be
//! sent again by an administrator; and mail waits, saying why, while it cannot be sent.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use super::{
    ROUND_MAIL, advance, app_with_mail, app_with_mail_timeout, outbox, own, received, tick,
};
use crate::helpers::TestApp;
use crate::smtp::{Mode, SmtpSink};

/// Ask the owner of CP-02 for an update (the office is signed in).
async fn one_request(app: &mut TestApp) {
    app.sign_in_as(Role::Office).await;
    own(app, "dci.one@example.test", &[2]).await;
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
    .await;
}

const REQUEST: &str = "kind = 'round_request'";

#[tokio::test]
async fn an_outage_queues_the_message_and_it_is_delivered_once_when_the_server_is_back() {
    let sink = SmtpSink::start().await;
    let port = sink.port();
    let mut app = app_with_mail(Some(&sink)).await;
    sink.stop().await;
    one_request(&mut app).await;
    assert_eq!(outbox(&app, REQUEST).await, 1, "written with the round");
    tick(&app).await;
    assert_eq!(
        outbox(
            &app,
            &format!("{REQUEST} and status = 'queued' and attempts = 1")
        )
        .await,
        1
    );
    assert_eq!(
        outbox(
            &app,
            &format!("{REQUEST} and last_reply like 'cannot reach%'")
        )
        .await,
        1
    );
    // Not tried again before its wait is over.
    tick(&app).await;
    assert_eq!(
        outbox(&app, &format!("{REQUEST} and attempts = 1")).await,
        1
    );

    let sink = SmtpSink::start_on(port).await;
    advance_minutes(&app, 2);
    tick(&app).await;
    tick(&app).await;
    let mail = received(&app, &sink, &ROUND_MAIL).await;
    assert_eq!(mail.len(), 1, "delivered exactly once");
    let id: String =
        sqlx::query_scalar("select message_id from mail_outbox where kind = 'round_request'")
            .fetch_one(&app.state.db)
            .await
            .expect("message id");
    assert_eq!(mail[0].message_id(), Some(id));
    assert_eq!(
        outbox(
            &app,
            &format!("{REQUEST} and status = 'sent' and attempts = 2")
        )
        .await,
        1
    );
}

fn advance_minutes(app: &TestApp, minutes: i64) {
    app.state.clock.advance(chrono::Duration::minutes(minutes));
}

#[tokio::test]
async fn a_refusal_for_now_is_tried_again_and_one_for_good_waits_for_an_administrator() {
    let sink = SmtpSink::start().await;
    let mut app = app_with_mail(Some(&sink)).await;
    sink.set_mode(Mode::TempFail);
    one_request(&mut app).await;
    tick(&app).await;
    assert_eq!(
        outbox(
            &app,
            &format!("{REQUEST} and status = 'queued' and last_reply like '%451%'")
        )
        .await,
        1
    );

    sink.set_mode(Mode::Reject);
    advance_minutes(&app, 2);
    tick(&app).await;
    assert_eq!(
        outbox(
            &app,
            &format!("{REQUEST} and status = 'failed' and last_reply like '%550%'")
        )
        .await,
        1
    );
    advance(&app, 1);
    sink.set_mode(Mode::Accept);
    tick(&app).await;
    assert!(
        received(&app, &sink, &ROUND_MAIL).await.is_empty(),
        "a failed message stays failed"
    );

    app.forget_session();
    app.sign_in_as(Role::Admin).await;
    let id: i64 = app
        .count("select id from mail_outbox where kind = 'round_request'")
        .await;
    app.get("/admin/mail?status=failed")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("550");
    app.get(&format!("/admin/mail/{id}"))
        .await
        .assert_contains("Send again");
    app.post_form(&format!("/admin/mail/{id}/retry"), &[])
        .await
        .assert_redirect_to(&format!("/admin/mail/{id}"));
    assert_eq!(app.audit_count("mail", "retry").await, 1);
    tick(&app).await;
    assert_eq!(received(&app, &sink, &ROUND_MAIL).await.len(), 1);
    // Only a failed message can be sent again.
    app.post_form(&format!("/admin/mail/{id}/retry"), &[])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn without_the_sites_public_address_mail_waits_and_the_outbox_says_why() {
    let sink = SmtpSink::start().await;
    let security = scrutineer::Security {
        mail: scrutineer::mail::Settings {
            smtp_url: Some(sink.url()),
            from: Some("progress@example.org".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let clock = scrutineer::domain::dates::Clock::fixed_date(crate::helpers::test_today());
    let mut app = TestApp::with_settings(clock, security).await;
    app.load_example_data().await;
    one_request(&mut app).await;
    tick(&app).await;
    assert!(sink.received().is_empty());
    assert_eq!(
        outbox(
            &app,
            &format!("{REQUEST} and status = 'queued' and attempts = 0")
        )
        .await,
        1
    );
    app.forget_session();
    app.sign_in_as(Role::Admin).await;
    app.get("/admin/mail").await.assert_contains("--public-url");
}

#[tokio::test]
async fn a_server_that_stops_answering_mid_message_is_given_up_on_for_now_and_tried_again() {
    let sink = SmtpSink::start().await;
    let mut app =
        app_with_mail_timeout(Some(&sink), Some(std::time::Duration::from_millis(500))).await;
    sink.set_mode(Mode::Stall);
    one_request(&mut app).await;
    tick(&app).await;
    assert_eq!(
        outbox(
            &app,
            &format!("{REQUEST} and status = 'queued' and last_reply like 'no answer%'")
        )
        .await,
        1
    );
    sink.set_mode(Mode::Accept);
    advance_minutes(&app, 2);
    tick(&app).await;
    assert_eq!(received(&app, &sink, &ROUND_MAIL).await.len(), 1);
}
