//! Hostile input to every documented operation of the API, sent with a real office
//! read-and-write token on the example data: wrong JSON types, missing fields, huge, odd and
//! injected strings, impossible ids and dates, bodies that are not JSON or are too large or too
//! deep, and odd query strings and path ids. Whatever comes in, the API never fails (no 5xx),
//! refuses with a problem document naming its own status and listed in the document for the
//! operation, does not echo what it refused, and writes nothing for a refused request.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use scrutineer::Security;
use scrutineer::db;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::{Role, TokenAccess};
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestResponse, test_today};

mod inputs;

use inputs::{PATH_IDS, hostile_bodies, hostile_queries};

/// The example data with an office user and its read-and-write token. The rate limit is
/// lifted: this test sends thousands of requests in a few seconds with one token.
async fn office_app() -> (TestApp, String) {
    let security = Security {
        api_requests_per_minute: 1_000_000,
        ..Default::default()
    };
    let app = TestApp::with_settings(Clock::fixed_date(test_today()), security).await;
    app.load_example_data().await;
    let site = db::settings::load_site(&app.state.db)
        .await
        .expect("settings");
    app.state.set_site(site);
    let office = app
        .create_user("analyst@opcc.example.test", Role::Office)
        .await;
    let token = app.make_token(office, TokenAccess::ReadWrite).await;
    (app, token)
}

async fn document(app: &mut TestApp) -> Value {
    let response = app.get("/api/openapi.json").await;
    response.assert_status(StatusCode::OK);
    response.json()
}

/// The documented operations of `method` under `/api/v1`, as path templates.
fn operations(doc: &Value, method: &str) -> Vec<String> {
    let paths = doc["paths"].as_object().expect("paths");
    paths
        .iter()
        .filter(|(path, item)| path.starts_with("/api/v1/") && item[method].is_object())
        .map(|(path, _)| path.clone())
        .collect()
}

/// One request: its method and address, body, content type and Idempotency-Key.
struct Hostile {
    method: &'static str,
    path: String,
    body: Vec<u8>,
    content_type: Option<&'static str>,
    key: Option<String>,
}

async fn send(app: &mut TestApp, token: &str, hostile: &Hostile) -> TestResponse {
    let mut request = Request::builder()
        .method(hostile.method)
        .uri(&hostile.path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    if let Some(content_type) = hostile.content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    if let Some(key) = &hostile.key {
        request = request.header("idempotency-key", key.as_str());
    }
    let body = Body::from(hostile.body.clone());
    app.send(request.body(body).expect("request")).await
}

/// What every answer must be: never a server error; a refusal is a problem document whose
/// `status` is the answer's and which does not repeat any of `echoes` (what was sent); and
/// its status is one the document lists for the operation.
#[track_caller]
fn assert_answered_safely(
    doc: &Value,
    template: &str,
    hostile: &Hostile,
    echoes: &[&str],
    response: &TestResponse,
) {
    let what = format!(
        "{} {} with {} bytes ({})",
        hostile.method,
        hostile.path.chars().take(120).collect::<String>(),
        hostile.body.len(),
        String::from_utf8_lossy(&hostile.body[..hostile.body.len().min(120)])
    );
    let status = response.status;
    let body = response.body.chars().take(400).collect::<String>();
    assert!(
        !status.is_server_error(),
        "{what} answered {status}: {body}"
    );
    let op = &doc["paths"][template][hostile.method.to_lowercase()];
    assert!(
        op["responses"][status.as_str()].is_object(),
        "{what} answered {status}, which the document does not list for {template}: {body}"
    );
    if !status.is_client_error() {
        return;
    }
    assert_eq!(
        response
            .headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.as_bytes()),
        Some(&b"application/problem+json"[..]),
        "{what} answered {status} without a problem document: {body}"
    );
    let problem = response.json();
    assert_eq!(problem["status"], status.as_u16(), "{what}: {body}");
    assert!(
        !response.body.contains("<script"),
        "{what} echoed markup: {body}"
    );
    for echo in echoes.iter().filter(|e| e.chars().count() >= 8) {
        assert!(
            !response.body.contains(echo),
            "{what} echoed what it refused: {body}"
        );
    }
}

