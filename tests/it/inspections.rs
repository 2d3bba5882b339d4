//! Inspections: the list with its section 55 countdowns, adding and editing a report, the
//! page with the three voices and the section 55 panel, and recording the response.

use axum::http::StatusCode;
use scrutineer::auth::{OFFICE, READERS};
use scrutineer::domain::vocab::Role;

use crate::helpers::{TestApp, assert_only_these_roles};

pub fn new_inspection<'a>(title: &'a str, day: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("new_body", "Derbyshire Fire and Rescue Service"),
        ("title", title),
        ("kind", "fire"),
        ("source", "hmicfrs"),
        ("fieldwork_start_day", "1"),
        ("fieldwork_start_month", "2"),
        ("fieldwork_start_year", "2022"),
        ("fieldwork_end_day", ""),
        ("fieldwork_end_month", ""),
        ("fieldwork_end_year", ""),
        ("published_on_day", day),
        ("published_on_month", "02"),
        ("published_on_year", "2022"),
        (
            "report_url",
            "https://www.justiceinspectorates.gov.uk/hmicfrs/fire",
        ),
        ("follows_up_id", ""),
    ]
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn only_readers_see_inspections_and_only_the_office_changes_them() {
    assert_only_these_roles("GET", "/inspections", READERS).await;
    assert_only_these_roles("GET", "/inspections/2", READERS).await;
    assert_only_these_roles("GET", "/inspections/new", OFFICE).await;
    assert_only_these_roles("POST", "/inspections", OFFICE).await;
    assert_only_these_roles("GET", "/inspections/1/edit", OFFICE).await;
    assert_only_these_roles("POST", "/inspections/1", OFFICE).await;
    assert_only_these_roles("GET", "/inspections/1/response", OFFICE).await;
    assert_only_these_roles("POST", "/inspections/1/response", OFFICE).await;
}

#[tokio::test]
async fn the_list_shows_each_reports_section_55_clock() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    app.get("/inspections")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Derbyshire – National child protection re-inspection")
        .assert_contains("Published on time")
        .assert_contains("Published 1 day late")
        .assert_not_contains("Add an inspection");
}

#[tokio::test]
async fn the_inspection_page_shows_three_voices_and_the_section_55_panel() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let page = app.get("/inspections/2").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Section 55 response")
        .assert_contains("No – published 1 day late")
        .assert_contains("15 December 2022")
        .assert_contains("Force action plan due")
        .assert_contains("Force position")
        .assert_contains("PCC assurance")
        .assert_contains("HMICFRS police inspection")
        .assert_contains("HMICFRS's position")
        .assert_not_contains("Inspectorate position")
        .assert_contains("href=\"/findings/17\"")
        .assert_contains("Not yet assessed");
    let first = app.get("/inspections/1").await;
    first
        .assert_contains("Yes – published on time")
        .assert_contains("Substantial")
        .assert_contains("Superseded")
        .assert_contains("10 January 2022");
}

#[tokio::test]
async fn the_office_adds_an_inspection_and_a_new_body_with_it() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form(
        "/inspections",
        &new_inspection("Fire inspection 2022", "15"),
    )
    .await
    .assert_redirect_to("/inspections/3");
    let (title, body, published): (String, String, String) = sqlx::query_as(
        "select i.title, b.name, i.published_on from inspections i
         join inspected_bodies b on b.id = i.body_id where i.id = 3",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("saved");
    assert_eq!(title, "Fire inspection 2022");
    assert_eq!(body, "Derbyshire Fire and Rescue Service");
    assert_eq!(published, "2022-02-15");
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_events where entity in ('inspection', 'inspected_body')"
        )
        .await,
        2
    );
    app.get("/inspections/3")
        .await
        .assert_contains("Overdue by");
}

#[tokio::test]
async fn an_impossible_date_is_refused_and_everything_typed_is_kept() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let page = app
        .post_form("/inspections", &new_inspection("Typed title", "31"))
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("There is a problem")
        .assert_contains("Date must be a real date")
        .assert_contains("value=\"31\"")
        .assert_contains("value=\"Typed title\"")
        .assert_contains("value=\"Derbyshire Fire and Rescue Service\"");
    assert_eq!(count(&app, "select count(*) from inspections").await, 2);
    assert_eq!(
        count(&app, "select count(*) from inspected_bodies").await,
        1
    );
}

