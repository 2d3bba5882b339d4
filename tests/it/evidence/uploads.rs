//! Uploading: several files at once, the limits, files disguised by their names, hostile
//! names, empty files, the same file twice, a request cut off half way, and the download's
//! headers.

use axum::body::Body;
use axum::http::{StatusCode, header};
use scrutineer::Security;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::evidence::Limits;
use scrutineer::domain::vocab::Role;

use super::{PDF, PNG, attach, attach_to_inspection, post_update, seeded_as, sha256};
use crate::helpers::{TestApp, test_today};

#[tokio::test]
async fn an_office_user_attaches_several_files_at_once_each_with_its_hash_and_size() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let ids = attach(&mut app, update, &[("audit.pdf", PDF), ("chart.png", PNG)]).await;
    app.get(&format!("/updates/{update}/evidence"))
        .await
        .assert_not_contains("govuk-notification-banner--success");
    let page = app
        .get(&format!("/updates/{update}/evidence?attached=1"))
        .await;
    page.assert_status(StatusCode::OK)
        .assert_contains("govuk-notification-banner--success")
        .assert_contains("audit.pdf")
        .assert_contains("chart.png")
        .assert_contains("PNG image");
    app.get(&format!("/evidence/{}", ids[0]))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(&sha256(PDF))
        .assert_contains(&format!("({} bytes)", PDF.len()));
    assert_eq!(app.audit_count("evidence_file", "attach").await, 2);
    // The update's timeline on its action's page links both files.
    let action = app
        .count(&format!(
            "select action_id from progress_updates where id = {update}"
        ))
        .await;
    app.get(&format!("/actions/{action}"))
        .await
        .assert_contains(&format!("/evidence/{}", ids[0]))
        .assert_contains(&format!("/evidence/{}", ids[1]));
}

async fn app_with_limits(file_bytes: u64, request_bytes: u64) -> (TestApp, i64) {
    let security = Security {
        evidence: Limits {
            file_bytes,
            request_bytes,
        },
        ..Default::default()
    };
    let mut app = TestApp::with_settings(Clock::fixed_date(test_today()), security).await;
    app.load_example_data().await;
    app.sign_in_as(Role::Office).await;
    let update = app.count("select min(id) from progress_updates").await;
    (app, update)
}

#[tokio::test]
async fn a_file_over_the_file_limit_is_refused_naming_it_and_nothing_is_kept() {
    let (mut app, update) = app_with_limits(1024, 64 * 1024).await;
    let mut big = PDF.to_vec();
    big.resize(2048, b' ');
    let page = app
        .post_files(
            &format!("/updates/{update}/evidence"),
            &[("description", "Case audit, March 2023")],
            &[("small.pdf", PDF), ("big.pdf", &big)],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("There is a problem")
        .assert_contains("“big.pdf” is larger than the 1.0 KB limit")
        // What was typed stays.
        .assert_contains("Case audit, March 2023");
    // All or nothing: the small file was not attached either.
    assert_eq!(app.count("select count(*) from evidence_files").await, 0);
    assert_eq!(app.count("select count(*) from evidence_contents").await, 0);
}

#[tokio::test]
async fn an_upload_over_the_request_limit_is_refused_whole() {
    let (mut app, update) = app_with_limits(64 * 1024, 4 * 1024).await;
    let mut big = PDF.to_vec();
    big.resize(8 * 1024, b' ');
    app.post_files(
        &format!("/updates/{update}/evidence"),
        &[],
        &[("big.pdf", &big)],
    )
    .await
    .assert_status(StatusCode::PAYLOAD_TOO_LARGE)
    .assert_contains("This form accepts up to 4.0 KB");
    assert_eq!(app.count("select count(*) from evidence_files").await, 0);
}

#[tokio::test]
async fn a_file_larger_than_a_form_but_within_the_upload_limit_is_attached() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let mut large = PDF.to_vec();
    large.resize(3 * 1024 * 1024, b' ');
    let ids = attach(&mut app, update, &[("large.pdf", &large)]).await;
    let download = app.get(&format!("/evidence/{}/download", ids[0])).await;
    assert_eq!(download.bytes, large, "the file comes back byte for byte");
}

#[tokio::test]
async fn web_pages_drawings_and_programs_are_refused_whatever_they_are_called() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let cases: [(&str, &[u8], &str); 4] = [
        ("report.pdf", b"<!DOCTYPE html><html><body>hi</body></html>", "is a web page or drawing"),
        ("chart.png", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "is a web page or drawing"),
        ("notes.txt", b"#!/bin/sh\nrm -rf /\n", "is a program or script"),
        ("minutes.docx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00\xB8\x00\x00\x00\x00\x00\x00\x00\x40\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x00\x00\x00", "is a program or script"),
    ];
    for (name, bytes, says) in cases {
        app.post_files(
            &format!("/updates/{update}/evidence"),
            &[],
            &[(name, bytes)],
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(&format!("“{name}” {says}"));
    }
    assert_eq!(app.count("select count(*) from evidence_files").await, 0);
}

