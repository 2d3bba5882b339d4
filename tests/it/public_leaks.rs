//! Nothing internal leaks: a marker planted in every internal field never appears in any
//! public response – every public route, every edition, diff, data file and feed, and every
//! same-site link found on them – nor any file of the static site `export-site` writes.

use std::collections::{BTreeSet, VecDeque};

use axum::http::Method;
use scrutineer::auth::Access;
use scrutineer::routes;

use crate::helpers::{PASSWORD, TestApp};

const MARKER: &str = "ZZSECRET-7731";

async fn exec(app: &TestApp, sql: &str) {
    sqlx::query(sql).execute(&app.state.db).await.expect(sql);
}

/// Plant the marker in everything the public must never see.
async fn plant(app: &TestApp) {
    let m = MARKER;
    for sql in [
        format!("update action_items set owner_name = 'Officer {m}', description = 'Plan {m}' where id in (1, 5)"),
        // A planned meeting held in public announces its place (the public may attend); no
        // other meeting's place is ever shown.
        format!("update meetings set minutes = 'Minutes {m}', attendees = 'Attendee {m}'"),
        format!("update meetings set location = 'Room {m}' where not (status = 'planned' and kind in ('public_accountability_meeting', 'police_and_crime_panel'))"),
        format!("update meetings set public_summary = 'Unapproved meeting {m}' where id = 3"),
        format!("update findings set public_summary = 'Unapproved summary {m}', summary_approved_at = null, summary_approved_by = null, response_explanation = 'Response {m}' where id = 4"),
        format!("insert into progress_updates (action_id, as_at, rag, narrative, evidence, public_summary, author_id, entered_at)
                 values (5, '2026-03-01', 'red', 'Narrative {m}', 'Evidence {m}', 'Unapproved update {m}', 3, '2026-03-01T10:00:00Z')"),
        format!("insert into progress_updates (finding_id, as_at, rag, narrative, evidence, author_id, entered_at)
                 values (1, '2026-03-01', 'amber', 'Narrative {m}', 'Evidence {m}', 3, '2026-03-01T11:00:00Z')"),
        format!("insert into assessments (finding_id, level, assessed_on, rationale, evidence_seen, assessor_id, created_at)
                 values (3, 'limited', '2026-03-01', 'Rationale {m}', 'Seen {m}', 1, '2026-03-01T12:00:00Z')"),
        format!("insert into inspectorate_positions (finding_id, position, as_at, source, note, recorded_by, created_at)
                 values (3, 'open', '2026-03-01', 'Source {m}', 'Note {m}', 1, '2026-03-01T12:00:00Z')"),
        format!("insert into agenda_items (meeting_id, position, finding_id, question, answer)
                 values (1, 99, 1, 'Question {m}', 'Answer {m}')"),
        format!("insert into actions_arising (meeting_id, finding_id, description, owner, due_on, created_at)
                 values (1, 1, 'Arising {m}', 'Owner {m}', '2026-04-01', '2026-03-01T12:00:00Z')"),
        format!("insert into milestone_revisions (milestone_id, previous_due_on, new_due_on, reason_category, reason, requested_by, accepted_by, accepted_at)
                 select 13, current_due_on, date(current_due_on, '+10 days'), 'other', 'Reason {m}', 'Requester {m}', 1, '2026-03-01T12:00:00Z'
                 from milestones where id = 13"),
        format!("insert into revision_proposals (milestone_id, proposed_due_on, reason_category, reason, requested_by, proposed_by, proposed_at)
                 values (17, '2027-01-01', 'other', 'Proposal {m}', 'Requester {m}', 3, '2026-03-01T12:00:00Z')"),
        format!("update users set display_name = 'Staff {m}' where id in (1, 2, 3)"),
        // Evidence files the office has not released: on an inspection, an update and an
        // assessment, the marker in their names, descriptions and content.
        format!("insert into evidence_contents (sha256, content) values ('{}', cast('Content {m}' as blob))", "b".repeat(64)),
        format!("insert into evidence_files (sha256, size, name, kind, description, attached_to, inspection_id, retention_class, uploaded_at)
                 values ('{}', 20, 'Letter {m}.txt', 'text', 'Described {m}', 'inspection', 1, 'permanent', '2026-03-01T12:00:00Z')", "b".repeat(64)),
        format!("insert into evidence_files (sha256, size, name, kind, description, attached_to, update_id, retention_class, uploaded_at)
                 values ('{}', 20, 'Audit {m}.txt', 'text', 'Described {m}', 'update', 22, 'supporting', '2026-03-01T12:00:00Z')", "b".repeat(64)),
        format!("insert into evidence_files (sha256, size, name, kind, attached_to, assessment_id, retention_class, uploaded_at)
                 select '{}', 20, 'Seen {m}.txt', 'text', 'assessment', max(id), 'supporting', '2026-03-01T12:00:00Z' from assessments", "b".repeat(64)),
    ] {
        exec(app, &sql).await;
    }
}

/// Every public GET route with each placeholder filled in every way that exists.
fn public_urls(editions: &[i64], inspections: &[i64]) -> Vec<String> {
    let mut urls = Vec::new();
    for route in routes::table() {
        if route.method != Method::GET || route.access != Access::Public {
            continue;
        }
        let mut paths = vec![route.path.to_string()];
        let fill = |paths: Vec<String>, name: &str, values: &[String]| -> Vec<String> {
            paths
                .into_iter()
                .flat_map(|p| {
                    if p.contains(name) {
                        values.iter().map(|v| p.replacen(name, v, 1)).collect()
                    } else {
                        vec![p]
                    }
                })
                .collect()
        };
        let numbers: Vec<String> = editions.iter().map(|n| n.to_string()).collect();
        let ids: Vec<String> = inspections.iter().map(|n| n.to_string()).collect();
        let files: Vec<String> = if route.path.starts_with("/data/editions") {
            editions
                .iter()
                .flat_map(|n| [format!("{n}.json"), format!("{n}.csv")])
                .collect()
        } else {
            vec!["latest.json".into(), "latest.csv".into()]
        };
        for (name, values) in [
            ("{n}", &numbers),
            ("{a}", &numbers),
            ("{b}", &numbers),
            ("{id}", &ids),
            ("{file}", &files),
        ] {
            paths = fill(paths, name, values);
        }
        urls.extend(paths);
    }
    urls
}

/// Same-site links (`href="/…"`) in a page, without fragments.
fn links(body: &str) -> Vec<String> {
    body.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .map(|href| href.split('#').next().unwrap_or(href).replace("&amp;", "&"))
        .collect()
}

/// The example data with the marker planted, a summary approved and a second edition
/// published; signed out again.
async fn planted_and_published() -> TestApp {
    let mut app = TestApp::seeded().await;
    plant(&app).await;
    let email = format!("{}.officer@example.test", MARKER.to_lowercase());
    app.create_user(&email, scrutineer::domain::vocab::Role::Office)
        .await;
    app.sign_in(&email, PASSWORD).await;
    // The marker is really there for the office to see: the crawl below can fail.
    app.get("/publishing").await.assert_contains(MARKER);
    app.approve_update_summary(22).await;
    app.post_form("/publishing/editions", &[("note", "Second edition")])
        .await
        .assert_redirect_to("/editions/2");
    app.forget_session();
    app
}

#[tokio::test]
async fn no_public_response_ever_contains_internal_text() {
    let mut app = planted_and_published().await;
    let mut queue: VecDeque<String> = public_urls(&[1, 2], &[1, 2]).into();
    assert!(queue.len() > 20, "{queue:?}");
    let mut seen = BTreeSet::new();
    let mut fetched_ok = 0;
    while let Some(url) = queue.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let response = app.get(&url).await;
        assert!(
            !response.body.to_uppercase().contains(MARKER),
            "{MARKER} leaked at {url}"
        );
        for (name, value) in &response.headers {
            let value = value.to_str().unwrap_or_default().to_uppercase();
            assert!(
                !value.contains(MARKER),
                "{MARKER} leaked in header {name} at {url}"
            );
        }
        if response.status.is_success() {
            fetched_ok += 1;
            queue.extend(links(&response.body));
        }
    }
    assert!(fetched_ok > 25, "only {fetched_ok} pages fetched");
    assert!(seen.contains("/editions/1/changes/2") && seen.contains("/data/editions/2.csv"));
}

#[tokio::test]
async fn no_file_of_the_static_site_ever_contains_internal_text() {
    let app = planted_and_published().await;
    let out = tempfile::tempdir().expect("dir");
    let site = out.path().join("site");
    let export = scrutineer::startup::export::site(app.state.clone(), &site)
        .await
        .expect("export");
    assert!(export.entries.len() > 25, "only {}", export.entries.len());
    let mut folders = vec![site.clone()];
    let mut read = 0;
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let text = String::from_utf8_lossy(&std::fs::read(&path).expect("file")).to_uppercase();
            assert!(
                !text.contains(MARKER),
                "{MARKER} leaked into {}",
                path.display()
            );
            read += 1;
        }
    }
    // Every address, the manifest and the not-found page.
    assert_eq!(read, export.entries.len() + 2);
}
