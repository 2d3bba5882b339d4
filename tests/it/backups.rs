//! Backups that run themselves (`--backup-dir`): on a fast schedule, each copy is checked and
//! only the newest are kept; a failure is shown to administrators; the restore drill restores
//! the newest copy and checks it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use scrutineer::db::backups::Outcome;
use scrutineer::domain::backups::Plan;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::Role;
use scrutineer::{Security, backups};

use crate::helpers::{TestApp, test_today};

async fn app_backing_up_to(plan: Plan) -> TestApp {
    let security = Security {
        backups: Some(plan),
        ..Default::default()
    };
    let app = TestApp::with_settings(Clock::fixed_date(test_today()), security).await;
    app.load_example_data().await;
    app
}

fn plan(dir: &Path, every: Duration, keep: usize) -> Plan {
    Plan {
        dir: dir.to_path_buf(),
        every,
        keep,
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the backup folder")
        .map(|e| e.expect("entry").file_name().into_string().expect("name"))
        .collect();
    names.sort();
    names
}

/// A path no folder can be made at: it runs through a regular file.
fn unwritable(dir: &Path) -> PathBuf {
    let file = dir.join("not-a-folder");
    std::fs::write(&file, "a file").expect("write");
    file.join("backups")
}

#[tokio::test]
async fn scheduled_backups_run_each_interval_each_copy_verified_and_only_the_newest_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = plan(dir.path(), Duration::from_millis(200), 3);
    let mut app = app_backing_up_to(plan.clone()).await;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let schedule = backups::spawn(
        app.state.db.clone(),
        app.state.clock.clone(),
        plan,
        app.state.backups.clone(),
        async {
            let _ = stopped.await;
        },
    );

    let started = Instant::now();
    while app.count("select count(*) from backup_runs").await < 5 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "five backups within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        started.elapsed() >= Duration::from_millis(4 * 200),
        "the schedule waits its interval between backups"
    );
    stop.send(()).expect("stop");
    tokio::time::timeout(Duration::from_secs(30), schedule)
        .await
        .expect("the schedule stops when asked")
        .expect("the schedule ran without panicking");

    let runs = app.count("select count(*) from backup_runs").await;
    assert_eq!(
        app.count("select count(*) from backup_runs where outcome = 'verified'")
            .await,
        runs,
        "every run verified"
    );
    let kept = files_in(dir.path());
    assert_eq!(kept.len(), 3, "only the newest three are kept: {kept:?}");
    assert!(
        kept.iter()
            .all(|n| n.starts_with("scrutineer-") && n.ends_with(".db"))
    );
    let events = app.count("select count(*) from audit_events").await;
    for name in &kept {
        let copy = dir.path().join(name);
        assert_eq!(
            backups::verify(&copy).await,
            Ok(events),
            "{name} is whole, with the audit chain"
        );
    }
    assert_eq!(
        app.count("select count(*) from backup_runs where removed_at is not null")
            .await,
        runs - 3,
        "the log says which copies were removed"
    );

    app.sign_in_as(Role::Admin).await;
    let page = app.get("/admin/backups").await;
    page.assert_contains("A backup is taken every 200 milliseconds into")
        .assert_contains("the newest 3 are kept")
        .assert_contains("Verified")
        .assert_contains(&format!("{events} audit events"))
        .assert_contains(&kept[2])
        .assert_contains("older than the newest kept")
        .assert_not_contains("Failed")
        .assert_not_contains("The last backup failed");
}

