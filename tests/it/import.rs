//! Importing findings from CSV (paste or upload, preview, all or nothing) and exporting them
//! in the same format, so a round trip changes nothing.

use axum::http::{StatusCode, header};
use scrutineer::auth::{OFFICE, READERS};
use scrutineer::domain::vocab::Role;

use crate::helpers::{TestApp, assert_only_these_roles};

const HEADER: &str = "reference,kind,area,timescale,wording,summary\n";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn only_the_office_imports_and_readers_export() {
    assert_only_these_roles("GET", "/inspections/1/findings/import", OFFICE).await;
    assert_only_these_roles("POST", "/inspections/1/findings/import", OFFICE).await;
    assert_only_these_roles("GET", "/inspections/1/findings.csv", READERS).await;
}

#[tokio::test]
async fn an_invalid_import_saves_nothing_and_lists_every_rows_problems() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let csv = format!(
        "{HEADER}R1,recommendation,Investigation,within 3 months,Wording,Summary\n\
         ,concern,Area,soon,,\n\
         R1,Area for improvement,Area,none,,\n\
         AFI 1,recommendation,Area,2022-02-31,,\n\
         R5,recommendation,Area,none\n"
    );
    let page = app
        .post_form("/inspections/2/findings/import", &[("csv", &csv)])
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("4 rows have a problem. Nothing has been saved")
        .assert_contains("Reference: Enter some text")
        .assert_contains("Kind &quot;concern&quot; is not one of")
        .assert_contains("Timescale &quot;soon&quot; is not")
        .assert_contains("Reference R1 appears more than once in the file")
        .assert_contains("Reference AFI 1 is already in this inspection")
        .assert_contains("Timescale &quot;2022-02-31&quot; is not")
        .assert_contains("The row has 4 columns; it must have 6")
        .assert_not_contains("Save ");
    assert_eq!(
        count(
            &app,
            "select count(*) from findings where inspection_id = 2"
        )
        .await,
        6
    );
    // Even a confirmed post of the same file saves nothing.
    app.post_form(
        "/inspections/2/findings/import",
        &[("csv", &csv), ("confirm", "1")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        count(
            &app,
            "select count(*) from findings where inspection_id = 2"
        )
        .await,
        6
    );
}

#[tokio::test]
async fn a_valid_file_is_previewed_then_saved_in_one_go() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let csv = format!(
        "{HEADER}AFI 7,Area for improvement,Investigation,2024-03-31,,Shorter waits\n\
         AFI 8,AREA_FOR_IMPROVEMENT,Investigation,Within 6 months,Official text,\n"
    );
    app.post_form("/inspections/2/findings/import", &[("csv", &csv)])
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Save 2 findings")
        .assert_contains("name=\"confirm\" value=\"1\"");
    assert_eq!(
        count(
            &app,
            "select count(*) from findings where inspection_id = 2"
        )
        .await,
        6
    );
    app.post_form(
        "/inspections/2/findings/import",
        &[("csv", &csv), ("confirm", "1")],
    )
    .await
    .assert_redirect_to("/inspections/2#findings");
    let saved: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "select reference, timescale, timescale_date, official_wording from findings
         where inspection_id = 2 and reference in ('AFI 7', 'AFI 8') order by reference",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("rows");
    assert_eq!(
        saved[0],
        (
            "AFI 7".into(),
            "by_date".into(),
            Some("2024-03-31".into()),
            None
        )
    );
    assert_eq!(
        saved[1],
        (
            "AFI 8".into(),
            "within_6_months".into(),
            None,
            Some("Official text".into())
        )
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_events where action = 'import'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn a_file_can_be_uploaded_instead_of_pasted() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/inspections/2/findings/import")
        .await
        .assert_contains("enctype=\"multipart/form-data\"")
        .assert_not_contains("?csrf_token=");
    let csv = format!("{HEADER}AFI 9,area_for_improvement,Investigation,none,,Uploaded\n");
    app.post_multipart(
        "/inspections/2/findings/import",
        &[("csv", None, ""), ("file", Some("findings.csv"), &csv)],
    )
    .await
    .assert_status(StatusCode::OK)
    .assert_contains("Save 1 finding<");
    // Without the token in the body the upload is refused, even with it in the address.
    let uri = format!("/inspections/2/findings/import?csrf_token={}", app.csrf());
    let upload = format!(
        "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n\r\n{csv}\r\n--x--\r\n"
    );
    let request = axum::http::Request::post(uri)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(upload))
        .expect("request");
    app.send(request).await.assert_status(StatusCode::FORBIDDEN);
    let forged =
        "--x\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nforged\r\n--x--\r\n";
    let request = axum::http::Request::post("/inspections/2/findings/import")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(forged))
        .expect("request");
    app.send(request).await.assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_csv_round_trip_is_exact() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    // Make the export exercise quoting, formula neutralising and by-date timescales.
    sqlx::query(
        "update findings set official_wording = '=HYPERLINK(\"x\"), with \"quotes\"' || char(10) || 'and a second line',
             area = '@area', timescale = 'by_date', timescale_date = '2022-03-31' where id = 3",
    )
    .execute(&app.state.db)
    .await
    .expect("prepare");
    let first = app.get("/inspections/1/findings.csv").await;
    first.assert_status(StatusCode::OK);
    assert!(
        first.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .starts_with("text/csv")
    );
    assert!(
        first
            .body
            .starts_with("reference,kind,area,timescale,wording,summary,body\r\n")
    );
    assert!(
        first.body.contains("'=HYPERLINK"),
        "formula neutralised:\n{}",
        first.body
    );
    assert!(first.body.contains(",'@area,2022-03-31,"));
    assert_eq!(
        first
            .body
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .count(),
        12
    );

    let form = [
        ("body_id", "1"),
        ("title", "Fresh inspection"),
        ("kind", "other"),
        ("source", "other"),
        ("published_on_day", "1"),
        ("published_on_month", "1"),
        ("published_on_year", "2022"),
    ];
    app.post_form("/inspections", &form)
        .await
        .assert_redirect_to("/inspections/3");
    app.post_form(
        "/inspections/3/findings/import",
        &[("csv", &first.body), ("confirm", "1")],
    )
    .await
    .assert_redirect_to("/inspections/3#findings");
    let wording: String = sqlx::query_scalar(
        "select official_wording from findings where inspection_id = 3 and reference = '3'",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("imported");
    assert!(
        wording.starts_with("=HYPERLINK"),
        "quote stripped on import: {wording}"
    );
    let second = app.get("/inspections/3/findings.csv").await;
    assert_eq!(second.body, first.body);
}

#[tokio::test]
async fn a_file_of_more_than_2000_findings_is_refused_with_a_clear_message() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let before = count(&app, "select count(*) from findings").await;
    let rows: String = (0..2001)
        .map(|i| format!("BULK {i},recommendation,Custody,none,,\n"))
        .collect();
    let csv = format!("{HEADER}{rows}");
    app.post_form(
        "/inspections/2/findings/import",
        &[("csv", &csv), ("confirm", "1")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("The file has more than 2,000 findings")
    .assert_not_contains("BULK 2000<");
    assert_eq!(count(&app, "select count(*) from findings").await, before);
}
