//! Tamper evidence from outside: every edition file carries the audit chain's head, its
//! fingerprint is the SHA-256 of the bytes served, `audit verify --against-edition` finds a
//! shortened or rewritten history, `audit verify` checks every append-only table, and an
//! altered edition is refused rather than served.

use axum::http::StatusCode;
use scrutineer::db::audit::{self, AuditRow};
use scrutineer::db::editions;
use scrutineer::domain::edition::{PublishedFile, content_hash};
use scrutineer::domain::vocab::Role;
use scrutineer::startup;

use crate::helpers::TestApp;

/// The example data, then a second edition published by the office after a few more events.
async fn two_editions() -> TestApp {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form("/publishing/editions", &[("note", "Second edition")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.sign_in_as(Role::Admin).await;
    app.forget_session();
    app
}

async fn file(app: &mut TestApp, n: i64) -> String {
    let response = app.get(&format!("/data/editions/{n}.json")).await;
    response.assert_status(StatusCode::OK);
    response.body.clone()
}

async fn drop_triggers(app: &TestApp, names: &[&str]) {
    for name in names {
        app.exec(&format!("drop trigger {name}")).await;
    }
}

#[tokio::test]
async fn each_edition_file_carries_the_chain_head_it_saw() {
    let mut app = two_editions().await;
    let body = file(&mut app, 2).await;
    let published = PublishedFile::parse(body.as_bytes()).expect("an edition file");
    assert_eq!(published.edition, 2);
    let head = published.chain_head.expect("the chain head");
    // The newest event before the edition's own publish event.
    let publish_event = app
        .count("select id from audit_events where entity = 'edition' and entity_id = 2")
        .await;
    let before: (i64, String) =
        sqlx::query_as("select id, hash from audit_events where id < ? order by id desc limit 1")
            .bind(publish_event)
            .fetch_one(&app.state.db)
            .await
            .expect("event");
    assert_eq!((head.event_id, head.hash.clone()), before);
    assert!(body.contains("\"chainHead\""), "{body}");
    assert!(body.contains(&head.hash));
    // The latest edition's file is the same bytes.
    assert_eq!(app.get("/data/latest.json").await.body, body);
}

#[tokio::test]
async fn the_fingerprint_on_the_editions_page_is_the_sha256_of_the_file_served() {
    let mut app = two_editions().await;
    let page = app.get("/editions").await;
    for n in [1, 2] {
        let body = file(&mut app, n).await;
        let fingerprint = content_hash(&body);
        page.assert_contains(&format!("<code class=\"app-hash\">{fingerprint}</code>"));
    }
    app.get("/about")
        .await
        .assert_contains("/data/editions/2.json | sha256sum");
}

#[tokio::test]
async fn verify_against_an_edition_passes_on_an_intact_history() {
    let mut app = two_editions().await;
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(intact, "{report}");
    assert!(
        report.contains("OK: editions: 2 rows, each as its audit event recorded"),
        "{report}"
    );
    let (report, intact) = startup::audit_verify_against(&app.state.db, "2")
        .await
        .expect("verify");
    assert!(intact, "{report}");
    assert!(
        report.contains("OK: the history edition 2 saw is intact"),
        "{report}"
    );
    // Someone outside holding the downloaded file can ask the same.
    let dir = tempfile::tempdir().expect("dir");
    let held = dir.path().join("2.json");
    std::fs::write(&held, file(&mut app, 2).await).expect("write");
    let (report, intact) = startup::audit_verify_against(&app.state.db, held.to_str().unwrap())
        .await
        .expect("verify");
    assert!(intact, "{report}");
    assert!(
        report.contains("is edition 2 as published here"),
        "{report}"
    );
}

#[tokio::test]
async fn a_shortened_history_is_found_by_verify_against_the_edition() {
    let app = two_editions().await;
    let head = app
        .count("select id from audit_events where entity = 'edition' and entity_id = 2")
        .await
        - 1;
    // Cut the log back to before the event edition 2 saw as its head: what remains still
    // links from the start, so the chain alone would look intact.
    drop_triggers(&app, &["audit_events_no_delete"]).await;
    app.exec(&format!("delete from audit_events where id >= {head}"))
        .await;
    let chain = audit::verify(&app.state.db).await.expect("verify");
    assert!(
        matches!(chain, audit::Verification::Intact { .. }),
        "{chain:?}"
    );
    let (report, intact) = startup::audit_verify_against(&app.state.db, "2")
        .await
        .expect("verify");
    assert!(!intact);
    assert!(
        report.contains(&format!(
            "BROKEN: edition 2: event {head} it saw is no longer in the log: the history was shortened"
        )),
        "{report}"
    );
    // The plain check compares every edition's chain head with the log too.
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(!intact, "{report}");
    assert!(
        report.contains("BROKEN: editions: edition 2: event"),
        "{report}"
    );
}

#[tokio::test]
async fn a_rewritten_and_rehashed_history_is_found_by_verify_against_the_edition() {
    let app = two_editions().await;
    drop_triggers(&app, &["audit_events_no_update"]).await;
    // Rewrite an early event, then recompute every hash after it so the chain links again.
    app.exec("update audit_events set actor = 'someone else' where id = 1")
        .await;
    let rows: Vec<AuditRow> = sqlx::query_as("select * from audit_events order by id")
        .fetch_all(&app.state.db)
        .await
        .expect("events");
    let mut prev = audit::GENESIS.to_string();
    for mut row in rows {
        row.prev_hash = prev.clone();
        row.hash = audit::event_hash(&row);
        sqlx::query("update audit_events set prev_hash = ?, hash = ? where id = ?")
            .bind(&row.prev_hash)
            .bind(&row.hash)
            .bind(row.id)
            .execute(&app.state.db)
            .await
            .expect("rehash");
        prev = row.hash;
    }
    let chain = audit::verify(&app.state.db).await.expect("verify");
    assert!(
        matches!(chain, audit::Verification::Intact { .. }),
        "{chain:?}"
    );
    let (report, intact) = startup::audit_verify_against(&app.state.db, "1")
        .await
        .expect("verify");
    assert!(!intact);
    assert!(report.contains("BROKEN: edition 1: event"), "{report}");
    assert!(report.contains("it saw has been rewritten"), "{report}");
}

#[tokio::test]
async fn a_downloaded_file_that_was_altered_is_not_the_edition() {
    let mut app = two_editions().await;
    let dir = tempfile::tempdir().expect("dir");
    let held = dir.path().join("2.json");
    let body = file(&mut app, 2)
        .await
        .replace("Second edition", "Another edition");
    std::fs::write(&held, body).expect("write");
    let (report, intact) = startup::audit_verify_against(&app.state.db, held.to_str().unwrap())
        .await
        .expect("verify");
    assert!(!intact);
    assert!(
        report.contains("is not edition 2 as this database holds it"),
        "{report}"
    );
}

/// Rewrites edition `number`'s content and the compressed copy it is served from, as someone
/// with the database file and a SQLite shell could (the triggers dropped first).
async fn rewrite_edition(app: &TestApp, number: i64, from: &str, to: &str) {
    app.exec(&format!(
        "update editions set content = replace(content, '{from}', '{to}') where number = {number}"
    ))
    .await;
    let content: String = sqlx::query_scalar("select content from editions where number = ?")
        .bind(number)
        .fetch_one(&app.state.db)
        .await
        .expect("content");
    sqlx::query("update edition_copies set gzip = ? where number = ?")
        .bind(editions::compress(&content))
        .bind(number)
        .execute(&app.state.db)
        .await
        .expect("rewrite the copy");
}

#[tokio::test]
async fn an_edition_altered_behind_the_triggers_is_refused_not_served() {
    let mut app = two_editions().await;
    drop_triggers(&app, &["editions_no_update", "edition_copies_no_update"]).await;
    rewrite_edition(&app, 1, "Derbyshire", "Tampershire").await;
    app.exec(
        "update editions set document = replace(document, 'Second edition', 'Tampered') where number = 2;",
    )
    .await;
    let page = app.get("/editions/1").await;
    page.assert_status(StatusCode::SERVICE_UNAVAILABLE)
        .assert_contains("This edition cannot be shown")
        .assert_not_contains("Tampershire");
    let data = app.get("/data/editions/2.json").await;
    data.assert_status(StatusCode::SERVICE_UNAVAILABLE)
        .assert_not_contains("Tampered");
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(!intact);
    for broken in [
        "BROKEN: editions: edition 1's content does not match its SHA-256",
        "BROKEN: editions: edition 1's compressed copy does not match its SHA-256",
        "BROKEN: editions: edition 2's file does not match its fingerprint",
    ] {
        assert!(report.contains(broken), "{report}");
    }
}

#[tokio::test]
async fn a_damaged_compressed_copy_is_refused_and_the_record_still_reads_true() {
    let mut app = two_editions().await;
    drop_triggers(&app, &["edition_copies_no_update"]).await;
    // Cut short: the first half of a valid gzip stream, then nothing.
    app.exec("update edition_copies set gzip = substr(gzip, 1, length(gzip) / 2) where number = 1")
        .await;
    app.get("/editions/1")
        .await
        .assert_status(StatusCode::SERVICE_UNAVAILABLE)
        .assert_contains("This edition cannot be shown");
    // The other edition is served as before.
    app.get("/editions/2").await.assert_status(StatusCode::OK);
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(!intact);
    assert!(
        report.contains("BROKEN: editions: edition 1's compressed copy does not match its SHA-256"),
        "{report}"
    );
    assert!(
        !report.contains("edition 1's content does not match"),
        "{report}"
    );
}

#[tokio::test]
async fn verify_checks_every_append_only_table_against_the_log() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(intact, "{report}");
    for table in [
        "progress_updates",
        "milestone_revisions",
        "assessments",
        "inspectorate_positions",
        "measure_readings",
        "meeting_packs",
        "editions",
    ] {
        assert!(report.contains(&format!("OK: {table}: ")), "{report}");
    }
    // A reading recorded through the application, then rewritten by a REPLACE with the
    // protective triggers dropped.
    let measure = app.count("select min(id) from performance_measures").await;
    let reading = app
        .count("select coalesce(max(id), 0) + 1 from measure_readings")
        .await;
    app.post_form(
        &format!("/measures/{measure}/readings"),
        &[
            ("taken_on_day", "1"),
            ("taken_on_month", "2"),
            ("taken_on_year", "2026"),
            ("value", "12"),
        ],
    )
    .await;
    assert_eq!(
        app.count(&format!(
            "select count(*) from measure_readings where id = {reading}"
        ))
        .await,
        1,
        "the reading was recorded"
    );
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(intact, "{report}");
    drop_triggers(&app, &["measure_readings_no_replace"]).await;
    app.exec(&format!(
        "insert or replace into measure_readings (id, measure_id, taken_on, value, recorded_by, created_at)
         select id, measure_id, taken_on, 99, recorded_by, created_at from measure_readings where id = {reading}"
    ))
    .await;
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(!intact);
    assert!(
        report.contains(&format!(
            "BROKEN: measure_readings: row {reading}'s value is not what its audit event recorded"
        )),
        "{report}"
    );
    // A row of the example data rewritten.
    drop_triggers(&app, &["progress_updates_no_replace"]).await;
    app.exec(
        "insert or replace into progress_updates
         select id, action_id, finding_id, as_at, rag, 'rewritten', evidence, public_summary,
                corrects_id, author_id, entered_at
         from progress_updates
         where id not in (select corrects_id from progress_updates where corrects_id is not null)
           and id not in (select update_id from update_approvals)
         limit 1",
    )
    .await;
    let (report, _) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(
        report.contains("BROKEN: progress_updates: the rows up to")
            && report.contains("loaded as example data are no longer as loaded"),
        "{report}"
    );
    // A row slipped in without an audit event.
    app.exec(
        "insert into progress_updates (action_id, as_at, rag, narrative, author_id, entered_at)
         values (1, '2026-03-01', 'green', 'forged', 3, '2026-03-01T10:00:00Z')",
    )
    .await;
    let forged = app.count("select max(id) from progress_updates").await;
    let (report, _) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(
        report.contains(&format!(
            "BROKEN: progress_updates: row {forged} has no audit event recording its creation"
        )),
        "{report}"
    );
}

#[tokio::test]
async fn an_edition_published_before_files_were_kept_is_still_served() {
    let mut app = TestApp::seeded().await;
    // As an edition published by an earlier Scrutineer: the snapshot and its hash only.
    app.exec(
        "insert into editions (number, published_at, published_by, content, sha256, note)
         select 2, published_at, published_by, content, sha256, 'An older edition'
         from editions where number = 1",
    )
    .await;
    let snapshot_hash: String = sqlx::query_scalar("select sha256 from editions where number = 2")
        .fetch_one(&app.state.db)
        .await
        .expect("hash");
    app.get("/editions/2").await.assert_status(StatusCode::OK);
    let data = app.get("/data/editions/2.json").await;
    data.assert_status(StatusCode::OK)
        .assert_contains("An older edition")
        .assert_not_contains("chainHead");
    app.get("/editions")
        .await
        .assert_contains(&snapshot_hash)
        .assert_contains("Of the stored snapshot, not the JSON file");
    let (report, intact) = startup::audit_verify_against(&app.state.db, "2")
        .await
        .expect("verify");
    assert!(!intact);
    assert_eq!(
        report,
        "BROKEN: edition 2 was published before editions carried the chain head"
    );
}

#[tokio::test]
async fn an_edition_published_before_copies_were_kept_is_served_and_given_its_copy() {
    let mut app = two_editions().await;
    drop_triggers(&app, &["edition_copies_no_delete"]).await;
    app.exec("delete from edition_copies where number = 1")
        .await;
    // Served from its content, checked the same way.
    app.get("/editions/1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Edition 1");
    // Opening the database (the migrations) gives it its copy again, holding the same content.
    scrutineer::db::migrate(&app.state.db)
        .await
        .expect("migrate");
    let copies = app
        .count("select count(*) from edition_copies where number = 1")
        .await;
    assert_eq!(copies, 1);
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(intact, "{report}");
}
