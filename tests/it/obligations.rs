//! Which obligations apply (issue 16, item 7): a post-inspection review starts no section 55
//! clock and no six-week action plan as usual, the office can say otherwise, and the
//! followed-up inspection says "Followed up by".

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

/// A post-inspection review of the example's 2022 re-inspection (inspection 2).
fn review<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("body_id", "1"),
        ("title", "Derbyshire – post-inspection review"),
        ("kind", "child_protection"),
        ("source", "hmicfrs"),
        ("published_on_day", "20"),
        ("published_on_month", "1"),
        ("published_on_year", "2026"),
        ("follows_up_id", "2"),
    ];
    form.extend_from_slice(extra);
    form
}

#[tokio::test]
async fn a_post_inspection_review_starts_no_section_55_clock_or_action_plan_as_usual() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/inspections/new")
        .await
        .assert_contains("name=\"section_55_applies\" type=\"radio\" value=\"usual\" checked");
    app.post_form("/inspections", &review(&[]))
        .await
        .assert_redirect_to("/inspections/3");
    app.get("/inspections/3")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("id=\"section-55\"")
        .assert_not_contains("Record the section 55 response")
        .assert_not_contains("Force action plan due")
        .assert_not_contains("Overdue by");
    let list = app.get("/inspections").await;
    let row = list
        .body
        .split("Derbyshire – post-inspection review")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .unwrap_or_default()
        .to_string();
    assert!(row.contains("No statutory deadline"), "{row}");
    app.get("/inspections/3/response")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get("/inspections/2")
        .await
        .assert_contains("Followed up by")
        .assert_contains("href=\"/inspections/3\"");
}

#[tokio::test]
async fn the_office_says_section_55_applies_to_a_follow_up_but_not_the_action_plan() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let chosen = review(&[("section_55_applies", "yes"), ("action_plan_applies", "no")]);
    app.post_form("/inspections", &chosen)
        .await
        .assert_redirect_to("/inspections/3");
    app.get("/inspections/3")
        .await
        .assert_contains("id=\"section-55\"")
        .assert_contains("Record the section 55 response")
        .assert_not_contains("Force action plan due");
    let saved = app
        .count("select count(*) from inspections where id = 3 and section_55_applies = 1 and action_plan_applies = 0")
        .await;
    assert_eq!(saved, 1);
    app.get("/inspections/3/edit")
        .await
        .assert_contains("name=\"action_plan_applies\" type=\"radio\" value=\"no\" checked");
}

#[tokio::test]
async fn a_police_report_the_office_says_needs_no_section_55_loses_its_clock() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/inspections")
        .await
        .assert_contains("Published 1 day late");
    let form = [
        ("body_id", "1"),
        (
            "title",
            "Derbyshire – National child protection re-inspection",
        ),
        ("kind", "child_protection"),
        ("source", "hmicfrs"),
        ("published_on_day", "21"),
        ("published_on_month", "10"),
        ("published_on_year", "2022"),
        ("follows_up_id", "1"),
        ("section_55_applies", "no"),
        ("action_plan_applies", "usual"),
        ("version", "1"),
    ];
    app.post_form("/inspections/2", &form)
        .await
        .assert_redirect_to("/inspections/2");
    app.get("/inspections/2")
        .await
        .assert_not_contains("id=\"section-55\"")
        .assert_not_contains("Force action plan due");
    app.get("/inspections")
        .await
        .assert_not_contains("Published 1 day late");
}
