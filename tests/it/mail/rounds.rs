//! Update-request rounds: one email per owner with links to the update forms, an update
//! clearing its item, a reminder before the return-by date, and after it the "no update
//! received" register, the escalation to the chief officer lead and the meeting's pack.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use super::{ROUND_MAIL, SITE, advance, app_with_mail, outbox, own, received, tick};
use crate::helpers::{PASSWORD, TestApp};
use crate::smtp::SmtpSink;

/// Open a round for every open action of Derbyshire Constabulary, due back on 12 March 2026
/// (the reminder left to its default, 9 March), for `meeting` if given.
async fn open_round(app: &mut TestApp, meeting: &str) -> String {
    let response = app
        .post_form(
            "/rounds",
            &[
                ("title", "For the accountability board on 12 March"),
                ("meeting_id", meeting),
                ("body_id", "1"),
                ("return_day", "12"),
                ("return_month", "3"),
                ("return_year", "2026"),
            ],
        )
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    response.location().to_string()
}

/// An update on `action` by the signed-in user, as at 1 March 2026.
async fn post_update(app: &mut TestApp, action: i64) {
    app.post_form(
        &format!("/actions/{action}/updates"),
        &[
            ("as_at_day", "1"),
            ("as_at_month", "3"),
            ("as_at_year", "2026"),
            ("rag", "amber"),
            ("narrative", "Supervisory review now dip-sampled weekly."),
            ("evidence", ""),
            ("public_summary", ""),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_round_sends_each_owner_one_email_listing_their_items_with_links_to_the_update_forms() {
    let sink = SmtpSink::start().await;
    let mut app = app_with_mail(Some(&sink)).await;
    app.sign_in_as(Role::Office).await;
    own(&mut app, "dci.one@example.test", &[2, 5]).await;
    own(&mut app, "supt.two@example.test", &[4]).await;
    let round = open_round(&mut app, "").await;
    assert_eq!(round, "/rounds/1");
    tick(&app).await;

    let mail = received(&app, &sink, &ROUND_MAIL).await;
    assert_eq!(mail.len(), 2, "one email per owner, no more");
    let to_one = mail
        .iter()
        .find(|m| m.to == ["dci.one@example.test"])
        .expect("owner one");
    let to_two = mail
        .iter()
        .find(|m| m.to == ["supt.two@example.test"])
        .expect("owner two");
    assert!(
        to_one.subject().contains("12 March 2026"),
        "{}",
        to_one.subject()
    );
    for part in [to_one.text(), to_one.html()] {
        assert!(part.contains("CP-02") && part.contains("CP-05"), "{part}");
        assert!(!part.contains("CP-04"), "only their own items");
        assert!(
            part.contains(&format!("{SITE}/actions/2/updates/new")),
            "{part}"
        );
        assert!(part.contains(&format!("{SITE}/actions/5/updates/new")));
    }
    assert!(to_two.text().contains("CP-04") && !to_two.text().contains("CP-02"));
    assert_ne!(to_one.message_id(), to_two.message_id());
    let sent = "kind = 'round_request' and status = 'sent' and last_reply like '250%'";
    assert_eq!(outbox(&app, sent).await, 2);
    assert_eq!(app.audit_count("update_round", "open").await, 1);

    // The round's page lists every open action, with its owner or the lack of one.
    app.get(&round)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("For the accountability board on 12 March")
        .assert_contains("CP-02")
        .assert_contains("dci.one")
        .assert_contains("No owner account");
}

#[tokio::test]
async fn an_update_clears_its_item_and_what_did_not_arrive_is_chased_up_the_ladder_once() {
    let sink = SmtpSink::start().await;
    let mut app = app_with_mail(Some(&sink)).await;
    app.sign_in_as(Role::Office).await;
    own(&mut app, "dci.one@example.test", &[2, 5]).await;
    own(&mut app, "supt.two@example.test", &[4]).await;
    let lead = app.create_user("acc@example.test", Role::Force).await;
    app.post_form("/bodies/1/lead", &[("user_id", &lead.to_string())])
        .await
        .assert_redirect_to("/bodies");
    let meeting: i64 = app
        .count("select id from meetings where date(starts_at) >= '2026-03-02' order by starts_at limit 1")
        .await;
    let round = open_round(&mut app, &meeting.to_string()).await;
    tick(&app).await;
    assert_eq!(received(&app, &sink, &ROUND_MAIL).await.len(), 2);

    // Owner one updates CP-02: that item is cleared.
    app.forget_session();
    app.sign_in("dci.one@example.test", PASSWORD).await;
    post_update(&mut app, 2).await;
    app.forget_session();
    app.sign_in_as_existing("office@example.test").await;
    app.get(&round).await.assert_contains("Update received");

    // 10 March: a reminder to each owner with items still outstanding, once.
    advance(&app, 8);
    tick(&app).await;
    tick(&app).await;
    let mail = received(&app, &sink, &ROUND_MAIL).await;
    assert_eq!(mail.len(), 4, "two requests and two reminders");
    let reminders = received(&app, &sink, &["round_reminder"]).await;
    assert_eq!(reminders.len(), 2);
    let one = reminders
        .iter()
        .find(|m| m.to == ["dci.one@example.test"])
        .expect("reminder");
    assert!(
        one.text().contains("CP-05") && !one.text().contains("CP-02"),
        "{}",
        one.text()
    );

    // 13 March, after the return-by date: the register, and one escalation to the lead.
    advance(&app, 3);
    tick(&app).await;
    tick(&app).await;
    let mail = received(&app, &sink, &ROUND_MAIL).await;
    assert_eq!(mail.len(), 5, "one escalation, once");
    let escalation = mail
        .iter()
        .find(|m| m.to == ["acc@example.test"])
        .expect("escalation");
    let text = escalation.text();
    assert!(
        text.contains("CP-05") && text.contains("CP-04") && !text.contains("CP-02"),
        "{text}"
    );
    assert_eq!(app.audit_count("update_round", "chase").await, 3);

    // Days have passed: sign in again.
    app.forget_session();
    app.sign_in_as_existing("office@example.test").await;
    let page = app.get(&round).await;
    page.assert_contains("No update received");
    let register = page
        .body
        .split("No update received")
        .nth(1)
        .unwrap_or_default();
    assert!(register.contains("CP-05") && register.contains("CP-04"));
    // The meeting's pack lists the items that did not arrive, never as a RAG.
    app.get(&format!("/meetings/{meeting}/pack"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("CP-05")
        .assert_contains("For the accountability board on 12 March");
}

#[tokio::test]
async fn a_round_that_picks_no_open_action_is_refused_keeping_what_was_typed() {
    let mut app = app_with_mail(None).await;
    app.sign_in_as(Role::Office).await;
    let nobody = app
        .create_user("owns.nothing@example.test", Role::Force)
        .await;
    app.post_form(
        "/rounds",
        &[
            ("title", "Chasing nobody"),
            ("owner_id", &nobody.to_string()),
            ("return_day", "31"),
            ("return_month", "2"),
            ("return_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Chasing nobody");
    app.post_form(
        "/rounds",
        &[
            ("title", "Chasing nobody"),
            ("owner_id", &nobody.to_string()),
            ("return_day", "12"),
            ("return_month", "3"),
            ("return_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("No open action matches");
    assert_eq!(app.count("select count(*) from update_rounds").await, 0);
    assert_eq!(outbox(&app, "1").await, 0);
}

#[tokio::test]
async fn without_an_smtp_server_the_requests_wait_in_the_outbox_for_the_admin_to_read() {
    let mut app = app_with_mail(None).await;
    app.sign_in_as(Role::Office).await;
    own(&mut app, "dci.one@example.test", &[2]).await;
    open_round(&mut app, "").await;
    tick(&app).await;
    assert_eq!(
        outbox(
            &app,
            "kind = 'round_request' and status = 'queued' and attempts = 0"
        )
        .await,
        1
    );
    app.get("/rounds")
        .await
        .assert_contains("No SMTP server is set");

    app.forget_session();
    app.sign_in_as(Role::Admin).await;
    let page = app.get("/admin/mail").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("No SMTP server is set")
        .assert_contains("dci.one@example.test");
    app.get("/admin/mail/1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("CP-02")
        .assert_contains(&format!("{SITE}/actions/2/updates/new"));
}

#[tokio::test]
async fn only_an_account_that_may_see_the_body_can_be_chosen_as_its_owner() {
    let mut app = app_with_mail(None).await;
    app.sign_in_as(Role::Office).await;
    let panel = app
        .create_user("panel.member@example.test", Role::Panel)
        .await;
    app.post_form("/actions/2/owner", &[("user_id", &panel.to_string())])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Choose an account from the list");
    app.post_form("/actions/2/owner", &[("user_id", "not a number")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.count("select count(*) from action_items where owner_user_id is not null")
            .await,
        0
    );
    let owner = own(&mut app, "dci.one@example.test", &[2]).await;
    app.get("/actions/2")
        .await
        .assert_contains("dci.one@example.test");
    assert_eq!(
        app.count("select owner_user_id from action_items where id = 2")
            .await,
        owner
    );
    assert_eq!(app.audit_count("action_item", "assign").await, 1);
}

#[tokio::test]
async fn the_example_data_is_not_removed_while_a_round_asks_about_it() {
    let mut app = app_with_mail(None).await;
    app.sign_in_as(Role::Admin).await;
    own(&mut app, "dci.one@example.test", &[2]).await;
    open_round(&mut app, "").await;
    app.post_form("/admin/example-data", &[("confirm", "yes")])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("the update-request round “For the accountability board on 12 March”");
    assert_eq!(app.count("select count(*) from round_items").await, 11 - 2);
}
