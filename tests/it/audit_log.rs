//! The audit log: the administrators' page, and the hash chain catching a changed event.

use axum::http::StatusCode;
use scrutineer::db;
use scrutineer::db::audit::{self, Actor, Change};
use scrutineer::domain::accounts::NewAccount;
use scrutineer::domain::vocab::Role;
use scrutineer::domain::vocab::{AuditAction, Entity};
use scrutineer::record::accounts;
use scrutineer::startup;

use crate::helpers::TestApp;

async fn add_accounts(app: &TestApp, count: usize) {
    for i in 0..count {
        let account = NewAccount {
            email: format!("person{i}@example.test"),
            display_name: format!("Person {i}"),
            role: Role::Panel,
        };
        accounts::create(
            &app.state.db,
            app.state.clock.now(),
            &Actor::system("test"),
            &account,
        )
        .await
        .expect("create");
    }
}

#[tokio::test]
async fn an_event_edited_behind_the_logs_back_is_found_by_verify() {
    let mut app = TestApp::seeded().await;
    add_accounts(&app, 3).await;
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(intact, "{report}");
    let chain = report.lines().next().expect("the chain's line");
    assert!(
        chain.starts_with("OK: ") && chain.ends_with(" events"),
        "{report}"
    );
    let target: i64 = sqlx::query_scalar(
        "select id from audit_events where entity = 'user' order by id limit 1 offset 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("event");
    sqlx::query("drop trigger audit_events_no_update")
        .execute(&app.state.db)
        .await
        .expect("drop trigger");
    sqlx::query("update audit_events set actor = 'someone else' where id = ?")
        .bind(target)
        .execute(&app.state.db)
        .await
        .expect("tamper");
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(!intact);
    assert_eq!(
        report.lines().next(),
        Some(format!("BROKEN at event {target}: its content does not match its hash").as_str())
    );
    app.sign_in_as(Role::Admin).await;
    app.get("/admin/audit?verify=1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(&format!("The chain is broken at event {target}"));
}

#[tokio::test]
async fn the_audit_page_verifies_the_chain_and_filters_events() {
    let mut app = TestApp::seeded().await;
    add_accounts(&app, 2).await;
    app.sign_in_as(Role::Admin).await;
    app.get("/admin/audit?verify=1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("The chain is intact");
    let users = app.get("/admin/audit?entity=user").await;
    users
        .assert_contains("person1@example.test")
        .assert_not_contains("example_data");
    // Newest first.
    let (one, zero) = (
        users.body.find("person1@").unwrap(),
        users.body.find("person0@").unwrap(),
    );
    assert!(one < zero);
    app.get("/admin/audit?actor=nobody-like-this")
        .await
        .assert_contains("No events match")
        .assert_contains("value=\"nobody-like-this\"");
    app.get("/admin/audit?from_day=3&from_month=3&from_year=2026")
        .await
        .assert_contains("No events match")
        .assert_contains("value=\"2026\"");
    app.get("/admin/audit?to_day=2&to_month=3&to_year=2026")
        .await
        .assert_contains("person0@example.test");
    app.get("/admin/audit?from_day=31&from_month=2&from_year=2026")
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be a real date");
}

#[tokio::test]
async fn the_audit_page_shows_a_hundred_events_at_a_time_with_a_link_to_older_ones() {
    let mut app = TestApp::new().await;
    for i in 0..105 {
        let mut tx = db::begin_write(&app.state.db).await.expect("begin");
        let change = Change {
            entity: Entity::User,
            entity_id: Some(i),
            action: AuditAction::Create,
            before: None,
            after: Some(serde_json::json!({ "email": format!("person{i}@example.test") })),
        };
        audit::record(
            &mut tx,
            app.state.clock.now(),
            &Actor::system("test"),
            change,
        )
        .await
        .expect("record");
        tx.commit().await.expect("commit");
    }
    app.sign_in_as(Role::Admin).await;
    let first = app.get("/admin/audit?entity=user").await;
    first
        .assert_contains("Older events")
        .assert_not_contains("person4@example.test");
    let rows = first
        .body
        .matches("<tr class=\"govuk-table__row\">")
        .count();
    assert_eq!(rows, 101, "a header row and 100 events");
    let start = first.body.find("href=\"/admin/audit?").expect("older link") + 6;
    let end = first.body[start..].find('"').expect("end") + start;
    let older = first.body[start..end].replace("&amp;", "&");
    assert!(older.contains("entity=user"), "{older}");
    app.get(&older)
        .await
        .assert_contains("person0@example.test")
        .assert_contains("person4@example.test")
        .assert_not_contains("person5@example.test")
        .assert_not_contains("Older events");
}

#[tokio::test]
async fn only_admins_may_read_the_audit_log() {
    let mut app = TestApp::new().await;
    app.get("/admin/audit")
        .await
        .assert_redirect_to("/sign-in?next=/admin/audit");
    for role in [Role::Office, Role::Force, Role::Panel] {
        app.forget_session();
        app.sign_in_as(role).await;
        app.get("/admin/audit")
            .await
            .assert_status(StatusCode::FORBIDDEN);
    }
}
