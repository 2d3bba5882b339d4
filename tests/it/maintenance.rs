//! Backup, restore and a safe start: the record survives operators' mistakes.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use scrutineer::db::audit::{self, Actor, Change};
use scrutineer::domain::vocab::{AuditAction, Entity};
use scrutineer::{db, startup};

use crate::helpers::TestApp;

async fn write_events(pool: &sqlx::SqlitePool, n: usize) {
    for i in 0..n {
        let mut tx = db::begin_write(pool).await.expect("begin");
        let change = Change {
            entity: Entity::Settings,
            entity_id: Some(i as i64),
            action: AuditAction::Update,
            before: None,
            after: None,
        };
        audit::record(&mut tx, chrono::Utc::now(), &Actor::system("test"), change)
            .await
            .expect("record");
        tx.commit().await.expect("commit");
    }
}

async fn count_events(path: &std::path::Path) -> i64 {
    let pool = startup::open(path).await.expect("open");
    let n = sqlx::query_scalar("select count(*) from audit_events")
        .fetch_one(&pool)
        .await
        .expect("count");
    pool.close().await;
    n
}

#[tokio::test]
async fn a_backup_taken_during_writes_is_whole_and_holds_what_was_committed_before_it() {
    let dir = tempfile::tempdir().expect("dir");
    let live = dir.path().join("live.db");
    let pool = startup::open(&live).await.expect("open");
    write_events(&pool, 50).await;
    let writer = {
        let pool = pool.clone();
        tokio::spawn(async move { write_events(&pool, 200).await })
    };
    let backup = dir.path().join("backup.db");
    let events = startup::backup(&live, &backup).await.expect("backup");
    writer.await.expect("writer");
    assert!(
        events >= 50,
        "the backup holds every event committed before it: {events}"
    );
    assert_eq!(
        db::maintenance::check_backup(&backup).await,
        Ok(db::maintenance::newest_known_migration())
    );
    let mut conn = db::maintenance::open_read_only(&backup)
        .await
        .expect("open backup");
    assert_eq!(
        db::audit::verify(&mut conn).await.expect("verify"),
        db::audit::Verification::Intact { events }
    );
}

#[tokio::test]
async fn a_backup_never_overwrites_an_existing_file() {
    let dir = tempfile::tempdir().expect("dir");
    let live = dir.path().join("live.db");
    startup::open(&live).await.expect("open").close().await;
    let existing = dir.path().join("existing.db");
    std::fs::write(&existing, b"precious").expect("write");
    let error = startup::backup(&live, &existing)
        .await
        .expect_err("must refuse");
    assert!(error.to_string().contains("already exists"));
    assert_eq!(std::fs::read(&existing).expect("read"), b"precious");
}

#[tokio::test]
async fn restore_refuses_to_overwrite_a_database_without_force_and_replaces_it_with_force() {
    let dir = tempfile::tempdir().expect("dir");
    let live = dir.path().join("live.db");
    let pool = startup::open(&live).await.expect("open");
    write_events(&pool, 3).await;
    pool.close().await;
    let backup = dir.path().join("backup.db");
    startup::backup(&live, &backup).await.expect("backup");
    let pool = startup::open(&live).await.expect("open");
    write_events(&pool, 7).await;
    pool.close().await;

    let error = startup::restore(&live, &backup, false)
        .await
        .expect_err("must refuse");
    assert!(error.to_string().contains("--force"), "{error}");
    assert_eq!(count_events(&live).await, 10, "nothing changed");

    startup::restore(&live, &backup, true)
        .await
        .expect("restore");
    assert_eq!(count_events(&live).await, 3);
}

#[tokio::test]
async fn restore_refuses_a_damaged_or_foreign_file() {
    let dir = tempfile::tempdir().expect("dir");
    let live = dir.path().join("live.db");
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![0x5a; 8192]).expect("write");
    let error = startup::restore(&live, &junk, true)
        .await
        .expect_err("junk refused");
    assert!(error.to_string().contains("will not restore"), "{error}");
    assert!(!live.exists(), "no database was created from junk");

    let foreign = dir.path().join("foreign.db");
    let pool = db::connect(&foreign).await.expect("connect");
    sqlx::query("create table t (x)")
        .execute(&pool)
        .await
        .expect("create");
    pool.close().await;
    let error = startup::restore(&live, &foreign, true)
        .await
        .expect_err("foreign refused");
    assert!(
        error.to_string().contains("not a Scrutineer database"),
        "{error}"
    );
}

#[tokio::test]
async fn the_server_refuses_a_database_written_by_a_newer_version() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("newer.db");
    let pool = startup::open(&path).await.expect("open");
    sqlx::query(
        "insert into _sqlx_migrations (version, description, success, checksum, execution_time)
         values (999999, 'from the future', 1, x'00', 0)",
    )
    .execute(&pool)
    .await
    .expect("insert");
    pool.close().await;
    let error = startup::open(&path).await.expect_err("must refuse");
    assert!(
        error.to_string().contains("newer version of Scrutineer"),
        "{error}"
    );
}

#[tokio::test]
async fn an_oversized_form_gets_a_clear_page_not_a_crash() {
    let mut app = TestApp::new().await;
    let body = format!("email=a%40b.c&password={}", "x".repeat(3 * 1024 * 1024));
    let request = Request::post("/sign-in")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    app.send(request)
        .await
        .assert_status(StatusCode::PAYLOAD_TOO_LARGE)
        .assert_contains("What you sent is too large");
}
