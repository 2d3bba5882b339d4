//! The dashboards with two inspected bodies: the body filter, the Body column in the lists and
//! CSVs, and a panel member scoped to one body who never sees the other.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::bodies_public::{FIRE, FIRE_FINDING, FIRE_REPORT, add_fire_service_and_publish};
use crate::helpers::{PASSWORD, TestApp};

const FIRE_ACTION: &str = "FRA-1";

const PAGES: [&str; 13] = [
    "/dashboard",
    "/dashboard/assurance",
    "/dashboard/charts",
    "/dashboard/findings",
    "/dashboard/findings.csv",
    "/dashboard/milestones",
    "/dashboard/milestones.csv",
    "/dashboard/actions",
    "/dashboard/actions.csv",
    "/dashboard/arising",
    "/dashboard/arising.csv",
    "/dashboard/section-55",
    "/dashboard/section-55.csv",
];

/// The seeded record with a fire service beside the police force, its finding addressed by an
/// action-plan item of its own. Returns the fire service's id and its finding's id.
async fn two_bodies(app: &mut TestApp) -> (i64, i64) {
    let (fire, _) = add_fire_service_and_publish(app).await;
    let finding = app
        .count(&format!(
            "select id from findings where reference = '{FIRE_FINDING}'"
        ))
        .await;
    app.sign_in_as_existing("office@example.test").await;
    app.post_form(
        "/actions",
        &[
            ("reference", FIRE_ACTION),
            ("title", "Fire safety audit plan"),
            ("description", "Audit every check."),
            ("owner_role", "Head of Protection"),
            ("owner_name", "Someone"),
            ("findings", &finding.to_string()),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    (fire, finding)
}

#[tokio::test]
async fn the_dashboard_filtered_by_one_body_shows_only_its_findings_and_actions() {
    let mut app = TestApp::seeded().await;
    let (fire, finding) = two_bodies(&mut app).await;
    let every = app.get("/dashboard/findings").await;
    every
        .assert_status(StatusCode::OK)
        .assert_contains("<th scope=\"col\">Body</th>")
        .assert_contains(&format!("href=\"/findings/{finding}\""))
        .assert_contains("href=\"/findings/1\"")
        .assert_contains(&format!("name=\"body\" type=\"checkbox\" value=\"{fire}\""));

    let fire_only = app.get(&format!("/dashboard/findings?body={fire}")).await;
    fire_only
        .assert_status(StatusCode::OK)
        .assert_contains("1 in this list.")
        .assert_contains(&format!("href=\"/findings/{finding}\""))
        .assert_not_contains("href=\"/findings/1\"")
        .assert_contains(&format!("value=\"{fire}\" checked"))
        .assert_contains(&format!("href=\"/dashboard/findings.csv?body={fire}\""));
    app.get(&format!("/dashboard/actions?body={fire}"))
        .await
        .assert_contains(FIRE_ACTION)
        .assert_contains("1 in this list.");
    app.get("/dashboard/actions?body=1")
        .await
        .assert_not_contains(FIRE_ACTION);
    app.get(&format!("/dashboard?body={fire}"))
        .await
        .assert_contains("1 findings in view")
        .assert_contains(FIRE_REPORT);

    let csv = app
        .get(&format!("/dashboard/findings.csv?body={fire}"))
        .await
        .body;
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("id,body,"), "{csv}");
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].contains(&format!(",{FIRE},")), "{csv}");
    let actions = app.get("/dashboard/actions.csv").await.body;
    assert!(actions.starts_with("id,body,"), "{actions}");
    assert!(
        actions.contains(&format!(",{FIRE},{FIRE_ACTION},")),
        "{actions}"
    );
    assert!(actions.contains(",Derbyshire Constabulary,"), "{actions}");
}

#[tokio::test]
async fn a_panel_member_scoped_to_one_body_sees_only_it_even_when_asking_for_another() {
    let mut app = TestApp::seeded().await;
    let (fire, finding) = two_bodies(&mut app).await;
    // The office's own view is kept in memory first: it must not be what the panel member sees.
    app.get("/dashboard")
        .await
        .assert_contains(FIRE_REPORT)
        .assert_contains(&format!("<td data-label=\"Body\">{FIRE}</td>"));
    app.forget_session();
    let panel = app
        .create_user("scoped-panel@example.test", Role::Panel)
        .await;
    // Given the police force only (the admin page for this belongs to another change).
    app.exec(&format!(
        "insert into user_bodies (user_id, body_id) values ({panel}, 1)"
    ))
    .await;
    app.sign_in("scoped-panel@example.test", PASSWORD).await;
    for page in PAGES {
        for asked in [page.to_string(), format!("{page}?body={fire}")] {
            let response = app.get(&asked).await;
            response
                .assert_status(StatusCode::OK)
                .assert_not_contains(FIRE_REPORT)
                .assert_not_contains(FIRE_ACTION)
                .assert_not_contains(FIRE)
                .assert_not_contains(&format!("href=\"/findings/{finding}\""));
        }
    }
    // Their own body's record is there, without a Body column or a choice of bodies.
    app.get("/dashboard/findings")
        .await
        .assert_contains("href=\"/findings/1\"")
        .assert_not_contains("<th scope=\"col\">Body</th>")
        .assert_not_contains("name=\"body\"");
    app.get("/dashboard/findings.csv")
        .await
        .assert_contains(",Derbyshire Constabulary,");
}

#[tokio::test]
async fn the_overviews_short_lists_name_each_items_body_once_there_are_two() {
    let mut app = TestApp::seeded().await;
    app.create_user("before@example.test", Role::Office).await;
    app.sign_in("before@example.test", PASSWORD).await;
    app.get("/dashboard")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("id=\"stale\"")
        .assert_not_contains("data-label=\"Body\"");
    app.forget_session();
    two_bodies(&mut app).await;
    app.get("/dashboard")
        .await
        .assert_contains("<td data-label=\"Body\">Derbyshire Constabulary</td>");
}
