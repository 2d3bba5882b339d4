//! Publishing: approving public summaries, previewing and publishing frozen editions.

use axum::http::StatusCode;
use scrutineer::domain::edition::content_hash;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db)
        .await
        .expect(sql)
}

async fn summary_of_update(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("select public_summary from progress_updates where id = ?")
        .bind(id)
        .fetch_one(&app.state.db)
        .await
        .expect("summary")
}

/// A page without the paragraph saying which edition it is and whether it is the latest.
fn without_edition_line(body: &str) -> String {
    let start = body.find("app-edition-line").expect("an edition line");
    let end = start + body[start..].find("</p>").expect("the line's end");
    format!("{}{}", &body[..start], &body[end..])
}

async fn publish(app: &mut TestApp, note: &str) -> i64 {
    let response = app
        .post_form("/publishing/editions", &[("note", note)])
        .await;
    let number = scalar(app, "select max(number) from editions").await;
    response.assert_redirect_to(&format!("/editions/{number}"));
    number
}

#[tokio::test]
async fn an_anonymous_visitor_is_sent_to_sign_in_from_the_publishing_pages() {
    let mut app = TestApp::seeded().await;
    app.get("/publishing")
        .await
        .assert_redirect_to("/sign-in?next=/publishing");
    app.get("/publishing/preview")
        .await
        .assert_redirect_to("/sign-in?next=/publishing/preview");
    for path in [
        "/publishing/approve",
        "/publishing/withdraw",
        "/publishing/editions",
    ] {
        let response = app
            .post_form(path, &[("kind", "update"), ("id", "22")])
            .await;
        assert!(
            response.location().starts_with("/sign-in"),
            "{path}: {response:?}"
        );
    }
    assert_eq!(scalar(&app, "select count(*) from editions").await, 1);
}

#[tokio::test]
async fn force_and_panel_users_cannot_approve_or_publish() {
    for role in [Role::Force, Role::Panel] {
        let mut app = TestApp::seeded().await;
        app.sign_in_as(role).await;
        app.get("/publishing")
            .await
            .assert_status(StatusCode::FORBIDDEN);
        app.get("/publishing/preview")
            .await
            .assert_status(StatusCode::FORBIDDEN);
        app.post_form("/publishing/approve", &[("kind", "update"), ("id", "22")])
            .await
            .assert_status(StatusCode::FORBIDDEN);
        app.post_form("/publishing/withdraw", &[("kind", "update"), ("id", "8")])
            .await
            .assert_status(StatusCode::FORBIDDEN);
        app.post_form("/publishing/editions", &[("note", "")])
            .await
            .assert_status(StatusCode::FORBIDDEN);
        assert_eq!(scalar(&app, "select count(*) from editions").await, 1);
        assert_eq!(
            scalar(
                &app,
                "select count(*) from update_approvals where update_id = 22"
            )
            .await,
            0
        );
    }
}

#[tokio::test]
async fn the_office_sees_every_public_summary_and_whether_it_is_approved() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/publishing")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Findings' public summaries (18)")
        .assert_contains("A review of investigators' workloads is late")
        .assert_contains("Not approved")
        .assert_contains("Approved")
        .assert_contains("The Commissioner reviewed the response to missing children");
}

#[tokio::test]
async fn approving_an_update_summary_puts_it_in_the_next_edition_only() {
    let mut app = TestApp::seeded().await;
    let office = app.sign_in_as(Role::Office).await;
    let summary = "A review of investigators' workloads is late";
    app.get("/progress/inspections/1")
        .await
        .assert_not_contains(summary);
    let shown = summary_of_update(&app, 22).await;
    app.post_form(
        "/publishing/approve",
        &[("kind", "update"), ("id", "22"), ("summary", &shown)],
    )
    .await
    .assert_redirect_to("/publishing");
    let approver = scalar(
        &app,
        "select approved_by from update_approvals where update_id = 22",
    )
    .await;
    assert_eq!(approver, office);
    let audited = scalar(
        &app,
        "select count(*) from audit_events
         where entity = 'progress_update' and entity_id = 22 and action = 'approve_summary'",
    )
    .await;
    assert_eq!(audited, 1);
    app.get("/publishing/preview")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Prepare edition 2")
        .assert_contains("New published updates (1)")
        .assert_contains("The public home page as it will appear");
    // Approved is not published: the public site still shows edition 1.
    app.forget_session();
    app.get("/progress/inspections/1")
        .await
        .assert_not_contains(summary);
    app.sign_in_as_existing("office@example.test").await;
    let number = publish(&mut app, "Workload review").await;
    assert_eq!(number, 2);
    app.forget_session();
    app.get("/progress/inspections/1")
        .await
        .assert_contains(summary);
    app.get("/editions/1/inspections/1")
        .await
        .assert_not_contains(summary);
    app.get("/editions/1/changes/2")
        .await
        .assert_contains("New published updates (1)")
        .assert_contains(summary);
}

