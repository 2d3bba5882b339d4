//! The public site: anonymous access, pages from editions, caching with ETags and 304s.

use axum::http::{StatusCode, header};
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

const PUBLIC_PAGES: &[&str] = &[
    "/",
    "/progress/inspections/1",
    "/progress/inspections/2",
    "/progress/meetings",
    "/editions",
    "/editions/1",
    "/editions/1/inspections/2",
    "/editions/1/changes/1",
    "/about",
    "/accessibility",
    "/data/latest.json",
    "/data/latest.csv",
    "/data/editions/1.json",
    "/data/editions/1.csv",
    "/feeds/editions.atom",
    "/feeds/public.ics",
];

#[tokio::test]
async fn anyone_can_read_every_public_page_without_signing_in() {
    let mut app = TestApp::seeded().await;
    for path in PUBLIC_PAGES {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.is_empty(), "{path}");
    }
}

#[tokio::test]
async fn before_the_first_edition_edition_pages_and_data_are_not_found() {
    let mut app = TestApp::new().await;
    for path in [
        "/progress/inspections/1",
        "/editions/1",
        "/data/latest.json",
        "/progress/meetings",
    ] {
        app.get(path).await.assert_status(StatusCode::NOT_FOUND);
    }
    app.get("/editions")
        .await
        .assert_contains("No progress has been published yet");
    app.get("/feeds/editions.atom")
        .await
        .assert_status(StatusCode::OK);
    app.get("/feeds/public.ics")
        .await
        .assert_status(StatusCode::OK);
}

#[tokio::test]
async fn the_home_page_shows_each_inspection_with_accessible_progress_and_counts() {
    let mut app = TestApp::seeded().await;
    app.get("/")
        .await
        .assert_contains("<progress class=\"app-progress\"")
        .assert_contains("aria-labelledby=\"progress-1\"")
        .assert_contains("Milestones delivered: ")
        .assert_contains("<caption class=\"govuk-table__caption govuk-table__caption--s\">PCC assurance</caption>")
        .assert_contains("Not yet assessed")
        .assert_contains("Superseded");
}

#[tokio::test]
async fn the_inspection_page_shows_voices_milestones_slips_timeline_and_section_55() {
    let mut app = TestApp::seeded().await;
    app.get("/progress/inspections/1")
        .await
        .assert_contains("Published on time")
        .assert_contains("Read the Commissioner's response")
        .assert_contains("Substantial")
        .assert_contains("Superseded</strong> by AFI 2")
        .assert_contains("Moved 3 times")
        .assert_contains("Missed")
        .assert_contains("Met late")
        .assert_contains("Published updates")
        .assert_contains("Children are detained only when necessary")
        .assert_contains("owner: Deputy Chief Constable")
        .assert_not_contains("Demo – DCC A. Example");
    app.get("/progress/inspections/2")
        .await
        .assert_contains("Published 1 day late");
}

#[tokio::test]
async fn the_editions_list_names_the_publishers_role_never_the_person() {
    let mut app = TestApp::seeded().await;
    // The fingerprint shown is that of the published file (tests/it/tamper_evidence.rs).
    let hash: String = sqlx::query_scalar("select fingerprint from editions where number = 1")
        .fetch_one(&app.state.db)
        .await
        .expect("hash");
    app.get("/editions")
        .await
        .assert_contains("Edition 1")
        .assert_contains("Commissioner's office")
        .assert_contains(&hash)
        .assert_not_contains("Chief executive");
}

#[tokio::test]
async fn published_meeting_summaries_show_without_minutes_or_attendees() {
    let mut app = TestApp::seeded().await;
    app.get("/progress/meetings")
        .await
        .assert_contains("The Commissioner questioned the Chief Constable on leadership")
        .assert_not_contains("Demonstration data: the board reviewed")
        .assert_not_contains("Assistant Chief Constable (Crime and Vulnerability)");
}

