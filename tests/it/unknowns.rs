//! Unknown is not "none", and the smaller things a new user hit (issue 16, items 6 and 10):
//! a timescale not stated, UK dates in the findings import, counts that agree with their
//! nouns, fieldwork dates not recorded, missed milestones that are overdue rather than "next
//! due", and meeting times written as people write them.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::findings::finding_form;
use crate::helpers::TestApp;
use crate::inspections::new_inspection;
use crate::meetings::meeting_fields;

const HEADER: &str = "reference,kind,area,timescale,wording,summary\n";

/// An office user adds a report without fieldwork dates; its id.
async fn add_report_without_fieldwork(app: &mut TestApp) -> i64 {
    let mut form = new_inspection("Child protection 2022", "15");
    for (k, v) in form.iter_mut() {
        if k.starts_with("fieldwork_start") {
            *v = "";
        }
    }
    app.post_form("/inspections", &form)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.count("select max(id) from inspections").await
}

#[tokio::test]
async fn an_import_reads_uk_dates_by_a_stated_date_and_a_blank_timescale_as_not_stated() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let csv = format!(
        "{HEADER}W1,recommendation,Custody,31/03/2023,Official W1,Summary W1\n\
         W2,recommendation,Custody,by 31 March 2023,,\n\
         W3,recommendation,Custody,By 31/03/2023,,\n\
         W4,recommendation,Custody,,Official W4,\n\
         W5,recommendation,Custody,none,,\n"
    );
    let page = app
        .post_form("/inspections/2/findings/import", &[("csv", &csv)])
        .await;
    // Every column is previewed, and the blank timescale is read as not stated.
    page.assert_status(StatusCode::OK)
        .assert_contains("Preview: 5 rows")
        .assert_contains(">Area<")
        .assert_contains(">Wording<")
        .assert_contains(">Summary<")
        .assert_contains("Official W1")
        .assert_contains("Summary W1")
        .assert_contains("By a stated date: 31 March 2023")
        .assert_contains("Not stated")
        .assert_contains("Save 5 findings");
    app.post_form(
        "/inspections/2/findings/import",
        &[("csv", &csv), ("confirm", "1")],
    )
    .await
    .assert_redirect_to("/inspections/2#findings");
    let saved: Vec<(String, String, i64, Option<String>)> = sqlx::query_as(
        "select reference, timescale, timescale_not_stated, timescale_date from findings
         where inspection_id = 2 and reference like 'W%' order by reference",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("rows");
    let by_date = |r: &str| {
        (
            r.to_string(),
            "by_date".into(),
            0,
            Some("2023-03-31".into()),
        )
    };
    assert_eq!(
        saved,
        vec![
            by_date("W1"),
            by_date("W2"),
            by_date("W3"),
            ("W4".into(), "none".into(), 1, None),
            ("W5".into(), "none".into(), 0, None),
        ]
    );
    // The inspection page tells the unknown from the none.
    app.get("/inspections/2")
        .await
        .assert_contains("Not stated")
        .assert_contains("No timescale");
    // An export reads back the same: not stated stays not stated.
    app.get("/inspections/2/findings.csv")
        .await
        .assert_contains("W4,recommendation,Custody,not_stated,Official W4,");
}

#[tokio::test]
async fn a_one_row_import_says_one_row_and_one_finding() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let id = add_report_without_fieldwork(&mut app).await;
    let csv = format!("{HEADER}R1,recommendation,Custody,within 3 months,,\n");
    let path = format!("/inspections/{id}/findings/import");
    app.post_form(&path, &[("csv", &csv)])
        .await
        .assert_contains("Preview: 1 row<")
        .assert_contains("Save 1 finding<");
    app.post_form(&path, &[("csv", &csv), ("confirm", "1")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&format!("/inspections/{id}"))
        .await
        .assert_contains("1 finding, with the three voices")
        .assert_not_contains("1 findings")
        .assert_contains("Fieldwork dates not recorded")
        .assert_not_contains("Not recorded to Not recorded");
}

#[tokio::test]
async fn the_office_records_a_timescale_as_not_stated_and_blank_wording_shows_not_recorded() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut form = finding_form("R99", "", "");
    for (k, v) in form.iter_mut() {
        if *k == "timescale" {
            *v = "not_stated";
        }
    }
    app.post_form("/inspections/2/findings", &form)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let id = app
        .count("select id from findings where reference = 'R99' and timescale_not_stated = 1")
        .await;
    app.get(&format!("/findings/{id}"))
        .await
        .assert_contains("Not stated")
        .assert_contains("Not recorded")
        .assert_not_contains("Summary for this example");
}

#[tokio::test]
async fn a_missed_milestone_is_overdue_since_its_date_and_never_next_due() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    // Action CP-05: one milestone met in 2022, one due 35 days ago and not met, one due in
    // 120 days. The missed one is overdue; the next due is the one still to come.
    let page = app.get("/actions/5").await;
    page.assert_contains("Overdue since <time datetime=\"2026-01-26\">")
        .assert_contains("Next due <time datetime=\"2026-06-30\">");
}

#[tokio::test]
async fn a_meeting_time_may_be_written_2pm_2_30pm_or_14_00() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    for (typed, stored) in [
        ("2pm", "2026-04-15T14:00:00"),
        ("2.30pm", "2026-04-15T14:30:00"),
        ("14.00", "2026-04-15T14:00:00"),
    ] {
        app.post_form("/meetings", &meeting_fields("Panel", typed, ""))
            .await
            .assert_status(StatusCode::SEE_OTHER);
        let starts: String =
            sqlx::query_scalar("select starts_at from meetings order by id desc limit 1")
                .fetch_one(&app.state.db)
                .await
                .expect("meeting");
        assert_eq!(starts, stored, "{typed}");
    }
}

#[tokio::test]
async fn the_finding_page_names_its_action_plan_items_once() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let page = app.get("/findings/1").await;
    page.assert_contains("Action-plan items addressing this finding");
    assert_eq!(
        page.body
            .matches("govuk-table__caption--m\">Action-plan items")
            .count(),
        0,
        "the heading is not repeated as a visible caption"
    );
}