#[tokio::test]
async fn an_empty_file_or_no_file_at_all_is_asked_for_again() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let path = format!("/updates/{update}/evidence");
    app.post_files(&path, &[], &[("blank.pdf", b"")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("“blank.pdf” is empty");
    // A file input left empty sends a part with no name and no bytes.
    app.post_files(&path, &[], &[("", b"")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Choose a file to attach");
}

#[tokio::test]
async fn a_hostile_file_name_is_kept_as_a_plain_name_and_downloads_as_an_attachment() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let ids = attach(&mut app, update, &[("../../etc/\u{202E}fdp.pdf", PDF)]).await;
    let name: String = sqlx::query_scalar("select name from evidence_files where id = ?")
        .bind(ids[0])
        .fetch_one(&app.state.db)
        .await
        .expect("name");
    assert_eq!(name, "fdp.pdf", "no path and no bidi override");
    let download = app.get(&format!("/evidence/{}/download", ids[0])).await;
    download.assert_status(StatusCode::OK);
    let header = |name: header::HeaderName| {
        download
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(header(header::CONTENT_TYPE), "application/pdf");
    assert!(header(header::CONTENT_DISPOSITION).starts_with("attachment; filename=\"fdp.pdf\""));
    assert_eq!(header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(header(header::CONTENT_SECURITY_POLICY).contains("sandbox"));
    assert!(header(header::CACHE_CONTROL).contains("no-store"));
    assert_eq!(download.bytes, PDF);
}

#[tokio::test]
async fn the_same_file_attached_twice_is_stored_once_and_recognised() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let other = app
        .count(&format!(
            "select min(id) from progress_updates where id > {update}"
        ))
        .await;
    let first = attach(&mut app, update, &[("audit.pdf", PDF)]).await;
    let second = attach(&mut app, other, &[("audit copy.pdf", PDF)]).await;
    assert_eq!(app.count("select count(*) from evidence_contents").await, 1);
    app.get(&format!("/evidence/{}", second[0]))
        .await
        .assert_contains("The same file is also attached to")
        .assert_contains(&format!("/evidence/{}", first[0]));
    // Twice in one upload is refused.
    app.post_files(
        &format!("/updates/{update}/evidence"),
        &[],
        &[("a.pdf", PDF), ("b.pdf", PDF)],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("“b.pdf” is the same file as “a.pdf”");
}

#[tokio::test]
async fn an_upload_cut_off_half_way_leaves_nothing_behind() {
    let (mut app, update) = seeded_as(Role::Office).await;
    let path = format!("/updates/{update}/evidence");
    let whole = app.upload_request(&path, &[], &[("audit.pdf", PDF)]);
    let (parts, body) = whole.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.expect("body");
    let half = bytes.slice(..bytes.len() / 2);
    let chunks: Vec<Result<axum::body::Bytes, std::io::Error>> = vec![
        Ok(half),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "client went away",
        )),
    ];
    let cut = axum::http::Request::from_parts(
        parts,
        Body::from_stream(futures_util::stream::iter(chunks)),
    );
    let answer = app.send(cut).await;
    assert!(
        !answer.status.is_success() && !answer.status.is_redirection(),
        "{}",
        answer.status
    );
    assert!(!answer.status.is_server_error(), "{}", answer.status);
    assert_eq!(app.count("select count(*) from evidence_files").await, 0);
    assert_eq!(app.count("select count(*) from evidence_contents").await, 0);
}

#[tokio::test]
async fn a_force_user_attaches_to_their_own_updates_only_and_never_sees_the_offices_files() {
    let (mut app, update) = seeded_as(Role::Force).await;
    // The seeded update is the office's: a force user may not attach to it.
    app.post_files(
        &format!("/updates/{update}/evidence"),
        &[],
        &[("x.pdf", PDF)],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    let finding = app.count("select min(id) from findings").await;
    let own = post_update(&mut app, finding, "Audit under way").await;
    let ids = attach(&mut app, own, &[("audit.pdf", PDF)]).await;
    app.get(&format!("/evidence/{}/download", ids[0]))
        .await
        .assert_status(StatusCode::OK);
    // An inspection's file is the office's and the panel's, not the force's.
    app.sign_in_as(Role::Office).await;
    let (_, report) = attach_to_inspection(&mut app, "report.pdf", PNG).await;
    app.sign_in_as_existing("force@example.test").await;
    app.get(&format!("/evidence/{report}/download"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.sign_in_as(Role::Panel).await;
    app.get(&format!("/evidence/{report}/download"))
        .await
        .assert_status(StatusCode::OK);
    // Nobody signed out reaches a file.
    app.forget_session();
    let anonymous = app.get(&format!("/evidence/{report}/download")).await;
    assert!(
        anonymous.location().starts_with("/sign-in"),
        "{}",
        anonymous.status
    );
}
