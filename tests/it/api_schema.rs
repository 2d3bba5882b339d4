//! The OpenAPI document cannot drift from the API: every API route of the route table is in
//! it (and nothing else is), and real answers – lists, pages, single records, changes,
//! refusals and the public open data – are checked against the schema it gives for their
//! operation and status. Schemas are made strict for the check (no undocumented field).

use std::collections::BTreeSet;

use axum::http::StatusCode;
use scrutineer::Security;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::{Role, TokenAccess};
use scrutineer::routes;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestResponse, test_today};

/// The document, with every object schema that lists its properties closed to others.
async fn document(app: &mut TestApp) -> Value {
    let response = app.get("/api/openapi.json").await;
    response.assert_status(StatusCode::OK);
    let mut doc = response.json();
    close_objects(&mut doc["components"]);
    close_objects(&mut doc["paths"]);
    doc
}

fn close_objects(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// `~` and `/` escaped for a JSON pointer, and braces for a URI fragment.
fn escape(segment: &str) -> String {
    segment
        .replace('~', "~0")
        .replace('/', "~1")
        .replace('{', "%7B")
        .replace('}', "%7D")
}

/// What was checked: (method, path template, status).
type Checked = BTreeSet<(String, String, u16)>;

/// Check `response` to `method template` against the document's schema for its status and
/// content type; panics naming the operation and the first error.
fn check(
    doc: &Value,
    checked: &mut Checked,
    method: &str,
    template: &str,
    response: &TestResponse,
) {
    let status = response.status.as_u16();
    let op = &doc["paths"][template][method.to_lowercase()];
    assert!(op.is_object(), "{method} {template} is not in the document");
    let documented = &op["responses"][status.to_string()];
    assert!(
        documented.is_object(),
        "{method} {template} answered {status}, which the document does not list: {}",
        response.body
    );
    let content_type = response
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .to_string();
    checked.insert((method.into(), template.into(), status));
    if let Some(headers) = documented["headers"].as_object() {
        for name in headers.keys() {
            assert!(
                response.headers.contains_key(name.as_str()),
                "{method} {template} {status} lacks the documented {name} header"
            );
        }
    }
    if status == 304 {
        assert!(response.body.is_empty(), "a 304 has no body");
        return;
    }
    let Some(content) = documented["content"].as_object() else {
        return;
    };
    assert!(
        content.contains_key(&content_type),
        "{method} {template} {status} answered {content_type}, documented {:?}",
        content.keys().collect::<Vec<_>>()
    );
    if !content_type.contains("json") {
        return;
    }
    let pointer = format!(
        "#/paths/{}/{}/responses/{status}/content/{}/schema",
        escape(template),
        method.to_lowercase(),
        escape(&content_type)
    );
    let mut root = doc.clone();
    root["$ref"] = Value::String(pointer);
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&root)
        .unwrap_or_else(|e| panic!("the schema of {method} {template} {status} is unusable: {e}"));
    let instance: Value = serde_json::from_str(&response.body)
        .unwrap_or_else(|e| panic!("{method} {template} {status} is not JSON ({e})"));
    if let Some(error) = validator.iter_errors(&instance).next() {
        panic!(
            "{method} {template} {status} does not match the document at {}: {error}\n{}",
            error.instance_path(),
            response.body
        );
    }
}

