//! Keeping files: the retention schedule's review dates, the register of what is due, holds
//! that block disposal, disposal that keeps the name, size and hash, and backups.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use super::{PDF, PNG, attach, attach_to_inspection, seeded_as, sha256};

#[tokio::test]
async fn a_supporting_document_is_reviewed_six_years_from_the_end_of_its_financial_year() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let ids = attach(&mut app, update, &[("audit.pdf", PDF)]).await;
    let (class, review): (String, String) =
        sqlx::query_as("select retention_class, review_on from evidence_files where id = ?")
            .bind(ids[0])
            .fetch_one(&app.state.db)
            .await
            .expect("retention");
    assert_eq!(class, "supporting");
    // The tests' today is in the financial year ending 31 March 2027 at the latest.
    let today = crate::helpers::test_today();
    let year_end = if chrono::Datelike::month(&today) <= 3 {
        chrono::Datelike::year(&today)
    } else {
        chrono::Datelike::year(&today) + 1
    };
    assert_eq!(review, format!("{}-03-31", year_end + 6));
}

#[tokio::test]
async fn the_register_lists_files_due_for_review_and_on_hold() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let ids = attach(
        &mut app,
        update,
        &[("old audit.pdf", PDF), ("chart.png", PNG)],
    )
    .await;
    app.post_form(
        &format!("/evidence/{}/retention", ids[0]),
        &[
            ("class", "supporting"),
            ("review_on_day", "1"),
            ("review_on_month", "1"),
            ("review_on_year", "2020"),
        ],
    )
    .await
    .assert_redirect_to(&format!("/evidence/{}", ids[0]));
    app.post_form(
        &format!("/evidence/{}/hold", ids[1]),
        &[("reason", "FOI request 2026/113")],
    )
    .await
    .assert_redirect_to(&format!("/evidence/{}", ids[1]));
    let register = app.get("/evidence").await;
    register.assert_status(StatusCode::OK);
    let due = register
        .body
        .split("Due for review")
        .nth(1)
        .unwrap_or_default();
    let due = due.split("On hold").next().unwrap_or_default();
    assert!(
        due.contains("old audit.pdf") && !due.contains("chart.png"),
        "{due}"
    );
    let held = register.body.split("On hold").nth(1).unwrap_or_default();
    let held = held.split("Newest attached").next().unwrap_or_default();
    assert!(
        held.contains("chart.png") && !held.contains("old audit.pdf"),
        "{held}"
    );
    app.get(&format!("/evidence/{}", ids[1]))
        .await
        .assert_contains("FOI request 2026/113");
    // A review date that is not a date is asked for again.
    app.post_form(
        &format!("/evidence/{}/retention", ids[0]),
        &[
            ("class", "supporting"),
            ("review_on_day", "31"),
            ("review_on_month", "2"),
            ("review_on_year", "2030"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("There is a problem");
}

#[tokio::test]
async fn a_hold_blocks_disposal_until_it_is_lifted() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let id = attach(&mut app, update, &[("audit.pdf", PDF)]).await[0];
    app.post_form(
        &format!("/evidence/{id}/hold"),
        &[("reason", "Litigation: claim 42")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post_form(
        &format!("/evidence/{id}/dispose"),
        &[("reason", "Review done")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("on hold");
    assert_eq!(app.count("select count(*) from evidence_contents").await, 1);
    app.post_form(&format!("/evidence/{id}/lift-hold"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post_form(
        &format!("/evidence/{id}/dispose"),
        &[("reason", "Review done")],
    )
    .await
    .assert_redirect_to(&format!("/evidence/{id}"));
    assert_eq!(app.audit_count("evidence_file", "hold").await, 1);
    assert_eq!(app.audit_count("evidence_file", "lift_hold").await, 1);
    assert_eq!(app.audit_count("evidence_file", "dispose").await, 1);
}

#[tokio::test]
async fn disposal_removes_the_content_and_keeps_the_name_size_and_hash() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let id = attach(&mut app, update, &[("audit.pdf", PDF)]).await[0];
    app.post_form(&format!("/evidence/{id}/dispose"), &[])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Enter the reason");
    app.post_form(
        &format!("/evidence/{id}/dispose"),
        &[(
            "reason",
            "Six years passed; reviewed by the records officer",
        )],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("select count(*) from evidence_contents").await, 0);
    app.get(&format!("/evidence/{id}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("audit.pdf")
        .assert_contains(&sha256(PDF))
        .assert_contains("Six years passed");
    app.get(&format!("/evidence/{id}/download"))
        .await
        .assert_status(StatusCode::GONE);
    // Nothing else broke: the update's page still lists the file, marked disposed of.
    let action = app
        .count(&format!(
            "select action_id from progress_updates where id = {update}"
        ))
        .await;
    app.get(&format!("/actions/{action}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("disposed of");
    // A disposed-of file cannot be changed again.
    app.post_form(&format!("/evidence/{id}/hold"), &[("reason", "Too late")])
        .await
        .assert_status(StatusCode::CONFLICT);
    let verified = scrutineer::startup::audit_verify(&app.state.db)
        .await
        .expect("verify");
    assert!(verified.1, "{}", verified.0);
}

#[tokio::test]
async fn disposal_keeps_bytes_another_file_in_keeping_still_has() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let first = attach(&mut app, update, &[("audit.pdf", PDF)]).await[0];
    let other = app
        .count(&format!(
            "select min(id) from progress_updates where id > {update}"
        ))
        .await;
    let second = attach(&mut app, other, &[("same audit.pdf", PDF)]).await[0];
    app.post_form(
        &format!("/evidence/{first}/dispose"),
        &[("reason", "Duplicate")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let download = app.get(&format!("/evidence/{second}/download")).await;
    assert_eq!(download.bytes, PDF);
    app.get(&format!("/evidence/{first}/download"))
        .await
        .assert_status(StatusCode::GONE);
}

#[tokio::test]
async fn a_file_kept_permanently_is_disposed_of_only_after_its_class_changes() {
    let (mut app, _) = seeded_as(Role::Office).await;
    let (_, id) = attach_to_inspection(&mut app, "letter.pdf", PDF).await;
    app.post_form(
        &format!("/evidence/{id}/dispose"),
        &[("reason", "Not needed")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("kept permanently");
    app.post_form(
        &format!("/evidence/{id}/retention"),
        &[
            ("class", "supporting"),
            ("review_on_day", "31"),
            ("review_on_month", "3"),
            ("review_on_year", "2027"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post_form(
        &format!("/evidence/{id}/dispose"),
        &[("reason", "Not needed")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_backup_and_its_restore_keep_every_file_byte_for_byte() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let mut large = PDF.to_vec();
    large.extend((0..300_000u32).map(|i| (i % 251) as u8));
    let ids = attach(
        &mut app,
        update,
        &[("audit.pdf", &large), ("chart.png", PNG)],
    )
    .await;
    let dir = tempfile::tempdir().expect("dir");
    let copy = dir.path().join("copy.db");
    scrutineer::backups::take(&app.state.db, &copy)
        .await
        .expect("backup");
    let restored = dir.path().join("restored.db");
    scrutineer::startup::restore(&restored, &copy, false)
        .await
        .expect("restore");
    let pool = scrutineer::startup::open(&restored).await.expect("open");
    for (id, bytes) in [(ids[0], large.as_slice()), (ids[1], PNG)] {
        let stored = scrutineer::db::evidence::content(&pool, id)
            .await
            .expect("read")
            .expect("kept");
        assert_eq!(stored, bytes, "file {id}");
    }
    let (report, intact) = scrutineer::startup::audit_verify(&pool)
        .await
        .expect("verify");
    assert!(intact, "{report}");
    assert!(report.contains("OK: evidence files: 2 stored"), "{report}");
    // A stored file altered behind the application's back is found out.
    sqlx::query("update evidence_contents set content = x'00' where sha256 = ?")
        .bind(sha256(PNG))
        .execute(&pool)
        .await
        .expect("tamper");
    let (report, intact) = scrutineer::startup::audit_verify(&pool)
        .await
        .expect("verify");
    assert!(!intact);
    assert!(report.contains("no longer match their SHA-256"), "{report}");
}

#[tokio::test]
async fn the_example_data_is_not_removed_while_a_file_is_attached_to_it() {
    let (mut app, update) = seeded_as(Role::Admin).await;
    attach(&mut app, update, &[("real audit.pdf", PDF)]).await;
    app.post_form("/admin/example-data", &[("confirm", "yes")])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("the evidence file “real audit.pdf” (on an example record)");
    assert_eq!(app.count("select count(*) from evidence_contents").await, 1);
}