#[tokio::test]
async fn editing_an_inspection_over_someone_elses_change_shows_both_versions() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/inspections/1/edit")
        .await
        .assert_contains("name=\"version\" value=\"1\"");
    sqlx::query(
        "update inspections set title = 'Changed elsewhere', version = version + 1 where id = 1",
    )
    .execute(&app.state.db)
    .await
    .expect("other save");
    let mut form = new_inspection("My new title", "16");
    form.retain(|(k, _)| *k != "new_body");
    form.extend([("body_id", "1"), ("version", "1")]);
    app.post_form("/inspections/1", &form)
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("Someone else changed this record")
        .assert_contains("Changed elsewhere")
        .assert_contains("value=\"My new title\"")
        .assert_contains("name=\"version\" value=\"2\"");
    let title: String = sqlx::query_scalar("select title from inspections where id = 1")
        .fetch_one(&app.state.db)
        .await
        .expect("title");
    assert_eq!(title, "Changed elsewhere");
    // Saving again, deliberately, over the version now shown works.
    let mut again = form.clone();
    again.retain(|(k, _)| *k != "version");
    again.push(("version", "2"));
    app.post_form("/inspections/1", &again)
        .await
        .assert_redirect_to("/inspections/1");
}

#[tokio::test]
async fn the_section_55_response_is_saved_with_each_findings_position() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form(
        "/inspections",
        &new_inspection("Fire inspection 2022", "15"),
    )
    .await
    .assert_redirect_to("/inspections/3");
    sqlx::query(
        "insert into findings (id, inspection_id, kind, reference, timescale, created_at, updated_at)
         values (50, 3, 'recommendation', 'R1', 'none', 'x', 'x')",
    )
    .execute(&app.state.db)
    .await
    .expect("finding");
    app.get("/inspections/3/response")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("name=\"position_50\"");
    let fields = [
        ("version", "1"),
        ("comments_requested_on_day", "16"),
        ("comments_requested_on_month", "2"),
        ("comments_requested_on_year", "2022"),
        ("response_published_on_day", "12"),
        ("response_published_on_month", "4"),
        ("response_published_on_year", "2022"),
        ("response_url", "https://example.org/response"),
        ("position_50", "accepted_in_part"),
        ("explanation_50", "Part is for the fire authority."),
    ];
    app.post_form("/inspections/3/response", &fields)
        .await
        .assert_redirect_to("/inspections/3#section-55");
    let (requested, published): (Option<String>, Option<String>) = sqlx::query_as(
        "select comments_requested_on, response_published_on from inspections where id = 3",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("row");
    assert_eq!(requested.as_deref(), Some("2022-02-16"));
    assert_eq!(published.as_deref(), Some("2022-04-12"));
    let (position, explanation): (Option<String>, Option<String>) = sqlx::query_as(
        "select response_position, response_explanation from findings where id = 50",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("finding");
    assert_eq!(position.as_deref(), Some("accepted_in_part"));
    assert_eq!(
        explanation.as_deref(),
        Some("Part is for the fire authority.")
    );
    assert_eq!(count(&app, "select count(*) from audit_events where action in ('record_section_55', 'record_response')").await, 2);
    app.get("/inspections/3")
        .await
        .assert_contains("No – published 1 day late")
        .assert_contains("href=\"https://example.org/response\"");
}

#[tokio::test]
async fn an_impossible_response_date_saves_nothing() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let fields = [
        ("version", "1"),
        ("comments_received_on_day", "31"),
        ("comments_received_on_month", "2"),
        ("comments_received_on_year", "2022"),
    ];
    app.post_form("/inspections/1/response", &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be a real date")
        .assert_contains("value=\"31\"");
    let received: Option<String> =
        sqlx::query_scalar("select comments_received_on from inspections where id = 1")
            .fetch_one(&app.state.db)
            .await
            .expect("row");
    assert_eq!(received.as_deref(), Some("2021-12-15"));
}

#[tokio::test]
async fn a_choice_that_no_longer_exists_is_refused_without_an_error_page() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut form = new_inspection("Typed title", "15");
    form.retain(|(k, _)| *k != "new_body" && *k != "follows_up_id");
    form.extend([("body_id", "99"), ("follows_up_id", "98")]);
    app.post_form("/inspections", &form)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("from the lists again")
        .assert_contains("value=\"Typed title\"");
    assert_eq!(count(&app, "select count(*) from inspections").await, 2);
}

#[tokio::test]
async fn a_section_55_response_saved_over_someone_elses_keeps_what_was_typed() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    sqlx::query("update inspections set response_published_on = '2022-12-15', version = version + 1 where id = 2")
        .execute(&app.state.db)
        .await
        .expect("other save");
    let fields = [
        ("version", "1"),
        ("response_published_on_day", "17"),
        ("response_published_on_month", "12"),
        ("response_published_on_year", "2022"),
        ("explanation_13", "My typed explanation"),
    ];
    app.post_form("/inspections/2/response", &fields)
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("Someone else changed this record")
        .assert_contains("15 December 2022")
        .assert_contains("17 December 2022")
        .assert_contains("My typed explanation</textarea>")
        .assert_contains("name=\"version\" value=\"2\"");
    let explanation: Option<String> =
        sqlx::query_scalar("select response_explanation from findings where id = 13")
            .fetch_one(&app.state.db)
            .await
            .expect("row");
    assert_ne!(explanation.as_deref(), Some("My typed explanation"));
}
