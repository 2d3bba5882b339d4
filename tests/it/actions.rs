//! Action-plan items: adding, editing (with conflicts), blocking, and who may reach each route.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::helpers::{PASSWORD, TestApp};

/// One number from the database.
pub async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db)
        .await
        .expect("query")
}

/// Sign in as a fresh account with this email and role.
pub async fn sign_in_new(app: &mut TestApp, email: &str, role: Role) -> i64 {
    let id = app.create_user(email, role).await;
    app.sign_in(email, PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    id
}

fn action_fields<'a>(
    reference: &'a str,
    title: &'a str,
    findings: &[&'a str],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("reference", reference),
        ("title", title),
        ("description", "Weekly joint review of every referral."),
        ("owner_role", "Head of Public Protection"),
        ("owner_name", "Demo – Det Supt D. Example"),
    ];
    fields.extend(findings.iter().map(|f| ("findings", *f)));
    fields
}

#[tokio::test]
async fn an_office_user_adds_an_action_addressing_two_findings() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let audits = count(&app, "select count(*) from audit_events").await;
    let response = app
        .post_form(
            "/actions",
            &action_fields("CP-12", "Joint referral review", &["3", "13"]),
        )
        .await;
    let id = count(
        &app,
        "select id from action_items where reference = 'CP-12'",
    )
    .await;
    response.assert_redirect_to(&format!("/actions/{id}"));
    let linked = count(
        &app,
        &format!(
            "select count(*) from action_findings where action_id = {id} and finding_id in (3, 13)"
        ),
    )
    .await;
    assert_eq!(linked, 2);
    assert_eq!(
        count(
            &app,
            &format!("select body_id from action_items where id = {id}")
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "select count(*) from audit_events").await,
        audits + 1
    );
    app.get(&format!("/actions/{id}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Joint referral review")
        .assert_contains("href=\"/findings/13\"");
}

