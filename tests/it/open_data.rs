//! Open data: JSON and CSV of each edition at stable addresses, under the OGL.

use axum::http::{StatusCode, header};
use scrutineer::domain::vocab::Role;
use serde_json::Value;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_json_carries_the_licence_the_edition_and_open_contracting_milestones() {
    let mut app = TestApp::seeded().await;
    let response = app.get("/data/latest.json").await;
    response.assert_status(StatusCode::OK);
    assert_eq!(response.headers[header::CONTENT_TYPE], "application/json");
    let doc: Value = serde_json::from_str(&response.body).expect("json");
    assert_eq!(doc["licence"]["name"], "Open Government Licence v3.0");
    assert_eq!(doc["edition"], 1);
    assert_eq!(doc["publisherRole"], "office");
    let sha256: String = sqlx::query_scalar("select sha256 from editions where number = 1")
        .fetch_one(&app.state.db)
        .await
        .expect("sha");
    assert_eq!(doc["sha256"], sha256.as_str());
    let inspections = doc["inspections"].as_array().expect("inspections");
    assert_eq!(inspections.len(), 2);
    let findings: Vec<&Value> = inspections
        .iter()
        .flat_map(|i| i["findings"].as_array().expect("findings"))
        .collect();
    assert_eq!(findings.len(), 18);
    let milestones: Vec<&Value> = findings
        .iter()
        .flat_map(|f| f["actions"].as_array().expect("actions"))
        .flat_map(|a| a["milestones"].as_array().expect("milestones"))
        .collect();
    assert!(!milestones.is_empty());
    for m in &milestones {
        assert_eq!(m["type"], "delivery");
        assert!(["scheduled", "met", "notMet"].contains(&m["status"].as_str().expect("status")));
        assert!(m["id"].as_str().expect("id").starts_with("milestone-"));
        assert!(m["dueDate"].as_str().expect("due").ends_with("T00:00:00Z"));
    }
    assert!(milestones.iter().any(|m| m["status"] == "notMet"));
    assert!(milestones.iter().any(|m| m["dateMet"].is_string()));
    assert!(!response.body.contains("owner_name") && !response.body.contains("Demo – DCC"));
}

#[tokio::test]
async fn the_csv_has_a_header_and_one_crlf_row_per_finding_and_milestone() {
    let mut app = TestApp::seeded().await;
    let response = app.get("/data/editions/1.csv").await;
    response.assert_status(StatusCode::OK);
    assert_eq!(
        response.headers[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    assert!(
        response
            .body
            .starts_with("edition,inspection,finding_kind,finding_reference,")
    );
    let rows: Vec<&str> = response.body.split_terminator("\r\n").collect();
    assert!(!response.body.replace("\r\n", "").contains('\n'));
    let pairs: i64 = sqlx::query_scalar(
        "select count(*) from action_findings af join milestones m on m.action_id = af.action_id",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("count");
    assert_eq!(rows.len() as i64, pairs + 1);
}

#[tokio::test]
async fn csv_cells_that_look_like_formulas_are_neutralised() {
    let mut app = TestApp::seeded().await;
    sqlx::query(
        "update action_items set title = '=HYPERLINK(\"http://evil.example\")' where id = 1",
    )
    .execute(&app.state.db)
    .await
    .expect("title");
    sqlx::query("update milestones set title = '@SUM(1+1)' where id = 1")
        .execute(&app.state.db)
        .await
        .expect("milestone");
    app.sign_in_as(Role::Office).await;
    app.post_form("/publishing/editions", &[("note", "-1 +1")])
        .await;
    app.forget_session();
    let csv = app.get("/data/editions/2.csv").await.body;
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\","),
        "{csv}"
    );
    assert!(csv.contains(",'@SUM(1+1),"));
    for line in csv.split_terminator("\r\n") {
        for cell in line.split(',') {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell} in {line}");
        }
    }
}

#[tokio::test]
async fn a_past_editions_data_stays_the_same_after_a_new_edition() {
    let mut app = TestApp::seeded().await;
    let first = app.get("/data/editions/1.json").await.body;
    assert_eq!(app.get("/data/latest.json").await.body, first);
    sqlx::query(
        "update findings set public_summary = 'Changed.', summary_approved_at = '2026-03-02T09:00:00Z'
         where id = 2",
    )
        .execute(&app.state.db)
        .await
        .expect("edit");
    app.sign_in_as(Role::Office).await;
    app.post_form("/publishing/editions", &[]).await;
    app.forget_session();
    assert_eq!(app.get("/data/editions/1.json").await.body, first);
    let latest = app.get("/data/latest.json").await;
    latest
        .assert_contains("\"edition\": 2")
        .assert_contains("Changed.");
    assert_eq!(latest.body, app.get("/data/editions/2.json").await.body);
}

#[tokio::test]
async fn unknown_data_files_are_not_found() {
    let mut app = TestApp::seeded().await;
    for path in [
        "/data/latest.xml",
        "/data/editions/1.xml",
        "/data/editions/x.json",
        "/data/editions/7.json",
    ] {
        app.get(path).await.assert_status(StatusCode::NOT_FOUND);
    }
}
