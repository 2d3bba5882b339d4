//! From trying to using (issue 16, items 1 and 5): the example data's banner shows only while
//! it is there and on its own pages; an administrator removes it (browser or command line)
//! once nothing real depends on it, and the audit chain still verifies.

use axum::http::StatusCode;
use scrutineer::db;
use scrutineer::domain::vocab::Role;
use scrutineer::startup;

use crate::helpers::TestApp;

const BANNER: &str = "id=\"example-banner-title\"";

async fn add_second_body_inspection(app: &TestApp) {
    app.exec(
        "insert into inspected_bodies (id, name, kind, created_at)
         values (2, 'Warwickshire Police', 'police_force', '2026-01-01T09:00:00Z')",
    )
    .await;
    app.exec(
        "insert into inspections (id, body_id, title, kind, source, published_on, created_at, updated_at)
         values (3, 2, 'Child protection inspection', 'child_protection', 'hmicfrs', '2022-06-01',
                 '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')",
    )
    .await;
}

async fn verify(app: &TestApp) {
    let (report, intact) = startup::audit_verify(&app.state.db).await.expect("verify");
    assert!(intact, "{report}");
}

#[tokio::test]
async fn the_ids_the_removal_treats_as_example_data_are_exactly_those_a_fresh_load_fills() {
    let app = TestApp::seeded().await;
    for (table, last) in db::example::LOADED {
        let count = app.count(&format!("select count(*) from {table}")).await;
        let max = app
            .count(&format!("select coalesce(max(id), 0) from {table}"))
            .await;
        assert_eq!((count, max), (last, last), "{table}");
    }
}

#[tokio::test]
async fn an_admin_removes_the_example_data_in_the_browser_and_the_banner_goes() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Admin).await;
    app.get("/").await.assert_contains(BANNER);
    app.get("/admin/settings")
        .await
        .assert_contains("href=\"/admin/example-data\"");
    app.get("/admin/example-data")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("I want to remove the example data");

    let unconfirmed = app.post_form("/admin/example-data", &[]).await;
    unconfirmed
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Confirm that you want to remove the example data");
    assert_eq!(app.count("select count(*) from inspections").await, 2);

    app.post_form("/admin/example-data", &[("confirm", "yes")])
        .await
        .assert_redirect_to("/admin/example-data?removed=1");
    app.get("/admin/example-data?removed=1")
        .await
        .assert_contains("The example data has been removed")
        .assert_not_contains(BANNER);
    app.get("/").await.assert_not_contains(BANNER);
    app.get("/admin/settings")
        .await
        .assert_not_contains(BANNER)
        .assert_not_contains("href=\"/admin/example-data\"");
    assert_eq!(app.count("select count(*) from inspections").await, 0);
    assert_eq!(app.count("select count(*) from progress_updates").await, 0);
    assert_eq!(
        app.count("select count(*) from search_index").await,
        0,
        "nothing of it is left to be found"
    );
    assert_eq!(
        app.count("select count(*) from users where id <= 4 and disabled_at is null")
            .await,
        0
    );
    // Published editions are the public record: kept as published.
    assert_eq!(app.count("select count(*) from editions").await, 1);
    assert_eq!(app.audit_count("example_data", "remove").await, 1);
    verify(&app).await;
    // Nothing left to remove.
    app.get("/admin/example-data")
        .await
        .assert_contains("There is no example data");
}

#[tokio::test]
async fn the_command_line_removes_the_example_data_and_the_chain_verifies() {
    let app = TestApp::seeded().await;
    let actor = db::audit::Actor::system("command line");
    let now = app.state.clock.now();
    let printed = startup::example_remove(&app.state.db, &actor, now)
        .await
        .expect("remove");
    assert!(printed.starts_with("Removed the example data"), "{printed}");
    assert_eq!(app.count("select count(*) from findings").await, 0);
    assert_eq!(app.audit_count("example_data", "remove").await, 1);
    verify(&app).await;
    // The append-only tables are protected again.
    let refused = sqlx::query("delete from editions")
        .execute(&app.state.db)
        .await;
    assert!(refused.is_err());
    assert!(
        app.count(
            "select count(*) from sqlite_master where type = 'trigger' and name = 'progress_updates_no_delete'"
        )
        .await
            == 1
    );
    let again = startup::example_remove(&app.state.db, &actor, now)
        .await
        .expect("again");
    assert_eq!(again, "There is no example data to remove.");
    // A fresh start: the banner is gone from a new app on the same settings.
    let site = db::settings::load_site(&app.state.db).await.expect("site");
    assert!(!site.example_data);
}

