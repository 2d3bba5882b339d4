//! Nothing goes public by accident (issue 16, item 3): an inspection reaches an edition only
//! once the office marks it ready for publication. And the latest edition says it is the
//! latest (item 9).

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

const REPORT: &str = "Warwickshire – National child protection inspection";
const SUMMARY: &str = "Check every missing-child referral within a day.";

/// As the office: a second force's inspection with one finding whose public summary is
/// approved, as a new user would enter it. The inspection's id.
async fn enter_an_inspection_with_an_approved_finding(app: &mut TestApp) -> i64 {
    let inspection = [
        ("new_body", "Warwickshire Police"),
        ("title", REPORT),
        ("kind", "child_protection"),
        ("source", "hmicfrs"),
        ("published_on_day", "14"),
        ("published_on_month", "6"),
        ("published_on_year", "2022"),
        ("report_url", ""),
        ("follows_up_id", ""),
    ];
    let created = app.post_form("/inspections", &inspection).await;
    created.assert_status(StatusCode::SEE_OTHER);
    let id: i64 = created
        .location()
        .trim_start_matches("/inspections/")
        .parse()
        .expect("the new inspection's address");
    let finding = [
        ("kind", "recommendation"),
        ("parent_id", ""),
        ("reference", "W1"),
        ("area", "Missing children"),
        (
            "official_wording",
            "The force should review missing-child referrals.",
        ),
        ("public_summary", SUMMARY),
        ("timescale", "within_3_months"),
        ("parts", ""),
        ("version", ""),
    ];
    app.post_form(&format!("/inspections/{id}/findings"), &finding)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let finding_id = app
        .count("select id from findings where reference = 'W1'")
        .await
        .to_string();
    app.post_form(
        "/publishing/approve",
        &[
            ("kind", "finding"),
            ("id", &finding_id),
            ("summary", SUMMARY),
        ],
    )
    .await
    .assert_redirect_to("/publishing");
    id
}

async fn publish(app: &mut TestApp, expected: i64) {
    app.post_form("/publishing/editions", &[("note", "")])
        .await
        .assert_redirect_to(&format!("/editions/{expected}"));
}

#[tokio::test]
async fn an_inspection_not_marked_ready_is_absent_from_the_next_edition_and_its_open_data() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let id = enter_an_inspection_with_an_approved_finding(&mut app).await;
    app.get(&format!("/inspections/{id}"))
        .await
        .assert_contains("Not ready for publication")
        .assert_contains("Mark ready for publication");
    app.get("/publishing")
        .await
        .assert_contains("Inspections not yet ready for publication (1)")
        .assert_contains(REPORT);
    publish(&mut app, 2).await;
    app.forget_session();
    for page in ["/", "/editions/2", "/data/latest.json", "/data/latest.csv"] {
        app.get(page)
            .await
            .assert_status(StatusCode::OK)
            .assert_not_contains("Warwickshire")
            .assert_not_contains(SUMMARY);
    }
    app.get(&format!("/progress/inspections/{id}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn marked_ready_an_inspection_appears_in_the_next_edition_and_unmarked_it_leaves() {
    let mut app = TestApp::seeded().await;
    let office = app.sign_in_as(Role::Office).await;
    let id = enter_an_inspection_with_an_approved_finding(&mut app).await;
    app.post_form(&format!("/inspections/{id}/ready"), &[])
        .await
        .assert_redirect_to(&format!("/inspections/{id}#publication"));
    let marked_by = app
        .count(&format!(
            "select ready_for_publication_by from inspections where id = {id}"
        ))
        .await;
    assert_eq!(marked_by, office);
    assert_eq!(app.audit_count("inspection", "mark_ready").await, 1);
    app.get(&format!("/inspections/{id}"))
        .await
        .assert_contains("Ready for publication")
        .assert_contains("Mark not ready for publication");
    app.get("/publishing")
        .await
        .assert_not_contains("Inspections not yet ready for publication");
    // Marking it again changes nothing and records nothing.
    app.post_form(&format!("/inspections/{id}/ready"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.audit_count("inspection", "mark_ready").await, 1);
    publish(&mut app, 2).await;
    app.forget_session();
    app.get(&format!("/progress/inspections/{id}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(REPORT)
        .assert_contains(SUMMARY);
    app.get("/data/latest.json").await.assert_contains(SUMMARY);

    app.sign_in_as_existing("office@example.test").await;
    app.post_form(&format!("/inspections/{id}/not-ready"), &[])
        .await
        .assert_redirect_to(&format!("/inspections/{id}#publication"));
    assert_eq!(app.audit_count("inspection", "unmark_ready").await, 1);
    publish(&mut app, 3).await;
    app.forget_session();
    app.get("/data/latest.json")
        .await
        .assert_not_contains(SUMMARY);
    // The edition that published it keeps it.
    app.get(&format!("/editions/2/inspections/{id}"))
        .await
        .assert_contains(SUMMARY);
}

#[tokio::test]
async fn only_the_office_marks_an_inspection_ready() {
    for role in [Role::Force, Role::Panel] {
        let mut app = TestApp::seeded().await;
        app.exec(
            "update inspections set ready_for_publication_at = null, ready_for_publication_by = null where id = 2",
        )
            .await;
        app.sign_in_as(role).await;
        app.post_form("/inspections/2/ready", &[])
            .await
            .assert_status(StatusCode::FORBIDDEN);
        let ready = app
            .count("select count(*) from inspections where ready_for_publication_at is not null")
            .await;
        assert_eq!(ready, 1, "{role:?}");
    }
    let mut app = TestApp::seeded().await;
    app.post_form("/inspections/2/not-ready", &[])
        .await
        .assert_redirect_to("/sign-in?next=/inspections/2/not-ready");
}

#[tokio::test]
async fn the_example_inspections_are_marked_ready_for_publication() {
    let app = TestApp::seeded().await;
    let not_ready = app
        .count("select count(*) from inspections where ready_for_publication_at is null")
        .await;
    assert_eq!(not_ready, 0);
}

#[tokio::test]
async fn the_latest_edition_says_it_is_the_latest_and_an_earlier_one_says_it_is_earlier() {
    let mut app = TestApp::seeded().await;
    for page in [
        "/editions/1",
        "/editions/1/inspections/1",
        "/editions/1/bodies/1",
    ] {
        app.get(page)
            .await
            .assert_contains("This is the latest edition.")
            .assert_not_contains("earlier edition");
    }
    app.get("/editions")
        .await
        .assert_contains("1 edition<")
        .assert_not_contains("1 editions");
    app.sign_in_as(Role::Office).await;
    publish(&mut app, 2).await;
    app.forget_session();
    for page in [
        "/editions/1",
        "/editions/1/inspections/1",
        "/editions/1/bodies/1",
    ] {
        app.get(page)
            .await
            .assert_contains("This is an earlier edition.")
            .assert_not_contains("This is the latest edition.");
    }
    app.get("/editions/2")
        .await
        .assert_contains("This is the latest edition.");
    app.get("/editions").await.assert_contains("2 editions");
}