#[tokio::test]
async fn withdrawing_a_finding_summary_shows_the_neutral_text_in_the_next_edition() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form("/publishing/withdraw", &[("kind", "finding"), ("id", "3")])
        .await
        .assert_redirect_to("/publishing");
    let approved = scalar(
        &app,
        "select count(*) from findings where id = 3 and summary_approved_at is not null",
    )
    .await;
    assert_eq!(approved, 0);
    publish(&mut app, "").await;
    app.forget_session();
    app.get("/progress/inspections/1")
        .await
        .assert_contains("Summary not yet published")
        .assert_not_contains("Supervisors oversee missing-child incidents consistently.");
    app.get("/editions/1/inspections/1")
        .await
        .assert_contains("Supervisors oversee missing-child incidents consistently.");
}

#[tokio::test]
async fn approving_something_without_a_public_summary_is_not_found() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form("/publishing/approve", &[("kind", "meeting"), ("id", "3")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post_form("/publishing/approve", &[("kind", "nonsense"), ("id", "1")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_published_edition_is_frozen_and_a_new_one_shows_and_lists_the_changes() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    // Rewritten and approved again in one change, as an office "save and approve" would.
    sqlx::query(
        "update findings set public_summary = 'Rewritten summary of recommendation one.',
             summary_approved_at = '2026-03-02T09:00:00Z', summary_approved_by = 2
         where id = 1",
    )
    .execute(&app.state.db)
    .await
    .expect("edit");
    sqlx::query(
        "insert into milestone_revisions (milestone_id, previous_due_on, new_due_on, reason_category,
             reason, requested_by, accepted_by, accepted_at)
         select 17, current_due_on, date(current_due_on, '+30 days'), 'resourcing', 'test', 'force', 1,
                '2026-03-02T10:00:00Z'
         from milestones where id = 17",
    )
    .execute(&app.state.db)
    .await
    .expect("revise");
    app.forget_session();
    let before = app.get("/editions/1/inspections/1").await;
    before.assert_not_contains("Rewritten summary");
    app.get("/progress/inspections/1")
        .await
        .assert_not_contains("Rewritten summary");
    app.sign_in_as_existing("office@example.test").await;
    publish(&mut app, "").await;
    app.forget_session();
    app.get("/progress/inspections/1")
        .await
        .assert_contains("Rewritten summary");
    // Frozen: only the line saying which edition is the latest changed.
    let after = app.get("/editions/1/inspections/1").await;
    after.assert_contains("This is an earlier edition.");
    assert_eq!(
        without_edition_line(&after.body),
        without_edition_line(&before.body)
    );
    app.get("/editions/1/changes/2")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("A new public summary of Recommendation 1")
        .assert_contains("Decision-making audit reported to the chief officer board")
        .assert_contains("30 days later");
}

#[tokio::test]
async fn the_stored_hash_is_the_sha256_of_the_stored_content_and_editions_never_change() {
    let app = TestApp::seeded().await;
    let (content, sha256, by): (String, String, i64) =
        sqlx::query_as("select content, sha256, published_by from editions where number = 1")
            .fetch_one(&app.state.db)
            .await
            .expect("edition 1");
    assert_eq!(content_hash(&content), sha256);
    assert_eq!(
        by, 2,
        "the demo chief executive publishes the example edition"
    );
    let error = sqlx::query("update editions set note = 'changed'")
        .execute(&app.state.db)
        .await
        .expect_err("editions are immutable");
    assert!(error.to_string().contains("never change"));
    sqlx::query("delete from editions")
        .execute(&app.state.db)
        .await
        .expect_err("editions cannot be deleted");
}

#[tokio::test]
async fn publishing_is_audited_with_the_number_and_hash() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Admin).await;
    let number = publish(&mut app, "Quarterly edition").await;
    let after: String = sqlx::query_scalar(
        "select after from audit_events where entity = 'edition' and entity_id = ? and action = 'publish'",
    )
    .bind(number)
    .fetch_one(&app.state.db)
    .await
    .expect("audit event");
    let sha256: String = sqlx::query_scalar("select sha256 from editions where number = ?")
        .bind(number)
        .fetch_one(&app.state.db)
        .await
        .expect("edition");
    assert!(
        after.contains(&sha256) && after.contains("Quarterly edition"),
        "{after}"
    );
}

