//! Plausible dates (issue 16, item 4): each implausible date is refused with a clear message
//! and the form keeps what was typed; a publication far ahead and an update dated before its
//! report are only asked about, and saved once confirmed. The example's 2021 inspection was
//! published on 16 November 2021 (today is 2 March 2026).

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

async fn office() -> TestApp {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app
}

fn met_on(
    day: &'static str,
    month: &'static str,
    year: &'static str,
) -> [(&'static str, &'static str); 3] {
    [
        ("date_day", day),
        ("date_month", month),
        ("date_year", year),
    ]
}

#[tokio::test]
async fn a_milestone_met_before_its_report_or_after_today_is_refused() {
    let mut app = office().await;
    // Milestone 17 is an item for the 2021 inspection's recommendation 9, not yet met.
    app.post_form("/milestones/17/met", &met_on("15", "11", "2021"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(
            "The date it was met cannot be before the report was published (16 November 2021)",
        )
        .assert_contains("value=\"15\"");
    app.post_form("/milestones/17/met", &met_on("3", "3", "2026"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be today or in the past");
    let unmet = app
        .count("select count(*) from milestones where id = 17 and met_on is null")
        .await;
    assert_eq!(unmet, 1);
    app.post_form("/milestones/17/met", &met_on("16", "11", "2021"))
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let met = app
        .count("select count(*) from milestones where id = 17 and met_on = '2021-11-16'")
        .await;
    assert_eq!(met, 1);
}

#[tokio::test]
async fn a_section_55_step_before_publication_is_refused_and_nothing_is_saved() {
    let mut app = office().await;
    let fields = [
        ("version", "1"),
        ("response_published_on_day", "15"),
        ("response_published_on_month", "11"),
        ("response_published_on_year", "2021"),
    ];
    app.post_form("/inspections/1/response", &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("This step cannot be before the report was published (16 November 2021)")
        .assert_contains("value=\"15\"");
    let published = app
        .count("select count(*) from inspections where id = 1 and response_published_on = '2022-01-07'")
        .await;
    assert_eq!(published, 1, "the saved response is untouched");
}

fn inspection<'a>(fields: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("body_id", "1"),
        ("title", "Derbyshire – PEEL 2025"),
        ("kind", "peel"),
        ("source", "hmicfrs"),
        ("published_on_day", "10"),
        ("published_on_month", "2"),
        ("published_on_year", "2026"),
    ];
    for (name, value) in fields {
        form.retain(|(k, _)| k != name);
        form.push((name, value));
    }
    form
}

#[tokio::test]
async fn fieldwork_after_publication_or_ending_before_it_started_is_refused() {
    let mut app = office().await;
    let after = inspection(&[
        ("fieldwork_start_day", "11"),
        ("fieldwork_start_month", "2"),
        ("fieldwork_start_year", "2026"),
    ]);
    app.post_form("/inspections", &after)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Fieldwork cannot start after the report was published")
        .assert_contains("value=\"Derbyshire – PEEL 2025\"");
    let backwards = inspection(&[
        ("fieldwork_start_day", "10"),
        ("fieldwork_start_month", "1"),
        ("fieldwork_start_year", "2026"),
        ("fieldwork_end_day", "9"),
        ("fieldwork_end_month", "1"),
        ("fieldwork_end_year", "2026"),
    ]);
    app.post_form("/inspections", &backwards)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Fieldwork must end on or after the day it started");
    assert_eq!(app.count("select count(*) from inspections").await, 2);
}

#[tokio::test]
async fn a_publication_more_than_a_year_ahead_is_saved_once_confirmed() {
    let mut app = office().await;
    let ahead = inspection(&[
        ("published_on_day", "3"),
        ("published_on_month", "3"),
        ("published_on_year", "2027"),
    ]);
    app.post_form("/inspections", &ahead)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("The publication date is more than a year from today")
        .assert_contains("Yes, this date is right")
        .assert_contains("value=\"2027\"");
    assert_eq!(app.count("select count(*) from inspections").await, 2);
    let mut confirmed = ahead.clone();
    confirmed.push(("confirm_date", "yes"));
    app.post_form("/inspections", &confirmed)
        .await
        .assert_redirect_to("/inspections/3");
    // Exactly a year ahead is not asked about.
    let year = inspection(&[
        ("published_on_day", "2"),
        ("published_on_month", "3"),
        ("published_on_year", "2027"),
    ]);
    app.post_form("/inspections", &year)
        .await
        .assert_redirect_to("/inspections/4");
}

#[tokio::test]
async fn an_inspection_cannot_follow_up_itself_or_one_that_follows_it_up() {
    let mut app = office().await;
    let first = |follows_up: &'static str| {
        inspection(&[
            ("title", "Derbyshire – National child protection inspection"),
            ("kind", "child_protection"),
            ("published_on_day", "16"),
            ("published_on_month", "11"),
            ("published_on_year", "2021"),
            ("follows_up_id", follows_up),
            ("version", "1"),
        ])
    };
    // Inspection 2 follows up inspection 1.
    for follows_up in ["2", "1"] {
        app.post_form("/inspections/1", &first(follows_up))
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("An inspection cannot follow up itself, or one that follows it up");
    }
    // Further up the chain: a third report following up the second cannot be followed up by
    // the first.
    let third = inspection(&[("follows_up_id", "2")]);
    app.post_form("/inspections", &third)
        .await
        .assert_redirect_to("/inspections/3");
    app.post_form("/inspections/1", &first("3"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("An inspection cannot follow up itself, or one that follows it up");
    let none = app
        .count("select count(*) from inspections where id = 1 and follows_up_id is null and version = 1")
        .await;
    assert_eq!(none, 1);
}

fn finding_by(day: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("kind", "recommendation"),
        ("reference", "99"),
        ("area", "Investigation"),
        ("timescale", "by_date"),
        ("timescale_date_day", day),
        ("timescale_date_month", "11"),
        ("timescale_date_year", "2021"),
    ]
}

#[tokio::test]
async fn a_stated_timescale_before_publication_is_refused_in_the_form_and_the_import() {
    let mut app = office().await;
    app.post_form("/inspections/1/findings", &finding_by("15"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(
            "The stated date cannot be before the report was published (16 November 2021)",
        )
        .assert_contains("value=\"15\"");
    let csv =
        "reference,kind,area,timescale,wording,summary\n99,recommendation,Area,2021-11-15,,\n";
    app.post_form(
        "/inspections/1/findings/import",
        &[("csv", csv), ("confirm", "1")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("The stated date cannot be before the report was published");
    assert_eq!(
        app.count("select count(*) from findings where reference = '99'")
            .await,
        0
    );
    app.post_form("/inspections/1/findings", &finding_by("16"))
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

fn update_as_at(confirm: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("as_at_day", "1"),
        ("as_at_month", "1"),
        ("as_at_year", "1990"),
        ("rag", "amber"),
        ("narrative", "Backfilled from the 1990 file."),
        ("confirm_date", confirm),
    ]
}

#[tokio::test]
async fn an_update_dated_before_its_report_is_saved_once_confirmed() {
    let mut app = office().await;
    app.post_form("/actions/5/updates", &update_as_at(""))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("The as-at date is before the report was published")
        .assert_contains("Yes, this date is right")
        .assert_contains("value=\"1990\"")
        .assert_contains("Backfilled from the 1990 file.");
    let dated = "select count(*) from progress_updates where as_at = '1990-01-01'";
    assert_eq!(app.count(dated).await, 0);
    app.post_form("/actions/5/updates", &update_as_at("yes"))
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count(dated).await, 1);
}
