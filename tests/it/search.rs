//! Search over findings, action-plan items and updates, grouped by kind.

use axum::http::StatusCode;
use scrutineer::auth::ALL_ROLES;
use scrutineer::domain::vocab::Role;

use crate::helpers::{TestApp, assert_only_these_roles};

#[tokio::test]
async fn every_signed_in_role_may_search_and_the_public_may_not() {
    // Search has no wrong role: every signed-in role may use it.
    assert_only_these_roles("GET", "/search?q=forensic", ALL_ROLES).await;
}

#[tokio::test]
async fn search_finds_forensic_in_findings_actions_and_updates_grouped_by_kind() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let page = app.get("/search?q=forensic").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("value=\"forensic\"")
        .assert_contains("<h2 class=\"govuk-heading-m\">Findings (")
        .assert_contains("<h2 class=\"govuk-heading-m\">Action-plan items (")
        .assert_contains("<h2 class=\"govuk-heading-m\">Updates (")
        .assert_contains("href=\"/findings/17\"")
        .assert_contains("href=\"/actions/6\"")
        .assert_contains("href=\"/actions/6#update-")
        .assert_contains("<mark>forensic</mark>");
    let body = &page.body;
    let findings = body.find("Findings (").expect("findings");
    let actions = body.find("Action-plan items (").expect("actions");
    let updates = body.find("Updates (").expect("updates");
    assert!(findings < actions && actions < updates);
}

#[tokio::test]
async fn an_update_on_a_finding_links_to_the_finding() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/search?q=strategy+discussions+quarter")
        .await
        .assert_contains("href=\"/findings/6#update-45\"");
}

#[tokio::test]
async fn a_malformed_query_never_fails() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    for q in [
        "%22foren*",
        "AND+OR+NOT",
        "(((",
        "title%3Ax",
        "%22",
        "NEAR(a+b)",
        "-x",
        "a%00b",
    ] {
        app.get(&format!("/search?q={q}"))
            .await
            .assert_status(StatusCode::OK);
    }
    app.get("/search?q=zzzznotaword")
        .await
        .assert_contains("Nothing matched");
    app.get("/search")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("Nothing matched");
}