#[tokio::test]
async fn a_failed_backup_is_shown_to_administrators_on_every_page_until_one_verifies() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = plan(&unwritable(dir.path()), Duration::from_secs(3600), 14);
    let mut app = app_backing_up_to(bad.clone()).await;
    let outcome =
        backups::run_once(&app.state.db, &app.state.clock, &bad, &app.state.backups).await;
    assert!(matches!(outcome, Outcome::Failed { .. }), "{outcome:?}");

    app.sign_in_as(Role::Admin).await;
    for path in ["/admin/backups", "/admin/users", "/"] {
        app.get(path)
            .await
            .assert_contains("The last backup failed")
            .assert_contains("cannot create the backup folder");
    }
    app.get("/admin/backups")
        .await
        .assert_contains("Failed")
        .assert_contains("not-a-folder");

    let mut office = app_backing_up_to(bad.clone()).await;
    backups::run_once(
        &office.state.db,
        &office.state.clock,
        &bad,
        &office.state.backups,
    )
    .await;
    office.sign_in_as(Role::Office).await;
    office
        .get("/actions")
        .await
        .assert_not_contains("The last backup failed");

    let good = plan(&dir.path().join("good"), Duration::from_secs(3600), 14);
    let outcome =
        backups::run_once(&app.state.db, &app.state.clock, &good, &app.state.backups).await;
    assert!(matches!(outcome, Outcome::Verified { .. }), "{outcome:?}");
    app.get("/admin/users")
        .await
        .assert_not_contains("The last backup failed");
}

#[tokio::test]
async fn a_failure_recorded_before_a_restart_is_still_shown_after_it() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = plan(&unwritable(dir.path()), Duration::from_secs(3600), 14);
    let app = app_backing_up_to(bad.clone()).await;
    backups::run_once(&app.state.db, &app.state.clock, &bad, &app.state.backups).await;
    let security = Security {
        backups: Some(bad),
        ..Default::default()
    };
    let restarted =
        scrutineer::startup::state(app.state.db.clone(), app.state.clock.clone(), security)
            .await
            .expect("state");
    let failure = restarted
        .backups
        .failure()
        .expect("the failure is remembered");
    assert!(failure.problem.contains("cannot create the backup folder"));
}

#[tokio::test]
async fn a_copy_whose_audit_chain_is_broken_fails_its_check_and_is_not_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = plan(dir.path(), Duration::from_secs(3600), 14);
    let app = app_backing_up_to(plan.clone()).await;
    let trigger: String =
        sqlx::query_scalar("select sql from sqlite_master where name = 'audit_events_no_update'")
            .fetch_one(&app.state.db)
            .await
            .expect("trigger");
    // On one connection, so that none sees the schema half-changed.
    app.exec(&format!(
        "drop trigger audit_events_no_update;
         update audit_events set actor = 'someone else' where id = 2;
         {trigger};"
    ))
    .await;

    let outcome =
        backups::run_once(&app.state.db, &app.state.clock, &plan, &app.state.backups).await;
    let Outcome::Failed { problem } = outcome else {
        panic!("a copy of an altered record must not verify: {outcome:?}");
    };
    assert!(problem.contains("BROKEN at event 2"), "{problem}");
    assert!(
        files_in(dir.path()).is_empty(),
        "no copy (and no partial file) is left behind"
    );
    assert!(app.state.backups.failure().is_some());
}

#[tokio::test]
async fn the_restore_drill_restores_the_newest_backup_and_checks_it() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = plan(dir.path(), Duration::from_secs(3600), 14);
    let app = app_backing_up_to(plan.clone()).await;
    for _ in 0..2 {
        backups::run_once(&app.state.db, &app.state.clock, &plan, &app.state.backups).await;
    }
    let newest = files_in(dir.path()).pop().expect("a backup");

    let (report, passed) = backups::drill(dir.path()).await.expect("drill");
    assert!(passed, "{report}");
    assert!(report.contains(&newest), "{report}");
    assert!(
        report.contains("OK: every protective trigger is in place"),
        "{report}"
    );

    std::fs::write(dir.path().join(&newest), b"not a database").expect("damage");
    let refused = backups::drill(dir.path()).await;
    assert!(
        refused.is_err(),
        "a damaged newest backup fails the drill: {refused:?}"
    );
    let empty = tempfile::tempdir().expect("dir");
    let none = backups::drill(empty.path()).await.expect_err("no backups");
    assert!(none.to_string().contains("there are no backups"), "{none}");
}

#[tokio::test]
async fn without_a_backup_folder_the_page_says_how_to_schedule_backups() {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Admin).await;
    app.get("/admin/backups")
        .await
        .assert_contains("Backups are not scheduled")
        .assert_contains("--backup-dir DIR")
        .assert_contains("No backup has been taken");
}
