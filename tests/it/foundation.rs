//! The foundation: the seeded public page, health, example data and the immutable record.

use axum::http::StatusCode;
use scrutineer::db;
use scrutineer::db::audit::Actor;
use scrutineer::db::seed::SeedOutcome;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_seeded_public_site_shows_all_twelve_derbyshire_recommendations() {
    let mut app = TestApp::seeded().await;
    app.get("/")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Derbyshire – National child protection inspection")
        .assert_contains("Edition 1, published")
        .assert_contains("href=\"/progress/inspections/1\"");
    let page = app.get("/progress/inspections/1").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("16 November 2021")
        .assert_contains("Public summary");
    for reference in 1..=12 {
        page.assert_contains(&format!(
            "<h3 class=\"govuk-heading-m\" id=\"finding-{reference}\">Recommendation {reference}</h3>"
        ));
    }
    page.assert_contains("Leaders make every department own child safeguarding");
    page.assert_contains("Detain children only when necessary");
}

#[tokio::test]
async fn before_the_first_edition_the_home_page_says_nothing_is_published_yet() {
    let mut app = TestApp::new().await;
    app.get("/")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("No progress has been published yet");
}

#[tokio::test]
async fn the_health_check_answers_when_the_database_does() {
    let mut app = TestApp::new().await;
    app.get("/healthz").await.assert_status(StatusCode::OK);
    app.state.db.close().await;
    app.get("/healthz")
        .await
        .assert_status(StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn loading_the_example_data_twice_changes_nothing() {
    let app = TestApp::seeded().await;
    let counts = table_counts(&app).await;
    let again = db::seed::load_example(
        &app.state.db,
        app.state.clock.now(),
        app.state.clock.today(),
        &Actor::system("test"),
    )
    .await
    .expect("seed again");
    assert_eq!(again, SeedOutcome::AlreadyLoaded);
    assert_eq!(table_counts(&app).await, counts);
    assert!(counts.iter().all(|(_, n)| *n > 0), "{counts:?}");
}

async fn table_counts(app: &TestApp) -> Vec<(&'static str, i64)> {
    let mut counts = Vec::new();
    for table in [
        "inspections",
        "findings",
        "action_items",
        "milestones",
        "milestone_revisions",
        "progress_updates",
        "assessments",
        "inspectorate_positions",
        "meetings",
        "measure_readings",
        "audit_events",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(&app.state.db)
            .await
            .expect("count");
        counts.push((table, n));
    }
    counts
}

async fn assert_refused(app: &TestApp, sql: &str, why: &str) {
    let error = sqlx::query(sql)
        .execute(&app.state.db)
        .await
        .expect_err("the database should refuse this");
    assert!(error.to_string().contains(why), "{sql}: {error}");
}

#[tokio::test]
async fn progress_updates_cannot_be_edited_or_deleted() {
    let app = TestApp::seeded().await;
    assert_refused(
        &app,
        "update progress_updates set narrative = 'rewritten'",
        "append-only",
    )
    .await;
    assert_refused(&app, "delete from progress_updates", "append-only").await;
}

#[tokio::test]
async fn milestone_revisions_and_audit_events_cannot_be_edited_or_deleted() {
    let app = TestApp::seeded().await;
    assert_refused(
        &app,
        "update milestone_revisions set reason = 'x'",
        "append-only",
    )
    .await;
    assert_refused(&app, "delete from milestone_revisions", "append-only").await;
    assert_refused(
        &app,
        "update audit_events set actor = 'someone else'",
        "append-only",
    )
    .await;
    assert_refused(&app, "delete from audit_events", "append-only").await;
}

#[tokio::test]
async fn a_milestones_original_due_date_cannot_change_and_its_date_moves_only_by_revision() {
    let app = TestApp::seeded().await;
    assert_refused(
        &app,
        "update milestones set original_due_on = '2030-01-01'",
        "original due date never changes",
    )
    .await;
    assert_refused(
        &app,
        "update milestones set current_due_on = '2030-01-01'",
        "moves only through a revision",
    )
    .await;
}

#[tokio::test]
async fn a_revision_moves_the_current_date_and_keeps_the_original() {
    let app = TestApp::seeded().await;
    let (id, original, current): (i64, String, String) = sqlx::query_as(
        "select id, original_due_on, current_due_on from milestones order by id limit 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("a milestone");
    sqlx::query(
        "insert into milestone_revisions
             (milestone_id, previous_due_on, new_due_on, reason_category, reason, requested_by,
              accepted_by, accepted_at)
         values (?, ?, '2031-05-05', 'resourcing', 'test', 'test', (select min(id) from users), '2026-03-02T10:00:00Z')",
    )
    .bind(id)
    .bind(&current)
    .execute(&app.state.db)
    .await
    .expect("revise");
    let after: (String, String) =
        sqlx::query_as("select original_due_on, current_due_on from milestones where id = ?")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .expect("milestone");
    assert_eq!(after, (original, "2031-05-05".to_string()));
}

#[tokio::test]
async fn the_first_start_creates_one_admin_who_must_change_the_password() {
    let app = TestApp::new().await;
    let (email, password) = scrutineer::startup::ensure_admin(&app.state.db, &app.state.clock)
        .await
        .expect("ensure admin")
        .expect("an admin was created");
    assert!(password.len() >= 12);
    let admin = db::users::find_by_email(&app.state.db, &email)
        .await
        .expect("query")
        .expect("admin");
    assert!(admin.must_change_password);
    assert!(
        scrutineer::startup::ensure_admin(&app.state.db, &app.state.clock)
            .await
            .expect("ensure admin")
            .is_none(),
        "a second start must not create another admin"
    );
}

#[tokio::test]
async fn a_page_that_does_not_exist_is_a_plain_404() {
    let mut app = TestApp::new().await;
    app.get("/no/such/page")
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_contains("Page not found");
}

/// SQLite is built (`.cargo/config.toml`) so that connections reading at once do not queue
/// for one lock: each has its own page cache, and allocations keep no shared statistics.
#[tokio::test]
async fn sqlite_gives_each_connection_its_own_page_cache() {
    let app = TestApp::new().await;
    let options: Vec<String> =
        sqlx::query_scalar("select compile_options from pragma_compile_options")
            .fetch_all(&app.state.db)
            .await
            .expect("compile options");
    assert!(
        !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
        "{options:?}"
    );
    assert!(
        options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
        "{options:?}"
    );
    assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "{options:?}");
}
