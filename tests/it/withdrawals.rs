//! Withdrawing records entered in error: kept and audited, marked withdrawn for the office,
//! left out of dashboards, lists, editions and open data – with what hangs under them – and
//! restorable.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;
use serde_json::Value;

use crate::bodies_public::{FIRE, FIRE_FINDING, FIRE_REPORT, add_fire_service_and_publish};
use crate::helpers::TestApp;

/// The titles of the inspections and the references of the findings in the latest open data.
async fn latest_open_data(app: &mut TestApp) -> (Vec<String>, Vec<String>) {
    let body = app.get("/data/latest.json").await.body;
    let doc: Value = serde_json::from_str(&body).expect("json");
    let inspections = doc["inspections"].as_array().expect("inspections").clone();
    let titles = inspections
        .iter()
        .map(|i| i["title"].as_str().unwrap_or_default().to_string())
        .collect();
    let findings = inspections
        .iter()
        .flat_map(|i| i["findings"].as_array().cloned().unwrap_or_default())
        .map(|f| f["reference"].as_str().unwrap_or_default().to_string())
        .collect();
    (titles, findings)
}

async fn publish(app: &mut TestApp, note: &str) {
    app.post_form("/publishing/editions", &[("note", note)])
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_mistaken_inspection_withdrawn_leaves_the_next_edition_and_open_data_and_comes_back_when_restored()
 {
    let mut app = TestApp::seeded().await;
    let (_, id) = add_fire_service_and_publish(&mut app).await;
    let (titles, findings) = latest_open_data(&mut app).await;
    assert!(titles.contains(&FIRE_REPORT.to_string()), "{titles:?}");
    assert!(findings.contains(&FIRE_FINDING.to_string()), "{findings:?}");

    app.sign_in_as_existing("office@example.test").await;
    let page = format!("/inspections/{id}");
    app.get(&page)
        .await
        .assert_contains(&format!("href=\"{page}/withdraw\""));
    // A withdrawal needs a reason; what was typed stays.
    app.post_form(
        &format!("{page}/withdraw"),
        &[
            ("reason", " "),
            ("on_day", "2"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Enter why it is withdrawn")
    .assert_contains("value=\"2026\"");
    app.post_form(
        &format!("{page}/withdraw"),
        &[
            ("reason", "Entered as a test"),
            ("on_day", "2"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_redirect_to(&page);
    app.get(&page)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Withdrawn on")
        .assert_contains("2 March 2026")
        .assert_contains("Entered as a test")
        .assert_contains(&format!("action=\"{page}/restore\""));
    assert_eq!(app.audit_count("inspection", "withdraw").await, 1);
    // Withdrawing twice is refused: nothing is overwritten.
    app.post_form(
        &format!("{page}/withdraw"),
        &[
            ("reason", "Again"),
            ("on_day", "2"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::CONFLICT);
    app.get("/inspections")
        .await
        .assert_not_contains(FIRE_REPORT);
    app.get("/dashboard").await.assert_not_contains(FIRE_REPORT);
    app.get("/dashboard/findings.csv")
        .await
        .assert_not_contains(FIRE_FINDING);
    publish(&mut app, "Without the test inspection").await;
    let (titles, findings) = latest_open_data(&mut app).await;
    assert!(!titles.contains(&FIRE_REPORT.to_string()), "{titles:?}");
    // Its finding leaves with it, though nothing was written to the finding.
    assert!(
        !findings.contains(&FIRE_FINDING.to_string()),
        "{findings:?}"
    );
    assert_eq!(titles.len(), 2, "the example's inspections stay");
    app.get(&format!("/editions/3/inspections/{id}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);

    app.post_form(&format!("{page}/restore"), &[])
        .await
        .assert_redirect_to(&page);
    assert_eq!(app.audit_count("inspection", "restore").await, 1);
    app.get(&page).await.assert_not_contains("Withdrawn on");
    app.get("/inspections").await.assert_contains(FIRE_REPORT);
    publish(&mut app, "The fire inspection again").await;
    let (titles, findings) = latest_open_data(&mut app).await;
    assert!(titles.contains(&FIRE_REPORT.to_string()), "{titles:?}");
    assert!(findings.contains(&FIRE_FINDING.to_string()), "{findings:?}");
    // A past edition keeps what it published.
    app.get(&format!("/editions/2/inspections/{id}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(FIRE_REPORT);
    app.get(&format!("/editions/4/inspections/{id}"))
        .await
        .assert_status(StatusCode::OK);
}

#[tokio::test]
async fn a_withdrawn_finding_leaves_the_dashboard_and_the_next_edition_and_is_restored() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let wording = "href=\"/findings/2\"";
    app.get("/dashboard/findings")
        .await
        .assert_contains(wording);
    app.post_form(
        "/findings/2/withdraw",
        &[
            ("reason", "Duplicate of recommendation 3"),
            ("on_day", "1"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_redirect_to("/findings/2");
    app.get("/findings/2")
        .await
        .assert_contains("Withdrawn on")
        .assert_contains("Duplicate of recommendation 3");
    app.get("/dashboard/findings")
        .await
        .assert_not_contains(wording);
    publish(&mut app, "Without the duplicate").await;
    let (_, findings) = latest_open_data(&mut app).await;
    assert!(!findings.contains(&"2".to_string()), "{findings:?}");
    assert!(findings.contains(&"3".to_string()), "{findings:?}");
    app.post_form("/findings/2/restore", &[])
        .await
        .assert_redirect_to("/findings/2");
    app.get("/dashboard/findings")
        .await
        .assert_contains(wording);
    assert_eq!(app.audit_count("finding", "withdraw").await, 1);
    assert_eq!(app.audit_count("finding", "restore").await, 1);
}

#[tokio::test]
async fn a_withdrawn_action_leaves_the_action_plan_and_only_the_office_may_withdraw() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    app.get("/actions/1")
        .await
        .assert_not_contains("/actions/1/withdraw");
    app.post_form(
        "/actions/1/withdraw",
        &[
            ("reason", "Mine"),
            ("on_day", "1"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    app.forget_session();
    app.sign_in_as(Role::Office).await;
    let title = "Chief officer child safeguarding board and performance framework";
    app.get("/actions").await.assert_contains(title);
    app.post_form(
        "/actions/1/withdraw",
        &[
            ("reason", "Entered against the wrong plan"),
            ("on_day", "1"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_redirect_to("/actions/1");
    app.get("/actions").await.assert_not_contains(title);
    app.get("/dashboard/actions")
        .await
        .assert_not_contains("CP-01");
    // Its milestones leave the milestone dashboard with it.
    app.get("/dashboard/milestones")
        .await
        .assert_not_contains("Child safeguarding performance dashboard live");
    app.get("/actions/1")
        .await
        .assert_contains("Entered against the wrong plan");
    app.post_form("/actions/1/restore", &[])
        .await
        .assert_redirect_to("/actions/1");
    app.get("/actions").await.assert_contains(title);
    // Restoring what stands is refused.
    app.post_form("/actions/1/restore", &[])
        .await
        .assert_status(StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_withdrawn_milestone_leaves_the_milestone_dashboard_and_its_form_offers_to_restore_it() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let title = "Child safeguarding performance dashboard live";
    app.get("/dashboard/milestones")
        .await
        .assert_contains(title);
    app.get("/actions/1")
        .await
        .assert_contains("href=\"/milestones/2/withdraw\"");
    app.post_form(
        "/milestones/2/withdraw",
        &[
            ("reason", "Not part of the plan"),
            ("on_day", "1"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_redirect_to("/actions/1");
    app.get("/dashboard/milestones")
        .await
        .assert_not_contains(title);
    app.get("/actions/1")
        .await
        .assert_contains("Not part of the plan");
    app.get("/milestones/2/withdraw")
        .await
        .assert_contains("action=\"/milestones/2/restore\"");
    app.post_form("/milestones/2/restore", &[])
        .await
        .assert_redirect_to("/actions/1");
    app.get("/dashboard/milestones")
        .await
        .assert_contains(title);
}

#[tokio::test]
async fn a_wrong_met_is_undone_with_a_reason_and_the_audit_log_keeps_the_met_date() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/actions/1")
        .await
        .assert_contains("href=\"/milestones/2/unmet\"");
    app.post_form("/milestones/2/unmet", &[("reason", " ")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Enter why the milestone was not met");
    assert_eq!(
        app.count("select count(*) from milestones where id = 2 and met_on is not null")
            .await,
        1
    );
    app.post_form(
        "/milestones/2/unmet",
        &[("reason", "Marked met on the wrong milestone")],
    )
    .await
    .assert_redirect_to("/actions/1#milestone-2");
    assert_eq!(
        app.count("select count(*) from milestones where id = 2 and met_on is null")
            .await,
        1
    );
    // Due 31 May 2022 and no longer met: missed, not silently scheduled.
    app.get("/actions/1").await.assert_contains("Missed");
    let (before, after): (String, String) = sqlx::query_as(
        "select before, after from audit_events
         where entity = 'milestone' and entity_id = 2 and action = 'correct'",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("the correction is audited");
    assert!(before.contains("\"met_on\":\"2022-05-27\""), "{before}");
    assert!(
        after.contains("Marked met on the wrong milestone"),
        "{after}"
    );
    assert!(after.contains("\"met_on\":null"), "{after}");
    // Undoing it again is refused.
    app.post_form("/milestones/2/unmet", &[("reason", "Again")])
        .await
        .assert_status(StatusCode::CONFLICT);
}

/// Withdraw the record at `page` (office signed in) with a reason, effective 2 March 2026.
async fn withdraw(app: &mut TestApp, page: &str, reason: &str) {
    app.post_form(
        &format!("{page}/withdraw"),
        &[
            ("reason", reason),
            ("on_day", "2"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_body_entered_in_error_takes_its_inspections_out_of_lists_and_the_next_edition_until_restored()
 {
    let mut app = TestApp::seeded().await;
    let (body, _) = add_fire_service_and_publish(&mut app).await;
    app.sign_in_as_existing("office@example.test").await;
    withdraw(&mut app, &format!("/bodies/{body}"), "Created by mistake").await;
    assert_eq!(app.audit_count("inspected_body", "withdraw").await, 1);
    app.get("/bodies")
        .await
        .assert_contains(FIRE)
        .assert_contains("Withdrawn 2 March 2026");
    app.get("/inspections")
        .await
        .assert_not_contains(FIRE_REPORT);
    app.get("/dashboard").await.assert_not_contains(FIRE_REPORT);
    publish(&mut app, "Without the mistaken body").await;
    let (titles, _) = latest_open_data(&mut app).await;
    assert!(!titles.contains(&FIRE_REPORT.to_string()), "{titles:?}");

    app.post_form(&format!("/bodies/{body}/restore"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.audit_count("inspected_body", "restore").await, 1);
    app.get("/inspections").await.assert_contains(FIRE_REPORT);
    publish(&mut app, "The fire service again").await;
    let (titles, _) = latest_open_data(&mut app).await;
    assert!(titles.contains(&FIRE_REPORT.to_string()), "{titles:?}");
}

#[tokio::test]
async fn a_meeting_entered_in_error_leaves_the_meetings_list_and_the_next_edition_until_restored() {
    // Meeting 1, held 100 days before the tests' today (another meeting has the same title).
    const MEETING: &str = "href=\"/meetings/1\"";
    const HELD: &str = "22 November 2025";
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    publish(&mut app, "With the board meeting").await;
    app.get("/progress/meetings").await.assert_contains(HELD);
    withdraw(&mut app, "/meetings/1", "Not a meeting of this board").await;
    assert_eq!(app.audit_count("meeting", "withdraw").await, 1);
    app.get("/meetings/1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Not a meeting of this board")
        .assert_contains("action=\"/meetings/1/restore\"");
    app.get("/meetings").await.assert_not_contains(MEETING);
    app.get("/publishing")
        .await
        .assert_not_contains("id=\"meeting-1\"");
    publish(&mut app, "Without the mistaken meeting").await;
    app.get("/progress/meetings")
        .await
        .assert_not_contains(HELD);

    app.post_form("/meetings/1/restore", &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get("/meetings").await.assert_contains(MEETING);
    publish(&mut app, "The meeting again").await;
    app.get("/progress/meetings").await.assert_contains(HELD);
}
