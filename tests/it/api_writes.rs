//! Changes through the API: a force system posts progress updates and proposes milestone
//! dates, the office's tools record assessments and positions – through the same record
//! functions as the forms, with the same messages and audit events, once per Idempotency-Key.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use scrutineer::domain::vocab::{Role, TokenAccess};
use serde_json::json;
use tower::ServiceExt;

use crate::helpers::TestApp;
use crate::scoped_lists::{belongs_only_to, the_office_adds_warwickshire};

const FORCE: &str = "tracker@derbyshire.example.test";

/// The example record, a Derbyshire force user and their read-write token.
async fn force_system() -> (TestApp, String) {
    let app = TestApp::seeded().await;
    let force = app.create_user(FORCE, Role::Force).await;
    let token = app.make_token(force, TokenAccess::ReadWrite).await;
    (app, token)
}

fn an_update(narrative: &str) -> serde_json::Value {
    json!({
        "as_at": "2026-02-27",
        "rag": "amber",
        "narrative": narrative,
        "evidence": "Dip sample, February 2026.",
    })
}

#[tokio::test]
async fn a_force_token_posts_an_update_that_shows_in_the_browser_and_the_audit_log() {
    let (mut app, token) = force_system().await;
    let posted = app
        .api(
            "POST",
            "/api/v1/actions/5/updates",
            Some(&token),
            Some("tracker-981"),
            Some(&an_update("Workload review drafted through the tracker.")),
        )
        .await;
    posted.assert_status(StatusCode::CREATED);
    let made = posted.json();
    let id = made["id"].as_i64().expect("the update's id");
    assert_eq!(made["subject"], json!({ "kind": "action", "id": 5 }));
    assert_eq!(made["rag"], "amber");
    assert_eq!(made["as_at"], "2026-02-27");
    assert_eq!(posted.location(), format!("/actions/5#update-{id}"));
    let author = app
        .count(&format!(
            "select count(*) from progress_updates u join users a on a.id = u.author_id
             where u.id = {id} and a.email = '{FORCE}'"
        ))
        .await;
    assert_eq!(author, 1, "the update is the token's user's");
    let actor = app
        .count(&format!(
            "select count(*) from audit_events
             where entity = 'progress_update' and entity_id = {id} and action = 'create'
               and actor = '{FORCE} (API token ' || (select id from api_tokens) || ' “Force tracker”)'"
        ))
        .await;
    assert_eq!(actor, 1, "the audit event names the token");
    app.sign_in_as(Role::Office).await;
    app.get("/actions/5")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(&format!("id=\"update-{id}\""))
        .assert_contains("Workload review drafted through the tracker.");
    app.sign_in_as(Role::Admin).await;
    app.get("/admin/audit")
        .await
        .assert_contains("Force tracker");
}

#[tokio::test]
async fn the_same_push_twice_makes_one_update_and_answers_the_first_again() {
    let (mut app, token) = force_system().await;
    let body = an_update("Pushed twice after a timeout.");
    let path = "/api/v1/actions/5/updates";
    let first = app
        .api("POST", path, Some(&token), Some("sync-42"), Some(&body))
        .await;
    first.assert_status(StatusCode::CREATED);
    let again = app
        .api("POST", path, Some(&token), Some("sync-42"), Some(&body))
        .await;
    again.assert_status(StatusCode::OK);
    assert_eq!(
        again
            .headers
            .get("idempotent-replayed")
            .map(|v| v.as_bytes()),
        Some(&b"true"[..])
    );
    assert_eq!(again.json()["id"], first.json()["id"]);
    let made = app
        .count("select count(*) from progress_updates where narrative = 'Pushed twice after a timeout.'")
        .await;
    assert_eq!(made, 1);
    let events = app
        .count("select count(*) from audit_events where entity = 'progress_update' and action = 'create' and actor like '%API token%'")
        .await;
    assert_eq!(events, 1, "a repeat records nothing");
    let other = app
        .api(
            "POST",
            path,
            Some(&token),
            Some("sync-43"),
            Some(&an_update("Pushed twice after a timeout.")),
        )
        .await;
    other.assert_status(StatusCode::CREATED);
}