#[tokio::test]
async fn the_planned_public_meeting_is_announced_with_its_place_but_nothing_of_its_business() {
    let mut app = TestApp::seeded().await;
    let page = app.get("/progress/meetings").await;
    page.assert_contains("Coming up: meetings held in public")
        .assert_contains("Public accountability meeting – protecting children")
        .assert_contains("Online and at the Commissioner's office, Ripley (demonstration)")
        .assert_not_contains("PCC Chief Executive");
    app.get("/")
        .await
        .assert_contains("Next public meeting:")
        .assert_contains("Public accountability meeting – protecting children");
    // The private board that is planned is not announced.
    app.exec(
        "insert into meetings (id, kind, title, starts_at, status, created_at, updated_at)
         values (9, 'accountability_board', 'Private board in future', '2026-05-01T10:00:00', 'planned', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z')",
    )
    .await;
    app.sign_in_as(Role::Office).await;
    app.post_form("/publishing/editions", &[("note", "")]).await;
    app.forget_session();
    app.get("/progress/meetings")
        .await
        .assert_not_contains("Private board in future");
}

#[tokio::test]
async fn a_page_carries_a_strong_etag_and_a_matching_request_gets_304_with_no_body() {
    let mut app = TestApp::seeded().await;
    let first = app.get("/").await;
    let etag = first.headers[header::ETAG]
        .to_str()
        .expect("etag")
        .to_string();
    assert!(etag.starts_with('"') && etag.len() == 66, "{etag}");
    assert_eq!(first.headers[header::CACHE_CONTROL], "public, max-age=300");
    assert_eq!(first.headers[header::VARY], "cookie");
    let again = app.get_with("/", &[("if-none-match", &etag)]).await;
    again.assert_status(StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    let other = app
        .get_with("/", &[("if-none-match", "\"something-else\"")])
        .await;
    other.assert_status(StatusCode::OK);
    assert_eq!(other.body, first.body);
    // The latest edition's numbered page says it is the latest, so may change.
    let latest = app.get("/editions/1").await;
    assert_eq!(latest.headers[header::CACHE_CONTROL], "public, max-age=300");
    app.sign_in_as(Role::Office).await;
    app.post_form("/publishing/editions", &[("note", "")])
        .await
        .assert_redirect_to("/editions/2");
    app.forget_session();
    let frozen = app.get("/editions/1").await;
    assert_eq!(
        frozen.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn each_editions_pages_are_rendered_once_and_then_served_from_memory() {
    let mut app = TestApp::seeded().await;
    assert!(
        app.state
            .pages
            .get(1, "/editions/1/inspections/1#latest")
            .is_none()
    );
    let first = app.get("/editions/1/inspections/1").await;
    // Kept apart from the frozen page it becomes once a later edition says it is no longer
    // the latest.
    let cached = app
        .state
        .pages
        .get(1, "/editions/1/inspections/1#latest")
        .expect("cached");
    assert_eq!(cached.body, first.body.as_bytes());
    // Served from memory: even a change to the settings that every page shows does not show
    // on a page already rendered.
    sqlx::query("update settings set value = 'Renamed' where key = 'organisation_name'")
        .execute(&app.state.db)
        .await
        .expect("rename");
    let mut site = app.state.site();
    site.organisation_name = "Renamed".into();
    app.state.set_site(site);
    assert_eq!(app.get("/editions/1/inspections/1").await.body, first.body);
}

#[tokio::test]
async fn a_signed_in_person_sees_their_navigation_on_public_pages_which_are_not_cached() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let page = app.get("/progress/inspections/1").await;
    page.assert_contains("office (PCC office)");
    assert_eq!(page.headers[header::CACHE_CONTROL], "private, no-store");
    assert!(app.state.pages.get(1, "/progress/inspections/1").is_none());
    app.forget_session();
    app.get("/progress/inspections/1")
        .await
        .assert_not_contains("office (PCC office)")
        .assert_not_contains("csrf_token");
}

#[tokio::test]
async fn a_missing_edition_or_inspection_is_not_found() {
    let mut app = TestApp::seeded().await;
    for path in [
        "/editions/9",
        "/editions/1/inspections/99",
        "/progress/inspections/99",
        "/editions/1/changes/9",
    ] {
        app.get(path).await.assert_status(StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_compare_form_leads_to_the_stable_changes_address() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form("/publishing/editions", &[]).await;
    app.forget_session();
    app.get("/editions")
        .await
        .assert_contains("action=\"/editions/compare\"")
        .assert_contains("href=\"/editions/1/changes/2\"");
    app.get("/editions/compare?from=1&to=2")
        .await
        .assert_redirect_to("/editions/1/changes/2");
    app.get("/editions/compare?from=x&to=2")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get("/editions/1/changes/2")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("What changed between edition 1 and edition 2");
}

#[tokio::test]
async fn a_public_address_written_another_way_leads_to_its_one_address_or_is_not_found() {
    let mut app = TestApp::seeded().await;
    for (path, canonical) in [
        ("/editions/0001", "/editions/1"),
        ("/editions/+1", "/editions/1"),
        ("/editions/01/inspections/002", "/editions/1/inspections/2"),
        ("/editions/1/inspections/+2", "/editions/1/inspections/2"),
        ("/editions/001/changes/1", "/editions/1/changes/1"),
        ("/progress/inspections/01", "/progress/inspections/1"),
        ("/data/editions/0001.json", "/data/editions/1.json"),
        ("/data/editions/+1.csv", "/data/editions/1.csv"),
    ] {
        let answer = app.get(path).await;
        assert_eq!(answer.status, StatusCode::PERMANENT_REDIRECT, "{path}");
        assert_eq!(answer.location(), canonical, "{path}");
        app.get(canonical).await.assert_status(StatusCode::OK);
    }
    for path in [
        "/editions/-1",
        "/editions/%201",
        "/editions/1%20",
        "/editions/1.0",
        "/editions/0x1",
        "/editions/99999999999999999999",
        "/editions/1/inspections/-2",
        "/editions/1/inspections/two",
        "/progress/inspections/%2B%2B1",
        "/data/editions/-1.json",
        "/data/editions/%201.json",
        "/data/editions/0001.xml",
    ] {
        app.get(path).await.assert_status(StatusCode::NOT_FOUND);
    }
    // Only the canonical addresses were kept.
    assert!(app.state.pages.get(1, "/editions/0001").is_none());
    assert!(app.state.pages.get(1, "/editions/1#latest").is_some());
}

#[tokio::test]
async fn thousands_of_distinct_public_addresses_keep_the_page_cache_within_its_budget() {
    const BUDGET: usize = 150_000;
    let security = scrutineer::Security {
        page_cache_bytes: BUDGET,
        ..Default::default()
    };
    let clock = scrutineer::domain::dates::Clock::fixed_date(crate::helpers::test_today());
    let mut app = TestApp::with_settings(clock, security).await;
    app.load_example_data().await;
    let json = app.get("/data/editions/1.json").await;
    assert!(json.body.len() > BUDGET / 10, "{}", json.body.len());
    let mut largest = 0;
    for k in 0..3_000 {
        let zeros = "0".repeat(k % 40);
        let path = match k % 6 {
            0 => format!("/editions/1/inspections/{k}"),
            1 => format!("/editions/{zeros}1/inspections/{zeros}1"),
            2 => format!("/editions/1?v={k}"),
            3 => format!("/data/editions/{zeros}1.json?k={k}"),
            4 => format!("/progress/inspections/{}?q={k}", 1 + k % 3),
            _ => format!("/editions/1/changes/1?k={k}"),
        };
        let answer = app.get(&path).await;
        assert!(answer.status.as_u16() < 500, "{path}: {}", answer.status);
        largest = largest.max(app.state.pages.bytes());
        assert!(app.state.pages.bytes() <= BUDGET, "after {path}");
    }
    assert_eq!(app.state.pages.budget(), BUDGET);
    assert!(largest <= BUDGET, "{largest}");
    // Pages are still kept and served from memory, within the budget.
    assert!(!app.state.pages.is_empty());
    assert!(app.state.pages.len() < 20, "{}", app.state.pages.len());
}

fn title(body: &str) -> &str {
    let start = body.find("<title>").expect("title") + "<title>".len();
    &body[start..start + body[start..].find("</title>").expect("end")]
}

#[tokio::test]
async fn every_public_page_advertises_the_feed_has_a_favicon_and_a_description() {
    let mut app = TestApp::seeded().await;
    for path in [
        "/",
        "/progress/inspections/1",
        "/progress/meetings",
        "/editions",
        "/editions/1",
        "/editions/1/inspections/1",
        "/about",
        "/accessibility",
        "/data/dictionary",
        "/sign-in",
        "/no-such-page",
    ] {
        let page = app.get(path).await;
        page.assert_contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feeds/editions.atom\"",
        )
        .assert_contains("<link rel=\"icon\" href=\"/static/favicon.svg\"")
        .assert_contains("<meta name=\"description\" content=\"");
    }
    let icon = app.get("/static/favicon.svg").await;
    icon.assert_status(StatusCode::OK);
    assert_eq!(icon.headers[header::CONTENT_TYPE], "image/svg+xml");
    let robots = app.get("/robots.txt").await;
    robots.assert_status(StatusCode::OK);
    assert_eq!(
        robots.headers[header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );
    robots
        .assert_contains("User-agent: *")
        .assert_contains("Disallow: /calendar/")
        .assert_contains("Allow: /");
}

#[tokio::test]
async fn pages_with_errors_say_so_in_their_title_and_an_edition_is_not_titled_as_the_home_page() {
    let mut app = TestApp::seeded().await;
    let missing = app.get("/no-such-page").await;
    missing.assert_status(StatusCode::NOT_FOUND);
    assert!(
        title(&missing.body).starts_with("Error: "),
        "{}",
        title(&missing.body)
    );
    let refused = app
        .post_form("/sign-in", &[("email", ""), ("password", "")])
        .await;
    assert!(refused.body.contains("govuk-error-summary"));
    assert!(
        title(&refused.body).starts_with("Error: "),
        "{}",
        title(&refused.body)
    );
    assert!(!title(&app.get("/sign-in").await.body).starts_with("Error"));
    let home = app.get("/").await.body;
    let edition = app.get("/editions/1").await.body;
    assert_ne!(title(&home), title(&edition));
    assert!(
        title(&edition).starts_with("Edition 1"),
        "{}",
        title(&edition)
    );
}

#[tokio::test]
async fn the_force_position_is_dated_only_by_published_updates() {
    let mut app = TestApp::seeded().await;
    // An update the public cannot see: entered, never approved.
    app.exec(
        "insert into progress_updates (id, action_id, as_at, rag, narrative, public_summary, author_id, entered_at)
         values (200, 1, '2026-02-20', 'red', 'internal only', null, 3, '2026-02-20T10:00:00Z')",
    )
    .await;
    app.sign_in_as(Role::Office).await;
    app.post_form("/publishing/editions", &[("note", "")]).await;
    app.forget_session();
    let doc: serde_json::Value =
        serde_json::from_str(&app.get("/data/latest.json").await.body).expect("json");
    assert_eq!(doc["edition"], 2);
    let mut checked = 0;
    for i in doc["inspections"].as_array().expect("inspections") {
        for f in i["findings"].as_array().expect("findings") {
            let newest = f["timeline"]
                .as_array()
                .expect("timeline")
                .iter()
                .filter_map(|u| u["asAt"].as_str())
                .max();
            assert_eq!(
                f["voices"]["forceAsAt"].as_str(),
                newest,
                "{}",
                f["reference"]
            );
            if newest.is_none() {
                assert!(f["voices"]["forcePosition"].is_null());
            }
            checked += 1;
        }
    }
    assert!(checked > 0);
    for path in ["/", "/progress/inspections/1", "/progress/inspections/2"] {
        app.get(path).await.assert_not_contains("20 February 2026");
    }
}

#[tokio::test]
async fn on_a_phone_the_section_55_and_stale_tables_stack_with_each_cell_named() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let dashboard = app.get("/dashboard").await;
    dashboard.assert_status(StatusCode::OK);
    let body = &dashboard.body;
    assert_eq!(
        body.matches("govuk-table app-table--stack").count(),
        2,
        "section 55 and stale"
    );
    dashboard
        .assert_contains("data-label=\"Status\"")
        .assert_contains("data-label=\"Days since\"");
    let css = app.get("/static/app.css").await;
    css.assert_contains(".app-table--stack td[data-label]::before")
        .assert_contains("no-repeat local");
}
