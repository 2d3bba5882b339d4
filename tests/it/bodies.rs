//! Inspected bodies managed in the browser by the office: adding, renaming, changing the kind
//! and merging a duplicate; the inspection form's choice of body; users who belong to bodies.

use axum::http::StatusCode;
use scrutineer::auth::OFFICE;
use scrutineer::domain::vocab::Role;
use scrutineer::startup;

use crate::helpers::{TestApp, assert_only_these_roles};

/// The office adds a body through the form; its id.
async fn add_body(app: &mut TestApp, name: &str, kind: &str) -> i64 {
    app.post_form("/bodies", &[("name", name), ("kind", kind)])
        .await
        .assert_redirect_to("/bodies");
    sqlx::query_scalar("select id from inspected_bodies where name = ?")
        .bind(name)
        .fetch_one(&app.state.db)
        .await
        .expect("added")
}

async fn body_of(app: &TestApp, table: &str, id: i64) -> i64 {
    sqlx::query_scalar(&format!("select body_id from {table} where id = ?"))
        .bind(id)
        .fetch_one(&app.state.db)
        .await
        .expect("row")
}

#[tokio::test]
async fn only_the_office_manages_bodies() {
    for (method, path) in [
        ("GET", "/bodies"),
        ("GET", "/bodies/new"),
        ("POST", "/bodies"),
        ("GET", "/bodies/1/edit"),
        ("POST", "/bodies/1"),
        ("GET", "/bodies/1/merge"),
        ("POST", "/bodies/1/merge"),
    ] {
        assert_only_these_roles(method, path, OFFICE).await;
    }
}

#[tokio::test]
async fn the_office_lists_bodies_with_their_inspections_and_actions() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/inspections")
        .await
        .assert_contains("href=\"/bodies\"");
    let actions = app
        .count("select count(*) from action_items where body_id = 1")
        .await
        .to_string();
    app.get("/bodies")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Derbyshire Constabulary")
        .assert_contains("Police force")
        .assert_contains(&format!("numeric\">{actions}</td>"))
        .assert_contains("href=\"/bodies/1/merge\"");
}

