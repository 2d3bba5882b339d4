//! Performance measures: adding them to actions and findings, readings, and the measure page.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::actions::count;
use crate::helpers::TestApp;

const MEASURE: &[(&str, &str)] = &[
    ("name", "Referrals triaged within 24 hours"),
    ("unit", "%"),
    ("quantity", "percentage"),
    ("baseline", "48"),
    ("baseline_on_day", "1"),
    ("baseline_on_month", "12"),
    ("baseline_on_year", "2025"),
    ("target", "90"),
    ("better", "higher"),
];

#[tokio::test]
async fn an_office_user_adds_a_measure_to_an_action_and_records_readings() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/actions/4/measures/new")
        .await
        .assert_status(StatusCode::OK);
    let response = app.post_form("/actions/4/measures", MEASURE).await;
    let id = count(
        &app,
        "select id from performance_measures where action_id = 4",
    )
    .await;
    response.assert_redirect_to(&format!("/measures/{id}"));
    assert_eq!(count(&app, &format!("select count(*) from performance_measures where id = {id} and baseline = 48 and target = 90 and better = 'higher'")).await, 1);
    for (day, value) in [("1", "55"), ("27", "71.5")] {
        let reading = [
            ("taken_on_day", day),
            ("taken_on_month", "2"),
            ("taken_on_year", "2026"),
            ("value", value),
            ("note", ""),
        ];
        app.post_form(&format!("/measures/{id}/readings"), &reading)
            .await
            .assert_redirect_to(&format!("/measures/{id}"));
    }
    assert_eq!(
        count(
            &app,
            &format!("select count(*) from measure_readings where measure_id = {id}")
        )
        .await,
        2
    );
    app.get(&format!("/measures/{id}"))
        .await
        .assert_contains("71.5 %")
        .assert_contains("Better than baseline")
        .assert_contains("<svg");
    app.get("/actions/4")
        .await
        .assert_contains("Referrals triaged within 24 hours")
        .assert_contains("Latest <strong>71.5 %</strong>");
    assert_eq!(count(&app, "select count(*) from audit_events where entity in ('performance_measure', 'measure_reading')").await, 3);
}

#[tokio::test]
async fn a_measure_can_be_added_to_a_finding() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Admin).await;
    app.get("/findings/5/measures/new")
        .await
        .assert_status(StatusCode::OK);
    let response = app.post_form("/findings/5/measures", MEASURE).await;
    let id = count(
        &app,
        "select id from performance_measures where finding_id = 5",
    )
    .await;
    response.assert_redirect_to(&format!("/measures/{id}"));
    app.get(&format!("/measures/{id}"))
        .await
        .assert_contains("href=\"/findings/5\"")
        .assert_contains("No readings yet");
}

#[tokio::test]
async fn a_measure_form_with_problems_is_shown_again_with_what_was_typed() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let fields = [
        ("name", ""),
        ("unit", "visits"),
        ("baseline", "two hundred"),
        ("target", "50"),
        ("better", ""),
    ];
    app.post_form("/actions/8/measures", &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Enter a name")
        .assert_contains("Enter a number, like 185 or 62.5")
        .assert_contains("Select which direction is better")
        .assert_contains("value=\"two hundred\"");
    assert_eq!(
        count(&app, "select count(*) from performance_measures").await,
        2
    );
    let reading = [
        ("taken_on_day", "30"),
        ("taken_on_month", "2"),
        ("taken_on_year", "2026"),
        ("value", ""),
        ("note", "typed note"),
    ];
    app.post_form("/measures/1/readings", &reading)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be a real date")
        .assert_contains("Enter a number")
        .assert_contains("typed note");
    assert_eq!(
        count(
            &app,
            "select count(*) from measure_readings where measure_id = 1"
        )
        .await,
        3
    );
}

#[tokio::test]
async fn the_measure_page_shows_the_latest_reading_against_target_with_a_chart_and_table() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    app.get("/measures/1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Overdue registered sex offender visits")
        .assert_contains("Latest <strong>185 visits</strong>")
        .assert_contains("against a target of 50 visits")
        .assert_contains("Better than baseline")
        .assert_contains("role=\"img\"")
        .assert_contains("Line chart of 3 readings")
        .assert_contains("<td class=\"govuk-table__cell govuk-table__cell--numeric\">273</td>")
        .assert_not_contains("Add a reading");
}

#[tokio::test]
async fn a_force_user_cannot_add_measures_or_readings() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    app.get("/actions/4/measures/new")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post_form("/actions/4/measures", MEASURE)
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post_form("/findings/5/measures", MEASURE)
        .await
        .assert_status(StatusCode::FORBIDDEN);
    let reading = [
        ("taken_on_day", "1"),
        ("taken_on_month", "2"),
        ("taken_on_year", "2026"),
        ("value", "1"),
    ];
    app.post_form("/measures/1/readings", &reading)
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(
        count(&app, "select count(*) from performance_measures").await,
        2
    );
    assert_eq!(
        count(&app, "select count(*) from measure_readings").await,
        7
    );
}

#[tokio::test]
async fn a_count_refuses_negative_numbers_and_a_baseline_shows_the_date_it_was_taken() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut fields = vec![
        ("name", "Missing-child referrals unreviewed"),
        ("unit", "referrals"),
        ("quantity", "count"),
        ("baseline", "-12"),
        ("baseline_on_day", ""),
        ("baseline_on_month", ""),
        ("baseline_on_year", ""),
        ("target", "0"),
        ("better", "lower"),
    ];
    app.post_form("/actions/4/measures", &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("A count cannot be below zero")
        .assert_contains("value=\"-12\"");
    fields[3] = ("baseline", "1,000");
    app.post_form("/actions/4/measures", &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Enter the date the baseline was taken");
    fields[4..7].copy_from_slice(&[
        ("baseline_on_day", "1"),
        ("baseline_on_month", "4"),
        ("baseline_on_year", "2022"),
    ]);
    let created = app.post_form("/actions/4/measures", &fields).await;
    created.assert_status(StatusCode::SEE_OTHER);
    let page = created.location().to_string();
    app.get(&page).await.assert_contains(
        "baseline 1,000 referrals on <time datetime=\"2022-04-01\">1 April 2022</time>",
    );
    // A reading of a count is whole and not below zero.
    let reading = [
        ("taken_on_day", "1"),
        ("taken_on_month", "2"),
        ("taken_on_year", "2026"),
        ("value", "-3"),
        ("note", ""),
    ];
    app.post_form(&format!("{page}/readings"), &reading)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("A count cannot be below zero");
    assert_eq!(
        count(
            &app,
            "select count(*) from performance_measures where quantity = 'count' and baseline_on = '2022-04-01'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_withdrawn_measure_is_marked_withdrawn_where_its_finding_lists_it() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/findings/14")
        .await
        .assert_contains("Overdue registered sex offender visits")
        .assert_not_contains("Withdrawn <time");
    app.post_form(
        "/measures/1/withdraw",
        &[
            ("reason", "Measured twice"),
            ("on_day", "1"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get("/findings/14")
        .await
        .assert_contains("Withdrawn <time datetime=\"2026-03-01\">1 March 2026</time>");
}