#[tokio::test]
async fn removal_is_refused_while_something_real_depends_on_it_and_says_what() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Admin).await;
    // A real force user belonging to the example body.
    app.create_user("liaison@warwickshire.example", Role::Force)
        .await;
    let refused = app
        .post_form("/admin/example-data", &[("confirm", "yes")])
        .await;
    refused
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("cannot be removed while records entered since depend on it")
        .assert_contains("the user liaison, who belongs to Derbyshire Constabulary");
    app.get("/admin/example-data")
        .await
        .assert_contains("the user liaison")
        .assert_not_contains("I want to remove the example data");
    let cli = startup::example_remove(
        &app.state.db,
        &db::audit::Actor::system("command line"),
        app.state.clock.now(),
    )
    .await
    .expect_err("refused");
    assert!(
        cli.to_string()
            .contains("the user liaison, who belongs to Derbyshire Constabulary"),
        "{cli}"
    );
    assert_eq!(app.count("select count(*) from inspections").await, 2);
    assert_eq!(app.audit_count("example_data", "remove").await, 0);
    verify(&app).await;
}

#[tokio::test]
async fn a_real_bodys_pages_show_no_banner_and_its_records_stay_after_removal() {
    let mut app = TestApp::seeded().await;
    add_second_body_inspection(&app).await;
    app.sign_in_as(Role::Office).await;
    app.get("/inspections/1").await.assert_contains(BANNER);
    app.get("/inspections/3")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains(BANNER);
    startup::example_remove(
        &app.state.db,
        &db::audit::Actor::system("command line"),
        app.state.clock.now(),
    )
    .await
    .expect("remove");
    app.state
        .set_site(db::settings::load_site(&app.state.db).await.expect("site"));
    app.get("/inspections/3")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Child protection inspection");
    app.get("/inspections/1")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

/// HMICFRS's own words (issue 16, item 5).
fn position_in_the_reports_words(words: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("position", "partially_met"),
        ("as_at_day", "20"),
        ("as_at_month", "2"),
        ("as_at_year", "2026"),
        ("source", "HMICFRS post-inspection review"),
        ("source_inspection_id", "2"),
        ("report_words", words),
        ("note", ""),
    ]
}

#[tokio::test]
async fn the_reports_own_words_show_beside_the_position_on_the_finding_page_and_in_the_next_edition()
 {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/findings/3/positions/new")
        .await
        .assert_contains("list=\"report-phrases\"")
        .assert_contains("<option value=\"insufficient progress\">");
    app.post_form(
        "/findings/3/positions",
        &position_in_the_reports_words("substantial progress"),
    )
    .await
    .assert_redirect_to("/findings/3#positions");
    app.get("/findings/3")
        .await
        .assert_contains("Partially met")
        .assert_contains("HMICFRS: “substantial progress”");
    // Not public until the next edition.
    app.get("/progress/inspections/1")
        .await
        .assert_not_contains("substantial progress”");
    app.post_form("/publishing/editions", &[("note", "")]).await;
    app.forget_session();
    app.get("/progress/inspections/1")
        .await
        .assert_contains("HMICFRS: “substantial progress”");
    app.get("/data/editions/2.json")
        .await
        .assert_contains("\"inspectorateWords\": \"substantial progress\"");
    app.get("/data/editions/2.csv")
        .await
        .assert_contains("inspectorate_position,inspectorate_words,")
        .assert_contains("partially_met,substantial progress,");
    app.get("/data/schema/edition.json")
        .await
        .assert_contains("inspectorateWords");
    app.get("/about")
        .await
        .assert_contains("Scrutineer's definitions, not the issuing body's.");
    verify(&app).await;
}

#[tokio::test]
async fn words_longer_than_200_characters_are_refused_and_shown_again() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let long = "progress ".repeat(30);
    let long: &'static str = Box::leak(long.into_boxed_str());
    app.post_form(
        "/findings/3/positions",
        &position_in_the_reports_words(long),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("The report's own words");
}

#[tokio::test]
async fn an_edition_published_before_the_words_were_recorded_still_renders() {
    let mut app = TestApp::seeded().await;
    // Edition 1 holds no words: its content has no field for them at all, as an edition
    // published before they existed.
    let content: String = sqlx::query_scalar("select content from editions where number = 1")
        .fetch_one(&app.state.db)
        .await
        .expect("edition 1");
    assert!(!content.contains("inspectorate_words"));
    app.get("/editions/1/inspections/1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("HMICFRS's position")
        .assert_not_contains("HMICFRS: “");
    app.get("/data/editions/1.json")
        .await
        .assert_status(StatusCode::OK);
}