#[tokio::test]
async fn two_copies_of_one_push_sent_at_once_make_one_update() {
    let (app, token) = force_system().await;
    let send = || {
        let router = scrutineer::app(app.state.clone());
        let request = Request::post("/api/v1/actions/5/updates")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", "race-1")
            .body(Body::from(
                an_update("Sent by two workers at once.").to_string(),
            ))
            .expect("request");
        async move {
            let response = router.oneshot(request).await.expect("response");
            let status = response.status();
            let bytes = response
                .into_body()
                .collect()
                .await
                .expect("body")
                .to_bytes();
            (
                status,
                serde_json::from_slice::<serde_json::Value>(&bytes).expect("json"),
            )
        }
    };
    let ((a, first), (b, second)) = tokio::join!(send(), send());
    let mut statuses = [a, b];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CREATED]);
    assert_eq!(first["id"], second["id"]);
    let made = app
        .count("select count(*) from progress_updates where narrative = 'Sent by two workers at once.'")
        .await;
    assert_eq!(made, 1);
}

#[tokio::test]
async fn a_key_used_again_with_a_different_update_is_refused() {
    let (mut app, token) = force_system().await;
    let path = "/api/v1/actions/5/updates";
    app.api(
        "POST",
        path,
        Some(&token),
        Some("k-1"),
        Some(&an_update("The first update.")),
    )
    .await
    .assert_status(StatusCode::CREATED);
    let reused = app
        .api(
            "POST",
            path,
            Some(&token),
            Some("k-1"),
            Some(&an_update("A different one.")),
        )
        .await;
    reused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reused.json()["type"], "/api#idempotency-key-reused");
    let made = app
        .count("select count(*) from progress_updates where narrative = 'A different one.'")
        .await;
    assert_eq!(made, 0);
}

#[tokio::test]
async fn refused_input_lists_each_field_with_the_forms_message() {
    let (mut app, token) = force_system().await;
    let before = app.count("select count(*) from progress_updates").await;
    let refused = app
        .api(
            "POST",
            "/api/v1/findings/1/updates",
            Some(&token),
            Some("bad-1"),
            Some(&json!({ "as_at": "27/02/2026", "rag": "purple", "narrative": " " })),
        )
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused
            .headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.as_bytes()),
        Some(&b"application/problem+json"[..])
    );
    let problem = refused.json();
    assert_eq!(problem["type"], "/api#validation");
    assert_eq!(problem["status"], 422);
    let message = |field: &str| {
        problem["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .find(|e| e["field"] == field)
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
    };
    assert_eq!(
        message("as_at").as_deref(),
        Some("Enter the date as YYYY-MM-DD, for example 2026-12-01")
    );
    assert_eq!(message("rag").as_deref(), Some("Select a RAG status"));
    // The same words the form shows for a blank narrative.
    app.sign_in_as(Role::Office).await;
    let form = app
        .post_form(
            "/findings/1/updates",
            &[
                ("as_at_day", "27"),
                ("as_at_month", "2"),
                ("as_at_year", "2026"),
                ("rag", "amber"),
                ("narrative", " "),
            ],
        )
        .await;
    form.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let narrative = message("narrative").expect("a message for the narrative");
    form.assert_contains(&narrative);
    assert_eq!(
        app.count("select count(*) from progress_updates").await,
        before
    );
}

