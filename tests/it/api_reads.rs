//! Reading the record through the API: lists walked a page at a time by cursor, filtered as
//! the dashboards filter, scoped to the token's bodies, without withdrawn records, with
//! ETags; single records as their pages show them; a fixed number of statements a request.

use axum::http::{StatusCode, header};
use scrutineer::db::synthetic::{self, Plan};
use scrutineer::domain::vocab::{Role, TokenAccess};
use serde_json::Value;

use crate::helpers::{TestApp, TestResponse};
use crate::scoped_lists::{belongs_only_to, the_office_adds_warwickshire};
use crate::statements;

/// A read token of a new user with `role` (a force user belongs to every body so far).
async fn token(app: &TestApp, role: Role) -> String {
    let email = format!("api.{}@example.test", role.as_str());
    let user = app.create_user(&email, role).await;
    app.make_token(user, TokenAccess::Read).await
}

async fn get(app: &mut TestApp, token: &str, path: &str) -> TestResponse {
    app.api("GET", path, Some(token), None, None).await
}

/// The body of a 200 answer to `path`.
async fn ok(app: &mut TestApp, token: &str, path: &str) -> Value {
    let response = get(app, token, path).await;
    response.assert_status(StatusCode::OK);
    response.json()
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {page}"))
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}

/// Every id of a list, walking it `limit` at a time by `next_cursor`; and how many pages.
async fn walk(app: &mut TestApp, token: &str, path: &str, limit: usize) -> (Vec<i64>, usize) {
    let (mut all, mut pages) = (Vec::new(), 0);
    let join = if path.contains('?') { '&' } else { '?' };
    let mut next = format!("{path}{join}limit={limit}");
    loop {
        let page = ok(app, token, &next).await;
        pages += 1;
        let these = ids(&page);
        assert!(these.len() <= limit, "{page}");
        all.extend(these);
        match page["next_cursor"].as_str() {
            Some(cursor) => next = format!("{path}{join}limit={limit}&cursor={cursor}"),
            None => return (all, pages),
        }
    }
}

async fn ids_in_db(app: &TestApp, sql: &str) -> Vec<i64> {
    sqlx::query_scalar(sql)
        .fetch_all(&app.state.db)
        .await
        .expect("ids")
}

#[tokio::test]
async fn walking_the_findings_five_at_a_time_by_next_cursor_returns_every_finding_exactly_once() {
    let mut app = TestApp::seeded().await;
    let office = token(&app, Role::Office).await;
    let (walked, pages) = walk(&mut app, &office, "/api/v1/findings", 5).await;
    let expected = ids_in_db(&app, "select id from findings order by id").await;
    assert_eq!(expected.len(), 18);
    assert_eq!(walked, expected, "every finding once, in id order");
    assert_eq!(pages, 4, "five, five, five, three");
    // The other lists walk the same way.
    for (path, sql) in [
        ("/api/v1/actions", "select id from action_items order by id"),
        (
            "/api/v1/updates",
            "select id from progress_updates order by id",
        ),
        ("/api/v1/meetings", "select id from meetings order by id"),
        (
            "/api/v1/inspections",
            "select id from inspections order by id",
        ),
    ] {
        let (walked, _) = walk(&mut app, &office, path, 4).await;
        assert_eq!(walked, ids_in_db(&app, sql).await, "{path}");
    }
}

