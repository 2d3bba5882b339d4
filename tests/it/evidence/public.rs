//! Releasing a file to the public site: only an inspection's, only once the office releases
//! it, in the editions published after that, served by its SHA-256.

use axum::http::{StatusCode, header};
use scrutineer::domain::vocab::Role;

use super::{PDF, PNG, attach, attach_to_inspection, sha256};
use crate::helpers::TestApp;

async fn publish(app: &mut TestApp) -> i64 {
    let answer = app.post_form("/publishing/editions", &[("note", "")]).await;
    let number = app.count("select max(number) from editions").await;
    answer.assert_redirect_to(&format!("/editions/{number}"));
    number
}

#[tokio::test]
async fn a_released_file_is_in_the_next_edition_and_served_from_it_by_its_hash() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let inspection = app
        .count("select min(id) from inspections where ready_for_publication_at is not null")
        .await;
    let upload = format!("/inspections/{inspection}/evidence");
    app.post_files(
        &upload,
        &[("description", "Signed response letter")],
        &[("s55 letter.pdf", PDF)],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let letter = app.count("select max(id) from evidence_files").await;
    app.post_files(&upload, &[], &[("internal note.png", PNG)])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let before = publish(&mut app).await;
    let public = format!("/progress/inspections/{inspection}");
    app.get(&public).await.assert_not_contains("s55 letter.pdf");
    app.post_form(&format!("/evidence/{letter}/release"), &[])
        .await
        .assert_redirect_to(&format!("/evidence/{letter}"));
    let after = publish(&mut app).await;
    app.forget_session();
    let address = format!("/editions/{after}/files/{}.pdf", sha256(PDF));
    app.get(&public)
        .await
        .assert_contains("s55 letter.pdf")
        .assert_contains("Signed response letter")
        .assert_contains(&address)
        .assert_not_contains("internal note.png");
    let file = app.get(&address).await;
    file.assert_status(StatusCode::OK);
    assert_eq!(file.bytes, PDF);
    let cache = file
        .headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok());
    assert_eq!(cache, Some("public, max-age=31536000, immutable"));
    let disposition = file
        .headers
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok());
    assert!(
        disposition.unwrap_or_default().starts_with("attachment;"),
        "{disposition:?}"
    );
    // Not in the edition published before it was released, nor under another extension.
    app.get(&format!("/editions/{before}/files/{}.pdf", sha256(PDF)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/editions/{after}/files/{}.png", sha256(PDF)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/editions/{after}/files/{}.png", sha256(PNG)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_an_inspections_file_can_be_released_and_a_disposed_one_is_gone_from_the_edition() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let update = app.count("select min(id) from progress_updates").await;
    let note = attach(&mut app, update, &[("note.pdf", PNG)]).await[0];
    app.post_form(&format!("/evidence/{note}/release"), &[])
        .await
        .assert_status(StatusCode::CONFLICT);
    let (_, letter) = attach_to_inspection(&mut app, "letter.pdf", PDF).await;
    app.post_form(&format!("/evidence/{letter}/release"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let edition = publish(&mut app).await;
    app.post_form(
        &format!("/evidence/{letter}/retention"),
        &[
            ("class", "supporting"),
            ("review_on_day", "1"),
            ("review_on_month", "1"),
            ("review_on_year", "2027"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post_form(
        &format!("/evidence/{letter}/dispose"),
        &[("reason", "Superseded by the revised letter")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.forget_session();
    app.get(&format!("/editions/{edition}/files/{}.pdf", sha256(PDF)))
        .await
        .assert_status(StatusCode::GONE);
}
