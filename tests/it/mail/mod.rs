//! Mail: update-request rounds, delivery through a real SMTP server on loopback (with an
//! outage, and a restart in between), reminders and digests sent once, public subscriptions.

mod delivery;
mod reminders;
mod rounds;
mod subscriptions;

use std::time::Duration;

use chrono::{TimeZone, Utc};
use scrutineer::Security;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;
use crate::smtp::SmtpSink;

pub const SITE: &str = "https://progress.example.org";

/// The example data (Derbyshire) served at the public address, mail going to `smtp` (none: it
/// waits in the outbox), on a clock the test moves: 2 March 2026, 09:00.
pub async fn app_with_mail(smtp: Option<&SmtpSink>) -> TestApp {
    app_with_mail_timeout(smtp, None).await
}

/// As [`app_with_mail`], giving up on a message the server has not finished taking within
/// `send_timeout` (the default when `None`).
pub async fn app_with_mail_timeout(
    smtp: Option<&SmtpSink>,
    send_timeout: Option<Duration>,
) -> TestApp {
    let security = Security {
        public_url: Some(SITE.into()),
        mail: scrutineer::mail::Settings {
            smtp_url: smtp.map(SmtpSink::url),
            from: Some("Derbyshire PCC <progress@example.org>".into()),
            poll: Duration::from_millis(100),
            send_timeout,
            ..Default::default()
        },
        ..Default::default()
    };
    let start = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let app = TestApp::with_settings(Clock::manual(start), security).await;
    app.load_example_data().await;
    let site = scrutineer::db::settings::load_site(&app.state.db)
        .await
        .expect("settings");
    app.state.set_site(site);
    app
}

/// An owner's account for each of these actions, chosen by the office (signed in as office
/// when it returns); the owner's id.
pub async fn own(app: &mut TestApp, email: &str, actions: &[i64]) -> i64 {
    let id = app.create_user(email, Role::Force).await;
    for action in actions {
        app.post_form(
            &format!("/actions/{action}/owner"),
            &[("user_id", &id.to_string())],
        )
        .await
        .assert_redirect_to(&format!("/actions/{action}"));
    }
    id
}

/// Move the clock on by `days`.
pub fn advance(app: &TestApp, days: i64) {
    app.state.clock.advance(chrono::Duration::days(days));
}

/// One pass of the mail worker: queue what is due, send what is queued.
pub async fn tick(app: &TestApp) {
    scrutineer::mail::tick(&app.state).await;
}

pub async fn outbox(app: &TestApp, sql_where: &str) -> i64 {
    app.count(&format!(
        "select count(*) from mail_outbox where {sql_where}"
    ))
    .await
}

/// What the SMTP server received of the messages of these kinds (by their Message-IDs).
pub async fn received(
    app: &TestApp,
    sink: &SmtpSink,
    kinds: &[&str],
) -> Vec<crate::smtp::Received> {
    let kinds = serde_json::to_string(kinds).expect("kinds");
    let ids: Vec<String> = sqlx::query_scalar(
        "select message_id from mail_outbox where kind in (select value from json_each(?))",
    )
    .bind(kinds)
    .fetch_all(&app.state.db)
    .await
    .expect("outbox");
    sink.received()
        .into_iter()
        .filter(|m| m.message_id().is_some_and(|id| ids.contains(&id)))
        .collect()
}

pub const ROUND_MAIL: [&str; 3] = ["round_request", "round_reminder", "round_escalation"];
