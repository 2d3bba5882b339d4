//! Each dashboard page runs the same number of SQL statements whatever the size of the record.
//!
//! Statements are counted as in [`crate::statements`]. Each page is requested once to warm up
//! (the session's last-seen touch happens then) and counted on the second request, at two
//! data sizes.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;
use scrutineer::domain::vocab::{AuditAction, Entity};

use crate::helpers::TestApp;
use crate::statements;

const THREAD: &str = "dashboard-count";

const PAGES: [&str; 13] = [
    "/dashboard",
    "/dashboard?body=1&body=2",
    "/dashboard?inspection=1&rag=red&as_at=2025-06-30",
    "/dashboard/assurance",
    "/dashboard/charts",
    "/dashboard/findings?rag=green",
    "/dashboard/findings.csv",
    "/dashboard/milestones?status=missed",
    "/dashboard/milestones.csv?due=90",
    "/dashboard/actions?show=stale",
    "/dashboard/actions.csv",
    "/dashboard/arising?due=overdue",
    "/dashboard/section-55",
];

async fn statements_per_page(app: &mut TestApp) -> Vec<usize> {
    let mut counts = Vec::new();
    for page in PAGES {
        app.get(page).await.assert_status(StatusCode::OK);
        // Count the building of the snapshot, not the copy kept in memory, nor the version
        // read a moment ago.
        app.state.dashboards.clear().await;
        app.state.record_version.forget();
        statements::take(THREAD);
        app.get(page).await.assert_status(StatusCode::OK);
        counts.push(statements::take(THREAD).len());
    }
    counts
}

/// 2,000 more findings, each with an action-plan item, an update, a milestone with a
/// revision, an assessment at a meeting, an inspectorate position and an action arising.
async fn add_generated_record(app: &TestApp) {
    let statements = [
        "insert into findings (inspection_id, kind, reference, area, timescale, created_at, updated_at)
         with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000)
         select 1, 'area_for_improvement', 'G' || i, 'Generated', 'none',
                '2021-11-16T09:00:00Z', '2021-11-16T09:00:00Z' from n",
        "insert into action_items (body_id, reference, title, owner_role, owner_name, created_at, updated_at)
         select 1, 'GA' || substr(reference, 2), 'Generated action', 'Generated owner', 'Someone',
                '2021-12-01T09:00:00Z', '2021-12-01T09:00:00Z'
         from findings where reference like 'G%'",
        "insert into action_findings (action_id, finding_id)
         select a.id, f.id from action_items a join findings f on f.reference = substr(a.reference, 2)
         where a.reference like 'GA%'",
        "insert into progress_updates (action_id, as_at, rag, narrative, author_id, entered_at)
         select id, '2022-01-10', case id % 4 when 0 then 'red' when 1 then 'amber' when 2 then 'green' else 'blue' end,
                'Generated update', 1, '2022-01-10T09:00:00Z'
         from action_items where reference like 'GA%'",
        "insert into milestones (action_id, title, original_due_on, current_due_on, created_at)
         select id, 'Generated milestone', '2022-06-30', '2022-06-30', '2021-12-01T09:00:00Z'
         from action_items where reference like 'GA%'",
        "insert into milestone_revisions (milestone_id, previous_due_on, new_due_on, reason_category, reason, requested_by, accepted_by, accepted_at)
         select id, '2022-06-30', '2022-09-30', 'resourcing', 'Generated', 'Someone', 1, '2022-05-01T09:00:00Z'
         from milestones where title = 'Generated milestone'",
        "insert into assessments (finding_id, level, assessed_on, rationale, meeting_id, assessor_id, created_at)
         select id, 'limited', '2022-01-10', 'Generated', (select min(id) from meetings where status = 'held'), 1,
                '2022-01-10T09:00:00Z'
         from findings where reference like 'G%'",
        "insert into inspectorate_positions (finding_id, position, as_at, source, recorded_by, created_at)
         select id, 'open', '2022-10-21', 'Generated', 1, '2022-10-21T09:00:00Z'
         from findings where reference like 'G%'",
        "insert into actions_arising (meeting_id, finding_id, description, owner, due_on, created_at)
         select (select min(id) from meetings), id, 'Generated', 'Someone', '2026-03-20', '2022-01-10T09:00:00Z'
         from findings where reference like 'G%'",
    ];
    for sql in statements {
        sqlx::query(sql)
            .execute(&app.state.db)
            .await
            .unwrap_or_else(|e| panic!("generating failed: {e}\n{sql}"));
    }
}

#[tokio::test]
async fn every_dashboard_page_runs_the_same_number_of_queries_at_two_data_sizes() {
    statements::watch(THREAD);
    let mut app = TestApp::with_named_connection(THREAD).await;
    app.load_example_data().await;
    // A second body, and a panel member given only the first (the admin page for this
    // belongs to another change): their view is narrowed at view time, never with more
    // queries.
    app.exec("insert into inspected_bodies (id, name, created_at) values (2, 'Other Fire and Rescue Service', '2021-11-01T09:00:00Z')").await;
    let scoped = app
        .create_user("scoped.panel@example.test", Role::Panel)
        .await;
    app.exec(&format!(
        "insert into user_bodies (user_id, body_id) values ({scoped}, 1)"
    ))
    .await;
    app.sign_in_as_existing("scoped.panel@example.test").await;
    let seeded_scoped = statements_per_page(&mut app).await;
    app.forget_session();
    app.sign_in_as(Role::Panel).await;
    let seeded = statements_per_page(&mut app).await;
    add_generated_record(&app).await;
    let findings: i64 = sqlx::query_scalar("select count(*) from findings")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(findings, 2018);
    let larger = statements_per_page(&mut app).await;
    app.forget_session();
    app.sign_in_as_existing("scoped.panel@example.test").await;
    let larger_scoped = statements_per_page(&mut app).await;
    assert_eq!(
        seeded_scoped, larger_scoped,
        "statements per page for a scoped panel member for {PAGES:?}"
    );
    assert_eq!(seeded, seeded_scoped, "a scope costs no extra statement");
    assert!(
        seeded.iter().all(|n| *n >= 9),
        "the counter sees the snapshot queries: {seeded:?}"
    );
    println!("statements per page: {seeded:?}");
    assert_eq!(seeded, larger, "statements per page for {PAGES:?}");
}

#[tokio::test]
async fn the_kept_dashboard_is_rebuilt_when_a_change_is_recorded() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let title = "A report added after the dashboard was kept";
    app.get("/dashboard")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains(title);
    // A change as the application makes it: the row and its audit event in one transaction.
    let mut tx = scrutineer::db::begin_write(&app.state.db)
        .await
        .expect("begin");
    sqlx::query(
        "insert into inspections (body_id, title, kind, published_on, created_at, updated_at)
         values (1, ?, 'peel', '2026-02-01', '2026-02-01T09:00:00Z', '2026-02-01T09:00:00Z')",
    )
    .bind(title)
    .execute(&mut *tx)
    .await
    .expect("insert");
    let change = scrutineer::db::audit::Change {
        entity: Entity::Inspection,
        entity_id: None,
        action: AuditAction::Create,
        before: None,
        after: None,
    };
    let actor = scrutineer::db::audit::Actor::system("test");
    scrutineer::db::audit::record(&mut tx, app.state.clock.now(), &actor, change)
        .await
        .expect("audit");
    tx.commit().await.expect("commit");
    app.get("/dashboard")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(title);
}
