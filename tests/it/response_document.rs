//! The response to each finding, for a report of any source, and the response document of a
//! report's clock: the printable page, the OpenDocument text file (checked as a zip, as XML
//! and, where LibreOffice is installed, by converting it to text), and its release to the
//! public site.

use std::io::{Cursor, Read};

use axum::http::{StatusCode, header};
use scrutineer::auth::{Access, OFFICE, READERS};
use scrutineer::domain::vocab::Role;
use scrutineer::routes;

use crate::helpers::TestApp;

/// Hostile text typed into a finding's wording and a response: it must reach the page and
/// the file as text, never as markup.
const HOSTILE: &str = "<script>alert('x')</script> & \"quotes\"";
const RATIONALE: &str =
    "The cost of a second custody inspector outweighs the risk; reviewed each year.";

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    app.count(sql).await
}

/// The office adds a report (published, or dated, 20 January 2026; sent on `sent` of
/// January where given) about Derbyshire Constabulary; its id.
async fn add_report(app: &mut TestApp, source: &str, title: &str, sent: &str) -> i64 {
    app.post_form(
        "/inspections",
        &[
            ("new_body", "Derbyshire Constabulary"),
            ("title", title),
            ("kind", "other"),
            ("source", source),
            ("published_on_day", "20"),
            ("published_on_month", "1"),
            ("published_on_year", "2026"),
            ("sent_on_day", sent),
            ("sent_on_month", if sent.is_empty() { "" } else { "1" }),
            ("sent_on_year", if sent.is_empty() { "" } else { "2026" }),
            ("report_url", "https://example.org/report"),
            ("follows_up_id", ""),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    scalar(app, "select max(id) from inspections").await
}

/// The office adds a recommendation with this wording to report `id`; its id.
async fn add_recommendation(app: &mut TestApp, id: i64, reference: &str, wording: &str) -> i64 {
    app.post_form(
        &format!("/inspections/{id}/findings"),
        &[
            ("kind", "recommendation"),
            ("parent_id", ""),
            ("reference", reference),
            ("area", "Custody"),
            ("official_wording", wording),
            ("public_summary", ""),
            ("timescale", "none"),
            ("timescale_date_day", ""),
            ("timescale_date_month", ""),
            ("timescale_date_year", ""),
            ("parts", ""),
            ("version", ""),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    scalar(app, "select max(id) from findings").await
}

async fn rule_id(app: &TestApp, key: &str) -> i64 {
    scalar(
        app,
        &format!("select id from response_rules where key = '{key}'"),
    )
    .await
}

async fn version(app: &TestApp, id: i64) -> String {
    scalar(
        app,
        &format!("select version from inspections where id = {id}"),
    )
    .await
    .to_string()
}

/// An HMICFRS report on the police force with three recommendations (the third with hostile
/// wording) and a fourth withdrawn as entered in error: (report, [findings]).
async fn hmicfrs_report(app: &mut TestApp) -> (i64, [i64; 3]) {
    let id = add_report(app, "hmicfrs", "Custody inspection 2026", "").await;
    let r1 = add_recommendation(app, id, "R1", "Review the custody checks.").await;
    let r2 = add_recommendation(app, id, "R2", "Appoint a second custody inspector.").await;
    let r3 = add_recommendation(app, id, "R3", HOSTILE).await;
    let withdrawn = add_recommendation(app, id, "R9", "Entered in error, never answered.").await;
    app.post_form(
        &format!("/findings/{withdrawn}/withdraw"),
        &[
            ("reason", "Entered twice"),
            ("on_day", "2"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    (id, [r1, r2, r3])
}

/// The office records the response to each of the three recommendations.
async fn answer(app: &mut TestApp, id: i64, findings: [i64; 3]) {
    answer_first_with(app, id, findings, "Checks rewritten and audited monthly.").await;
}

/// As [`answer`], with `first` as the explanation of the response to R1.
async fn answer_first_with(app: &mut TestApp, id: i64, [r1, r2, r3]: [i64; 3], first: &str) {
    let v = version(app, id).await;
    let (p1, p2, p3) = (
        format!("position_{r1}"),
        format!("position_{r2}"),
        format!("position_{r3}"),
    );
    let (e1, e2, e3) = (
        format!("explanation_{r1}"),
        format!("explanation_{r2}"),
        format!("explanation_{r3}"),
    );
    app.post_form(
        &format!("/inspections/{id}/response"),
        &[
            ("version", v.as_str()),
            (&p1, "accepted"),
            (&e1, first),
            (&p2, "risk_accepted"),
            (&e2, RATIONALE),
            (&p3, "not_addressed"),
            (&e3, HOSTILE),
        ],
    )
    .await
    .assert_redirect_to(&format!("/inspections/{id}#section-55"));
}

#[tokio::test]
async fn the_office_answers_each_recommendation_and_a_risk_accepted_needs_its_rationale() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let (id, [r1, r2, r3]) = hmicfrs_report(&mut app).await;
    let form = format!("/inspections/{id}/response");
    app.get(&form)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Section 55 response")
        .assert_contains("name=\"comments_requested_on_day\"")
        .assert_contains("Not addressed")
        .assert_contains("Not implemented – risk accepted")
        .assert_contains("this is the rationale");
    let v = version(&app, id).await;
    let (p1, p2, e1, e2) = (
        format!("position_{r1}"),
        format!("position_{r2}"),
        format!("explanation_{r1}"),
        format!("explanation_{r2}"),
    );
    app.post_form(
        &form,
        &[
            ("version", v.as_str()),
            (&p1, "accepted"),
            (&e1, "Typed and kept"),
            (&p2, "risk_accepted"),
            (&e2, "  "),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains(
        "Recommendation R2: give the rationale for accepting the risk of not implementing it",
    )
    .assert_contains("Typed and kept</textarea>")
    .assert_contains(&format!(
        "name=\"{p2}\" type=\"radio\" value=\"risk_accepted\" checked"
    ));
    assert_eq!(
        scalar(&app, &format!("select count(*) from findings where inspection_id = {id} and response_position is not null")).await,
        0,
        "nothing is saved"
    );
    answer(&mut app, id, [r1, r2, r3]).await;
    let saved: (String, String) = sqlx::query_as(&format!(
        "select response_position, response_explanation from findings where id = {r2}"
    ))
    .fetch_one(&app.state.db)
    .await
    .expect("row");
    assert_eq!(saved, ("risk_accepted".into(), RATIONALE.into()));
    assert_eq!(app.audit_count("finding", "record_response").await, 3);
}

#[tokio::test]
async fn the_document_page_has_the_report_the_comments_and_every_recommendations_response() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let (id, findings) = hmicfrs_report(&mut app).await;
    answer(&mut app, id, findings).await;
    let s55 = rule_id(&app, "section_55").await;
    let path = format!("/inspections/{id}/clocks/{s55}/document");
    app.get(&format!("/inspections/{id}/response"))
        .await
        .assert_contains(&format!("href=\"{path}\""));
    let page = app.get(&path).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Section 55 comments")
        .assert_contains("Custody inspection 2026")
        .assert_contains("HMICFRS police inspection")
        .assert_contains("20 January 2026")
        .assert_contains("16 March 2026")
        .assert_contains("https://example.org/report")
        .assert_contains("The Chief Constable's comments")
        .assert_contains("not their text")
        .assert_contains("Recommendation R1")
        .assert_contains("Checks rewritten and audited monthly.")
        .assert_contains("Recommendation R2")
        .assert_contains("Not implemented – risk accepted")
        .assert_contains("Rationale for accepting the risk")
        .assert_contains(RATIONALE)
        .assert_contains("Recommendation R3")
        .assert_contains("Not addressed")
        .assert_contains("&lt;script&gt;")
        .assert_not_contains("<script>alert")
        .assert_not_contains("Entered in error, never answered.")
        .assert_contains(&format!("href=\"{path}.css\""))
        .assert_contains(&format!("href=\"{path}.odt\""))
        .assert_contains("Not released to the public site.");
    let css = app.get(&format!("{path}.css")).await;
    css.assert_status(StatusCode::OK).assert_contains(
        "@top-left { content: \"Custody inspection 2026 – Section 55 comments\"; }",
    );
    // A rule that does not apply to the report has no document.
    let coroner = rule_id(&app, "coroner_pfd").await;
    app.get(&format!("/inspections/{id}/clocks/{coroner}/document"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

/// Every entry of a zip: (name, stored uncompressed, content).
fn entries(bytes: &[u8]) -> Vec<(String, bool, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("entry");
            let name = entry.name().expect("entry name").to_string();
            let stored = entry.compression() == zip::CompressionMethod::Stored;
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("utf-8 entry");
            (name, stored, text)
        })
        .collect()
}

#[tokio::test]
async fn the_odt_is_a_valid_opendocument_zip_with_every_response_in_it() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let (id, findings) = hmicfrs_report(&mut app).await;
    answer(&mut app, id, findings).await;
    let s55 = rule_id(&app, "section_55").await;
    let odt = app
        .get(&format!("/inspections/{id}/clocks/{s55}/document.odt"))
        .await;
    odt.assert_status(StatusCode::OK);
    let (headers, bytes) = (&odt.headers, &odt.bytes);
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/vnd.oasis.opendocument.text"
    );
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"custody-inspection-2026-section-55-comments.odt\""
    );
    // The first local header names `mimetype`, stored, its content straight after it.
    assert_eq!(&bytes[30..38], b"mimetype");
    let all = entries(bytes);
    assert_eq!(
        (all[0].0.as_str(), all[0].1, all[0].2.as_str()),
        ("mimetype", true, "application/vnd.oasis.opendocument.text")
    );
    let part = |name: &str| {
        all.iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, text)| text.clone())
            .unwrap_or_else(|| {
                panic!(
                    "no {name} in {:?}",
                    all.iter().map(|e| &e.0).collect::<Vec<_>>()
                )
            })
    };
    let manifest = part("META-INF/manifest.xml");
    assert!(manifest.contains("manifest:full-path=\"content.xml\""));
    for name in ["META-INF/manifest.xml", "styles.xml", "meta.xml"] {
        roxmltree::Document::parse(&part(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let content = part("content.xml");
    let xml = roxmltree::Document::parse(&content).expect("content.xml is XML");
    assert_eq!(xml.root_element().tag_name().name(), "document-content");
    let text: String = xml
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    for wanted in [
        "Section 55 comments",
        "Custody inspection 2026",
        "20 January 2026",
        "Recommendation R1",
        "Checks rewritten and audited monthly.",
        "Recommendation R2",
        RATIONALE,
        "Not implemented – risk accepted",
        "Recommendation R3",
        "Not addressed",
        HOSTILE,
    ] {
        assert!(
            text.contains(wanted),
            "{wanted:?} not in the document's text"
        );
    }
    assert!(
        !text.contains("Entered in error"),
        "a withdrawn finding is left out"
    );
    assert!(content.contains("&lt;script&gt;"));
    assert!(!content.contains("<script>"));
    assert!(xml.descendants().any(|n| n.tag_name().name() == "table"));
    converted_by_libreoffice(bytes);
}

/// Where LibreOffice is installed (CI installs it), the file opens and reads as text.
fn converted_by_libreoffice(odt: &[u8]) {
    let Some(soffice) = which("soffice") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but soffice (LibreOffice) is not installed"
        );
        eprintln!("soffice not installed: the .odt was not opened in LibreOffice");
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("response.odt");
    std::fs::write(&input, odt).expect("write");
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(dir.path().join("out"))
        .arg(&input)
        .status()
        .expect("soffice");
    assert!(status.success(), "soffice failed");
    let text = std::fs::read_to_string(dir.path().join("out/response.txt"))
        .expect("LibreOffice wrote the text (is LibreOffice Writer installed?)");
    for wanted in ["Section 55 comments", "R1", "R2", "R3", RATIONALE, HOSTILE] {
        assert!(
            text.contains(wanted),
            "{wanted:?} not in LibreOffice's text:\n{text}"
        );
    }
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

#[tokio::test]
async fn a_coroners_report_is_answered_concern_by_concern_and_its_document_says_so() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let id = add_report(&mut app, "coroner", "Regulation 28 report – J. Smith", "22").await;
    let c1 = add_recommendation(
        &mut app,
        id,
        "1",
        "Custody staff were not trained in rousing checks.",
    )
    .await;
    let c2 = add_recommendation(
        &mut app,
        id,
        "2",
        "Cell call bells were not answered promptly.",
    )
    .await;
    let form = format!("/inspections/{id}/response");
    app.get(&form)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Response to a prevention of future deaths report")
        .assert_contains("The addressee of the report owes the response to the coroner")
        .assert_contains("19 March 2026")
        .assert_not_contains("name=\"comments_requested_on_day\"")
        .assert_contains(&format!("name=\"position_{c1}\""));
    let v = version(&app, id).await;
    let (p1, e1, p2, e2) = (
        format!("position_{c1}"),
        format!("explanation_{c1}"),
        format!("position_{c2}"),
        format!("explanation_{c2}"),
    );
    app.post_form(
        &form,
        &[
            ("version", v.as_str()),
            (&p1, "accepted"),
            (&e1, "Every custody officer retrained by April."),
            (&p2, "under_consideration"),
            (&e2, "A new call system is being costed."),
        ],
    )
    .await
    .assert_redirect_to(&format!("/inspections/{id}#findings"));
    assert_eq!(
        scalar(&app, &format!("select count(*) from findings where inspection_id = {id} and response_position is not null")).await,
        2
    );
    // The audit log has the two responses and no section 55 event: a coroner's report has
    // no section 55 steps. Saving again unchanged records nothing more.
    assert_eq!(app.audit_count("finding", "record_response").await, 2);
    assert_eq!(app.audit_count("inspection", "record_section_55").await, 0);
    let v = version(&app, id).await;
    app.post_form(
        &form,
        &[
            ("version", v.as_str()),
            (&p1, "accepted"),
            (&e1, "Every custody officer retrained by April."),
            (&p2, "under_consideration"),
            (&e2, "A new call system is being costed."),
        ],
    )
    .await
    .assert_redirect_to(&format!("/inspections/{id}#findings"));
    assert_eq!(app.audit_count("finding", "record_response").await, 2);
    let coroner = rule_id(&app, "coroner_pfd").await;
    app.get(&format!("/inspections/{id}/clocks/{coroner}/document"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Response to a prevention of future deaths report")
        .assert_contains("Prevention of future deaths report")
        .assert_contains("The coroner")
        .assert_contains("22 January 2026")
        .assert_contains("56 days of the report being sent")
        .assert_contains("Every custody officer retrained by April.")
        .assert_contains("Under consideration")
        .assert_not_contains("Chief Constable's comments");
    let s55 = rule_id(&app, "section_55").await;
    app.get(&format!("/inspections/{id}/clocks/{s55}/document"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn releasing_and_taking_back_a_document_are_audited_and_a_repeat_is_answered_kindly() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let (id, findings) = hmicfrs_report(&mut app).await;
    answer(&mut app, id, findings).await;
    let s55 = rule_id(&app, "section_55").await;
    let path = format!("/inspections/{id}/clocks/{s55}/document");
    app.get(&path)
        .await
        .assert_contains(&format!("action=\"{path}/release\""))
        .assert_contains("Release to the public site");
    app.post_form(&format!("{path}/release"), &[])
        .await
        .assert_redirect_to(&format!("{path}#release"));
    app.get(&path)
        .await
        .assert_contains("Released to the public site")
        .assert_contains("2 March 2026")
        .assert_contains("by office")
        .assert_contains("Take it off the public site");
    assert_eq!(app.audit_count("inspection", "release").await, 1);
    assert_eq!(
        scalar(&app, &format!("select count(*) from response_releases where inspection_id = {id} and rule_id = {s55}")).await,
        1
    );
    app.post_form(&format!("{path}/release"), &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("already on the public site")
        .assert_contains("nothing was changed");
    app.post_form(&format!("{path}/unrelease"), &[])
        .await
        .assert_redirect_to(&format!("{path}#release"));
    app.get(&path)
        .await
        .assert_contains("Not released to the public site.");
    assert_eq!(app.audit_count("inspection", "unrelease").await, 1);
    app.post_form(&format!("{path}/unrelease"), &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("was not on the public site");
    assert_eq!(app.audit_count("inspection", "release").await, 1);
}

#[tokio::test]
async fn a_force_user_cannot_open_or_release_a_document_and_the_panel_only_reads_it() {
    let mut app = TestApp::seeded().await;
    let s55 = rule_id(&app, "section_55").await;
    let path = format!("/inspections/1/clocks/{s55}/document");
    app.sign_in_as(Role::Force).await;
    for page in [path.clone(), format!("{path}.odt"), format!("{path}.css")] {
        app.get(&page).await.assert_status(StatusCode::FORBIDDEN);
    }
    for change in ["release", "unrelease"] {
        app.post_form(&format!("{path}/{change}"), &[])
            .await
            .assert_status(StatusCode::FORBIDDEN);
    }
    app.forget_session();
    app.sign_in_as(Role::Panel).await;
    app.get(&path)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Derbyshire – National child protection inspection")
        .assert_not_contains("Release to the public site");
    app.post_form(&format!("{path}/release"), &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(
        scalar(&app, "select count(*) from response_releases").await,
        0
    );
}

#[test]
fn the_document_routes_are_in_the_route_table_that_the_access_matrix_tries() {
    let table = routes::table();
    let access = |method: &str, path: &str| {
        table
            .iter()
            .find(|r| r.method.as_str() == method && r.path == path)
            .map(|r| r.access)
            .unwrap_or_else(|| panic!("{method} {path} is not in the route table"))
    };
    let base = "/inspections/{id}/clocks/{rule_id}/document";
    for suffix in ["", ".odt", ".css"] {
        assert_eq!(
            access("GET", &format!("{base}{suffix}")),
            Access::Roles(READERS)
        );
    }
    for change in ["release", "unrelease"] {
        assert_eq!(
            access("POST", &format!("{base}/{change}")),
            Access::Roles(OFFICE)
        );
    }
}

async fn publish(app: &mut TestApp, expected: i64) {
    app.post_form("/publishing/editions", &[("note", "")])
        .await
        .assert_redirect_to(&format!("/editions/{expected}"));
}

#[tokio::test]
async fn a_released_document_goes_public_with_the_next_edition_as_it_stood_and_leaves_when_taken_back()
 {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let (id, findings) = hmicfrs_report(&mut app).await;
    answer(&mut app, id, findings).await;
    app.post_form(&format!("/inspections/{id}/ready"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let s55 = rule_id(&app, "section_55").await;
    let document = format!("/inspections/{id}/clocks/{s55}/document");
    let public = format!("/progress/inspections/{id}/responses/{s55}");

    // Not released: the edition carries the report but none of its responses.
    publish(&mut app, 2).await;
    app.forget_session();
    app.get(&format!("/progress/inspections/{id}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("Published responses")
        .assert_not_contains(RATIONALE);
    app.get(&public).await.assert_status(StatusCode::NOT_FOUND);
    app.get("/data/editions/2.json")
        .await
        .assert_not_contains(RATIONALE);

    // Released, the next edition carries the document, linked from the report's page.
    app.sign_in_as_existing("office@example.test").await;
    app.post_form(&format!("{document}/release"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    publish(&mut app, 3).await;
    app.forget_session();
    app.get(&format!("/progress/inspections/{id}"))
        .await
        .assert_contains("Published responses")
        .assert_contains(&format!("href=\"{public}\""));
    app.get(&public)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Section 55 comments")
        .assert_contains("Custody inspection 2026")
        .assert_contains("Review the custody checks.")
        .assert_contains("Checks rewritten and audited monthly.")
        .assert_contains("Rationale for accepting the risk")
        .assert_contains(RATIONALE)
        .assert_contains("&lt;script&gt;")
        .assert_not_contains("<script>alert")
        .assert_not_contains("Entered in error, never answered.")
        .assert_not_contains("Release to the public site");
    app.get(&format!("/editions/3/inspections/{id}/responses/{s55}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(RATIONALE);
    app.get(&format!("/editions/2/inspections/{id}/responses/{s55}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get("/editions/2/changes/3")
        .await
        .assert_contains("Responses published or revised")
        .assert_contains("“Section 55 comments” on Custody inspection 2026 was published.");

    // A later change to the record reaches the public only with the next edition.
    app.sign_in_as_existing("office@example.test").await;
    answer_first_with(&mut app, id, findings, "Checks now run weekly.").await;
    app.forget_session();
    app.get(&public)
        .await
        .assert_contains("Checks rewritten and audited monthly.")
        .assert_not_contains("Checks now run weekly.");

    // Taken back, the next edition leaves it out; the edition that carried it keeps it.
    app.sign_in_as_existing("office@example.test").await;
    app.post_form(&format!("{document}/unrelease"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    publish(&mut app, 4).await;
    app.forget_session();
    app.get(&public).await.assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/progress/inspections/{id}"))
        .await
        .assert_not_contains("Published responses");
    app.get(&format!("/editions/3/inspections/{id}/responses/{s55}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Checks rewritten and audited monthly.");
}
