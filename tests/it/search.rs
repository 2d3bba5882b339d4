//! Search over findings, action-plan items and updates, grouped by kind.

use axum::http::StatusCode;
use scrutineer::auth::ALL_ROLES;
use scrutineer::domain::search::MOST_RANKED;
use scrutineer::domain::vocab::Role;

use crate::helpers::{TestApp, assert_only_these_roles};

/// `n` actions of Derbyshire's titled "Zebra crossing survey 1" and on.
async fn add_zebra_actions(app: &TestApp, n: u32) {
    app.exec(&format!(
        "insert into action_items (body_id, reference, title, owner_role, owner_name, created_at, updated_at)
         with recursive n(i) as (select 1 union all select i + 1 from n where i < {n})
         select 1, 'Z' || i, 'Zebra crossing survey ' || i, 'Roads', 'Someone',
                '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z' from n"
    ))
    .await;
}

/// The actions a page links to (the part of each link after `/actions/`).
fn action_links(body: &str) -> Vec<String> {
    body.split("href=\"/actions/")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(str::to_string))
        .collect()
}

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

#[tokio::test]
async fn many_matches_come_25_to_a_page_with_links_to_the_next_and_previous_pages() {
    let mut app = TestApp::seeded().await;
    add_zebra_actions(&app, 60).await;
    app.sign_in_as(Role::Panel).await;
    let first = app.get("/search?q=zebra").await;
    first
        .assert_status(StatusCode::OK)
        .assert_contains("Results 1 to 25, best matches first.")
        .assert_contains("Action-plan items (25)")
        .assert_contains("href=\"/search?q=zebra&amp;page=2\" rel=\"next\"")
        .assert_not_contains("rel=\"prev\"");
    let second = app.get("/search?q=zebra&page=2").await;
    second
        .assert_contains("Results 26 to 50, best matches first.")
        .assert_contains("href=\"/search?q=zebra&amp;page=1\" rel=\"prev\"")
        .assert_contains("href=\"/search?q=zebra&amp;page=3\" rel=\"next\"");
    let (one, two) = (action_links(&first.body), action_links(&second.body));
    assert!(
        one.iter().all(|id| !two.contains(id)),
        "no hit on two pages"
    );
    app.get("/search?q=zebra&page=3")
        .await
        .assert_contains("Results 51 to 60, best matches first.")
        .assert_not_contains("rel=\"next\"");
    app.get("/search?q=zebra&page=9")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("No more matches for <strong>zebra</strong>.");
    // A page that is not a number is the first, not an error; the query is kept encoded.
    app.get("/search?q=zebra&page=%3Cscript%3E")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Results 1 to 25");
    app.get("/search?q=zebra+crossing%26x")
        .await
        .assert_status(StatusCode::OK);
}

#[tokio::test]
async fn an_update_saved_after_a_search_is_found_by_the_next_one() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/search?q=zebra")
        .await
        .assert_contains("Nothing matched");
    app.post_form(
        "/actions/5/updates",
        &[
            ("as_at_day", "27"),
            ("as_at_month", "2"),
            ("as_at_year", "2026"),
            ("rag", "amber"),
            ("narrative", "Zebra crossings surveyed near every school."),
            ("evidence", "Survey returns."),
            ("public_summary", ""),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get("/search?q=zebra")
        .await
        .assert_not_contains("Nothing matched")
        .assert_contains("<mark>Zebra</mark> crossings surveyed")
        .assert_contains("href=\"/actions/5#update-");
}

#[tokio::test]
async fn pages_past_the_tenth_follow_on_from_it_with_no_match_twice_or_left_out() {
    let mut app = TestApp::seeded().await;
    add_zebra_actions(&app, 280).await;
    app.sign_in_as(Role::Office).await;
    let mut seen = Vec::new();
    for page in 1..=12 {
        let body = app.get(&format!("/search?q=zebra&page={page}")).await.body;
        seen.extend(action_links(&body));
        if page == 11 {
            assert!(body.contains("Results 251 to 275, best matches first."));
        }
    }
    let mut distinct = seen.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(seen.len(), 280, "every match once across the pages");
    assert_eq!(distinct.len(), 280, "no match on two pages");
}

/// A search matching more records than it ranks ranks the first of them in the index's order
/// (action-plan items newest first) and says so; one matching that many exactly ranks them all.
#[tokio::test]
async fn a_search_matching_more_than_it_ranks_ranks_the_newest_and_says_so() {
    for (more, narrowed) in [(MOST_RANKED as u32 - 1, false), (MOST_RANKED as u32, true)] {
        let mut app = TestApp::seeded().await;
        // The oldest zebra action, and the best match: "zebra" three times in a short title.
        app.exec(
            "insert into action_items (body_id, reference, title, owner_role, owner_name, created_at, updated_at)
             values (1, 'Z0', 'Zebra zebra zebra', 'Roads', 'Someone',
                     '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')",
        )
        .await;
        let best = app.count("select max(id) from action_items").await;
        add_zebra_actions(&app, more).await;
        app.sign_in_as(Role::Office).await;
        let page = app.get("/search?q=zebra").await;
        let links = action_links(&page.body);
        if narrowed {
            page.assert_contains("More than 5,000 records match.")
                .assert_contains("Add a word to narrow the search.");
            assert!(
                !links.contains(&best.to_string()),
                "the oldest of 5,001 is not ranked"
            );
        } else {
            page.assert_not_contains("More than 5,000");
            assert_eq!(
                links.first(),
                Some(&best.to_string()),
                "of 5,000 every one is ranked, and the best comes first"
            );
        }
    }
}