/// The rows the four kinds of change add.
const TABLES: [&str; 4] = [
    "progress_updates",
    "revision_proposals",
    "assessments",
    "inspectorate_positions",
];

async fn counts(app: &TestApp) -> Vec<i64> {
    let mut all = Vec::new();
    for table in TABLES {
        all.push(app.count(&format!("select count(*) from {table}")).await);
    }
    all
}

/// The table each documented change adds a row to.
fn table_of(template: &str) -> usize {
    match template.rsplit('/').next() {
        Some("updates") => 0,
        Some("proposals") => 1,
        Some("assessments") => 2,
        Some("positions") => 3,
        _ => panic!("{template} is a change this test does not know: add it"),
    }
}

/// A record each change may be made on and a body it accepts, per documented change.
async fn valid_change(app: &TestApp, template: &str) -> (String, Value) {
    let update = json!({ "as_at": "2026-02-27", "rag": "green", "narrative": "On track." });
    match template {
        "/api/v1/actions/{id}/updates" => ("/api/v1/actions/5/updates".into(), update),
        "/api/v1/findings/{id}/updates" => ("/api/v1/findings/1/updates".into(), update),
        "/api/v1/milestones/{id}/proposals" => {
            let milestone = app
                .count(
                    "select min(id) from milestones where met_on is null and withdrawn_on is null",
                )
                .await;
            (
                format!("/api/v1/milestones/{milestone}/proposals"),
                json!({ "date": "2026-10-01", "reason_category": "resourcing",
                        "reason": "Two posts vacant.", "requested_by": "ACC Crime" }),
            )
        }
        "/api/v1/findings/{id}/assessments" => (
            "/api/v1/findings/1/assessments".into(),
            json!({ "level": "reasonable", "rationale": "Audit evidence seen." }),
        ),
        "/api/v1/findings/{id}/positions" => (
            "/api/v1/findings/1/positions".into(),
            json!({ "position": "met", "as_at": "2026-02-01", "source": "Revisit letter" }),
        ),
        other => panic!("{other} is a change this test does not know: add it"),
    }
}

#[tokio::test]
async fn hostile_bodies_to_every_change_get_a_problem_or_a_record_and_only_the_accepted_write() {
    let (mut app, token) = office_app().await;
    let doc = document(&mut app).await;
    let changes = operations(&doc, "post");
    assert_eq!(changes.len(), 5, "every change is covered: {changes:?}");
    let before = counts(&app).await;
    let mut accepted = [0i64; TABLES.len()];
    let mut statuses = BTreeSet::new();
    let mut sent = 0;
    for template in &changes {
        let (path, valid) = valid_change(&app, template).await;
        let reference =
            doc["paths"][template]["post"]["requestBody"]["content"]["application/json"]["schema"]
                ["$ref"]
                .as_str()
                .expect("a body schema");
        let name = reference.rsplit('/').next().expect("a name");
        let schema = &doc["components"]["schemas"][name];
        for (body, echoes) in hostile_bodies(schema, &valid) {
            sent += 1;
            let hostile = Hostile {
                method: "POST",
                path: path.clone(),
                body,
                content_type: Some("application/json"),
                key: Some(format!("hostile-{sent}")),
            };
            let response = send(&mut app, &token, &hostile).await;
            let echoes: Vec<&str> = echoes.iter().map(String::as_str).collect();
            assert_answered_safely(&doc, template, &hostile, &echoes, &response);
            statuses.insert(response.status.as_u16());
            if response.status.is_success() {
                accepted[table_of(template)] += 1;
            }
        }
    }
    let after = counts(&app).await;
    for (i, table) in TABLES.iter().enumerate() {
        assert_eq!(
            after[i] - before[i],
            accepted[i],
            "{table}: rows added besides those of the requests accepted"
        );
    }
    assert!(sent > 400, "{sent} requests");
    // Some long, odd or injected strings are allowed where free text is; the rest is refused.
    let seen = [201, 400, 413, 422].map(|s| statuses.contains(&s));
    assert_eq!(seen, [true; 4], "{statuses:?}");
}

