//! Each kind of body has its own statutory regime: a police, fire and crime commissioner's
//! office sees section 55 on its police force's HMICFRS reports and the 28-day action plan
//! review, revisit and letter on its fire and rescue service's cause of concern – never both.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

const OFFICE_NAME: &str = "Police, Fire and Crime Commissioner for Staffordshire";
const FIRE: &str = "Staffordshire Fire and Rescue Service";

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db)
        .await
        .expect(sql)
}

/// The administrator names the office in the settings.
async fn name_the_office(app: &mut TestApp) {
    app.sign_in_as(Role::Admin).await;
    app.get("/admin/settings")
        .await
        .assert_contains("Office name")
        .assert_contains("Each inspected body (the police force, the fire and rescue service) keeps its own name");
    app.post_form(
        "/admin/settings",
        &[
            ("organisation_name", OFFICE_NAME),
            ("brand_colour", "#1d70b8"),
            ("stale_after_days", "42"),
            ("two_step_for_staff", "no"),
        ],
    )
    .await
    .assert_redirect_to("/admin/settings?saved=1");
}

/// The office adds an HMICFRS report on a body typed by name (published on the `day` of
/// January 2026, the tests' today being 2 March 2026); its id.
async fn add_report(app: &mut TestApp, body: &str, title: &str, day: &str) -> i64 {
    let response = app
        .post_form(
            "/inspections",
            &[
                ("new_body", body),
                ("title", title),
                ("kind", "fire"),
                ("source", "hmicfrs"),
                ("published_on_day", day),
                ("published_on_month", "1"),
                ("published_on_year", "2026"),
                ("report_url", ""),
                ("follows_up_id", ""),
            ],
        )
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    let id = scalar(app, "select max(id) from inspections").await;
    assert_eq!(response.location(), format!("/inspections/{id}"));
    id
}

/// The inspection form cannot choose the kind of a new body yet (the bodies page another
/// change adds will), so the body typed in is made the kind it is here.
async fn make_body(app: &TestApp, name: &str, kind: &str) {
    sqlx::query("update inspected_bodies set kind = ? where name = ?")
        .bind(kind)
        .bind(name)
        .execute(&app.state.db)
        .await
        .expect("kind");
}

