//! Evidence files through the real router: uploads within and over the limits, disguised and
//! hostile files, downloads and who may make them, holds, retention and disposal, and the
//! files surviving a backup and restore byte for byte.

mod keeping;
mod public;
mod uploads;

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

pub const PDF: &[u8] =
    b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
pub const PNG: &[u8] = b"\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1F\x15\xC4\x89";

/// The seeded example data, signed in as `role`, and the id of its first progress update.
pub async fn seeded_as(role: Role) -> (TestApp, i64) {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(role).await;
    let update = app.count("select min(id) from progress_updates").await;
    (app, update)
}

/// Attach `files` to the update `update` as the signed-in user; the ids of the files made.
pub async fn attach(app: &mut TestApp, update: i64, files: &[(&str, &[u8])]) -> Vec<i64> {
    let before = app
        .count("select coalesce(max(id), 0) from evidence_files")
        .await;
    app.post_files(&format!("/updates/{update}/evidence"), &[], files)
        .await
        .assert_redirect_to(&format!("/updates/{update}/evidence?attached=1"));
    let ids: Vec<i64> =
        sqlx::query_scalar("select id from evidence_files where id > ? order by id")
            .bind(before)
            .fetch_all(&app.state.db)
            .await
            .expect("ids");
    assert_eq!(ids.len(), files.len(), "one file made for each sent");
    ids
}

/// Attach one file to the example's first inspection ready for publication, as the office;
/// the inspection's id and the file's.
pub async fn attach_to_inspection(app: &mut TestApp, name: &str, bytes: &[u8]) -> (i64, i64) {
    let inspection = app
        .count("select min(id) from inspections where ready_for_publication_at is not null")
        .await;
    app.post_files(
        &format!("/inspections/{inspection}/evidence"),
        &[],
        &[(name, bytes)],
    )
    .await
    .assert_redirect_to(&format!("/inspections/{inspection}/evidence?attached=1"));
    (
        inspection,
        app.count("select max(id) from evidence_files").await,
    )
}

/// Post a progress update directly on the finding `finding` as the signed-in user; its id.
pub async fn post_update(app: &mut TestApp, finding: i64, narrative: &str) -> i64 {
    app.post_form(
        &format!("/findings/{finding}/updates"),
        &[
            ("as_at_day", "1"),
            ("as_at_month", "6"),
            ("as_at_year", "2023"),
            ("rag", "amber"),
            ("narrative", narrative),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.count("select max(id) from progress_updates").await
}

/// The hex SHA-256 of `bytes`, worked out here independently of the app's own function.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[tokio::test]
async fn the_office_attaches_files_to_an_inspection_and_its_page_lists_them() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let inspection = app.count("select min(id) from inspections").await;
    app.post_files(
        &format!("/inspections/{inspection}/evidence"),
        &[("description", "The published report")],
        &[("report.pdf", PDF)],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&format!("/inspections/{inspection}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("report.pdf")
        .assert_contains("The published report")
        .assert_contains(&sha256(PDF)[..12]);
    // Kept permanently, as an inspection's report is.
    let class: String = sqlx::query_scalar("select retention_class from evidence_files")
        .fetch_one(&app.state.db)
        .await
        .expect("class");
    assert_eq!(class, "permanent");
}

#[tokio::test]
async fn an_assessment_records_which_of_the_findings_files_were_seen() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let finding = app.count("select min(id) from findings").await;
    let update = post_update(&mut app, finding, "Dip sample done").await;
    let file = attach(&mut app, update, &[("dip sample.pdf", PDF)]).await[0];
    // The form offers the finding's files to tick.
    app.get(&format!("/findings/{finding}/assessments/new"))
        .await
        .assert_contains("dip sample.pdf")
        .assert_contains(&format!("value=\"{file}\""));
    let assess = |seen: String| {
        vec![
            ("level".to_string(), "limited".to_string()),
            ("rationale".to_string(), "Sample too small".to_string()),
            ("assessed_on_day".to_string(), "2".to_string()),
            ("assessed_on_month".to_string(), "6".to_string()),
            ("assessed_on_year".to_string(), "2023".to_string()),
            ("seen_files".to_string(), seen),
        ]
    };
    let path = format!("/findings/{finding}/assessments");
    // A file that is not behind this finding cannot be claimed as seen.
    let stranger = assess("999".to_string());
    let stranger: Vec<(&str, &str)> = stranger
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form(&path, &stranger)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Choose files from the list")
        .assert_contains("Sample too small");
    let fields = assess(file.to_string());
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form(&path, &fields)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("select count(*) from assessment_evidence").await,
        1
    );
    let page = app.get(&format!("/findings/{finding}")).await;
    let assessments = page
        .body
        .split("id=\"assessments\"")
        .nth(1)
        .unwrap_or_default();
    let assessments = assessments
        .split("id=\"positions\"")
        .next()
        .unwrap_or_default();
    assert!(
        assessments.contains("Files seen") && assessments.contains("dip sample.pdf"),
        "{assessments}"
    );
}

#[tokio::test]
async fn the_meeting_pack_lists_its_papers_and_the_files_behind_each_assurance_change() {
    let mut app = crate::packs::fixture().await;
    app.sign_in_as(Role::Office).await;
    // The fixture's assessment of finding 7 on 27 February is one of the pack's changes.
    let assessment = app
        .count("select id from assessments where finding_id = 7 and assessed_on = '2026-02-27'")
        .await;
    app.post_files(
        &format!("/assessments/{assessment}/evidence"),
        &[],
        &[("review log.pdf", PDF)],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let file = app.count("select max(id) from evidence_files").await;
    app.exec(&format!(
        "insert into assessment_evidence (assessment_id, file_id) values ({assessment}, {file})"
    ))
    .await;
    app.post_files(
        "/meetings/3/evidence",
        &[("description", "Chief Constable's report")],
        &[("board paper.png", PNG)],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let pack = app.get("/meetings/3/pack").await;
    pack.assert_status(StatusCode::OK);
    let papers = pack.body.split("id=\"papers\"").nth(1).unwrap_or_default();
    let papers = papers
        .split("id=\"in-this-pack\"")
        .next()
        .unwrap_or_default();
    assert!(
        papers.contains("board paper.png") && papers.contains("Chief Constable"),
        "{papers}"
    );
    let evidence = pack
        .body
        .split("id=\"evidence\"")
        .nth(1)
        .unwrap_or_default();
    let evidence = evidence.split("</section>").next().unwrap_or_default();
    assert!(evidence.contains("review log.pdf"), "{evidence}");
    assert!(evidence.contains(&sha256(PDF)), "{evidence}");
    assert!(evidence.contains("Recommendation 7"), "{evidence}");
}
