//! Append-only means append-only: the schema refuses to rewrite a protected row by REPLACE
//! or upsert, and a database whose protective triggers are gone is refused.

use scrutineer::startup;
use sqlx::SqliteConnection;

use crate::helpers::TestApp;

/// Each append-only table, a text column to try to rewrite, and the schema's refusal.
const PROTECTED: [(&str, &str, &str); 8] = [
    (
        "progress_updates",
        "narrative",
        "progress updates are append-only",
    ),
    (
        "milestone_revisions",
        "reason",
        "milestone revisions are append-only",
    ),
    ("audit_events", "actor", "audit events are append-only"),
    ("assessments", "rationale", "assessments are append-only"),
    (
        "inspectorate_positions",
        "source",
        "inspectorate positions are append-only",
    ),
    (
        "measure_readings",
        "note",
        "measure readings are append-only",
    ),
    ("editions", "note", "published editions never change"),
    ("meeting_packs", "content", "a pack of record never changes"),
];

/// The whole row, every column, as one JSON array.
async fn row(db: &mut SqliteConnection, table: &str, id: i64) -> String {
    let columns: Vec<String> = sqlx::query_scalar(&format!(
        "select name from pragma_table_info('{table}') order by cid"
    ))
    .fetch_all(&mut *db)
    .await
    .expect("columns");
    sqlx::query_scalar(&format!(
        "select json_array({}) from {table} where id = ?",
        columns.join(", ")
    ))
    .bind(id)
    .fetch_one(&mut *db)
    .await
    .expect("row")
}

async fn refused(db: &mut SqliteConnection, sql: &str, message: &str) {
    let error = sqlx::raw_sql(sql).execute(&mut *db).await.expect_err(sql);
    assert!(error.to_string().contains(message), "{sql}: {error}");
}

#[tokio::test]
async fn insert_or_replace_and_upsert_cannot_rewrite_a_protected_row() {
    let app = TestApp::seeded().await;
    app.exec(
        "insert into meeting_packs (meeting_id, content, sha256, saved_by, saved_at)
         values ((select min(id) from meetings), 'the pack', 'x', 2, '2026-03-01T10:00:00Z')",
    )
    .await;
    // One connection: the forged row sits in a temporary table.
    let mut db = app.state.db.acquire().await.expect("connection");
    for (table, column, message) in PROTECTED {
        let id = app.count(&format!("select min(id) from {table}")).await;
        let before = row(&mut db, table, id).await;
        sqlx::raw_sql(&format!(
            "create temp table forged as select * from {table} where id = {id};
             update forged set {column} = 'rewritten';"
        ))
        .execute(&mut *db)
        .await
        .expect("forge");
        refused(
            &mut db,
            &format!("insert or replace into {table} select * from forged"),
            message,
        )
        .await;
        refused(
            &mut db,
            &format!("replace into {table} select * from forged"),
            message,
        )
        .await;
        refused(
            &mut db,
            &format!(
                "insert into {table} select * from forged where true
                 on conflict (id) do update set {column} = excluded.{column}"
            ),
            message,
        )
        .await;
        assert_eq!(
            row(&mut db, table, id).await,
            before,
            "{table} row {id} changed"
        );
        sqlx::raw_sql("drop table temp.forged")
            .execute(&mut *db)
            .await
            .expect("drop");
    }
}

#[tokio::test]
async fn a_replace_by_another_unique_key_is_refused_too() {
    let app = TestApp::seeded().await;
    let mut db = app.state.db.acquire().await.expect("connection");
    let before = row(&mut db, "editions", 1).await;
    // A new id but the same edition number: REPLACE would delete edition 1 and put this in.
    refused(
        &mut db,
        "insert or replace into editions (id, number, published_at, published_by, content, sha256)
         values (99, 1, '2026-01-01T00:00:00Z', 2, '{}', 'forged')",
        "published editions never change",
    )
    .await;
    assert_eq!(row(&mut db, "editions", 1).await, before);
    let hash: String = sqlx::query_scalar("select hash from audit_events order by id limit 1")
        .fetch_one(&app.state.db)
        .await
        .expect("hash");
    refused(
        &mut db,
        &format!(
            "insert or replace into audit_events (id, at, actor, entity, action, prev_hash, hash)
             values (100000, '2026-01-01T00:00:00Z', 'forger', 'user', 'create', '', '{hash}')"
        ),
        "audit events are append-only",
    )
    .await;
}

#[tokio::test]
async fn new_rows_are_still_appended() {
    let app = TestApp::seeded().await;
    let before = app.count("select count(*) from measure_readings").await;
    app.exec(
        "insert into measure_readings (measure_id, taken_on, value, recorded_by, created_at)
         values ((select min(id) from performance_measures), '2026-02-01', 3.5, 2,
                 '2026-02-01T09:00:00Z')",
    )
    .await;
    assert_eq!(
        app.count("select count(*) from measure_readings").await,
        before + 1
    );
}

#[tokio::test]
async fn migrate_refuses_a_database_whose_protective_triggers_were_dropped() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("live.db");
    let pool = startup::open(&path).await.expect("open");
    startup::protections(&pool, &path)
        .await
        .expect("a fresh database has every trigger");
    sqlx::query("drop trigger progress_updates_no_replace")
        .execute(&pool)
        .await
        .expect("drop");
    let error = startup::protections(&pool, &path)
        .await
        .expect_err("refused");
    assert!(
        error
            .to_string()
            .contains("its protective triggers are missing (progress_updates_no_replace)"),
        "{error}"
    );
    // `scrutineer audit verify` still runs, and says so.
    let (report, intact) = startup::audit_verify(&pool).await.expect("verify");
    assert!(!intact);
    assert!(
        report.contains("BROKEN: protective triggers are missing: progress_updates_no_replace"),
        "{report}"
    );
    pool.close().await;
    // `scrutineer migrate` (and the server) open through the same check.
    let error = startup::open(&path).await.expect_err("migrate refuses");
    assert!(
        error.to_string().contains("will not use the database"),
        "{error}"
    );
    assert!(
        error.to_string().contains("progress_updates_no_replace"),
        "{error}"
    );
}

#[tokio::test]
async fn restore_refuses_a_backup_whose_protective_triggers_were_dropped() {
    let dir = tempfile::tempdir().expect("dir");
    let (live, backup) = (dir.path().join("live.db"), dir.path().join("backup.db"));
    let pool = startup::open(&backup).await.expect("open");
    sqlx::query("drop trigger audit_events_no_delete")
        .execute(&pool)
        .await
        .expect("drop");
    pool.close().await;
    let error = startup::restore(&live, &backup, true)
        .await
        .expect_err("refused");
    let message = error.to_string();
    assert!(message.contains("will not restore"), "{message}");
    assert!(
        message.contains("its protective triggers are missing (audit_events_no_delete)"),
        "{message}"
    );
    assert!(!live.exists(), "nothing was restored");
}
