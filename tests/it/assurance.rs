//! PCC assurance and the inspectorate's position: recorded by the office, never by the force,
//! kept as history with the latest shown.

use axum::http::StatusCode;
use scrutineer::auth::OFFICE;
use scrutineer::domain::vocab::Role;

use crate::helpers::{TestApp, assert_only_these_roles};

fn assessment<'a>(level: &'a str, day: &'a str, year: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("level", level),
        ("part_id", ""),
        ("rationale", "Dip sample shows consistent supervision."),
        ("evidence_seen", "Dip sample of 40 incidents."),
        ("assessed_on_day", day),
        ("assessed_on_month", "2"),
        ("assessed_on_year", year),
    ]
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn only_the_office_records_assessments_and_positions() {
    assert_only_these_roles("GET", "/findings/3/assessments/new", OFFICE).await;
    assert_only_these_roles("POST", "/findings/3/assessments", OFFICE).await;
    assert_only_these_roles("GET", "/findings/3/positions/new", OFFICE).await;
    assert_only_these_roles("POST", "/findings/3/positions", OFFICE).await;
}

#[tokio::test]
async fn a_force_user_cannot_assess() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    app.get("/findings/3/assessments/new")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post_form(
        "/findings/3/assessments",
        &assessment("substantial", "1", "2026"),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(
        count(
            &app,
            "select count(*) from assessments where finding_id = 3"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn the_office_records_an_assessment_and_it_becomes_the_latest() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/findings/3")
        .await
        .assert_contains("Not yet assessed");
    app.post_form(
        "/findings/3/assessments",
        &assessment("reasonable", "1", "2026"),
    )
    .await
    .assert_redirect_to("/findings/3#assessments");
    let (level, on): (String, String) =
        sqlx::query_as("select level, assessed_on from assessments where finding_id = 3")
            .fetch_one(&app.state.db)
            .await
            .expect("saved");
    assert_eq!((level.as_str(), on.as_str()), ("reasonable", "2026-02-01"));
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_events where entity = 'assessment'"
        )
        .await,
        1
    );
    app.get("/findings/3")
        .await
        .assert_contains("Dip sample shows consistent supervision.")
        .assert_contains("Reasonable")
        .assert_contains("1 February 2026");
}

#[tokio::test]
async fn an_assessment_cannot_be_dated_in_the_future_or_on_an_impossible_day() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form(
        "/findings/3/assessments",
        &assessment("limited", "1", "2027"),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Date must be today or in the past")
    .assert_contains("Dip sample of 40 incidents.</textarea>");
    app.post_form(
        "/findings/3/assessments",
        &assessment("limited", "31", "2022"),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Date must be a real date");
    app.post_form("/findings/3/assessments", &assessment("", "1", "2022"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Choose the level of assurance");
    assert_eq!(
        count(
            &app,
            "select count(*) from assessments where finding_id = 3"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_part_of_a_finding_can_be_assessed_on_its_own() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/findings/5/assessments/new")
        .await
        .assert_contains("Part assessed");
    let mut form = assessment("substantial", "1", "2026");
    form.retain(|(k, _)| *k != "part_id");
    form.push(("part_id", "2"));
    app.post_form("/findings/5/assessments", &form)
        .await
        .assert_redirect_to("/findings/5#assessments");
    assert_eq!(count(&app, "select count(*) from assessments where finding_id = 5 and part_id = 2 and level = 'substantial'").await, 1);
    // A part of another finding is refused.
    let mut other = assessment("substantial", "1", "2026");
    other.retain(|(k, _)| *k != "part_id");
    other.push(("part_id", "1"));
    app.post_form("/findings/3/assessments", &other)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_superseded_position_must_name_the_finding_that_supersedes_it() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut form = vec![
        ("position", "superseded"),
        ("superseded_by_id", ""),
        ("as_at_day", "21"),
        ("as_at_month", "10"),
        ("as_at_year", "2022"),
        ("source", "HMICFRS re-inspection report"),
        ("source_inspection_id", "2"),
        ("note", "Replaced by an AFI."),
    ];
    app.post_form("/findings/3/positions", &form)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Choose the finding that supersedes this one")
        .assert_contains("value=\"HMICFRS re-inspection report\"");
    form[1] = ("superseded_by_id", "15");
    app.post_form("/findings/3/positions", &form)
        .await
        .assert_redirect_to("/findings/3#positions");
    let (position, by): (String, Option<i64>) = sqlx::query_as(
        "select position, superseded_by_id from inspectorate_positions
         where finding_id = 3 order by id desc limit 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("saved");
    assert_eq!((position.as_str(), by), ("superseded", Some(15)));
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_events where entity = 'inspectorate_position'"
        )
        .await,
        1
    );
    app.get("/findings/3")
        .await
        .assert_contains("Superseded by <a class=\"govuk-link\" href=\"/findings/15\">AFI 3</a>");
}

#[tokio::test]
async fn a_force_user_sees_the_offices_rating_and_date_but_never_its_reasons_or_evidence() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let rationale = "Supervision is consistent in every district sampled.";
    let evidence = "Confidential: 40 case files seen at Ripley on 3 February.";
    app.post_form(
        "/findings/3/assessments",
        &[
            ("level", "reasonable"),
            ("part_id", ""),
            ("rationale", rationale),
            ("evidence_seen", evidence),
            ("assessed_on_day", "4"),
            ("assessed_on_month", "2"),
            ("assessed_on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let shared = "Shared with the force: supervision has improved since the autumn.";
    let shared_evidence = "Confidential: dip sample of 12 files, 20 February.";
    app.post_form(
        "/findings/3/assessments",
        &[
            ("level", "substantial"),
            ("part_id", ""),
            ("rationale", shared),
            ("rationale_shared", "yes"),
            ("evidence_seen", shared_evidence),
            ("assessed_on_day", "21"),
            ("assessed_on_month", "2"),
            ("assessed_on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get("/findings/3")
        .await
        .assert_contains(rationale)
        .assert_contains(evidence)
        .assert_contains("Rationale shared with the force.");
    app.forget_session();

    app.sign_in_as(Role::Panel).await;
    app.get("/findings/3").await.assert_contains(rationale);
    app.forget_session();

    app.sign_in_as(Role::Force).await;
    let page = app.get("/findings/3").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("PCC assurance history")
        .assert_contains("4 February 2026")
        .assert_contains("21 February 2026")
        .assert_contains("The evidence behind them stays with the office.")
        .assert_contains(shared)
        .assert_not_contains(shared_evidence)
        .assert_not_contains(evidence)
        .assert_not_contains("Evidence seen")
        .assert_not_contains(rationale)
        .assert_not_contains("Assessed by");
    // Nor any seeded assessment's evidence, on any finding.
    let seeded: Vec<(i64, String)> = sqlx::query_as(
        "select finding_id, evidence_seen from assessments where evidence_seen is not null",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("evidence");
    assert!(seeded.len() > 1);
    for (finding, evidence) in seeded {
        let escaped = maud::html! { (evidence) }.into_string();
        app.get(&format!("/findings/{finding}"))
            .await
            .assert_not_contains(&escaped);
    }
}