#[tokio::test]
async fn a_force_token_for_one_body_sees_nothing_of_another_bodys_records() {
    let mut app = TestApp::seeded().await;
    let derbyshire = token(&app, Role::Force).await;
    let w = the_office_adds_warwickshire(&mut app).await;
    let warwickshire_user = app
        .create_user("api.warwickshire@example.test", Role::Force)
        .await;
    belongs_only_to(&app, "api.warwickshire@example.test", w.body).await;
    let warwickshire = app.make_token(warwickshire_user, TokenAccess::Read).await;

    let findings = ids(&ok(&mut app, &derbyshire, "/api/v1/findings?limit=500").await);
    assert_eq!(findings.len(), 18);
    assert!(!findings.contains(&w.finding));
    let actions = ids(&ok(&mut app, &derbyshire, "/api/v1/actions?limit=500").await);
    assert!(!actions.is_empty() && !actions.contains(&w.action));
    let updates = ids(&ok(&mut app, &derbyshire, "/api/v1/updates?limit=500").await);
    let theirs = ids_in_db(
        &app,
        &format!(
            "select id from progress_updates where action_id = {}",
            w.action
        ),
    )
    .await;
    assert!(!theirs.is_empty() && !updates.is_empty());
    assert!(theirs.iter().all(|u| !updates.contains(u)), "{updates:?}");
    // Even asked for by body, another body's records stay out of view.
    let asked = ok(
        &mut app,
        &derbyshire,
        &format!("/api/v1/findings?body={}", w.body),
    )
    .await;
    assert_eq!(ids(&asked), Vec::<i64>::new());
    for path in [
        format!("/api/v1/findings/{}", w.finding),
        format!("/api/v1/actions/{}", w.action),
    ] {
        let response = get(&mut app, &derbyshire, &path).await;
        response.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(
            response.headers[header::CONTENT_TYPE],
            "application/problem+json"
        );
    }

    // And the other way round: Warwickshire sees only its own.
    let theirs = ids(&ok(&mut app, &warwickshire, "/api/v1/findings").await);
    assert_eq!(theirs, vec![w.finding]);
    let theirs = ids(&ok(&mut app, &warwickshire, "/api/v1/actions").await);
    assert_eq!(theirs, vec![w.action]);
    let action = ok(
        &mut app,
        &warwickshire,
        &format!("/api/v1/actions/{}", w.action),
    )
    .await;
    assert_eq!(action["finding_ids"], serde_json::json!([w.finding]));
    assert_eq!(
        action["milestones"][0]["title"],
        "Leamington audit reported"
    );
    get(&mut app, &warwickshire, "/api/v1/findings/1")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let updates = ok(&mut app, &warwickshire, "/api/v1/updates").await;
    assert_eq!(updates["items"].as_array().expect("items").len(), 1);
    assert_eq!(updates["items"][0]["subject"]["id"], w.action);
}