#[tokio::test]
async fn the_document_names_exactly_the_api_routes_of_the_route_table() {
    let mut app = TestApp::new().await;
    let doc = document(&mut app).await;
    assert!(
        doc["openapi"]
            .as_str()
            .unwrap_or_default()
            .starts_with("3.1")
    );
    let table: BTreeSet<(String, String)> = routes::table()
        .iter()
        .filter(|r| r.path.starts_with("/api/v1/"))
        .map(|r| (r.method.as_str().to_lowercase(), r.path.to_string()))
        .collect();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .filter(|(path, _)| path.starts_with("/api/v1/"))
        .flat_map(|(path, item)| {
            item.as_object()
                .expect("a path item")
                .keys()
                .map(|m| (m.clone(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(documented, table);
    for public in [
        "/data/latest.json",
        "/data/latest.csv",
        "/data/editions/{file}",
    ] {
        assert!(doc["paths"][public].is_object(), "{public} is documented");
    }
}

/// Every documented GET of the API, with each path parameter 1 (which every aggregate of
/// the example data has).
fn reads(doc: &Value) -> Vec<String> {
    doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .filter(|(path, item)| path.starts_with("/api/v1/") && item["get"].is_object())
        .map(|(path, _)| path.clone())
        .collect()
}

fn concrete(template: &str, id: &str) -> String {
    template
        .split('/')
        .map(|s| if s.starts_with('{') { id } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_read_answers_as_the_document_says() {
    let mut app = TestApp::seeded().await;
    let doc = document(&mut app).await;
    let office = app
        .create_user("analyst@opcc.example.test", Role::Office)
        .await;
    let token = app.make_token(office, TokenAccess::Read).await;
    let mut checked = Checked::new();
    for template in reads(&doc) {
        let path = concrete(&template, "1");
        let found = app.api("GET", &path, Some(&token), None, None).await;
        found.assert_status(StatusCode::OK);
        check(&doc, &mut checked, "GET", &template, &found);
        let etag = found
            .headers
            .get("etag")
            .expect("an ETag")
            .to_str()
            .expect("text");
        let unchanged = app
            .send(
                axum::http::Request::get(&path)
                    .header("authorization", format!("Bearer {token}"))
                    .header("if-none-match", etag)
                    .body(axum::body::Body::empty())
                    .expect("request"),
            )
            .await;
        unchanged.assert_status(StatusCode::NOT_MODIFIED);
        check(&doc, &mut checked, "GET", &template, &unchanged);
        let anonymous = app.api("GET", &path, None, None, None).await;
        check(&doc, &mut checked, "GET", &template, &anonymous);
        if template.contains('{') {
            let missing = concrete(&template, "999999");
            let missing = app.api("GET", &missing, Some(&token), None, None).await;
            missing.assert_status(StatusCode::NOT_FOUND);
            check(&doc, &mut checked, "GET", &template, &missing);
            // An id that is not a number names no record either; a path that is not UTF-8
            // cannot be read at all.
            let not_a_number = concrete(&template, "abc");
            let not_a_number = app
                .api("GET", &not_a_number, Some(&token), None, None)
                .await;
            not_a_number.assert_status(StatusCode::NOT_FOUND);
            check(&doc, &mut checked, "GET", &template, &not_a_number);
            let unreadable = concrete(&template, "%FF");
            let unreadable = app.api("GET", &unreadable, Some(&token), None, None).await;
            unreadable.assert_status(StatusCode::BAD_REQUEST);
            check(&doc, &mut checked, "GET", &template, &unreadable);
        } else {
            let first = app
                .api("GET", &format!("{path}?limit=2"), Some(&token), None, None)
                .await;
            check(&doc, &mut checked, "GET", &template, &first);
            if let Some(next) = first.json()["next_cursor"].as_str() {
                let second = format!("{path}?limit=2&cursor={next}");
                let second = app.api("GET", &second, Some(&token), None, None).await;
                check(&doc, &mut checked, "GET", &template, &second);
            }
            let bad = app
                .api("GET", &format!("{path}?limit=0"), Some(&token), None, None)
                .await;
            bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
            check(&doc, &mut checked, "GET", &template, &bad);
        }
    }
    let force = app
        .create_user("tracker@derbyshire.example.test", Role::Force)
        .await;
    let force_token = app.make_token(force, TokenAccess::Read).await;
    let refused = app
        .api("GET", "/api/v1/meetings", Some(&force_token), None, None)
        .await;
    refused.assert_status(StatusCode::FORBIDDEN);
    check(&doc, &mut checked, "GET", "/api/v1/meetings", &refused);
    assert!(
        checked.len() > reads(&doc).len() * 3,
        "every read was exercised"
    );
}

#[tokio::test]
async fn every_change_and_its_refusals_answer_as_the_document_says() {
    let mut app = TestApp::seeded().await;
    let doc = document(&mut app).await;
    let office = app
        .create_user("analyst@opcc.example.test", Role::Office)
        .await;
    let token = app.make_token(office, TokenAccess::ReadWrite).await;
    let milestone = app
        .count("select min(id) from milestones where met_on is null and withdrawn_on is null")
        .await;
    let update = json!({ "as_at": "2026-02-27", "rag": "green", "narrative": "On track." });
    let changes: Vec<(&str, String, Value, Value)> = vec![
        (
            "/api/v1/actions/{id}/updates",
            "/api/v1/actions/5/updates".into(),
            update.clone(),
            json!({ "rag": "purple", "narrative": "" }),
        ),
        (
            "/api/v1/findings/{id}/updates",
            "/api/v1/findings/1/updates".into(),
            update,
            json!({ "as_at": "tomorrow", "rag": "amber", "narrative": "x" }),
        ),
        (
            "/api/v1/milestones/{id}/proposals",
            format!("/api/v1/milestones/{milestone}/proposals"),
            json!({ "date": "2026-10-01", "reason_category": "resourcing",
                    "reason": "Two posts vacant.", "requested_by": "ACC Crime" }),
            json!({ "date": "2026-13-01", "reason_category": "", "reason": "", "requested_by": "" }),
        ),
        (
            "/api/v1/findings/{id}/assessments",
            "/api/v1/findings/1/assessments".into(),
            json!({ "level": "reasonable", "rationale": "Audit evidence seen.",
                    "evidence_seen": "Audit report, February 2026" }),
            json!({ "level": "great", "rationale": "" }),
        ),
        (
            "/api/v1/findings/{id}/positions",
            "/api/v1/findings/1/positions".into(),
            json!({ "position": "met", "as_at": "2026-02-01", "source": "Revisit letter" }),
            json!({ "position": "superseded", "source": "" }),
        ),
    ];
    let mut checked = Checked::new();
    for (n, (template, path, good, bad)) in changes.iter().enumerate() {
        let key = format!("change-{n}");
        for (body, expected) in [
            (good, StatusCode::CREATED),
            (good, StatusCode::OK),
            (bad, StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            let key = if expected == StatusCode::UNPROCESSABLE_ENTITY {
                format!("{key}-bad")
            } else {
                key.clone()
            };
            let response = app
                .api("POST", path, Some(&token), Some(&key), Some(body))
                .await;
            response.assert_status(expected);
            check(&doc, &mut checked, "POST", template, &response);
        }
        let unknown = json!({ "unknown": true });
        let response = app
            .api("POST", path, Some(&token), Some("odd"), Some(&unknown))
            .await;
        response.assert_status(StatusCode::BAD_REQUEST);
        check(&doc, &mut checked, "POST", template, &response);
        let response = app.api("POST", path, None, Some("anon"), Some(good)).await;
        response.assert_status(StatusCode::UNAUTHORIZED);
        check(&doc, &mut checked, "POST", template, &response);
        let not_a_number = concrete(template, "abc");
        let response = app
            .api("POST", &not_a_number, Some(&token), Some("abc"), Some(good))
            .await;
        response.assert_status(StatusCode::NOT_FOUND);
        check(&doc, &mut checked, "POST", template, &response);
    }
    let documented_posts = doc["paths"]
        .as_object()
        .expect("paths")
        .values()
        .filter(|item| item["post"].is_object())
        .count();
    assert_eq!(changes.len(), documented_posts, "every change is exercised");
    assert_eq!(checked.len(), changes.len() * 6);
}

#[tokio::test]
async fn the_public_open_data_answers_as_the_document_says() {
    let mut app = TestApp::seeded().await;
    let doc = document(&mut app).await;
    let mut checked = Checked::new();
    for (path, template) in [
        ("/data/latest.json", "/data/latest.json"),
        ("/data/editions/1.json", "/data/editions/{file}"),
        ("/data/latest.csv", "/data/latest.csv"),
        ("/data/editions/9999.json", "/data/editions/{file}"),
    ] {
        let response = app.get(path).await;
        check(&doc, &mut checked, "GET", template, &response);
    }
    let statuses: Vec<u16> = checked.iter().map(|(_, _, s)| *s).collect();
    assert!(
        statuses.contains(&200) && statuses.contains(&404),
        "{statuses:?}"
    );
}

#[tokio::test]
#[should_panic(expected = "does not match the document")]
async fn the_check_refuses_an_answer_with_a_field_the_document_does_not_give() {
    let mut app = TestApp::seeded().await;
    let doc = document(&mut app).await;
    let force = app
        .create_user("tracker@derbyshire.example.test", Role::Force)
        .await;
    let token = app.make_token(force, TokenAccess::ReadWrite).await;
    let update = json!({ "as_at": "2026-02-27", "rag": "green", "narrative": "On track." });
    let path = "/api/v1/actions/5/updates";
    let mut made = app
        .api("POST", path, Some(&token), Some("x"), Some(&update))
        .await;
    made.assert_status(StatusCode::CREATED);
    let mut body = made.json();
    body["author_email"] = json!("tracker@derbyshire.example.test");
    made.body = body.to_string();
    check(
        &doc,
        &mut Checked::new(),
        "POST",
        "/api/v1/actions/{id}/updates",
        &made,
    );
}

#[tokio::test]
async fn a_token_past_its_allowance_gets_429_as_the_document_says() {
    let security = Security {
        api_requests_per_minute: 1,
        ..Default::default()
    };
    let mut app = TestApp::with_settings(Clock::fixed_date(test_today()), security).await;
    let doc = document(&mut app).await;
    let office = app
        .create_user("analyst@opcc.example.test", Role::Office)
        .await;
    let token = app.make_token(office, TokenAccess::ReadWrite).await;
    let mut checked = Checked::new();
    let first = app
        .api("GET", "/api/v1/findings", Some(&token), None, None)
        .await;
    check(&doc, &mut checked, "GET", "/api/v1/findings", &first);
    for (method, path, template) in [
        ("GET", "/api/v1/findings", "/api/v1/findings"),
        ("GET", "/api/v1/findings/1", "/api/v1/findings/{id}"),
        (
            "POST",
            "/api/v1/findings/1/updates",
            "/api/v1/findings/{id}/updates",
        ),
    ] {
        let update = json!({ "rag": "green", "narrative": "On track." });
        let body = (method == "POST").then_some(&update);
        let over = app
            .api(method, path, Some(&token), Some("over"), body)
            .await;
        over.assert_status(StatusCode::TOO_MANY_REQUESTS);
        check(&doc, &mut checked, method, template, &over);
    }
    let statuses: BTreeSet<u16> = checked.iter().map(|(_, _, s)| *s).collect();
    assert_eq!(statuses, BTreeSet::from([200, 429]));
}

#[tokio::test]
async fn every_operation_documents_its_shared_refusals_headers_and_idempotency_key() {
    let mut app = TestApp::new().await;
    let doc = document(&mut app).await;
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        if !path.starts_with("/api/v1/") {
            continue;
        }
        for (method, op) in item.as_object().expect("a path item") {
            operations += 1;
            let responses = &op["responses"];
            let header = |status: &str, name: &str| responses[status]["headers"][name].is_object();
            for status in ["400", "401", "429"] {
                if status == "400" && method == "get" && !path.contains('{') {
                    // A list reads its query string leniently: a value it cannot use is a
                    // 422 naming the parameter, never a 400.
                    continue;
                }
                let content = &responses[status]["content"]["application/problem+json"];
                assert!(content.is_object(), "{method} {path} documents {status}");
            }
            assert!(header("401", "WWW-Authenticate"), "{method} {path}");
            assert!(header("429", "Retry-After"), "{method} {path}");
            let key = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|p| p["name"] == "Idempotency-Key");
            match method.as_str() {
                "get" => {
                    assert!(header("200", "ETag"), "{method} {path}");
                    assert!(header("304", "ETag"), "{method} {path}");
                    assert!(key.is_none(), "{method} {path}");
                }
                _ => {
                    let key = key.unwrap_or_else(|| panic!("{method} {path} takes a key"));
                    assert_eq!(key["in"], "header");
                    assert_eq!(key["required"], true);
                    let about = key["description"].as_str().unwrap_or_default();
                    assert!(about.contains("/api#idempotency-key-reused"), "{about}");
                    assert!(header("201", "Location"), "{method} {path}");
                    assert!(header("200", "Idempotent-Replayed"), "{method} {path}");
                }
            }
        }
    }
    assert_eq!(operations, 15);
}
