//! A full disk: a save is refused whole with a plain message and the form as it was typed;
//! pages can still be read; /healthz says the disk is full; once there is space again, saving
//! works. The full disk is SQLite's page limit (`pragma max_page_count`) on every connection
//! of the pool: SQLite answers SQLITE_FULL exactly as it does when the disk runs out. And a
//! save once acknowledged survives a power cut (synchronous = FULL).

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;
use scrutineer::startup;

use crate::helpers::TestApp;

fn update(narrative: &str) -> Vec<(&str, &str)> {
    vec![
        ("as_at_day", "27"),
        ("as_at_month", "2"),
        ("as_at_year", "2026"),
        ("rag", "amber"),
        ("narrative", narrative),
        ("evidence", "Dip sample, February 2026."),
        ("public_summary", ""),
    ]
}

/// Set SQLite's page limit on every connection the pool can hand out: `Some(1)` is "no room
/// to grow" (SQLite raises a limit below the file's size to its size), `None` lifts it.
async fn limit_pages(app: &TestApp, limit: Option<u32>) {
    let pool = &app.state.db;
    let pragma = format!(
        "pragma max_page_count = {}",
        limit.map_or(u32::MAX - 1, |n| n)
    );
    // Holding each connection while taking the next makes the pool open all of them.
    let mut held = Vec::new();
    for _ in 0..pool.options().get_max_connections() {
        let mut conn = pool.acquire().await.expect("connection");
        sqlx::query(&pragma)
            .execute(&mut *conn)
            .await
            .expect("page limit");
        held.push(conn);
    }
}

#[tokio::test]
async fn on_a_full_disk_a_save_is_refused_whole_reads_go_on_and_saving_resumes_with_space() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    app.get("/healthz").await.assert_status(StatusCode::OK);
    // No free pages left inside the file either: every new row then needs the file to grow.
    app.exec("vacuum").await;
    let updates = app.count("select count(*) from progress_updates").await;
    let events = app.count("select count(*) from audit_events").await;

    limit_pages(&app, Some(1)).await;
    // Long enough to need pages of its own wherever it is stored.
    let narrative = format!(
        "Typed while the disk was full. {}",
        "Workload review. ".repeat(600)
    );
    let refused = app
        .post_form("/actions/5/updates", &update(&narrative))
        .await;
    refused
        .assert_status(StatusCode::INSUFFICIENT_STORAGE)
        .assert_contains("Your change could not be saved")
        .assert_contains("Nothing was changed")
        // The form again, holding what was typed.
        .assert_contains("name=\"narrative\"")
        .assert_contains(&narrative)
        .assert_contains("Dip sample, February 2026.");
    assert_eq!(
        app.count("select count(*) from progress_updates").await,
        updates,
        "no half-written update"
    );
    assert_eq!(
        app.count("select count(*) from audit_events").await,
        events,
        "no audit event for a change that was not made"
    );

    app.get("/actions/5")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("Typed while the disk was full.");
    app.get("/healthz")
        .await
        .assert_status(StatusCode::SERVICE_UNAVAILABLE)
        .assert_contains("storage full");
    let integrity: String = sqlx::query_scalar("pragma integrity_check")
        .fetch_one(&app.state.db)
        .await
        .expect("integrity check");
    assert_eq!(integrity, "ok");
    let (report, intact) = startup::audit_verify(&app.state.db)
        .await
        .expect("audit verify");
    assert!(intact, "{report}");

    limit_pages(&app, None).await;
    app.get("/healthz")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("ok");
    let saved = app
        .post_form("/actions/5/updates", &update(&narrative))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        app.count("select count(*) from progress_updates").await,
        updates + 1
    );
    app.get("/actions/5")
        .await
        .assert_contains("Typed while the disk was full.");
}

#[tokio::test]
async fn a_change_with_no_form_to_show_again_answers_the_plain_not_saved_page() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    // A long description: the unblock's audit event, which holds the action before and
    // after, then needs pages of its own.
    let long = "Recruit and train the analysts. ".repeat(250);
    app.exec(&format!(
        "update action_items set description = '{long}' where id = 9"
    ))
    .await;
    let fields = [
        ("blocked_by", "National Police Chiefs Council"),
        ("since_day", "1"),
        ("since_month", "2"),
        ("since_year", "2026"),
        ("version", "1"),
    ];
    app.post_form("/actions/9/block", &fields)
        .await
        .assert_redirect_to("/actions/9");
    app.exec("vacuum").await;
    let events = app.count("select count(*) from audit_events").await;

    limit_pages(&app, Some(1)).await;
    app.post_form("/actions/9/unblock", &[("version", "2")])
        .await
        .assert_status(StatusCode::INSUFFICIENT_STORAGE)
        .assert_contains("Your change could not be saved")
        .assert_contains("nothing was changed")
        .assert_contains("back button");
    assert_eq!(app.count("select count(*) from audit_events").await, events);
    assert_eq!(
        app.count("select count(*) from action_items where id = 9 and blocked_by is not null")
            .await,
        1,
        "still blocked"
    );
}

#[tokio::test]
async fn every_connection_commits_durably_through_a_power_cut() {
    let app = TestApp::new().await;
    let pool = &app.state.db;
    let mut held = Vec::new();
    for _ in 0..pool.options().get_max_connections() {
        let mut conn = pool.acquire().await.expect("connection");
        // 2 is FULL: the write-ahead log is synced at every commit, not only at checkpoints.
        let synchronous: i64 = sqlx::query_scalar("pragma synchronous")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        assert_eq!(synchronous, 2);
        held.push(conn);
    }
}
