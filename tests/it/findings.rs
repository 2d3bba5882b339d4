//! Findings: who may see and change them, adding one with parts, its page, editing it over
//! someone else's change, and parts that have been judged.

use axum::http::StatusCode;
use scrutineer::auth::{ALL_ROLES, OFFICE};
use scrutineer::domain::vocab::Role;

use crate::helpers::{TestApp, assert_only_these_roles};

pub fn finding_form<'a>(
    reference: &'a str,
    wording: &'a str,
    version: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "recommendation"),
        ("parent_id", ""),
        ("reference", reference),
        ("area", "Investigation"),
        ("official_wording", wording),
        ("public_summary", "A plain summary."),
        ("timescale", "within_3_months"),
        ("timescale_date_day", ""),
        ("timescale_date_month", ""),
        ("timescale_date_year", ""),
        ("parts", ""),
        ("version", version),
    ]
}

#[tokio::test]
async fn everyone_signed_in_may_read_a_finding_but_only_the_office_changes_one() {
    assert_only_these_roles("GET", "/findings/1", ALL_ROLES).await;
    assert_only_these_roles("GET", "/findings/1/edit", OFFICE).await;
    assert_only_these_roles("POST", "/findings/1", OFFICE).await;
    assert_only_these_roles("GET", "/inspections/1/findings/new", OFFICE).await;
    assert_only_these_roles("POST", "/inspections/1/findings", OFFICE).await;
}

#[tokio::test]
async fn a_force_user_cannot_edit_a_finding() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    let page = app.get("/findings/1").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("href=\"/findings/1/updates/new\"")
        .assert_not_contains("Edit the finding")
        .assert_not_contains("Record an assessment");
    app.get("/findings/1/edit")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post_form(
        "/findings/1",
        &finding_form("1", "Changed by the force", "1"),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    let wording: Option<String> =
        sqlx::query_scalar("select official_wording from findings where id = 1")
            .fetch_one(&app.state.db)
            .await
            .expect("row");
    assert_eq!(wording, None);
}

#[tokio::test]
async fn the_finding_page_shows_voices_histories_actions_and_updates() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let page = app.get("/findings/1").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Recommendation 1")
        .assert_contains("Not recorded")
        .assert_not_contains("Summary for this example")
        .assert_contains("Three voices")
        .assert_contains("Section 55 response to the report: ")
        .assert_contains("Published on time")
        .assert_contains("PCC assurance history")
        .assert_contains("href=\"/actions/1\"")
        .assert_not_contains("href=\"/findings/1/updates/new\"");
    // Assessments newest first: substantial (latest) before limited (June 2022).
    let body = &page.body;
    let latest = body
        .find("the board has run for over three years")
        .expect("latest");
    let first = body.find("30 June 2022").expect("first");
    assert!(latest < first, "history is newest first");
    // Updates posted directly on finding 6 are listed.
    app.get("/findings/6")
        .await
        .assert_contains("police attended 90% of strategy discussions");
    // Recommendation 10's superseded position names the finding that supersedes it.
    app.get("/findings/10")
        .await
        .assert_contains("Superseded by");
}

#[tokio::test]
async fn the_office_adds_a_finding_with_parts() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut form = finding_form("AFI 7", "", "");
    form.retain(|(k, _)| *k != "parts");
    form.push(("parts", "First part\n\nSecond part\n"));
    let response = app.post_form("/inspections/2/findings", &form).await;
    response.assert_status(StatusCode::SEE_OTHER);
    let id: i64 = sqlx::query_scalar("select id from findings where reference = 'AFI 7'")
        .fetch_one(&app.state.db)
        .await
        .expect("saved");
    assert_eq!(response.location(), format!("/findings/{id}"));
    let parts: Vec<String> =
        sqlx::query_scalar("select text from finding_parts where finding_id = ? order by position")
            .bind(id)
            .fetch_all(&app.state.db)
            .await
            .expect("parts");
    assert_eq!(parts, ["First part", "Second part"]);
    // A reference already used in the inspection is refused.
    app.post_form("/inspections/2/findings", &finding_form("AFI 1", "", ""))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Reference AFI 1 is already used in this inspection");
}