#[tokio::test]
async fn an_action_needs_at_least_one_finding_and_keeps_what_was_typed() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form(
        "/actions",
        &action_fields("CP-12", "Joint referral review", &[]),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("There is a problem")
    .assert_contains("Select at least one finding the action addresses")
    .assert_contains("value=\"Joint referral review\"");
    assert_eq!(
        count(
            &app,
            "select count(*) from action_items where reference = 'CP-12'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_duplicate_reference_is_refused_with_a_message() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form(
        "/actions",
        &action_fields("CP-01", "Another first action", &["1"]),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("An action with this reference already exists");
    assert_eq!(count(&app, "select count(*) from action_items").await, 11);
}

#[tokio::test]
async fn a_force_user_cannot_create_or_edit_an_action() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    app.get("/actions/1")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("Edit the action");
    app.get("/actions/new")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.get("/actions/1/edit")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post_form("/actions", &action_fields("CP-12", "Force action", &["1"]))
        .await
        .assert_status(StatusCode::FORBIDDEN);
    let mut edit = action_fields("CP-01", "Renamed by the force", &["1"]);
    edit.push(("version", "1"));
    app.post_form("/actions/1", &edit)
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "select count(*) from action_items").await, 11);
    assert_eq!(
        count(
            &app,
            "select count(*) from action_items where title like '%force%'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn saving_an_action_over_someone_elses_change_shows_both_versions_and_keeps_what_was_typed() {
    let mut app = TestApp::seeded().await;
    sign_in_new(&mut app, "first@example.test", Role::Office).await;
    app.get("/actions/3/edit")
        .await
        .assert_contains("name=\"version\" value=\"1\"");
    sign_in_new(&mut app, "second@example.test", Role::Office).await;
    let mut theirs = action_fields("CP-03", "Saved first by someone else", &["4"]);
    theirs.push(("version", "1"));
    app.post_form("/actions/3", &theirs)
        .await
        .assert_redirect_to("/actions/3");

    app.sign_in("first@example.test", PASSWORD).await;
    let mut mine = action_fields("CP-03", "My stale edit", &["4", "13"]);
    mine.push(("version", "1"));
    app.post_form("/actions/3", &mine)
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("Someone else changed this record")
        .assert_contains("Saved first by someone else")
        .assert_contains("value=\"My stale edit\"")
        .assert_contains("name=\"version\" value=\"2\"");
    let title: String = sqlx::query_scalar("select title from action_items where id = 3")
        .fetch_one(&app.state.db)
        .await
        .expect("title");
    assert_eq!(title, "Saved first by someone else");
    assert_eq!(
        count(
            &app,
            "select count(*) from action_findings where action_id = 3"
        )
        .await,
        1
    );

    // Saving again from the conflict page is a deliberate choice, and it goes through.
    mine.retain(|(k, _)| *k != "version");
    mine.push(("version", "2"));
    app.post_form("/actions/3", &mine)
        .await
        .assert_redirect_to("/actions/3");
    assert_eq!(
        count(
            &app,
            "select count(*) from action_findings where action_id = 3"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn an_office_user_marks_an_action_blocked_by_a_national_body_and_back() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/actions/9/block")
        .await
        .assert_status(StatusCode::OK);
    let fields = [
        ("blocked_by", "National Police Chiefs' Council"),
        ("since_day", "1"),
        ("since_month", "2"),
        ("since_year", "2026"),
        ("version", "1"),
    ];
    app.post_form("/actions/9/block", &fields)
        .await
        .assert_redirect_to("/actions/9");
    app.get("/actions/9")
        .await
        .assert_contains("Blocked by National Police Chiefs' Council")
        .assert_contains("1 February 2026");
    let since: Option<String> =
        sqlx::query_scalar("select blocked_since from action_items where id = 9")
            .fetch_one(&app.state.db)
            .await
            .expect("since");
    assert_eq!(since.as_deref(), Some("2026-02-01"));
    app.post_form("/actions/9/unblock", &[("version", "2")])
        .await
        .assert_redirect_to("/actions/9");
    assert_eq!(
        count(
            &app,
            "select count(*) from action_items where id = 9 and blocked_by is null"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_events where entity = 'action_item' and entity_id = 9"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn an_impossible_or_future_block_date_is_refused() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut fields = vec![
        ("blocked_by", "Home Office"),
        ("since_day", "31"),
        ("since_month", "2"),
        ("since_year", "2026"),
        ("version", "1"),
    ];
    app.post_form("/actions/9/block", &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be a real date")
        .assert_contains("value=\"31\"");
    fields[1] = ("since_day", "1");
    fields[3] = ("since_year", "2027");
    app.post_form("/actions/9/block", &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be today or in the past");
    assert_eq!(
        count(
            &app,
            "select count(*) from action_items where id = 9 and blocked_by is null"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_action_list_shows_each_item_with_its_rag_blocks_and_slips() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    app.get("/actions")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("11 action-plan items")
        .assert_contains("Blocked by Home Office")
        .assert_contains("Red – off track")
        .assert_contains("3 slips, 345 days")
        .assert_not_contains("Add an action");
}

#[tokio::test]
async fn blocking_an_action_someone_else_just_changed_shows_the_conflict_and_keeps_the_typing() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut edit = action_fields("CP-09", "Renamed meanwhile", &["11"]);
    edit.push(("version", "1"));
    app.post_form("/actions/9", &edit)
        .await
        .assert_redirect_to("/actions/9");
    let stale = [
        ("blocked_by", "College of Policing"),
        ("since_day", "1"),
        ("since_month", "2"),
        ("since_year", "2026"),
        ("version", "1"),
    ];
    app.post_form("/actions/9/block", &stale)
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("Someone else changed this record")
        .assert_contains("Not blocked")
        .assert_contains("value=\"College of Policing\"")
        .assert_contains("name=\"version\" value=\"2\"");
    assert_eq!(
        count(
            &app,
            "select count(*) from action_items where id = 9 and blocked_by is null"
        )
        .await,
        1
    );
    app.post_form("/actions/9/unblock", &[("version", "1")])
        .await
        .assert_status(StatusCode::CONFLICT);
}
