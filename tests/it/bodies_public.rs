//! The public site when the office oversees more than one inspected body: the home lists the
//! bodies, each body's page lists only its inspections, and open data names each row's body.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;
use serde_json::Value;

use crate::helpers::TestApp;

pub const FIRE: &str = "Derbyshire Fire and Rescue Service";
pub const FIRE_REPORT: &str = "Fire and rescue effectiveness 2023";
pub const FIRE_FINDING: &str = "FR1";

/// As the office: a second body's inspection (the body typed as a new name on the inspection
/// form), one finding with an approved public summary, and a new edition published. Returns
/// the new body's id and its inspection's id.
pub async fn add_fire_service_and_publish(app: &mut TestApp) -> (i64, i64) {
    app.sign_in_as(Role::Office).await;
    let inspection = [
        ("new_body", FIRE),
        ("title", FIRE_REPORT),
        ("kind", "fire"),
        ("source", "hmicfrs"),
        ("published_on_day", "1"),
        ("published_on_month", "2"),
        ("published_on_year", "2023"),
        (
            "report_url",
            "https://www.justiceinspectorates.gov.uk/hmicfrs/fire",
        ),
        ("follows_up_id", ""),
    ];
    let created = app.post_form("/inspections", &inspection).await;
    created.assert_status(StatusCode::SEE_OTHER);
    let inspection_id: i64 = created
        .location()
        .trim_start_matches("/inspections/")
        .parse()
        .expect("the new inspection's address");
    let finding = [
        ("kind", "recommendation"),
        ("parent_id", ""),
        ("reference", FIRE_FINDING),
        ("area", "Protection"),
        (
            "official_wording",
            "The service should audit its fire safety checks.",
        ),
        ("public_summary", "Audit the fire safety checks."),
        ("timescale", "within_3_months"),
        ("parts", ""),
        ("version", ""),
    ];
    app.post_form(&format!("/inspections/{inspection_id}/findings"), &finding)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let finding_id = app
        .count(&format!(
            "select id from findings where reference = '{FIRE_FINDING}'"
        ))
        .await;
    app.post_form(
        "/publishing/approve",
        &[
            ("kind", "finding"),
            ("id", &finding_id.to_string()),
            ("summary", "Audit the fire safety checks."),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post_form(&format!("/inspections/{inspection_id}/ready"), &[])
        .await
        .assert_redirect_to(&format!("/inspections/{inspection_id}#publication"));
    app.post_form(
        "/publishing/editions",
        &[("note", "Now with the fire service")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.forget_session();
    let body_id = app
        .count(&format!(
            "select id from inspected_bodies where name = '{FIRE}'"
        ))
        .await;
    (body_id, inspection_id)
}

#[tokio::test]
async fn with_one_body_the_home_lists_its_inspections_as_before() {
    let mut app = TestApp::seeded().await;
    app.get("/")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("Inspected bodies")
        .assert_contains("href=\"/progress/inspections/1\"");
}

#[tokio::test]
async fn with_two_bodies_the_home_lists_both_and_each_body_page_shows_only_its_inspections() {
    let mut app = TestApp::seeded().await;
    let (fire, fire_inspection) = add_fire_service_and_publish(&mut app).await;
    let home = app.get("/").await;
    home.assert_status(StatusCode::OK)
        .assert_contains("Inspected bodies")
        .assert_contains("Derbyshire Constabulary")
        .assert_contains("Police force")
        .assert_contains(FIRE)
        .assert_contains("href=\"/progress/bodies/1\"")
        .assert_contains(&format!("href=\"/progress/bodies/{fire}\""));

    let police = app.get("/progress/bodies/1").await;
    police
        .assert_status(StatusCode::OK)
        .assert_contains("<h1 class=\"govuk-heading-xl\">Derbyshire Constabulary</h1>")
        .assert_contains("href=\"/progress/inspections/1\"")
        .assert_not_contains(FIRE_REPORT);

    let fire_page = app.get(&format!("/progress/bodies/{fire}")).await;
    fire_page
        .assert_status(StatusCode::OK)
        .assert_contains(FIRE_REPORT)
        .assert_contains(&format!("href=\"/progress/inspections/{fire_inspection}\""))
        .assert_not_contains("href=\"/progress/inspections/1\"");

    // An inspection's page names its body and leads to the body's page.
    app.get(&format!("/progress/inspections/{fire_inspection}"))
        .await
        .assert_contains(&format!(
            "<a class=\"govuk-link\" href=\"/progress/bodies/{fire}\">{FIRE}</a>"
        ));

    // The same page of the numbered edition, which never changes.
    let n = app.count("select max(number) from editions").await;
    app.get(&format!("/editions/{n}/bodies/{fire}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(FIRE_REPORT)
        .assert_contains(&format!(
            "href=\"/editions/{n}/inspections/{fire_inspection}\""
        ));
    app.get(&format!("/editions/{n}"))
        .await
        .assert_contains(&format!("href=\"/editions/{n}/bodies/{fire}\""));
}

#[tokio::test]
async fn a_body_with_nothing_published_or_written_another_way_is_not_its_page() {
    let mut app = TestApp::seeded().await;
    let (fire, _) = add_fire_service_and_publish(&mut app).await;
    app.get("/progress/bodies/999")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Edition 1 was published before the fire service existed.
    app.get(&format!("/editions/1/bodies/{fire}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get("/editions/1/bodies/1")
        .await
        .assert_status(StatusCode::OK);
    let moved = app.get("/progress/bodies/01").await;
    moved.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(moved.location(), "/progress/bodies/1");
}

#[tokio::test]
async fn an_older_edition_without_body_ids_still_lists_every_inspection() {
    let mut app = TestApp::seeded().await;
    add_fire_service_and_publish(&mut app).await;
    // An edition frozen before bodies' ids and kinds were carried: take them out of its
    // stored content as it would have been written then.
    let n = app.count("select max(number) from editions").await;
    let content: String = sqlx::query_scalar("select content from editions where number = ?")
        .bind(n)
        .fetch_one(&app.state.db)
        .await
        .expect("content");
    let mut snapshot: Value = serde_json::from_str(&content).expect("snapshot");
    for i in snapshot["inspections"].as_array_mut().expect("inspections") {
        let i = i.as_object_mut().expect("inspection");
        i.remove("body_id");
        i.remove("body_kind");
    }
    let old: scrutineer::domain::edition::Snapshot =
        serde_json::from_value(snapshot).expect("an older edition still reads");
    assert!(old.inspections.iter().all(|i| i.body_id.is_none()));
    let bodies = old.bodies();
    assert_eq!(bodies.len(), 2, "grouped by the bodies' names");
    assert!(bodies.iter().all(|b| b.id.is_none()));
}

#[tokio::test]
async fn open_data_names_each_inspections_body_and_its_kind() {
    let mut app = TestApp::seeded().await;
    let (_, fire_inspection) = add_fire_service_and_publish(&mut app).await;
    let json: Value = serde_json::from_str(&app.get("/data/latest.json").await.body).expect("json");
    let inspections = json["inspections"].as_array().expect("inspections");
    let fire = inspections
        .iter()
        .find(|i| i["id"] == fire_inspection)
        .expect("the fire inspection is published");
    assert_eq!(fire["body"], FIRE);
    // A body typed as a new name on the form is a police force until the office says otherwise.
    assert_eq!(fire["bodyKind"], "police_force");
    assert_eq!(fire["findings"][0]["body"], FIRE);
    assert_eq!(fire["findings"][0]["bodyKind"], "police_force");
    let police = inspections.iter().find(|i| i["id"] == 1).expect("police");
    assert_eq!(police["body"], "Derbyshire Constabulary");

    let csv = app.get("/data/latest.csv").await.body;
    assert!(
        csv.lines()
            .any(|l| l.contains(&format!("{FIRE},police_force,{fire_inspection},"))),
        "{csv}"
    );
    app.get("/data/dictionary")
        .await
        .assert_contains("body_kind")
        .assert_contains("bodyKind");
}
