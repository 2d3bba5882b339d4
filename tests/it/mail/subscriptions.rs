//! Public subscriptions: double opt-in, a notice when a new edition changes what is followed
//! (published text only), one-click unsubscribe that deletes the address, and sign-ups held
//! back when too many come from one place.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use scrutineer::domain::vocab::Role;

use super::{SITE, app_with_mail, outbox, received, tick};
use crate::helpers::TestApp;
use crate::smtp::SmtpSink;

const READER: &str = "resident@example.org";

async fn sign_up(app: &mut TestApp, email: &str) -> axum::http::StatusCode {
    app.post_form(
        "/subscribe",
        &[("email", email), ("scope", "body"), ("id", "1")],
    )
    .await
    .status
}

/// The link in the confirmation message to `READER`, as a path.
async fn confirmation_link(app: &TestApp, sink: &SmtpSink) -> String {
    let mail = received(app, sink, &["subscription_confirm"]).await;
    let text = mail.last().expect("a confirmation message").text();
    let start = text
        .find(&format!("{SITE}/subscriptions/"))
        .expect("a link");
    let link: String = text[start + SITE.len()..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != ')')
        .collect();
    assert!(link.ends_with("/confirm"), "{link}");
    link
}

/// Approve update 22's public summary and publish the next edition (as the office).
async fn publish_a_change(app: &mut TestApp) {
    app.sign_in_as(Role::Office).await;
    app.approve_update_summary(22).await;
    app.post_form("/publishing/editions", &[("note", "March")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.forget_session();
}

#[tokio::test]
async fn a_subscriber_confirms_by_the_emailed_link_is_told_of_a_changing_edition_and_unsubscribes_in_one_click()
 {
    let sink = SmtpSink::start().await;
    let mut app = app_with_mail(Some(&sink)).await;
    app.get("/progress/bodies/1")
        .await
        .assert_contains("/subscribe?scope=body&amp;id=1");
    app.get("/subscribe?scope=body&id=1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Derbyshire Constabulary");
    assert_eq!(sign_up(&mut app, READER).await, StatusCode::SEE_OTHER);
    tick(&app).await;
    let link = confirmation_link(&app, &sink).await;
    // Nothing is sent to an unconfirmed address but the confirmation.
    publish_a_change(&mut app).await;
    tick(&app).await;
    assert_eq!(outbox(&app, "kind = 'edition_notice'").await, 0);

    app.get(&link)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Confirm");
    app.post_form(&link, &[]).await.assert_redirect_to(&link);
    app.get(&link)
        .await
        .assert_contains("You will get email updates");
    assert_eq!(app.audit_count("subscription", "confirm").await, 1);

    // An update the office has not approved for publication stays out of public mail.
    app.sign_in_as_existing("office@example.test").await;
    app.post_form(
        "/actions/5/updates",
        &[
            ("as_at_day", "1"),
            ("as_at_month", "3"),
            ("as_at_year", "2026"),
            ("rag", "red"),
            ("narrative", "INTERNAL-ONLY-NARRATIVE"),
            ("evidence", ""),
            ("public_summary", "UNAPPROVED-SUMMARY"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.forget_session();
    publish_a_change_again(&mut app).await;
    tick(&app).await;
    let notices = received(&app, &sink, &["edition_notice"]).await;
    for leaked in ["INTERNAL-ONLY-NARRATIVE", "UNAPPROVED-SUMMARY"] {
        assert!(
            notices.iter().all(|m| !m.raw.contains(leaked)),
            "{leaked} in public mail"
        );
    }
    assert_eq!(notices.len(), 1, "one notice for the one subscriber");
    let notice = &notices[0];
    assert_eq!(notice.to, [READER]);
    let unsubscribe = notice.header("List-Unsubscribe").expect("List-Unsubscribe");
    assert_eq!(
        notice.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let url = unsubscribe
        .trim_matches(|c| c == '<' || c == '>')
        .to_string();
    assert!(url.starts_with(&format!("{SITE}/subscriptions/")), "{url}");
    assert!(notice.text().contains(&url) && notice.html().contains(&url));

    // The mail client's one-click POST: no session, no token, no redirect.
    let path = &url[SITE.len()..];
    let request = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .expect("request");
    app.send(request).await.assert_status(StatusCode::OK);
    assert_eq!(app.count("select count(*) from subscriptions").await, 0);
    let kept = format!("select count(*) from mail_outbox where to_address = '{READER}'");
    assert_eq!(
        app.count(&kept).await,
        0,
        "the address is gone with its mail"
    );
    let audited = format!(
        "select count(*) from audit_events where coalesce(after, '') || coalesce(before, '') like '%{READER}%'"
    );
    assert_eq!(
        app.count(&audited).await,
        0,
        "the audit log never held the address"
    );
}

/// Publish once more with a change: a finding's new public summary is enough; here, the
/// office approves another update's summary.
async fn publish_a_change_again(app: &mut TestApp) {
    app.sign_in_as_existing("office@example.test").await;
    let id: i64 = app
        .count("select min(id) from progress_updates where public_summary is not null and id not in (select update_id from update_approvals)")
        .await;
    app.approve_update_summary(id).await;
    app.post_form("/publishing/editions", &[("note", "April")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.forget_session();
}

#[tokio::test]
async fn sign_ups_say_the_same_whoever_is_subscribed_and_are_held_back_when_too_many() {
    let mut app = app_with_mail(None).await;
    assert_eq!(sign_up(&mut app, READER).await, StatusCode::SEE_OTHER);
    // The same address again is sent the confirmation again, and the answer is the same.
    assert_eq!(sign_up(&mut app, READER).await, StatusCode::SEE_OTHER);
    assert_eq!(app.count("select count(*) from subscriptions").await, 1);
    assert_eq!(outbox(&app, "kind = 'subscription_confirm'").await, 2);
    // A third time for that mailbox today is refused; so is a sixth sign-up from one address.
    assert_eq!(sign_up(&mut app, READER).await, StatusCode::SEE_OTHER);
    assert_eq!(
        sign_up(&mut app, READER).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        sign_up(&mut app, "b@example.org").await,
        StatusCode::SEE_OTHER
    );
    let refused = app
        .post_form(
            "/subscribe",
            &[("email", "c@example.org"), ("scope", "body"), ("id", "1")],
        )
        .await;
    refused
        .assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("try again tomorrow")
        .assert_contains("c@example.org");
    assert_eq!(outbox(&app, "kind = 'subscription_confirm'").await, 4);
}

#[tokio::test]
async fn a_sign_up_needs_an_address_and_something_published_to_follow() {
    let mut app = app_with_mail(None).await;
    app.post_form(
        "/subscribe",
        &[("email", "not an address"), ("scope", "site")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("not an address")
    .assert_contains("Enter your email address");
    app.get("/subscribe?scope=inspection&id=999")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post_form(
        "/subscribe",
        &[("email", READER), ("scope", "inspection"), ("id", "999")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.get("/subscriptions/not-a-token/confirm")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let unknown = "0".repeat(64);
    app.get(&format!("/subscriptions/{unknown}/unsubscribe"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("not subscribed");
    assert_eq!(app.count("select count(*) from subscriptions").await, 0);
}
