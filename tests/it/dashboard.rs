//! The scrutiny dashboards against a small record with known figures: the three voices side
//! by side, overdue and due-soon counts, slips, staleness, blocks, section 55, the "as at"
//! view, filters kept in links, CSV downloads and who may see them.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::dashboard_fixture::{AS_AT_BEFORE, count_at, known_record};
use crate::helpers::TestApp;

async fn panel_app() -> TestApp {
    let mut app = TestApp::new().await;
    known_record(&app).await;
    app.sign_in_as(Role::Panel).await;
    app
}

#[tokio::test]
async fn the_overview_counts_each_voice_separately_with_links_to_the_lists() {
    let mut app = panel_app().await;
    let page = app.get("/dashboard").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("As at 2 March 2026")
        .assert_contains("Force RAG")
        .assert_contains("PCC assurance")
        .assert_contains("Issuing body's position");
    let b = &page.body;
    let c = |href: &str| count_at(b, href);
    assert_eq!(c("/dashboard/findings?rag=red"), Some(1));
    assert_eq!(c("/dashboard/findings?rag=amber"), Some(2));
    assert_eq!(c("/dashboard/findings?rag=green"), Some(0));
    assert_eq!(c("/dashboard/findings?rag=no_update"), Some(1));
    assert_eq!(c("/dashboard/findings?assurance=limited"), Some(1));
    assert_eq!(c("/dashboard/findings?assurance=reasonable"), Some(1));
    assert_eq!(c("/dashboard/findings?assurance=substantial"), Some(0));
    assert_eq!(c("/dashboard/findings?assurance=not_assessed"), Some(2));
    assert_eq!(c("/dashboard/findings?position=met"), Some(1));
    assert_eq!(c("/dashboard/findings?position=open"), Some(1));
    assert_eq!(c("/dashboard/findings?position=not_recorded"), Some(2));
}

#[tokio::test]
async fn the_overview_counts_overdue_and_due_soon_items_slips_staleness_and_blocks() {
    let mut app = panel_app().await;
    let page = app.get("/dashboard").await;
    let b = &page.body;
    let c = |href: &str| count_at(b, href);
    assert_eq!(c("/dashboard/milestones?due=overdue"), Some(1));
    assert_eq!(c("/dashboard/milestones?status=missed"), Some(1));
    assert_eq!(c("/dashboard/milestones?status=met"), Some(1));
    assert_eq!(c("/dashboard/milestones?due=30"), Some(1));
    assert_eq!(c("/dashboard/milestones?due=60"), Some(2));
    assert_eq!(c("/dashboard/milestones?due=90"), Some(3));
    assert_eq!(c("/dashboard/arising?due=overdue"), Some(1));
    assert_eq!(c("/dashboard/arising?due=30"), Some(0));
    assert_eq!(c("/dashboard/arising?due=60"), Some(1));
    page.assert_contains("List of slipped items (2)")
        .assert_contains("1 stale item<")
        .assert_contains("1 blocked item<")
        .assert_contains("Home Office")
        // M1 moved 59 days, M3 20 days.
        .assert_contains("<td class=\"app-num\">59</td>")
        .assert_contains("<td class=\"app-num\">20</td>")
        // Section 55: report 1 answered on time, report 2 has 9 days left.
        .assert_contains("Published on time")
        .assert_contains("9 days left")
        .assert_contains("href=\"/actions/2\"")
        .assert_contains("href=\"/inspections/2\"");
}

#[tokio::test]
async fn the_as_at_view_shows_the_record_before_a_later_update_revision_and_closure() {
    let mut app = panel_app().await;
    let page = app.get(&format!("/dashboard?as_at={AS_AT_BEFORE}")).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("As at 15 February 2026")
        // One slipped item: M3's revision was accepted later.
        .assert_contains("List of slipped items (1)")
        // A1's last update then was August 2025: stale, with A2.
        .assert_contains("2 stale items");
    let b = &page.body;
    let c = |href: &str| count_at(b, &format!("{href}&as_at={AS_AT_BEFORE}"));
    // A1's amber update was entered on 21 February: F1 and F2 were green.
    assert_eq!(c("/dashboard/findings?rag=green"), Some(2));
    assert_eq!(c("/dashboard/findings?rag=amber"), Some(0));
    // M1 was due 28 February, not yet overdue; M5 (20 May) beyond 90 days.
    assert_eq!(c("/dashboard/milestones?due=overdue"), Some(0));
    assert_eq!(c("/dashboard/milestones?due=30"), Some(1));
    assert_eq!(c("/dashboard/milestones?due=60"), Some(3));
    assert_eq!(c("/dashboard/milestones?due=90"), Some(3));
    // X1 closed on 20 February: still open and overdue then.
    assert_eq!(c("/dashboard/arising?due=overdue"), Some(1));
    assert_eq!(c("/dashboard/arising?due=30"), Some(1));
    // The date may be given as three boxes too.
    app.get("/dashboard?as_at_day=15&as_at_month=2&as_at_year=2026")
        .await
        .assert_contains("As at 15 February 2026");
}