#[tokio::test]
async fn a_list_asked_for_again_with_its_etag_answers_304_until_it_changes() {
    let mut app = TestApp::seeded().await;
    let office = token(&app, Role::Office).await;
    for path in [
        "/api/v1/findings?limit=3",
        "/api/v1/findings/1",
        "/api/v1/actions/1",
    ] {
        let first = get(&mut app, &office, path).await;
        first.assert_status(StatusCode::OK);
        let etag = first.headers[header::ETAG]
            .to_str()
            .expect("etag")
            .to_string();
        let again = app
            .send(
                axum::http::Request::get(path)
                    .header(header::AUTHORIZATION, format!("Bearer {office}"))
                    .header(header::IF_NONE_MATCH, &etag)
                    .body(axum::body::Body::empty())
                    .expect("request"),
            )
            .await;
        again.assert_status(StatusCode::NOT_MODIFIED);
        assert_eq!(again.body, "");
        assert_eq!(again.headers[header::ETAG], etag.as_str());
    }
    // A new update on finding 1 changes its record, so the old tag no longer matches.
    let before = get(&mut app, &office, "/api/v1/findings/1").await;
    app.sign_in_as(Role::Office).await;
    app.post_form(
        "/findings/1/updates",
        &[
            ("as_at_day", "1"),
            ("as_at_month", "3"),
            ("as_at_year", "2026"),
            ("rag", "red"),
            ("narrative", "Board has not met."),
            ("evidence", ""),
            ("public_summary", ""),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let after = get(&mut app, &office, "/api/v1/findings/1").await;
    assert_ne!(after.headers[header::ETAG], before.headers[header::ETAG]);
    assert_eq!(
        after.json()["updates"][0]["narrative"],
        "Board has not met."
    );
}

#[tokio::test]
async fn each_filter_narrows_the_list_to_what_the_database_holds() {
    let mut app = TestApp::seeded().await;
    let office = token(&app, Role::Office).await;
    let all = |page: &Value| ids(page);

    let afis = ok(
        &mut app,
        &office,
        "/api/v1/findings?kind=area_for_improvement",
    )
    .await;
    let expected = ids_in_db(
        &app,
        "select id from findings where kind = 'area_for_improvement' order by id",
    )
    .await;
    assert_eq!(expected.len(), 6);
    assert_eq!(all(&afis), expected);

    let area = ok(&mut app, &office, "/api/v1/findings?area=investigation").await;
    let expected = ids_in_db(
        &app,
        "select id from findings where area = 'Investigation' order by id",
    )
    .await;
    assert_eq!(all(&area), expected);

    // Every finding has exactly one force position (or none yet): the RAG filters split the
    // list between them, and each item says the voice it was chosen for.
    let mut seen = Vec::new();
    for rag in ["red", "amber", "green", "blue", "no_update"] {
        let page = ok(
            &mut app,
            &office,
            &format!("/api/v1/findings?rag={rag}&limit=500"),
        )
        .await;
        for item in page["items"].as_array().expect("items") {
            let force = &item["voices"]["force"];
            match rag {
                "no_update" => assert!(force.is_null(), "{item}"),
                _ => assert_eq!(force["rag"], rag, "{item}"),
            }
        }
        seen.extend(all(&page));
    }
    seen.sort_unstable();
    assert_eq!(
        seen,
        ids_in_db(&app, "select id from findings order by id").await
    );
    let reds = ok(&mut app, &office, "/api/v1/findings?rag=red&limit=1").await;
    assert_eq!(ids(&reds).len(), 1, "a voice filter pages like any other");

    let assessed = ids_in_db(
        &app,
        "select distinct finding_id from assessments where part_id is null order by finding_id",
    )
    .await;
    let not_assessed = ok(
        &mut app,
        &office,
        "/api/v1/findings?assurance=not_assessed&limit=500",
    )
    .await;
    assert!(all(&not_assessed).iter().all(|id| !assessed.contains(id)));
    assert_eq!(all(&not_assessed).len() + assessed.len(), 18);

    let of_finding = ok(&mut app, &office, "/api/v1/actions?finding=1").await;
    let expected = ids_in_db(
        &app,
        "select action_id from action_findings where finding_id = 1 order by action_id",
    )
    .await;
    assert!(!expected.is_empty());
    assert_eq!(all(&of_finding), expected);

    let of_action = ok(&mut app, &office, "/api/v1/updates?action=1&limit=500").await;
    let expected = ids_in_db(
        &app,
        "select id from progress_updates where action_id = 1 order by id",
    )
    .await;
    assert!(expected.len() > 1);
    assert_eq!(all(&of_action), expected);

    let since = ok(
        &mut app,
        &office,
        "/api/v1/updates?since=2026-01-01&limit=500",
    )
    .await;
    let expected = ids_in_db(
        &app,
        "select id from progress_updates where as_at >= '2026-01-01' order by id",
    )
    .await;
    let everything = ids_in_db(&app, "select id from progress_updates").await;
    assert!(!expected.is_empty() && expected.len() < everything.len());
    assert_eq!(all(&since), expected);
}

#[tokio::test]
async fn a_bad_limit_cursor_or_filter_answers_422_naming_the_parameter() {
    let mut app = TestApp::seeded().await;
    let office = token(&app, Role::Office).await;
    for (path, field) in [
        ("/api/v1/findings?limit=0", "limit"),
        ("/api/v1/findings?limit=501", "limit"),
        ("/api/v1/actions?cursor=abc", "cursor"),
        ("/api/v1/findings?rag=purple", "rag"),
        ("/api/v1/findings?assurance=great", "assurance"),
        ("/api/v1/findings?position=maybe", "position"),
        ("/api/v1/findings?kind=cause", "kind"),
        ("/api/v1/findings?inspection=first", "inspection"),
        ("/api/v1/inspections?body=derbyshire", "body"),
        ("/api/v1/actions?finding=x", "finding"),
        ("/api/v1/updates?since=2026-13-01", "since"),
        ("/api/v1/updates?action=1.5", "action"),
        ("/api/v1/meetings?limit=-3", "limit"),
    ] {
        let response = get(&mut app, &office, path).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            response.body
        );
        assert_eq!(
            response.headers[header::CONTENT_TYPE],
            "application/problem+json",
            "{path}"
        );
        let problem = response.json();
        assert_eq!(problem["status"], 422);
        assert_eq!(problem["errors"][0]["field"], field, "{path}: {problem}");
    }
    let problem = get(&mut app, &office, "/api/v1/findings?rag=purple")
        .await
        .json();
    let message = problem["errors"][0]["message"].as_str().expect("message");
    assert!(
        message.contains("no_update") && message.contains("amber"),
        "{message}"
    );
}

#[tokio::test]
async fn an_actions_milestones_show_the_original_and_current_dates_after_a_revision() {
    let mut app = TestApp::seeded().await;
    let office = token(&app, Role::Office).await;
    let (milestone, action_id, original): (i64, i64, String) = sqlx::query_as(
        "select id, action_id, current_due_on from milestones m
         where met_on is null
           and not exists (select 1 from milestone_revisions r where r.milestone_id = m.id)
         order by id limit 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("an open milestone never revised");
    app.sign_in_as(Role::Office).await;
    app.post_form(
        &format!("/milestones/{milestone}/revise"),
        &crate::milestones::revision("30", "11", "2026"),
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);

    let action = ok(&mut app, &office, &format!("/api/v1/actions/{action_id}")).await;
    assert_eq!(action["url"], format!("/actions/{action_id}"));
    let shown = action["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .find(|m| m["id"] == milestone)
        .unwrap_or_else(|| panic!("milestone {milestone} in {action}"))
        .clone();
    assert_eq!(shown["current_due_on"], "2026-11-30");
    assert_eq!(shown["original_due_on"], original.as_str());
    let revisions = shown["revisions"].as_array().expect("revisions");
    assert_eq!(revisions.len(), 1, "{shown}");
    let last = &revisions[0];
    assert_eq!(last["from"], original.as_str());
    assert_eq!(last["to"], "2026-11-30");
    assert_eq!(last["reason"], "Two analyst posts vacant.");
    assert_eq!(last["decided_on"], "2026-03-02");
}

#[tokio::test]
async fn a_force_token_cannot_read_meetings_or_inspections() {
    let mut app = TestApp::seeded().await;
    let force = token(&app, Role::Force).await;
    for path in [
        "/api/v1/meetings",
        "/api/v1/meetings/1",
        "/api/v1/inspections",
        "/api/v1/inspections/1",
    ] {
        let response = get(&mut app, &force, path).await;
        response.assert_status(StatusCode::FORBIDDEN);
        assert_eq!(response.json()["status"], 403, "{path}");
    }
    // A panel member may.
    let panel = token(&app, Role::Panel).await;
    let meetings = ok(&mut app, &panel, "/api/v1/meetings").await;
    assert_eq!(ids(&meetings).len(), 3);
    let meeting = ok(&mut app, &panel, "/api/v1/meetings/1").await;
    assert_eq!(meeting["url"], "/meetings/1");
    assert!(meeting["agenda"].is_array() && meeting["arising"].is_array());
    let inspection = ok(&mut app, &panel, "/api/v1/inspections/1").await;
    assert_eq!(inspection["url"], "/inspections/1");
    assert!(
        !inspection["findings"]
            .as_array()
            .expect("findings")
            .is_empty()
    );
}

#[tokio::test]
async fn a_withdrawn_finding_is_absent_from_every_list_and_answers_404() {
    let mut app = TestApp::seeded().await;
    let office = token(&app, Role::Office).await;
    let inspection = app
        .count("select inspection_id from findings where id = 2")
        .await;
    app.sign_in_as(Role::Office).await;
    app.post_form(
        "/findings/2/withdraw",
        &[
            ("reason", "Duplicate of recommendation 3"),
            ("on_day", "1"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let (walked, _) = walk(&mut app, &office, "/api/v1/findings", 500).await;
    assert_eq!(walked.len(), 17);
    assert!(!walked.contains(&2));
    get(&mut app, &office, "/api/v1/findings/2")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let report = ok(
        &mut app,
        &office,
        &format!("/api/v1/inspections/{inspection}"),
    )
    .await;
    let listed: Vec<i64> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["id"].as_i64().expect("id"))
        .collect();
    assert!(listed.contains(&3) && !listed.contains(&2), "{listed:?}");
    let updates = ok(&mut app, &office, "/api/v1/updates?finding=2").await;
    assert_eq!(ids(&updates), Vec::<i64>::new());
}

#[tokio::test]
async fn a_finding_shows_its_three_voices_and_the_force_never_sees_the_evidence_seen() {
    let mut app = TestApp::seeded().await;
    let office = token(&app, Role::Office).await;
    let force = token(&app, Role::Force).await;
    let finding = app
        .count("select finding_id from assessments where evidence_seen is not null order by id limit 1")
        .await;
    let path = format!("/api/v1/findings/{finding}");
    let seen = ok(&mut app, &office, &path).await;
    assert_eq!(seen["url"], format!("/findings/{finding}"));
    assert!(seen["voices"].get("force").is_some(), "{seen}");
    assert!(seen["voices"].get("assurance").is_some());
    assert!(seen["voices"].get("inspectorate").is_some());
    let with_evidence = |f: &Value| {
        f["assessments"]
            .as_array()
            .expect("assessments")
            .iter()
            .filter(|a| !a["evidence_seen"].is_null())
            .count()
    };
    assert!(with_evidence(&seen) > 0, "{seen}");
    let theirs = ok(&mut app, &force, &path).await;
    assert_eq!(with_evidence(&theirs), 0, "{theirs}");
    assert!(
        theirs["assessments"]
            .as_array()
            .expect("assessments")
            .iter()
            .all(|a| a["assessor"].is_null())
    );
    assert_eq!(
        theirs["assessments"].as_array().map(Vec::len),
        seen["assessments"].as_array().map(Vec::len),
        "the force sees every rating"
    );
    // Its actions and measures are named, each with its page.
    let actions = ids_in_db(
        &app,
        &format!(
            "select action_id from action_findings where finding_id = {finding} order by action_id"
        ),
    )
    .await;
    assert_eq!(seen["action_ids"], serde_json::json!(actions));
    let measure = app
        .count("select id from performance_measures order by id limit 1")
        .await;
    let measured = ok(&mut app, &force, &format!("/api/v1/measures/{measure}")).await;
    assert_eq!(measured["url"], format!("/measures/{measure}"));
    assert!(measured["readings"].is_array());
}

#[tokio::test]
async fn an_id_that_names_no_record_answers_404_problem() {
    let mut app = TestApp::seeded().await;
    let office = token(&app, Role::Office).await;
    for path in [
        "/api/v1/findings/999",
        "/api/v1/findings/abc",
        "/api/v1/actions/999",
        "/api/v1/measures/999",
        "/api/v1/meetings/999",
        "/api/v1/inspections/999",
    ] {
        let response = get(&mut app, &office, path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            response.headers[header::CONTENT_TYPE],
            "application/problem+json",
            "{path}"
        );
    }
    get(&mut app, "scr_nonsense", "/api/v1/findings")
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
}

const THREAD: &str = "api-reads";

/// The statements `paths` ran on their second request each (the first warms caches).
async fn statements_per_request(app: &mut TestApp, token: &str, paths: &[String]) -> Vec<usize> {
    let mut counts = Vec::new();
    for path in paths {
        get(app, token, path).await.assert_status(StatusCode::OK);
        statements::take(THREAD);
        get(app, token, path).await.assert_status(StatusCode::OK);
        counts.push(statements::take(THREAD).len());
    }
    counts
}

#[tokio::test]
async fn each_list_runs_the_same_number_of_statements_whatever_the_page_or_record_size() {
    statements::watch(THREAD);
    let mut app = TestApp::with_named_connection(THREAD).await;
    app.load_example_data().await;
    let office = token(&app, Role::Office).await;
    let lists = ["findings", "actions", "updates", "meetings", "inspections"];
    let paths = |limit: usize| -> Vec<String> {
        lists
            .iter()
            .map(|l| format!("/api/v1/{l}?limit={limit}"))
            .chain(
                [
                    "/api/v1/findings/1",
                    "/api/v1/actions/1",
                    "/api/v1/inspections/1",
                    "/api/v1/meetings/1",
                ]
                .map(String::from),
            )
            .collect()
    };
    let seeded = statements_per_request(&mut app, &office, &paths(500)).await;
    let (today, now) = (app.state.clock.today(), app.state.clock.now());
    synthetic::generate(&app.state.db, Plan::small(), today, now)
        .await
        .expect("generate");
    let larger = statements_per_request(&mut app, &office, &paths(500)).await;
    let small_pages = statements_per_request(&mut app, &office, &paths(2)).await;
    statements::take(THREAD);
    assert!(seeded.iter().all(|n| *n > 0), "{seeded:?}");
    assert_eq!(
        seeded, larger,
        "statements per request grew with the record"
    );
    assert_eq!(
        small_pages, larger,
        "statements per request grew with the page"
    );
    let findings = ok(&mut app, &office, "/api/v1/findings?limit=500").await;
    assert_eq!(
        ids(&findings).len(),
        18 + 12,
        "the larger page holds the new findings"
    );
}