#[tokio::test]
async fn a_change_with_hostile_headers_path_ids_or_an_array_for_its_body_is_refused() {
    let (mut app, token) = office_app().await;
    let doc = document(&mut app).await;
    let before = counts(&app).await;
    let mut sent = 0;
    for template in operations(&doc, "post") {
        let (path, valid) = valid_change(&app, &template).await;
        let body = serde_json::to_vec(&valid).expect("json");
        let long_key = "k".repeat(201);
        let headers: [(Option<&'static str>, Option<String>); 7] = [
            (Some("application/json"), None),
            (Some("application/json"), Some(String::new())),
            (Some("application/json"), Some(long_key)),
            (Some("application/json"), Some("with space".into())),
            (Some("text/plain"), Some("plain".into())),
            (Some("application/jsonx"), Some("jsonx".into())),
            (None, Some("no-type".into())),
        ];
        for (content_type, key) in headers {
            let hostile = Hostile {
                method: "POST",
                path: path.clone(),
                body: body.clone(),
                content_type,
                key,
            };
            let response = send(&mut app, &token, &hostile).await;
            assert_answered_safely(&doc, &template, &hostile, &[], &response);
            assert!(response.status.is_client_error(), "{}", response.body);
        }
        for id in PATH_IDS {
            sent += 1;
            let hostile = Hostile {
                method: "POST",
                path: template.replace("{id}", id),
                body: body.clone(),
                content_type: Some("application/json"),
                key: Some(format!("path-{sent}")),
            };
            let response = send(&mut app, &token, &hostile).await;
            assert_answered_safely(&doc, &template, &hostile, &[], &response);
            assert!(
                response.status.is_client_error(),
                "{} {}",
                hostile.path,
                response.body
            );
        }
    }
    // serde would read a struct from an array of its fields in order: not what is documented.
    let fields = json!(["2026-02-27", "green", "An array.", null, null, false]);
    let path = "/api/v1/actions/5/updates";
    let array = app
        .api("POST", path, Some(&token), Some("array"), Some(&fields))
        .await;
    array.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(counts(&app).await, before, "nothing was written");
}

#[tokio::test]
async fn hostile_query_strings_and_path_ids_to_every_read_never_fail() {
    let (mut app, token) = office_app().await;
    let doc = document(&mut app).await;
    let before = counts(&app).await;
    let reads = operations(&doc, "get");
    assert!(reads.len() >= 10, "{reads:?}");
    let mut statuses = BTreeSet::new();
    let mut sent = 0;
    for template in &reads {
        let names: Vec<String> = doc["paths"][template]["get"]["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter(|p| p["in"] == "query")
                    .map(|p| p["name"].as_str().expect("a name").to_string())
                    .collect()
            })
            .unwrap_or_default();
        let paths: Vec<String> = match template.contains("{id}") {
            true => PATH_IDS
                .iter()
                .map(|id| template.replace("{id}", id))
                .chain(
                    hostile_queries(&["limit".into()])
                        .iter()
                        .map(|q| format!("{}?{q}", template.replace("{id}", "1"))),
                )
                .collect(),
            false => hostile_queries(&names)
                .iter()
                .map(|q| format!("{template}?{q}"))
                .collect(),
        };
        for path in paths {
            sent += 1;
            let hostile = Hostile {
                method: "GET",
                path,
                body: Vec::new(),
                content_type: None,
                key: None,
            };
            let response = send(&mut app, &token, &hostile).await;
            assert_answered_safely(&doc, template, &hostile, &["alert(1)"], &response);
            statuses.insert(response.status.as_u16());
        }
    }
    assert_eq!(counts(&app).await, before, "reading wrote nothing");
    assert!(sent > 300, "{sent} requests");
    assert_eq!(statuses, BTreeSet::from([200, 400, 404, 422]));
}
