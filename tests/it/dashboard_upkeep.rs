//! The dashboards' snapshot kept up to date as people write: a change to one body's records
//! reloads only that body's part, and the snapshot kept is, after every change, the one a
//! whole load gives.

use std::sync::Arc;

use axum::http::StatusCode;
use scrutineer::db;
use scrutineer::domain::dashboard::DashboardSnapshot;
use scrutineer::domain::vocab::{Role, TokenAccess};
use serde_json::json;

use crate::helpers::{TestApp, test_today};
use crate::milestones::revision;
use crate::scoped_lists::{Warwickshire, the_office_adds_warwickshire};
use crate::statements;

/// The snapshot kept for the record as it is now (panics if none is kept for it).
async fn kept(app: &TestApp) -> Arc<DashboardSnapshot> {
    let version = db::audit::latest_id(&app.state.db).await.expect("head");
    let none = || sqlx::Error::RowNotFound;
    app.state
        .dashboards
        .get_or_load(test_today(), version, async { Err(none()) }, |_| async {
            Err(none())
        })
        .await
        .expect("a snapshot kept for the latest change")
}

async fn whole(app: &TestApp) -> DashboardSnapshot {
    let mut conn = app.state.db.acquire().await.expect("connection");
    db::dashboard::snapshot(&mut conn, test_today())
        .await
        .expect("whole snapshot")
}

/// Open the dashboard (bringing the snapshot up to date) and compare it with a whole load.
async fn the_dashboard_agrees_with_a_whole_load(app: &mut TestApp, after: &str) {
    app.get("/dashboard").await.assert_status(StatusCode::OK);
    let kept = kept(app).await;
    assert_eq!(*kept, whole(app).await, "after {after}");
}

async fn post(app: &mut TestApp, path: &str, fields: &[(&str, &str)]) {
    app.post_form(path, fields)
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

fn update(narrative: &str) -> Vec<(&str, &str)> {
    vec![
        ("as_at_day", "1"),
        ("as_at_month", "3"),
        ("as_at_year", "2026"),
        ("rag", "red"),
        ("narrative", narrative),
    ]
}

#[tokio::test]
async fn after_every_kind_of_change_the_kept_snapshot_is_the_one_a_whole_load_gives() {
    let mut app = TestApp::seeded().await;
    let Warwickshire {
        action, finding, ..
    } = the_office_adds_warwickshire(&mut app).await;
    the_dashboard_agrees_with_a_whole_load(&mut app, "the first load").await;

    post(
        &mut app,
        &format!("/actions/{action}/updates"),
        &update("Behind plan."),
    )
    .await;
    the_dashboard_agrees_with_a_whole_load(&mut app, "an update on Warwickshire").await;

    post(
        &mut app,
        "/findings/1/updates",
        &update("Finding-level note."),
    )
    .await;
    post(&mut app, "/actions/5/updates", &update("Two at once.")).await;
    the_dashboard_agrees_with_a_whole_load(&mut app, "updates on both bodies").await;

    let assessment = [
        ("level", "limited"),
        ("rationale", "Dip sample shows partial compliance."),
        ("assessed_on_day", "1"),
        ("assessed_on_month", "3"),
        ("assessed_on_year", "2026"),
    ];
    post(
        &mut app,
        &format!("/findings/{finding}/assessments"),
        &assessment,
    )
    .await;
    let position = [
        ("position", "met"),
        ("as_at_day", "1"),
        ("as_at_month", "3"),
        ("as_at_year", "2026"),
        ("source", "Revisit letter"),
    ];
    post(&mut app, "/findings/2/positions", &position).await;
    the_dashboard_agrees_with_a_whole_load(&mut app, "an assessment and a position").await;

    post(
        &mut app,
        "/milestones/17/revise",
        &revision("30", "9", "2026"),
    )
    .await;
    let block = [
        ("blocked_by", "The national vetting portal"),
        ("since_day", "1"),
        ("since_month", "2"),
        ("since_year", "2026"),
        ("version", "1"),
    ];
    post(&mut app, "/actions/5/block", &block).await;
    the_dashboard_agrees_with_a_whole_load(&mut app, "a revision and a block").await;

    let withdraw = [
        ("reason", "Entered twice."),
        ("on_day", "2"),
        ("on_month", "3"),
        ("on_year", "2026"),
    ];
    post(
        &mut app,
        &format!("/findings/{finding}/withdraw"),
        &withdraw,
    )
    .await;
    the_dashboard_agrees_with_a_whole_load(&mut app, "a withdrawn finding").await;
    post(&mut app, &format!("/findings/{finding}/restore"), &[]).await;
    the_dashboard_agrees_with_a_whole_load(&mut app, "the finding restored").await;

    let force = app.create_user("tracker@example.test", Role::Force).await;
    let token = app.make_token(force, TokenAccess::ReadWrite).await;
    let body = json!({ "rag": "green", "narrative": "Through the API.", "as_at": "2026-03-01" });
    let path = format!("/api/v1/actions/{action}/updates");
    app.api("POST", &path, Some(&token), Some("u-1"), Some(&body))
        .await
        .assert_status(StatusCode::CREATED);
    the_dashboard_agrees_with_a_whole_load(&mut app, "an update through the API").await;
}

const THREAD: &str = "dashboard-upkeep";

#[tokio::test]
async fn a_change_to_one_bodys_records_reloads_only_that_bodys_part() {
    statements::watch(THREAD);
    let mut app = TestApp::with_named_connection(THREAD).await;
    app.load_example_data().await;
    app.sign_in_as(Role::Office).await;
    app.get("/dashboard").await.assert_status(StatusCode::OK);
    let whole_load = statements::take(THREAD);
    let loads_bodies = |sql: &[String]| {
        sql.iter()
            .any(|s| s.starts_with("select id, name, kind from inspected_bodies"))
    };
    assert!(loads_bodies(&whole_load), "the first load is whole");

    post(&mut app, "/actions/5/updates", &update("Behind plan.")).await;
    statements::take(THREAD);
    app.get("/dashboard").await.assert_status(StatusCode::OK);
    let upkeep = statements::take(THREAD);
    assert!(
        upkeep.iter().any(|s| s.contains("json_each(?2)")),
        "the part of body 1 was loaded: {upkeep:#?}"
    );
    assert!(!loads_bodies(&upkeep), "not a whole load: {upkeep:#?}");
    assert_eq!(*kept(&app).await, whole(&app).await);

    let rename = [
        ("name", "Derbyshire Constabulary (renamed)"),
        ("kind", "police_force"),
    ];
    app.post_form("/bodies/1", &rename).await;
    statements::take(THREAD);
    app.get("/dashboard").await.assert_status(StatusCode::OK);
    let after_rename = statements::take(THREAD);
    assert!(
        loads_bodies(&after_rename),
        "a change to a body loads everything again: {after_rename:#?}"
    );
}