#[tokio::test]
async fn a_change_without_an_idempotency_key_or_json_is_refused_and_says_why() {
    let (mut app, token) = force_system().await;
    let path = "/api/v1/actions/5/updates";
    let keyless = app
        .api(
            "POST",
            path,
            Some(&token),
            None,
            Some(&an_update("No key.")),
        )
        .await;
    keyless.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(keyless.json()["errors"][0]["field"], "Idempotency-Key");
    let form = Request::post(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("idempotency-key", "form-1")
        .body(Body::from("rag=amber&narrative=A+form"))
        .expect("request");
    app.send(form)
        .await
        .assert_status(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let unknown_field = json!({ "rag": "amber", "narative": "Misspelt." });
    let misspelt = app
        .api(
            "POST",
            path,
            Some(&token),
            Some("typo-1"),
            Some(&unknown_field),
        )
        .await;
    misspelt.assert_status(StatusCode::BAD_REQUEST);
    assert!(
        misspelt.json()["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("narative"),
        "names the unknown field: {}",
        misspelt.body
    );
    assert_eq!(
        app.count("select count(*) from progress_updates where narrative in ('No key.', 'A form')")
            .await,
        0
    );
}

#[tokio::test]
async fn a_force_token_cannot_post_on_another_bodys_action() {
    let mut app = TestApp::seeded().await;
    let w = the_office_adds_warwickshire(&mut app).await;
    let force = app.create_user(FORCE, Role::Force).await;
    belongs_only_to(&app, FORCE, 1).await;
    let token = app.make_token(force, TokenAccess::ReadWrite).await;
    let before = app.count("select count(*) from progress_updates").await;
    let path = format!("/api/v1/actions/{}/updates", w.action);
    let refused = app
        .api(
            "POST",
            &path,
            Some(&token),
            Some("w-1"),
            Some(&an_update("Not ours.")),
        )
        .await;
    refused.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(refused.json()["status"], 404);
    assert_eq!(
        app.count("select count(*) from progress_updates").await,
        before
    );
}

#[tokio::test]
async fn a_force_token_proposes_a_new_date_that_the_office_then_sees() {
    let (mut app, token) = force_system().await;
    let milestone = app
        .count("select min(id) from milestones where met_on is null and withdrawn_on is null")
        .await;
    let path = format!("/api/v1/milestones/{milestone}/proposals");
    let proposal = json!({
        "date": "2026-09-30",
        "reason_category": "data_it",
        "reason": "The new records system arrives in August.",
        "requested_by": "Head of Public Protection",
    });
    let made = app
        .api("POST", &path, Some(&token), Some("p-1"), Some(&proposal))
        .await;
    made.assert_status(StatusCode::CREATED);
    let json = made.json();
    assert_eq!(json["proposed_due_on"], "2026-09-30");
    assert_eq!(json["status"], "pending");
    app.sign_in_as(Role::Office).await;
    app.get("/proposals")
        .await
        .assert_contains("The new records system arrives in August.");
    let same_date = json!({
        "date": json["current_due_on"],
        "reason_category": "data_it",
        "reason": "No change.",
        "requested_by": "Nobody",
    });
    let refused = app
        .api("POST", &path, Some(&token), Some("p-2"), Some(&same_date))
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json()["errors"][0]["message"],
        "Enter a date different from the current due date"
    );
}

#[tokio::test]
async fn the_offices_token_records_an_assessment_and_a_position_and_a_force_token_cannot() {
    let mut app = TestApp::seeded().await;
    let office = app
        .create_user("analyst@opcc.example.test", Role::Office)
        .await;
    let office_token = app.make_token(office, TokenAccess::ReadWrite).await;
    let force = app.create_user(FORCE, Role::Force).await;
    let force_token = app.make_token(force, TokenAccess::ReadWrite).await;
    let assessment = json!({
        "level": "limited",
        "rationale": "Dip sample shows partial compliance.",
        "assessed_on": "2026-03-01",
    });
    app.api(
        "POST",
        "/api/v1/findings/1/assessments",
        Some(&force_token),
        Some("a-1"),
        Some(&assessment),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    let made = app
        .api(
            "POST",
            "/api/v1/findings/1/assessments",
            Some(&office_token),
            Some("a-1"),
            Some(&assessment),
        )
        .await;
    made.assert_status(StatusCode::CREATED);
    assert_eq!(made.json()["level"], "limited");
    assert_eq!(made.json()["assessed_on"], "2026-03-01");
    let position = json!({
        "position": "open",
        "as_at": "2026-02-20",
        "source": "HMICFRS revisit letter, February 2026",
        "report_words": "progress",
    });
    let recorded = app
        .api(
            "POST",
            "/api/v1/findings/1/positions",
            Some(&office_token),
            Some("i-1"),
            Some(&position),
        )
        .await;
    recorded.assert_status(StatusCode::CREATED);
    assert_eq!(recorded.json()["report_words"], "progress");
    let events = app
        .count("select count(*) from audit_events where entity in ('assessment', 'inspectorate_position') and actor like 'analyst@opcc.example.test (API token %'")
        .await;
    assert_eq!(events, 2);
    app.sign_in_as(Role::Panel).await;
    app.get("/findings/1")
        .await
        .assert_contains("HMICFRS revisit letter, February 2026");
}
