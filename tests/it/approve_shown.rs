//! The publishing page lists one body's or one inspection's summaries and approves all shown
//! at once (issue 16, item 3): only what was shown, in the words shown, or nothing.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

/// As the office: Warwickshire's inspection with two findings, each with a public summary
/// not yet approved. The inspection's id.
async fn enter_warwickshire_with_two_summaries(app: &mut TestApp) -> i64 {
    let inspection = [
        ("new_body", "Warwickshire Police"),
        (
            "title",
            "Warwickshire – National child protection inspection",
        ),
        ("kind", "child_protection"),
        ("source", "hmicfrs"),
        ("published_on_day", "14"),
        ("published_on_month", "6"),
        ("published_on_year", "2022"),
        ("report_url", ""),
        ("follows_up_id", ""),
    ];
    let created = app.post_form("/inspections", &inspection).await;
    created.assert_status(StatusCode::SEE_OTHER);
    let id: i64 = created
        .location()
        .trim_start_matches("/inspections/")
        .parse()
        .expect("the new inspection's address");
    for (reference, summary) in [
        ("W1", "Check every missing-child referral within a day."),
        (
            "W2",
            "Train every call handler in recognising exploitation.",
        ),
    ] {
        add_finding(app, id, reference, summary).await;
    }
    id
}

async fn add_finding(app: &mut TestApp, inspection: i64, reference: &str, summary: &str) {
    let finding = [
        ("kind", "recommendation"),
        ("parent_id", ""),
        ("reference", reference),
        ("area", "Missing children"),
        ("official_wording", "The force should act."),
        ("public_summary", summary),
        ("timescale", "within_3_months"),
        ("parts", ""),
        ("version", ""),
    ];
    app.post_form(&format!("/inspections/{inspection}/findings"), &finding)
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

/// The value of the hidden input `name` in the "approve all shown" form of `page`.
fn shown_fingerprint(page: &str) -> String {
    let form = page
        .split("action=\"/publishing/approve-shown\"")
        .nth(1)
        .expect("an approve-all-shown form");
    let value = form
        .split("name=\"shown\" value=\"")
        .nth(1)
        .expect("the list's fingerprint");
    value[..value.find('"').expect("a closing quote")].to_string()
}

async fn approved_findings(app: &TestApp, reference_like: &str) -> i64 {
    app.count(&format!(
        "select count(*) from findings
         where reference like '{reference_like}' and summary_approved_at is not null"
    ))
    .await
}

#[tokio::test]
async fn approving_all_shown_for_one_inspection_approves_its_summaries_and_nothing_else() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let id = enter_warwickshire_with_two_summaries(&mut app).await;
    let unapproved_elsewhere = app
        .count("select count(*) from findings where summary_approved_at is null and reference not like 'W%'")
        .await;
    let page = app.get(&format!("/publishing?inspection={id}")).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Approve all shown (2 summaries)")
        .assert_contains("Check every missing-child referral within a day.")
        .assert_contains("Warwickshire Police")
        .assert_not_contains("Meetings' public summaries (")
        .assert_contains("not about one body or inspection");
    let shown = shown_fingerprint(&page.body);
    app.post_form(
        "/publishing/approve-shown",
        &[("inspection", &id.to_string()), ("shown", &shown)],
    )
    .await
    .assert_redirect_to(&format!("/publishing?inspection={id}&approved=2#summaries"));
    assert_eq!(approved_findings(&app, "W%").await, 2);
    assert_eq!(
        app.count("select count(*) from findings where summary_approved_at is null and reference not like 'W%'")
            .await,
        unapproved_elsewhere,
        "summaries of other inspections stay as they were"
    );
    // Each is audited as if approved one by one, with the words approved.
    assert_eq!(app.audit_count("finding", "approve_summary").await, 2);
    app.get(&format!("/publishing?inspection={id}&approved=2"))
        .await
        .assert_contains("2 public summaries approved")
        .assert_not_contains("Approve all shown");
}

#[tokio::test]
async fn a_body_filter_lists_only_that_bodys_summaries() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    enter_warwickshire_with_two_summaries(&mut app).await;
    let body = app
        .count("select id from inspected_bodies where name = 'Warwickshire Police'")
        .await;
    let derbyshire_summary = app
        .count("select count(*) from findings f join inspections i on i.id = f.inspection_id where trim(coalesce(f.public_summary, '')) <> ''")
        .await;
    assert!(derbyshire_summary > 2, "the example data has summaries too");
    app.get(&format!("/publishing?body={body}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Findings' public summaries (2)")
        .assert_contains("Train every call handler");
    // Approving one of them returns to the list as filtered.
    let w1 = app
        .count("select id from findings where reference = 'W1'")
        .await
        .to_string();
    app.post_form(
        "/publishing/approve",
        &[
            ("kind", "finding"),
            ("id", &w1),
            (
                "summary",
                "Check every missing-child referral within a day.",
            ),
            ("body", &body.to_string()),
        ],
    )
    .await
    .assert_redirect_to(&format!("/publishing?body={body}"));
    // Everything when the filter is cleared, or was tampered with.
    for query in ["", "?body=abc&inspection=-4"] {
        app.get(&format!("/publishing{query}"))
            .await
            .assert_status(StatusCode::OK)
            .assert_contains(&format!(
                "Findings' public summaries ({derbyshire_summary})"
            ));
    }
}

#[tokio::test]
async fn nothing_is_approved_if_the_list_changed_after_it_was_shown() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let id = enter_warwickshire_with_two_summaries(&mut app).await;
    let page = app.get(&format!("/publishing?inspection={id}")).await;
    let shown = shown_fingerprint(&page.body);
    // Someone adds a finding with a summary before the approver presses the button.
    add_finding(&mut app, id, "W3", "A summary the approver never read.").await;
    app.post_form(
        "/publishing/approve-shown",
        &[("inspection", &id.to_string()), ("shown", &shown)],
    )
    .await
    .assert_status(StatusCode::CONFLICT)
    .assert_contains("The list changed before you approved it")
    .assert_contains(&format!("href=\"/publishing?inspection={id}#summaries\""));
    assert_eq!(approved_findings(&app, "W%").await, 0);
    assert_eq!(app.audit_count("finding", "approve_summary").await, 0);
    // A forged or missing fingerprint approves nothing either.
    for forged in ["", "0000", &shown[..10]] {
        app.post_form(
            "/publishing/approve-shown",
            &[("inspection", &id.to_string()), ("shown", forged)],
        )
        .await
        .assert_status(StatusCode::CONFLICT);
    }
    assert_eq!(approved_findings(&app, "W%").await, 0);
}

#[tokio::test]
async fn a_withdrawn_finding_is_not_offered_for_approval() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let id = enter_warwickshire_with_two_summaries(&mut app).await;
    let w2 = app
        .count("select id from findings where reference = 'W2'")
        .await;
    app.post_form(
        &format!("/findings/{w2}/withdraw"),
        &[
            ("reason", "Entered twice"),
            ("on_day", "2"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&format!("/publishing?inspection={id}"))
        .await
        .assert_contains("Approve all shown (1 summary)")
        .assert_not_contains("Train every call handler");
}