async fn add_cause_of_concern(app: &mut TestApp, inspection: i64) {
    app.post_form(
        &format!("/inspections/{inspection}/findings"),
        &[
            ("kind", "cause_of_concern"),
            ("parent_id", ""),
            ("reference", "CoC 1"),
            ("area", "Protection"),
            ("official_wording", ""),
            (
                "public_summary",
                "The service does not inspect enough high-risk premises.",
            ),
            ("timescale", "none"),
            ("timescale_date_day", ""),
            ("timescale_date_month", ""),
            ("timescale_date_year", ""),
            ("parts", ""),
            ("version", ""),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
}

/// A PFCC office with Derbyshire's police force (seeded) and a fire and rescue service whose
/// HMICFRS report of 20 January 2026 names a cause of concern; the fire report's id.
async fn pfcc_office() -> (TestApp, i64) {
    let mut app = TestApp::seeded().await;
    name_the_office(&mut app).await;
    app.sign_in_as(Role::Office).await;
    let id = add_report(&mut app, FIRE, "Fire and rescue inspection 2026", "20").await;
    make_body(&app, FIRE, "fire_and_rescue_service").await;
    add_cause_of_concern(&mut app, id).await;
    (app, id)
}

fn review_dates<'a>(
    review: [&'a str; 3],
    visit: [&'a str; 3],
    letter: [&'a str; 3],
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("plan_review_received_on_day", review[0]),
        ("plan_review_received_on_month", review[1]),
        ("plan_review_received_on_year", review[2]),
        ("revisit_on_day", visit[0]),
        ("revisit_on_month", visit[1]),
        ("revisit_on_year", visit[2]),
        ("revisit_letter_on_day", letter[0]),
        ("revisit_letter_on_month", letter[1]),
        ("revisit_letter_on_year", letter[2]),
    ]
}

#[tokio::test]
async fn the_fire_report_shows_the_28_day_review_and_the_police_report_section_55() {
    let (mut app, fire) = pfcc_office().await;
    app.get(&format!("/inspections/{fire}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(OFFICE_NAME)
        .assert_contains(FIRE)
        .assert_contains("Cause of concern: action plan review")
        // 28 days from 20 January 2026; today is 2 March 2026.
        .assert_contains("17 February 2026")
        .assert_contains("Review overdue by 13 days")
        .assert_contains("Record the review, revisit and letter")
        .assert_not_contains("Section 55 response")
        .assert_not_contains("Record the section 55 response")
        .assert_not_contains("Force action plan due");
    app.get("/inspections/1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(OFFICE_NAME)
        .assert_contains("Derbyshire Constabulary")
        .assert_contains("Section 55 response")
        .assert_contains("Force action plan due")
        .assert_not_contains("Cause of concern: action plan review")
        .assert_not_contains("Record the review, revisit and letter");
    app.get("/inspections")
        .await
        .assert_contains("Review overdue by 13 days")
        .assert_contains("Published on time");
    app.get("/dashboard")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Section 55 compliance")
        .assert_contains("Fire causes of concern: action plan review")
        .assert_contains("Review overdue by 13 days");
}

#[tokio::test]
async fn section_55_is_refused_for_a_fire_report_and_the_fire_form_for_a_police_one() {
    let (mut app, fire) = pfcc_office().await;
    app.get(&format!("/inspections/{fire}/response"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post_form(
        &format!("/inspections/{fire}/response"),
        &[("version", "1")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.get("/inspections/1/review")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post_form("/inspections/1/review", &[("version", "1")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(
        scalar(&app, "select count(*) from audit_events where action in ('record_section_55', 'record_review')").await,
        0
    );
}

#[tokio::test]
async fn a_fire_report_without_a_cause_of_concern_and_another_body_carry_no_clock() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let fire = add_report(&mut app, FIRE, "Fire inspection, no cause of concern", "20").await;
    make_body(&app, FIRE, "fire_and_rescue_service").await;
    let other = add_report(
        &mut app,
        "Regional organised crime unit",
        "Joint review",
        "20",
    )
    .await;
    make_body(&app, "Regional organised crime unit", "other").await;
    add_cause_of_concern(&mut app, other).await;
    for id in [fire, other] {
        app.get(&format!("/inspections/{id}"))
            .await
            .assert_status(StatusCode::OK)
            .assert_not_contains("Section 55 response")
            .assert_not_contains("Cause of concern: action plan review");
        app.get(&format!("/inspections/{id}/response"))
            .await
            .assert_status(StatusCode::NOT_FOUND);
        app.get(&format!("/inspections/{id}/review"))
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    app.get("/inspections")
        .await
        .assert_contains("No statutory deadline");
}

#[tokio::test]
async fn the_office_records_the_review_revisit_and_letter_and_it_is_audited() {
    let (mut app, fire) = pfcc_office().await;
    let form = format!("/inspections/{fire}/review");
    app.get(&form)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Action plan review, revisit and letter")
        .assert_contains("17 February 2026")
        .assert_contains("name=\"plan_review_received_on_day\"");
    let version = scalar(
        &app,
        &format!("select version from inspections where id = {fire}"),
    )
    .await
    .to_string();
    let mut fields = review_dates(["16", "2", "2026"], ["25", "2", "2026"], ["1", "3", "2026"]);
    fields.push(("revisit_letter_url", "https://example.org/revisit-letter"));
    fields.push(("version", &version));
    app.post_form(&form, &fields)
        .await
        .assert_redirect_to(&format!("/inspections/{fire}#fire-review"));
    let saved: (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = sqlx::query_as(
        "select plan_review_received_on, revisit_on, revisit_letter_on, revisit_letter_url
         from inspections where id = ?",
    )
    .bind(fire)
    .fetch_one(&app.state.db)
    .await
    .expect("row");
    assert_eq!(
        saved,
        (
            Some("2026-02-16".into()),
            Some("2026-02-25".into()),
            Some("2026-03-01".into()),
            Some("https://example.org/revisit-letter".into())
        )
    );
    assert_eq!(app.audit_count("inspection", "record_review").await, 1);
    let after: String = sqlx::query_scalar(
        "select after from audit_events where action = 'record_review' order by id desc limit 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("audit");
    assert!(after.contains("2026-02-25"), "{after}");
    app.get(&format!("/inspections/{fire}"))
        .await
        .assert_contains("Review received on time")
        .assert_contains("16 February 2026")
        .assert_contains("25 February 2026")
        .assert_contains("1 March 2026")
        .assert_contains("href=\"https://example.org/revisit-letter\"");
}

#[tokio::test]
async fn implausible_fire_dates_are_refused_with_what_was_typed_kept() {
    let (mut app, fire) = pfcc_office().await;
    let version = scalar(
        &app,
        &format!("select version from inspections where id = {fire}"),
    )
    .await
    .to_string();
    let mut fields = review_dates(
        ["19", "1", "2026"],
        ["25", "2", "2026"],
        ["24", "2", "2026"],
    );
    fields.push(("revisit_letter_url", "not a link"));
    fields.push(("version", &version));
    app.post_form(&format!("/inspections/{fire}/review"), &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("There is a problem")
        .assert_contains(
            "The action plan review cannot be received before the report was published",
        )
        .assert_contains("The revisit letter cannot be before the revisit")
        .assert_contains("value=\"19\"")
        .assert_contains("value=\"24\"")
        .assert_contains("value=\"not a link\"");
    assert_eq!(
        scalar(&app, &format!("select count(*) from inspections where id = {fire} and plan_review_received_on is not null")).await,
        0
    );
    assert_eq!(app.audit_count("inspection", "record_review").await, 0);
    // A letter before the report itself is refused on the letter too.
    let mut fields = review_dates(["", "", ""], ["", "", ""], ["31", "12", "2025"]);
    fields.push(("version", &version));
    app.post_form(&format!("/inspections/{fire}/review"), &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("The revisit letter cannot be before the report was published");
}

#[tokio::test]
async fn the_public_page_shows_the_fire_clock_and_both_names_after_publishing() {
    let (mut app, fire) = pfcc_office().await;
    let version = scalar(
        &app,
        &format!("select version from inspections where id = {fire}"),
    )
    .await
    .to_string();
    let mut fields = review_dates(["18", "2", "2026"], ["25", "2", "2026"], ["", "", ""]);
    fields.push(("version", &version));
    app.post_form(&format!("/inspections/{fire}/review"), &fields)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post_form(&format!("/inspections/{fire}/ready"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post_form("/publishing/editions", &[("note", "Fire and police")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.forget_session();
    app.get(&format!("/progress/inspections/{fire}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(OFFICE_NAME)
        .assert_contains(FIRE)
        .assert_contains("Action plan review (cause of concern)")
        .assert_contains("17 February 2026")
        .assert_contains("Review received 1 day late")
        .assert_contains("18 February 2026")
        .assert_contains("25 February 2026")
        .assert_contains("Not yet published")
        .assert_not_contains("Commissioner's response (section 55)");
    app.get("/progress/inspections/1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(OFFICE_NAME)
        .assert_contains("Derbyshire Constabulary")
        .assert_contains("Commissioner's response (section 55)")
        .assert_not_contains("Action plan review (cause of concern)");
    app.get("/")
        .await
        .assert_contains(OFFICE_NAME)
        .assert_contains(FIRE);
}

#[tokio::test]
async fn fire_dates_saved_over_someone_elses_keep_what_was_typed() {
    let (mut app, fire) = pfcc_office().await;
    let version = scalar(
        &app,
        &format!("select version from inspections where id = {fire}"),
    )
    .await
    .to_string();
    app.exec(&format!(
        "update inspections set revisit_on = '2026-02-24', version = version + 1 where id = {fire}"
    ))
    .await;
    let mut fields = review_dates(["", "", ""], ["26", "2", "2026"], ["", "", ""]);
    fields.push(("version", &version));
    app.post_form(&format!("/inspections/{fire}/review"), &fields)
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("Someone else changed this record")
        .assert_contains("24 February 2026")
        .assert_contains("26 February 2026")
        .assert_contains("value=\"26\"");
    assert_eq!(app.audit_count("inspection", "record_review").await, 0);
}