#[tokio::test]
async fn the_office_adds_a_body_and_a_name_taken_in_any_case_is_refused() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let id = add_body(
        &mut app,
        "Derbyshire Fire and Rescue Service",
        "fire_and_rescue_service",
    )
    .await;
    let kind: String = sqlx::query_scalar("select kind from inspected_bodies where id = ?")
        .bind(id)
        .fetch_one(&app.state.db)
        .await
        .expect("kind");
    assert_eq!(kind, "fire_and_rescue_service");
    assert_eq!(app.audit_count("inspected_body", "create").await, 1);
    app.get("/bodies")
        .await
        .assert_contains("Fire and rescue service");
    app.post_form(
        "/bodies",
        &[
            ("name", "DERBYSHIRE constabulary"),
            ("kind", "police_force"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("There is already a body called Derbyshire Constabulary")
    .assert_contains("value=\"DERBYSHIRE constabulary\"");
    app.post_form("/bodies", &[("name", " "), ("kind", "")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Enter the name of the body")
        .assert_contains("Choose what kind of body it is");
    assert_eq!(app.count("select count(*) from inspected_bodies").await, 2);
}

#[tokio::test]
async fn the_office_renames_a_body_and_changes_its_kind_each_audited() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let id = add_body(&mut app, "Derbyshire Fire", "police_force").await;
    let edit = format!("/bodies/{id}/edit");
    app.get(&edit)
        .await
        .assert_contains("value=\"Derbyshire Fire\"");
    let path = format!("/bodies/{id}");
    app.post_form(
        &path,
        &[
            ("name", "Derbyshire Fire and Rescue Service"),
            ("kind", "police_force"),
        ],
    )
    .await
    .assert_redirect_to("/bodies");
    app.post_form(
        &path,
        &[
            ("name", "Derbyshire Fire and Rescue Service"),
            ("kind", "fire_and_rescue_service"),
        ],
    )
    .await
    .assert_redirect_to("/bodies");
    assert_eq!(app.audit_count("inspected_body", "rename").await, 1);
    assert_eq!(app.audit_count("inspected_body", "update").await, 1);
    let (before, after): (String, String) = sqlx::query_as(
        "select before, after from audit_events where entity = 'inspected_body' and action = 'rename'",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("rename event");
    assert!(before.contains("\"Derbyshire Fire\""), "{before}");
    assert!(
        after.contains("Derbyshire Fire and Rescue Service"),
        "{after}"
    );
    app.post_form(
        &path,
        &[
            ("name", "derbyshire constabulary"),
            ("kind", "police_force"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("There is already a body called Derbyshire Constabulary");
    app.get("/bodies/99/edit")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn merging_a_duplicate_moves_its_inspections_actions_and_users_and_the_chain_verifies() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let target = add_body(&mut app, "Derbyshire Police", "police_force").await;
    // A force user of both bodies, and (seeded) one of the duplicate only.
    let both = app.create_user("both@example.test", Role::Force).await;
    let inspections = app
        .count("select count(*) from inspections where body_id = 1")
        .await;
    let actions = app
        .count("select count(*) from action_items where body_id = 1")
        .await;
    let trail = "select count(*) from audit_events where entity in ('inspection', 'action_item')";
    let events = app.count(trail).await;
    app.get("/bodies/1/merge")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Merge Derbyshire Constabulary into another body")
        .assert_contains(&format!("{inspections} inspections"))
        .assert_contains("Derbyshire Police (Police force)");
    let merge = "/bodies/1/merge";
    app.post_form(merge, &[("target_id", &target.to_string())])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Confirm that this body");
    app.post_form(
        merge,
        &[("target_id", &target.to_string()), ("confirm", "yes")],
    )
    .await
    .assert_redirect_to("/bodies");
    assert_eq!(
        app.count("select count(*) from inspected_bodies where id = 1")
            .await,
        0
    );
    let moved = |table: &str| format!("select count(*) from {table} where body_id = {target}");
    assert_eq!(app.count(&moved("inspections")).await, inspections);
    assert_eq!(app.count(&moved("action_items")).await, actions);
    assert_eq!(body_of(&app, "inspections", 1).await, target);
    assert_eq!(body_of(&app, "action_items", 1).await, target);
    assert_eq!(app.count(trail).await, events, "their audit trail is kept");
    let memberships = format!("select count(*) from user_bodies where user_id = {both}");
    assert_eq!(app.count(&memberships).await, 1);
    let seeded_force_user = "select body_id from user_bodies where user_id = 3";
    assert_eq!(app.count(seeded_force_user).await, target);
    assert_eq!(
        app.count("select count(*) from user_bodies where body_id = 1")
            .await,
        0
    );
    assert_eq!(app.audit_count("inspected_body", "merge").await, 1);
    let (entity_id, after): (i64, String) =
        sqlx::query_as("select entity_id, after from audit_events where action = 'merge'")
            .fetch_one(&app.state.db)
            .await
            .expect("merge event");
    assert_eq!(entity_id, target);
    assert!(after.contains("Derbyshire Constabulary"), "{after}");
    assert!(after.contains("Derbyshire Police"), "{after}");
    assert!(after.contains(&format!("\"actions\":{actions}")), "{after}");
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(intact, "{report}");
    // The force user now reaches the moved action through the body they were moved to.
    app.sign_in_as_existing("both@example.test").await;
    app.get("/actions/1").await.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn a_merge_with_clashing_action_references_is_refused_and_changes_nothing() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let target = add_body(&mut app, "Derbyshire Police", "police_force").await;
    // Setup: the duplicate's references already used by actions of the target.
    for reference in ["CP-02", "CP-01"] {
        sqlx::query(
            "insert into action_items (body_id, reference, title, created_at, updated_at)
             values (?, ?, 'Clashing action', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')",
        )
        .bind(target)
        .bind(reference)
        .execute(&app.state.db)
        .await
        .expect("clashing action");
    }
    let before = app
        .count("select count(*) from action_items where body_id = 1")
        .await;
    let events = app.count("select count(*) from audit_events").await;
    app.post_form(
        "/bodies/1/merge",
        &[("target_id", &target.to_string()), ("confirm", "yes")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("the action references CP-01, CP-02 are used by both")
    .assert_contains("selected>Derbyshire Police");
    assert_eq!(app.count("select count(*) from inspected_bodies").await, 2);
    assert_eq!(
        app.count("select count(*) from action_items where body_id = 1")
            .await,
        before
    );
    assert_eq!(
        app.count("select count(*) from inspections where body_id = 1")
            .await,
        2
    );
    assert_eq!(app.count("select count(*) from audit_events").await, events);
    app.post_form("/bodies/1/merge", &[("target_id", "1"), ("confirm", "yes")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Choose a different body");
}

#[tokio::test]
async fn choosing_a_body_and_typing_a_new_one_at_once_is_refused_with_what_was_typed() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let form = [
        ("body_id", "1"),
        ("new_body", "Derbyshire Fire and Rescue Service"),
        ("title", "Fire inspection 2022"),
        ("kind", "fire"),
        ("source", "hmicfrs"),
        ("published_on_day", "15"),
        ("published_on_month", "2"),
        ("published_on_year", "2022"),
    ];
    app.post_form("/inspections", &form)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("not both")
        .assert_contains("value=\"Derbyshire Fire and Rescue Service\"")
        .assert_contains("value=\"Fire inspection 2022\"");
    assert_eq!(app.count("select count(*) from inspected_bodies").await, 1);
    assert_eq!(app.count("select count(*) from inspections").await, 2);
}

#[tokio::test]
async fn a_force_user_given_a_body_on_their_page_sees_its_actions_and_not_another_bodys() {
    let mut app = TestApp::seeded().await;
    // Made before the second body exists: they belong to Derbyshire Constabulary only.
    let force = app.create_user("liaison@example.test", Role::Force).await;
    app.sign_in_as(Role::Admin).await;
    let fire = add_body(
        &mut app,
        "Derbyshire Fire and Rescue Service",
        "fire_and_rescue_service",
    )
    .await;
    // Setup: an action of the fire service.
    let action: i64 = sqlx::query_scalar(
        "insert into action_items (body_id, reference, title, created_at, updated_at)
         values (?, 'FRS-01', 'Fire action', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')
         returning id",
    )
    .bind(fire)
    .fetch_one(&app.state.db)
    .await
    .expect("fire action");
    let page = format!("/admin/users/{force}");
    app.post_form(
        &page,
        &[
            ("display_name", "Liaison"),
            ("role", "force"),
            ("bodies", &fire.to_string()),
            ("version", "1"),
        ],
    )
    .await
    .assert_redirect_to(&page);
    app.forget_session();
    app.sign_in_as_existing("liaison@example.test").await;
    app.get(&format!("/actions/{action}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Fire action");
    app.get("/actions/1")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}