#[tokio::test]
async fn a_filtered_list_keeps_its_filters_in_links_and_downloads_the_same_rows() {
    let mut app = panel_app().await;
    let page = app.get("/dashboard?inspection=1&owner=alice").await;
    let b = &page.body;
    // Inspection 1 findings addressed by an action Alice owns: F1 and F2, both amber.
    assert_eq!(
        count_at(b, "/dashboard/findings?inspection=1&owner=alice&rag=amber"),
        Some(2)
    );
    assert_eq!(
        count_at(b, "/dashboard/findings?inspection=1&owner=alice&rag=red"),
        Some(0)
    );
    let list = app
        .get("/dashboard/findings?inspection=1&owner=alice&rag=amber")
        .await;
    list.assert_status(StatusCode::OK)
        .assert_contains("2 in this list.")
        .assert_contains("href=\"/findings/1\"")
        .assert_contains("href=\"/findings/2\"")
        .assert_not_contains("href=\"/findings/3\"")
        .assert_contains(
            "href=\"/dashboard/findings.csv?inspection=1&amp;owner=alice&amp;rag=amber\"",
        )
        .assert_contains("name=\"owner\" type=\"text\" value=\"alice\"");
    let csv = app
        .get("/dashboard/findings.csv?inspection=1&owner=alice&rag=amber")
        .await;
    csv.assert_status(StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(lines[0].starts_with("id,body,inspection_id,"));
    assert!(
        lines[1].starts_with("1,Test Police,1,R1,Recommendation,Missing children,Amber"),
        "{}",
        csv.body
    );
}

#[tokio::test]
async fn csv_cells_cannot_run_as_spreadsheet_formulas() {
    let mut app = panel_app().await;
    let csv = app.get("/dashboard/arising.csv?due=overdue").await;
    csv.assert_status(StatusCode::OK);
    assert!(
        csv.body
            .contains("\"'=HYPERLINK(\"\"x\"\") custody figures\""),
        "{}",
        csv.body
    );
    assert_eq!(csv.body.lines().count(), 2);
}

#[tokio::test]
async fn milestone_and_action_lists_drill_down_to_their_pages() {
    let mut app = panel_app().await;
    app.get("/dashboard/milestones?status=missed")
        .await
        .assert_contains("1 in this list.")
        .assert_contains("href=\"/actions/1#milestone-1\"")
        .assert_contains("href=\"/actions/1\"");
    app.get("/dashboard/actions?show=blocked")
        .await
        .assert_contains("1 in this list.")
        .assert_contains("href=\"/actions/3\"");
    app.get("/dashboard/arising?due=overdue")
        .await
        .assert_contains("href=\"/meetings/2\"");
}

#[tokio::test]
async fn the_assurance_matrix_shows_how_confidence_moved_meeting_by_meeting() {
    let mut app = panel_app().await;
    let page = app.get("/dashboard/assurance").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Board October")
        .assert_contains("Board February")
        .assert_not_contains("Board April");
    let row = page.body.split("href=\"/findings/1\"").nth(1).unwrap();
    let row = row.split("</tr>").next().unwrap();
    let substantial = row
        .find("Substantial")
        .expect("judged substantial in October");
    let limited = row.find("Limited").expect("then limited in February");
    assert!(substantial < limited);
}

#[tokio::test]
async fn the_charts_are_accessible_svg_with_the_same_figures_as_tables() {
    let mut app = panel_app().await;
    let page = app.get("/dashboard/charts").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("<svg")
        .assert_contains("role=\"img\"")
        .assert_contains("aria-labelledby=\"burn-0-title burn-0-desc\"")
        .assert_contains("Return interviews within 72 hours")
        .assert_contains("Milestones: planned against actual");
    // The charts need no script: nothing in the page's content loads one.
    let main = &page.body[page.body.find("<main").expect("main")..];
    assert!(!main.contains("<script"), "charts must not need JavaScript");
    // Inspection 1: 3 open at every month end until F2 was met on 15 January 2026.
    let burn = page
        .body
        .split("Open findings at each point: Child protection 2025")
        .nth(1)
        .unwrap();
    assert!(burn.contains("31 December 2025</time></td><td class=\"app-num\">3<"));
    assert!(burn.contains("31 January 2026</time></td><td class=\"app-num\">2<"));
}

#[tokio::test]
async fn only_admin_office_and_panel_may_see_the_dashboards() {
    let mut anonymous = TestApp::new().await;
    anonymous
        .get("/dashboard?inspection=1")
        .await
        .assert_redirect_to("/sign-in?next=/dashboard%3Finspection%3D1");
    for path in ["/dashboard", "/dashboard/charts", "/dashboard/findings.csv"] {
        let mut force = TestApp::new().await;
        force.sign_in_as(Role::Force).await;
        force.get(path).await.assert_status(StatusCode::FORBIDDEN);
    }
    for role in [Role::Admin, Role::Office, Role::Panel] {
        let mut app = TestApp::new().await;
        app.sign_in_as(role).await;
        app.get("/dashboard")
            .await
            .assert_status(StatusCode::OK)
            .assert_contains("href=\"/dashboard\"");
    }
}

#[tokio::test]
async fn before_a_response_was_published_the_section_55_clock_was_still_running() {
    let mut app = panel_app().await;
    // Report 1 (published 2 June 2025, last day 27 July) was answered on 20 July 2025;
    // report 2 was not yet published.
    app.get("/dashboard?as_at=2025-07-01")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("As at 1 July 2025")
        .assert_contains("26 days left")
        .assert_not_contains("Published on time")
        .assert_not_contains("Custody 2026");
}

#[tokio::test]
async fn the_assurance_matrix_as_at_a_past_date_shows_only_meetings_held_by_then() {
    let mut app = panel_app().await;
    let page = app.get("/dashboard/assurance?as_at=2026-01-31").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Board October")
        .assert_not_contains("Board February");
    let row = page.body.split("href=\"/findings/1\"").nth(1).unwrap();
    let row = row.split("</tr>").next().unwrap();
    assert!(row.contains("Substantial") && !row.contains("Limited"));
}

#[tokio::test]
async fn at_scale_the_overview_lists_the_25_reports_most_in_need_of_a_response_and_links_to_them_all()
 {
    let app = TestApp::new().await;
    known_record(&app).await;
    // 30 more answered reports, the newest published on 1 December 2025.
    app.exec(
        "insert into inspections (body_id, title, kind, published_on, response_published_on, created_at, updated_at)
         with recursive n(i) as (select 1 union all select i + 1 from n where i < 30)
         select 1, 'Answered report ' || i, 'peel', date('2025-12-01', '-' || (30 - i) || ' days'),
                date('2025-12-01', '-' || (30 - i) || ' days', '+40 days'),
                '2025-01-01T09:00:00Z', '2025-01-01T09:00:00Z' from n",
    )
    .await;
    let mut app = app;
    app.sign_in_as(Role::Panel).await;
    let page = app.get("/dashboard").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("href=\"/dashboard/section-55\"")
        .assert_contains("Every report's section 55 line (32)")
        .assert_contains("Showing the first 25 of 32");
    let table = page.body.split("id=\"section-55\"").nth(1).unwrap();
    let table = table.split("</table>").next().unwrap();
    assert_eq!(table.matches("<tr").count(), 1 + 25, "a header and 25 rows");
    // The report still awaiting its response comes first, then the newest answered.
    let awaiting = table
        .find("Custody 2026")
        .expect("the unanswered report is shown");
    let newest = table
        .find("Answered report 30")
        .expect("the newest answered");
    assert!(awaiting < newest);
    assert!(
        !table.contains("Child protection 2025"),
        "the oldest is cut"
    );

    app.get("/dashboard/section-55")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("32 in this list.")
        .assert_contains("Child protection 2025")
        .assert_contains("href=\"/dashboard/section-55.csv\"");
    let csv = app.get("/dashboard/section-55.csv").await;
    csv.assert_status(StatusCode::OK);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "inspection_id,body,title,published_on,last_day,response_published_on,status,days"
    );
    assert_eq!(lines.len(), 1 + 32);
    assert!(
        lines[1].starts_with("2,Test Police,Custody 2026,2026-01-15,2026-03-11,,due,9"),
        "{}",
        lines[1]
    );
    assert!(lines[32].contains("Child protection 2025"), "{}", lines[32]);
}
