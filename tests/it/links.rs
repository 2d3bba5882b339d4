//! Every link works for whoever sees it: each role (and the public) walks the site from every
//! page its role may open, following every same-site link it is shown; no link answers 403,
//! 404 or 405, and every form on those pages posts (or gets) somewhere the role may use.

use std::collections::{BTreeSet, VecDeque};

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;
use scrutineer::routes;

use crate::helpers::TestApp;

/// Pages walked per viewer at most: enough to reach every page type of the example data.
const MAX_PAGES: usize = 700;

/// The same-site targets of `attribute="…"` in a page, with entities decoded.
fn targets(body: &str, attribute: &str) -> Vec<String> {
    body.split(&format!(" {attribute}=\""))
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|t| t.starts_with('/') && !t.starts_with("//"))
        .map(|t| t.replace("&amp;", "&"))
        .collect()
}

/// Each form's method and target: `(is it a POST, action)`.
fn forms(body: &str) -> Vec<(bool, String)> {
    body.split("<form")
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
        .filter_map(|tag| {
            let post = tag.contains("method=\"post\"");
            let action = targets(tag, "action").into_iter().next()?;
            Some((post, action))
        })
        .collect()
}

/// The GET routes of the table, ids made 1, as starting points.
fn starting_points() -> Vec<String> {
    routes::table()
        .into_iter()
        .filter(|r| r.method == axum::http::Method::GET && !r.path.contains("{token}"))
        // The API's routes answer JSON to a token, not pages to a session: nothing to walk.
        .filter(|r| !r.path.starts_with("/api/v1/"))
        .map(|r| {
            r.path
                .split('/')
                .map(|s| if s.starts_with('{') { "1" } else { s })
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

async fn walk(app: &mut TestApp, viewer: Option<Role>) -> Vec<String> {
    let rules = routes::rules();
    let who = viewer.map_or("the public", |r| r.as_str());
    let mut failures = Vec::new();
    let mut seen = BTreeSet::new();
    let mut queue: VecDeque<(String, String)> = starting_points()
        .into_iter()
        .filter(|p| rules.may_open(viewer, p))
        .map(|p| (p, "the route table".to_string()))
        .collect();
    let mut walked = 0;
    while let Some((link, from)) = queue.pop_front() {
        let target = link.split('#').next().unwrap_or_default().to_string();
        // One visit per path: filters and sort orders vary the query, not the page type.
        let path = target.split('?').next().unwrap_or_default().to_string();
        if path.starts_with("/static/") || !seen.insert(path.clone()) || walked >= MAX_PAGES {
            continue;
        }
        walked += 1;
        let response = app.get(&target).await;
        let status = response.status;
        // A starting point is a guess (id 1), not a link anyone was shown.
        let guessed = from == "the route table";
        if !guessed
            && [
                StatusCode::FORBIDDEN,
                StatusCode::NOT_FOUND,
                StatusCode::METHOD_NOT_ALLOWED,
            ]
            .contains(&status)
            || status.is_server_error()
        {
            failures.push(format!(
                "{who}: {target} (linked from {from}) answered {status}"
            ));
            continue;
        }
        let html = response
            .headers
            .get("content-type")
            .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
        if status != StatusCode::OK || !html {
            continue;
        }
        for (post, action) in forms(&response.body) {
            let allowed = if post {
                rules.may_post(viewer, &action)
            } else {
                rules.may_open(viewer, &action)
            };
            if !allowed {
                failures.push(format!(
                    "{who}: a form on {target} goes to {action}, refused"
                ));
            }
        }
        for next in targets(&response.body, "href") {
            queue.push_back((next, target.clone()));
        }
    }
    assert!(walked > 10, "{who} walked only {walked} pages");
    failures
}

#[tokio::test]
async fn every_link_and_form_on_every_page_works_for_the_role_that_sees_it() {
    let mut app = TestApp::seeded().await;
    let mut failures = walk(&mut app, None).await;
    for &role in Role::ALL {
        app.forget_session();
        app.sign_in_as(role).await;
        failures.extend(walk(&mut app, Some(role)).await);
    }
    assert!(
        failures.is_empty(),
        "{} broken:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
