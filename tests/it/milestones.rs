//! Milestones: adding, revising only through revisions, slips, met dates, and the force's
//! proposals that the office accepts or rejects.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::actions::count;
use crate::helpers::TestApp;

pub fn revision<'a>(day: &'a str, month: &'a str, year: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("date_day", day),
        ("date_month", month),
        ("date_year", year),
        ("reason_category", "resourcing"),
        ("reason", "Two analyst posts vacant."),
        (
            "requested_by",
            "Derbyshire Constabulary – Head of Public Protection",
        ),
        ("decided_on_day", "2"),
        ("decided_on_month", "3"),
        ("decided_on_year", "2026"),
    ]
}

/// A decision on a proposal as the form sends it untouched: decided today (the tests' today).
pub fn decided_today<'a>(more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = more.to_vec();
    fields.extend([
        ("decided_on_day", "2"),
        ("decided_on_month", "3"),
        ("decided_on_year", "2026"),
    ]);
    fields
}

pub async fn text(app: &TestApp, sql: &str) -> String {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db)
        .await
        .expect("query")
}

#[tokio::test]
async fn the_original_date_survives_three_revisions_and_the_page_shows_three_slips() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/actions/1/milestones/new")
        .await
        .assert_status(StatusCode::OK);
    let add = [
        ("title", "Quarterly audit reported"),
        ("date_day", "30"),
        ("date_month", "4"),
        ("date_year", "2026"),
    ];
    let response = app.post_form("/actions/1/milestones", &add).await;
    let id = count(
        &app,
        "select id from milestones where title = 'Quarterly audit reported'",
    )
    .await;
    response.assert_redirect_to(&format!("/actions/1#milestone-{id}"));

    for (day, month) in [("31", "5"), ("30", "6"), ("31", "7")] {
        app.post_form(
            &format!("/milestones/{id}/revise"),
            &revision(day, month, "2026"),
        )
        .await
        .assert_redirect_to(&format!("/actions/1#milestone-{id}"));
    }
    let dates = text(
        &app,
        &format!("select original_due_on || ' ' || current_due_on from milestones where id = {id}"),
    )
    .await;
    assert_eq!(dates, "2026-04-30 2026-07-31");
    assert_eq!(
        count(
            &app,
            &format!("select count(*) from milestone_revisions where milestone_id = {id}")
        )
        .await,
        3
    );
    let page = app.get("/actions/1").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("30 April 2026")
        .assert_contains("31 July 2026")
        .assert_contains("Two analyst posts vacant.")
        // Action 1's other milestones never moved, so the roll-up is this milestone's.
        .assert_contains("3 slips, 92 days slipped in total");
    let section = page
        .body
        .split(&format!("id=\"milestone-{id}\""))
        .nth(1)
        .expect("milestone section");
    assert!(
        section.contains("Slips</dt><dd class=\"govuk-summary-list__value\">3</dd>"),
        "{section}"
    );
    assert!(
        section.contains("Days slipped</dt><dd class=\"govuk-summary-list__value\">92</dd>"),
        "{section}"
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_events where entity = 'milestone_revision'"
        )
        .await,
        3
    );
}

#[tokio::test]
async fn a_revision_needs_a_real_date_and_a_reason_and_keeps_what_was_typed() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut fields = revision("31", "2", "2026");
    fields[4] = ("reason", " ");
    app.post_form("/milestones/17/revise", &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be a real date")
        .assert_contains("Enter the reason")
        .assert_contains("value=\"31\"")
        .assert_contains("Head of Public Protection");
    assert_eq!(
        count(
            &app,
            "select count(*) from milestone_revisions where milestone_id = 17"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_revision_to_the_current_date_is_refused_and_a_met_milestone_cannot_be_met_again() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    // Milestone 16 was met on 22 April 2022 and is due on 30 April 2022.
    app.post_form("/milestones/16/revise", &revision("30", "4", "2022"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Enter a date different from the current due date");
    app.post_form(
        "/milestones/16/met",
        &[
            ("date_day", "1"),
            ("date_month", "3"),
            ("date_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::CONFLICT);
    assert_eq!(
        text(&app, "select met_on from milestones where id = 16").await,
        "2022-04-22"
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from milestone_revisions where milestone_id = 16"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_force_user_cannot_revise_a_milestone_directly() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    app.get("/milestones/17/revise")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post_form("/milestones/17/revise", &revision("1", "6", "2026"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post_form(
        "/milestones/17/met",
        &[
            ("date_day", "1"),
            ("date_month", "3"),
            ("date_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(
        count(
            &app,
            "select count(*) from milestone_revisions where milestone_id = 17"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from milestones where id = 17 and met_on is null"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn an_office_user_marks_an_overdue_milestone_met_late() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form(
        "/milestones/12/met",
        &[
            ("date_day", "1"),
            ("date_month", "3"),
            ("date_year", "2026"),
        ],
    )
    .await
    .assert_redirect_to("/actions/5#milestone-12");
    assert_eq!(
        text(&app, "select met_on from milestones where id = 12").await,
        "2026-03-01"
    );
    let page = app.get("/actions/5").await;
    let section = page
        .body
        .split("id=\"milestone-12\"")
        .nth(1)
        .expect("section");
    assert!(section.contains("Met late"), "{section}");
    app.post_form(
        "/milestones/13/met",
        &[
            ("date_day", "2"),
            ("date_month", "4"),
            ("date_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Date must be today or in the past");
}
