//! Every source in its own words (issue 21, items 1 and 7): an IOPC learning recommendation and
//! a coroner's prevention of future deaths report show as such on the public pages, carry their
//! source in the open data, and their findings carry the issuing body's own voice.

use axum::http::StatusCode;
use scrutineer::domain::edition::content_hash;
use scrutineer::domain::vocab::Role;
use serde_json::Value;

use crate::helpers::TestApp;
use crate::open_data::records;

const IOPC: &str = "Learning from a death following police contact";
const CORONER: &str = "Regulation 28 report: death in custody";

/// As the office: a report from `source` on the seeded force, published on 12 January 2026,
/// with one finding `reference` whose public summary is approved, marked ready for
/// publication. The report's and the finding's ids.
async fn enter_a_report(
    app: &mut TestApp,
    source: &str,
    title: &str,
    reference: &str,
) -> (i64, i64) {
    let created = app
        .post_form(
            "/inspections",
            &[
                ("new_body", "Derbyshire Constabulary"),
                ("title", title),
                ("kind", "other"),
                ("source", source),
                ("published_on_day", "12"),
                ("published_on_month", "1"),
                ("published_on_year", "2026"),
                ("report_url", ""),
                ("follows_up_id", ""),
            ],
        )
        .await;
    created.assert_status(StatusCode::SEE_OTHER);
    let id: i64 = created
        .location()
        .trim_start_matches("/inspections/")
        .parse()
        .expect("the new report's address");
    let summary = format!("What {reference} asks of the force.");
    app.post_form(
        &format!("/inspections/{id}/findings"),
        &[
            ("kind", "recommendation"),
            ("parent_id", ""),
            ("reference", reference),
            ("area", "Custody"),
            (
                "official_wording",
                "The force should review its custody checks.",
            ),
            ("public_summary", &summary),
            ("timescale", "within_3_months"),
            ("parts", ""),
            ("version", ""),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let finding = app
        .count(&format!(
            "select id from findings where inspection_id = {id} and reference = '{reference}'"
        ))
        .await;
    app.post_form(
        "/publishing/approve",
        &[
            ("kind", "finding"),
            ("id", &finding.to_string()),
            ("summary", &summary),
        ],
    )
    .await
    .assert_redirect_to("/publishing");
    app.post_form(&format!("/inspections/{id}/ready"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    (id, finding)
}

/// The seeded record with an IOPC report and a coroner's report added and published as
/// edition 2, the coroner's finding holding the coroner's position in its own words. The
/// reports' and findings' ids: (iopc, iopc finding, coroner, coroner finding).
async fn two_sources_published() -> (TestApp, [i64; 4]) {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let (iopc, iopc_finding) = enter_a_report(&mut app, "iopc", IOPC, "IOPC 1").await;
    let (coroner, coroner_finding) = enter_a_report(&mut app, "coroner", CORONER, "PFD 1").await;
    app.post_form(
        &format!("/findings/{coroner_finding}/positions"),
        &[
            ("position", "open"),
            ("as_at_day", "20"),
            ("as_at_month", "2"),
            ("as_at_year", "2026"),
            ("source", "Letter from the coroner"),
            ("source_inspection_id", ""),
            ("report_words", "response awaited"),
            ("note", ""),
        ],
    )
    .await
    .assert_redirect_to(&format!("/findings/{coroner_finding}#positions"));
    app.post_form("/publishing/editions", &[("note", "")])
        .await
        .assert_redirect_to("/editions/2");
    (app, [iopc, iopc_finding, coroner, coroner_finding])
}

#[tokio::test]
async fn a_coroners_finding_page_speaks_of_the_coroners_position_in_the_coroners_words() {
    let (mut app, [_, iopc_finding, coroner, coroner_finding]) = two_sources_published().await;
    app.get(&format!("/findings/{coroner_finding}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("The coroner's position")
        .assert_contains("Record the coroner's position")
        .assert_contains("History of the coroner's position")
        .assert_contains("The coroner: “response awaited”")
        .assert_not_contains("Inspectorate position")
        .assert_not_contains("HMICFRS");
    app.get(&format!("/findings/{coroner_finding}/positions/new"))
        .await
        .assert_contains("<title>Record the coroner's position")
        .assert_contains("a letter from the coroner");
    app.get(&format!("/inspections/{coroner}"))
        .await
        .assert_contains("Prevention of future deaths report")
        .assert_contains("The coroner's position");
    app.get(&format!("/findings/{iopc_finding}"))
        .await
        .assert_contains("The IOPC's position")
        .assert_not_contains("The coroner's position");
    // A page of every source's findings speaks of the issuing body.
    app.get("/dashboard")
        .await
        .assert_contains("Issuing body's position")
        .assert_not_contains("Inspectorate position");
    // The seeded HMICFRS finding keeps HMICFRS's voice.
    app.get("/findings/3")
        .await
        .assert_contains("HMICFRS's position");
}

#[tokio::test]
async fn the_public_pages_show_an_iopc_and_a_coroners_report_in_their_own_words() {
    let (mut app, [iopc, _, coroner, _]) = two_sources_published().await;
    app.forget_session();
    let home = app.get("/").await;
    home.assert_status(StatusCode::OK)
        .assert_contains(IOPC)
        .assert_contains("IOPC learning recommendation")
        .assert_contains("Prevention of future deaths report")
        .assert_contains("HMICFRS police inspection");
    app.get(&format!("/progress/inspections/{iopc}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("IOPC learning recommendation")
        .assert_contains("The IOPC's position")
        .assert_not_contains("Prevention of future deaths report")
        .assert_not_contains("HMICFRS");
    app.get(&format!("/editions/2/inspections/{coroner}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Prevention of future deaths report")
        .assert_contains("The coroner's position")
        .assert_contains("The coroner: “response awaited”")
        .assert_not_contains("IOPC learning recommendation");
    app.get("/about")
        .await
        .assert_contains("Where recommendations come from")
        .assert_contains("Prevention of future deaths report");
}

#[tokio::test]
async fn the_open_data_carries_each_reports_source_as_a_token_and_in_words() {
    let (mut app, [iopc, iopc_finding, coroner, _]) = two_sources_published().await;
    app.forget_session();
    let doc: Value =
        serde_json::from_str(&app.get("/data/editions/2.json").await.body).expect("json");
    let inspection = |id: i64| {
        doc["inspections"]
            .as_array()
            .expect("inspections")
            .iter()
            .find(|i| i["id"] == id)
            .cloned()
            .expect("the report")
    };
    let (i, c, seeded) = (inspection(iopc), inspection(coroner), inspection(1));
    assert_eq!(i["source"], "iopc");
    assert_eq!(i["sourceLabel"], "IOPC learning recommendation");
    assert_eq!(c["source"], "coroner");
    assert_eq!(c["sourceLabel"], "Prevention of future deaths report");
    assert_eq!(seeded["source"], "hmicfrs_police");
    // Every row under a report names its source too.
    let finding = &i["findings"][0];
    assert_eq!(finding["id"], iopc_finding);
    assert_eq!(finding["source"], "iopc");
    assert_eq!(finding["sourceLabel"], "IOPC learning recommendation");
    assert_eq!(
        c["findings"][0]["voices"]["inspectorateWords"],
        "response awaited"
    );

    let csv = records(&app.get("/data/editions/2.csv").await.body);
    let sources = |id: i64| -> Vec<(String, String)> {
        csv.iter()
            .filter(|r| r["inspection_id"] == id.to_string())
            .map(|r| (r["source"].clone(), r["source_label"].clone()))
            .collect()
    };
    assert_eq!(
        sources(iopc),
        vec![("iopc".into(), "IOPC learning recommendation".into())]
    );
    assert_eq!(
        sources(coroner),
        vec![(
            "coroner".into(),
            "Prevention of future deaths report".into()
        )]
    );
    assert!(
        sources(1)
            .iter()
            .all(|s| s == &("hmicfrs_police".into(), "HMICFRS police inspection".into()))
    );
    app.get("/data/dictionary")
        .await
        .assert_contains("source_label")
        .assert_contains("sourceLabel");
}

#[tokio::test]
async fn an_edition_published_before_sources_were_carried_still_renders_without_one() {
    let mut app = TestApp::seeded().await;
    // As an edition published by an earlier Scrutineer: no source in its content at all.
    let content: String = sqlx::query_scalar("select content from editions where number = 1")
        .fetch_one(&app.state.db)
        .await
        .expect("edition 1");
    assert!(content.contains(r#""source":"hmicfrs","#));
    let old = content.replace(r#""source":"hmicfrs","#, "");
    sqlx::query(
        "insert into editions (number, published_at, published_by, content, sha256, note)
         select 2, published_at, published_by, ?, ?, 'Before sources'
         from editions where number = 1",
    )
    .bind(&old)
    .bind(content_hash(&old))
    .execute(&app.state.db)
    .await
    .expect("an older edition");
    app.get("/editions/2")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("HMICFRS police inspection")
        .assert_contains("The issuing body's position");
    app.get("/editions/2/inspections/1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("The issuing body's position")
        .assert_not_contains("HMICFRS's position");
    let doc: Value =
        serde_json::from_str(&app.get("/data/editions/2.json").await.body).expect("json");
    assert_eq!(doc["inspections"][0]["source"], Value::Null);
    let csv = records(&app.get("/data/editions/2.csv").await.body);
    assert!(
        csv.iter()
            .all(|r| r["source"].is_empty() && r["source_label"].is_empty())
    );
    // The edition that carries it still shows it.
    app.get("/editions/1")
        .await
        .assert_contains("HMICFRS police inspection");
}