#[tokio::test]
async fn a_note_that_is_too_long_is_refused_and_kept() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let note = "x".repeat(1001);
    app.post_form("/publishing/editions", &[("note", &note)])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("The note must be 1000 characters or fewer")
        .assert_contains(&note);
    assert_eq!(scalar(&app, "select count(*) from editions").await, 1);
}

#[tokio::test]
async fn editing_an_approved_summary_withdraws_its_approval_until_approved_again() {
    let app = TestApp::seeded().await;
    sqlx::query("update findings set public_summary = 'Edited after approval.' where id = 5")
        .execute(&app.state.db)
        .await
        .expect("edit");
    sqlx::query("update meetings set public_summary = 'Edited after approval.' where id = 1")
        .execute(&app.state.db)
        .await
        .expect("edit");
    assert_eq!(
        scalar(
            &app,
            "select count(*) from findings where id = 5 and summary_approved_at is null"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "select count(*) from meetings where id = 1 and summary_approved_by is null"
        )
        .await,
        1
    );
    // Other edits keep the approval.
    sqlx::query("update findings set area = 'Renamed area' where id = 6")
        .execute(&app.state.db)
        .await
        .expect("edit");
    assert_eq!(
        scalar(
            &app,
            "select count(*) from findings where id = 6 and summary_approved_at is not null"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn withdrawing_an_update_summary_removes_its_approval_once_and_audits_it() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    for _ in 0..2 {
        app.post_form("/publishing/withdraw", &[("kind", "update"), ("id", "8")])
            .await
            .assert_redirect_to("/publishing");
    }
    assert_eq!(
        scalar(
            &app,
            "select count(*) from update_approvals where update_id = 8"
        )
        .await,
        0
    );
    let audited = scalar(
        &app,
        "select count(*) from audit_events
         where entity = 'progress_update' and entity_id = 8 and action = 'withdraw_summary'",
    )
    .await;
    assert_eq!(audited, 1, "withdrawing twice records one change");
    app.post_form("/publishing/editions", &[]).await;
    app.forget_session();
    app.get("/editions/2/inspections/1")
        .await
        .assert_not_contains("Supervisors reviewed 97% of missing-child incidents");
    app.get("/editions/1/inspections/1")
        .await
        .assert_contains("Supervisors reviewed 97% of missing-child incidents");
}

#[tokio::test]
async fn the_publishing_page_sends_the_wording_it_shows_with_each_approval() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let shown = summary_of_update(&app, 22).await;
    let page = app.get("/publishing").await;
    let row = page.body.split("id=\"update-22\"").nth(1).expect("row");
    let row = &row[..row.find("</tr>").expect("row end")];
    let hidden = maud::html! { input type="hidden" name="summary" value=(shown); }.into_string();
    assert!(row.contains(&hidden), "{row}");
}

#[tokio::test]
async fn approving_a_summary_that_changed_since_it_was_shown_is_refused_with_both() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let shown = "Supervisors now review every missing-child incident.";
    sqlx::query(
        "update findings set public_summary = 'Edited after the page was shown.' where id = 5",
    )
    .execute(&app.state.db)
    .await
    .expect("edit");
    let refused = app
        .post_form(
            "/publishing/approve",
            &[("kind", "finding"), ("id", "5"), ("summary", shown)],
        )
        .await;
    refused
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("The summary changed before you approved it")
        .assert_contains(shown)
        .assert_contains("Edited after the page was shown.");
    assert_eq!(
        scalar(
            &app,
            "select count(*) from findings where id = 5 and summary_approved_at is null"
        )
        .await,
        1
    );
    // The page offers the wording as it is now; approving that is done, and the audit
    // event records the words approved.
    app.post_form(
        "/publishing/approve",
        &[
            ("kind", "finding"),
            ("id", "5"),
            ("summary", "Edited after the page was shown.\r\n"),
        ],
    )
    .await
    .assert_redirect_to("/publishing");
    assert_eq!(
        scalar(
            &app,
            "select count(*) from audit_events where entity = 'finding' and entity_id = 5
             and action = 'approve_summary'
             and json_extract(after, '$.summary') = 'Edited after the page was shown.'"
        )
        .await,
        1
    );
}