#[tokio::test]
async fn a_stated_date_is_needed_when_the_timescale_is_by_date() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut form = finding_form("13", "Wording", "");
    form.retain(|(k, _)| !k.starts_with("timescale"));
    form.extend([
        ("timescale", "by_date"),
        ("timescale_date_day", "31"),
        ("timescale_date_month", "2"),
        ("timescale_date_year", "2022"),
    ]);
    app.post_form("/inspections/1/findings", &form)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be a real date")
        .assert_contains("value=\"31\"")
        .assert_contains("Wording</textarea>");
}

#[tokio::test]
async fn editing_a_finding_over_someone_elses_change_shows_the_conflict_and_keeps_the_typing() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/findings/3/edit")
        .await
        .assert_contains("name=\"version\" value=\"1\"");
    // A colleague saves first.
    app.post_form(
        "/findings/3",
        &finding_form("3", "The colleague's wording", "1"),
    )
    .await
    .assert_redirect_to("/findings/3");
    let page = app
        .post_form("/findings/3", &finding_form("3", "My own wording", "1"))
        .await;
    page.assert_status(StatusCode::CONFLICT)
        .assert_contains("Someone else changed this record")
        .assert_contains("The colleague")
        .assert_contains("My own wording</textarea>")
        .assert_contains("name=\"version\" value=\"2\"");
    let wording: Option<String> =
        sqlx::query_scalar("select official_wording from findings where id = 3")
            .fetch_one(&app.state.db)
            .await
            .expect("row");
    assert_eq!(wording.as_deref(), Some("The colleague's wording"));
}

#[tokio::test]
async fn parts_that_have_been_judged_cannot_be_removed() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut form = finding_form("5", "", "1");
    form.retain(|(k, _)| *k != "parts");
    form.push((
        "parts",
        "Referrals identify all the risks to the child.\nA new part",
    ));
    app.post_form("/findings/5", &form)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("These parts have been judged and cannot be removed")
        .assert_contains("Partners receive the information");
    // Keeping both judged parts and adding one keeps their ids.
    form.retain(|(k, _)| *k != "parts");
    form.push((
        "parts",
        "New first part\nReferrals identify all the risks to the child.\nPartners receive the information they need from police referrals.",
    ));
    app.post_form("/findings/5", &form)
        .await
        .assert_redirect_to("/findings/5");
    let parts: Vec<(i64, i64, String)> = sqlx::query_as(
        "select id, position, text from finding_parts where finding_id = 5 order by position",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("parts");
    assert_eq!(parts[0].2, "New first part");
    assert_eq!((parts[1].0, parts[1].1), (1, 2));
    assert_eq!((parts[2].0, parts[2].1), (2, 3));
}

#[tokio::test]
async fn the_finding_page_gathers_its_actions_milestones_meeting_actions_and_measures() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    // Recommendation 8 is served by CP-06 (blocked), and a meeting asked for a forensics report.
    app.get("/findings/8")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("href=\"/actions/6\"")
        .assert_contains("Blocked by")
        .assert_contains("Chief Constable to report on the digital forensics backlog")
        .assert_contains("slip");
    // AFI 2 carries the overdue sex-offender visits measure.
    app.get("/findings/14")
        .await
        .assert_contains("Overdue registered sex offender visits")
        .assert_contains("href=\"/measures/1\"");
}

#[tokio::test]
async fn a_correction_on_a_finding_is_shown_beside_the_update_it_corrects() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let original: i64 = app
        .count("select max(id) from progress_updates where finding_id = 12")
        .await;
    app.post_form(
        &format!("/updates/{original}/correct"),
        &[
            ("as_at_day", "1"),
            ("as_at_month", "3"),
            ("as_at_year", "2026"),
            ("rag", "amber"),
            ("narrative", "The earlier count of audited cases was wrong."),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get("/findings/12")
        .await
        .assert_contains("The earlier count of audited cases was wrong.")
        .assert_contains("Corrected by");
}
