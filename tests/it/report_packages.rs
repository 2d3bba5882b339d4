//! Report packages: a national report loaded into several bodies, a newer version applied
//! without touching local work, the same version again changing nothing, and any inspection
//! downloaded as a package that loads back to the same content.

use axum::http::StatusCode;
use scrutineer::auth::{OFFICE, READERS};
use scrutineer::domain::report_package::Package;
use scrutineer::domain::vocab::Role;

use crate::findings::finding_form;
use crate::helpers::{TestApp, assert_only_these_roles};
use crate::inspections::new_inspection;

const EXAMPLE: &str = include_str!("../../seeds/example-package.json");

/// An office with two police forces and a fire service, signed in.
async fn office_with_bodies() -> (TestApp, [i64; 3]) {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Office).await;
    for (name, kind) in [
        ("Northshire Police", "police_force"),
        ("Southshire Police", "police_force"),
        (
            "Northshire Fire and Rescue Service",
            "fire_and_rescue_service",
        ),
    ] {
        app.post_form("/bodies", &[("name", name), ("kind", kind)])
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }
    let id = |name: &'static str| {
        let app = &app;
        async move {
            app.count(&format!(
                "select id from inspected_bodies where name = '{name}'"
            ))
            .await
        }
    };
    let ids = [
        id("Northshire Police").await,
        id("Southshire Police").await,
        id("Northshire Fire and Rescue Service").await,
    ];
    (app, ids)
}

async fn load(app: &mut TestApp, text: &str, bodies: &[i64]) -> crate::helpers::TestResponse {
    let ids: Vec<String> = bodies.iter().map(|b| b.to_string()).collect();
    let mut fields = vec![("package", text), ("confirm", "1")];
    fields.extend(ids.iter().map(|id| ("bodies", id.as_str())));
    app.post_form("/packages", &fields).await
}

fn with(text: &str, change: impl FnOnce(&mut Package)) -> String {
    let mut p = Package::read(text).expect("the example package");
    change(&mut p);
    p.to_json()
}

#[tokio::test]
async fn only_the_office_loads_packages_and_readers_download_them() {
    assert_only_these_roles("GET", "/packages", OFFICE).await;
    assert_only_these_roles("POST", "/packages", OFFICE).await;
    assert_only_these_roles("GET", "/packages/1", OFFICE).await;
    assert_only_these_roles("GET", "/inspections/1/package.json", READERS).await;
}

#[tokio::test]
async fn a_package_loads_into_two_bodies_each_with_its_own_copy_of_what_is_addressed_to_it() {
    let (mut app, [north, south, fire]) = office_with_bodies().await;
    app.get("/packages")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("No package has been loaded yet");

    // Checking the package shows what loading would do for each body, and loads nothing.
    let preview = app.post_form("/packages", &[("package", EXAMPLE)]).await;
    preview
        .assert_status(StatusCode::OK)
        .assert_contains("Example national report")
        .assert_contains("Northshire Police")
        .assert_contains("Not loaded yet: a new copy with 4 findings")
        .assert_contains("None of its items is addressed to a body of this kind");
    assert_eq!(app.count("select count(*) from inspections").await, 0);

    // Confirmed without a body: said, nothing loaded.
    app.post_form("/packages", &[("package", EXAMPLE), ("confirm", "1")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Choose at least one body to load the report into");

    let done = load(&mut app, EXAMPLE, &[north, south]).await;
    done.assert_status(StatusCode::SEE_OTHER);
    let page = app.get(done.location()).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("The package is loaded")
        .assert_contains("Northshire Police")
        .assert_contains("Southshire Police")
        .assert_not_contains("Northshire Fire");

    // Each force has its own copy, linked to the national identifiers, with the items for
    // chief constables (not the one for the College of Policing alone) under their parents.
    for body in [north, south] {
        let copy = app
            .count(&format!(
                "select id from inspections where body_id = {body}
                 and national_id = 'urn:example:2026:national-vetting-review' and package_version = 1"
            ))
            .await;
        assert!(copy > 0, "body {body} has a copy");
        let references: Vec<String> = sqlx::query_scalar(
            "select reference from findings where inspection_id = ? order by reference",
        )
        .bind(copy)
        .fetch_all(&app.state.db)
        .await
        .unwrap();
        assert_eq!(references, ["AFI 1", "CoC 1", "R1", "R2"]);
        let under = app
            .count(&format!(
                "select count(*) from findings f join findings p on p.id = f.parent_id
                 where f.inspection_id = {copy} and p.reference = 'CoC 1'"
            ))
            .await;
        assert_eq!(under, 2, "R1 and R2 sit under the cause of concern");
        // The clocks of its source: an HMICFRS report on a police force runs section 55.
        app.get(&format!("/inspections/{copy}"))
            .await
            .assert_status(StatusCode::OK)
            .assert_contains("Section 55")
            .assert_contains("Loaded from version 1 of");
    }
    assert_eq!(
        app.count(&format!(
            "select count(*) from inspections where body_id = {fire}"
        ))
        .await,
        0
    );
    assert_eq!(app.audit_count("report_package", "load").await, 1);
    assert_eq!(app.audit_count("inspection", "load").await, 2);
    assert_eq!(app.audit_count("finding", "load").await, 8);
}

#[tokio::test]
async fn loading_the_same_version_again_changes_nothing() {
    let (mut app, [north, south, _]) = office_with_bodies().await;
    load(&mut app, EXAMPLE, &[north])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let events = app.count("select count(*) from audit_events").await;
    let preview = app.post_form("/packages", &[("package", EXAMPLE)]).await;
    preview.assert_contains("Northshire Police: Has this version already");
    // Ticking it anyway (a stale page) writes nothing either.
    load(&mut app, EXAMPLE, &[north])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("select count(*) from audit_events").await, events);
    assert_eq!(app.count("select count(*) from inspections").await, 1);
    // The same package saved by another program (other spacing) is the same version too.
    let respaced = serde_json::to_string(&Package::read(EXAMPLE).unwrap()).unwrap();
    assert_ne!(respaced, EXAMPLE);
    load(&mut app, &respaced, &[north])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("select count(*) from audit_events").await, events);
    // Another body can still be given its copy.
    load(&mut app, EXAMPLE, &[south])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("select count(*) from inspections").await, 2);
}

#[tokio::test]
async fn a_changed_package_under_the_same_version_is_refused() {
    let (mut app, [north, _, _]) = office_with_bodies().await;
    load(&mut app, EXAMPLE, &[north])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let changed = with(EXAMPLE, |p| {
        p.items[1].official_wording = "Other words".into()
    });
    load(&mut app, &changed, &[north])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("package was loaded before with different content");
    let wording = sqlx::query_scalar::<_, String>(
        "select official_wording from findings where reference = 'R1'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert!(wording.starts_with("Illustrative wording: by 31 July 2026"));
}

#[tokio::test]
async fn a_newer_version_changes_wording_and_deadlines_and_keeps_local_work() {
    let (mut app, [north, _, _]) = office_with_bodies().await;
    load(&mut app, EXAMPLE, &[north])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let r1 = app
        .count("select id from findings where reference = 'R1'")
        .await;
    let afi = app
        .count("select id from findings where reference = 'AFI 1'")
        .await;
    // Local work: an assessment of R1 and a finding added by hand.
    app.post_form(
        &format!("/findings/{r1}/assessments"),
        &[
            ("level", "limited"),
            ("part_id", ""),
            ("rationale", "Dip sample shows gaps."),
            ("evidence_seen", "Dip sample of 40 files."),
            ("assessed_on_day", "20"),
            ("assessed_on_month", "2"),
            ("assessed_on_year", "2026"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let copy = app.count("select id from inspections").await;
    app.post_form(
        &format!("/inspections/{copy}/findings"),
        &finding_form("Local 1", "Our own", ""),
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);

    let v2 = with(EXAMPLE, |p| {
        p.version = 2;
        p.items[1].official_wording = "Revised wording of R1.".into();
        p.items[2].deadline = chrono::NaiveDate::from_ymd_opt(2027, 3, 31);
        p.items.retain(|i| i.reference != "AFI 1");
        let mut r4 = p.items[2].clone();
        r4.id = "urn:example:2026:national-vetting-review:r4".into();
        r4.reference = "R4".into();
        p.items.push(r4);
    });
    let preview = app.post_form("/packages", &[("package", &v2)]).await;
    preview
        .assert_status(StatusCode::OK)
        .assert_contains("Has version 1: 1 finding added, 2 findings changed")
        .assert_contains("Revised wording of R1.")
        .assert_contains("By 31 December 2026")
        .assert_contains("By 31 March 2027")
        .assert_contains("No longer in this version, kept as they are")
        .assert_contains("AFI 1");
    load(&mut app, &v2, &[north])
        .await
        .assert_status(StatusCode::SEE_OTHER);

    let row: (String, Option<String>) = sqlx::query_as(
        "select official_wording, (select timescale_date from findings where reference = 'R2')
         from findings where id = ?",
    )
    .bind(r1)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(
        row,
        ("Revised wording of R1.".into(), Some("2027-03-31".into()))
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from assessments where finding_id = {r1}"
        ))
        .await,
        1,
        "the assessment stays"
    );
    assert_eq!(
        app.count("select count(*) from findings where reference = 'Local 1'")
            .await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "select count(*) from findings where id = {afi} and withdrawn_on is null"
        ))
        .await,
        1,
        "a finding no longer in the package is kept"
    );
    assert_eq!(
        app.count("select count(*) from findings where reference = 'R4'")
            .await,
        1
    );
    assert_eq!(
        app.count("select package_version from inspections").await,
        2
    );
    // An older version after a newer one changes nothing.
    let events = app.count("select count(*) from audit_events").await;
    app.post_form("/packages", &[("package", EXAMPLE)])
        .await
        .assert_contains("Has version 2, newer than this one");
    load(&mut app, EXAMPLE, &[north])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("select count(*) from audit_events").await, events);
}

#[tokio::test]
async fn a_downloaded_package_loads_back_to_the_same_content() {
    let (mut app, [north, _, _]) = office_with_bodies().await;
    load(&mut app, EXAMPLE, &[north])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let copy = app.count("select id from inspections").await;
    let download = app.get(&format!("/inspections/{copy}/package.json")).await;
    download.assert_status(StatusCode::OK);
    assert!(
        download.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    let original = Package::read(EXAMPLE).unwrap();
    let exported = Package::read(&download.body).expect("a package");
    // R3 was addressed to national bodies only, so a force's copy does not hold it.
    let mut expected = original.clone();
    expected.items.retain(|i| i.reference != "R3");
    assert_eq!(exported, expected);
}

#[tokio::test]
async fn a_typed_report_downloads_as_a_package_another_body_loads_as_it_stands() {
    let (mut app, [_, south, _]) = office_with_bodies().await;
    let mut typed_in = new_inspection("A child protection inspection", "10");
    typed_in[0] = ("new_body", "Northshire Police");
    typed_in[2] = ("kind", "child_protection");
    app.post_form("/inspections", &typed_in)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let typed = app.count("select max(id) from inspections").await;
    for (reference, wording) in [
        ("R1", "Do the first thing."),
        ("R2", "Do the second thing."),
    ] {
        app.post_form(
            &format!("/inspections/{typed}/findings"),
            &finding_form(reference, wording, ""),
        )
        .await
        .assert_status(StatusCode::SEE_OTHER);
    }
    let download = app
        .get(&format!("/inspections/{typed}/package.json?version=3"))
        .await;
    download.assert_status(StatusCode::OK);
    let package = Package::read(&download.body).expect("a package");
    assert_eq!(package.version, 3);
    assert!(package.id.starts_with("urn:uuid:"), "{}", package.id);
    let again = app
        .get(&format!("/inspections/{typed}/package.json?version=3"))
        .await;
    assert_eq!(
        again.body, download.body,
        "the same identifiers at every download"
    );
    app.get(&format!("/inspections/{typed}/package.json?version=nought"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("The version must be a whole number, 1 or more");

    load(&mut app, &download.body, &[south])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let copy = app
        .count(&format!(
            "select id from inspections where body_id = {south}"
        ))
        .await;
    assert_ne!(copy, typed);
    let findings = |inspection: i64| {
        let db = app.state.db.clone();
        async move {
            sqlx::query_as::<_, (String, String, Option<String>, String, Option<String>)>(
                "select reference, kind, official_wording, timescale, timescale_date
                 from findings where inspection_id = ? and withdrawn_on is null
                 order by reference",
            )
            .bind(inspection)
            .fetch_all(&db)
            .await
            .unwrap()
        }
    };
    let (theirs, ours) = (findings(typed).await, findings(copy).await);
    assert_eq!(ours.len(), 2);
    assert_eq!(ours, theirs);
}

#[tokio::test]
async fn a_finding_without_official_wording_cannot_be_exported_and_the_page_says_which() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/inspections/1/package.json")
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Item 1: its official wording is missing");
}

#[tokio::test]
async fn a_bad_package_is_refused_with_what_to_fix_and_what_was_pasted_kept() {
    let (mut app, _) = office_with_bodies().await;
    app.post_form("/packages", &[("package", "{ not json")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("There is a problem")
        .assert_contains("The file is not JSON (line 1")
        .assert_contains("{ not json");
    let hostile = with(EXAMPLE, |p| {
        p.title = "<script>alert(1)</script>".into();
        p.items[1].deadline = chrono::NaiveDate::from_ymd_opt(2020, 1, 1);
        p.items[2].parent = Some("urn:nowhere".into());
    });
    let page = app.post_form("/packages", &[("package", &hostile)]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(
            "Item R1: The stated date cannot be before the report was published (15 January 2026)",
        )
        .assert_contains("Item R2: its parent urn:nowhere is not an item of the package")
        .assert_not_contains("<script>alert(1)</script>");
    assert_eq!(app.count("select count(*) from report_packages").await, 0);
    // The file uploaded instead of pasted (the page's upload form) is read the same way.
    let upload = app
        .post_multipart(
            "/packages",
            &[
                ("package", None, ""),
                ("file", Some("package.json"), EXAMPLE),
            ],
        )
        .await;
    upload
        .assert_status(StatusCode::OK)
        .assert_contains("Not loaded yet: a new copy with 4 findings");
}

#[tokio::test]
async fn the_package_schema_is_published_and_the_example_package_meets_it() {
    let mut app = TestApp::new().await;
    let schema = app.get("/data/schema/report-package.json").await;
    schema.assert_status(StatusCode::OK);
    let schema = schema.json();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let example: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&example)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut wrong = example.clone();
    wrong["items"][0]["timescale"] = "soon".into();
    assert!(!validator.is_valid(&wrong));
}

/// `scrutineer` run on the database `db` with `args`: its standard output, or a panic with
/// what it said.
fn scrutineer(db: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .arg("--database")
        .arg(db)
        .arg("--no-example-data")
        .args(args)
        .output()
        .expect("run scrutineer");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn the_command_line_loads_a_package_into_the_bodies_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let package = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/example-package.json");
    for name in ["Northshire Police", "Southshire Police"] {
        let (ok, said) = scrutineer(&db, &["body", "add", "--name", name]);
        assert!(ok, "{said}");
    }
    let import = [
        "package",
        "import",
        package,
        "--body",
        "Northshire Police",
        "--body",
        "Southshire Police",
    ];
    let (ok, said) = scrutineer(&db, &import);
    assert!(ok, "{said}");
    assert!(said.contains("Example national report"), "{said}");
    assert!(
        said.contains("  Northshire Police: added, 4 findings (inspection "),
        "{said}"
    );
    assert!(
        said.contains("  Southshire Police: added, 4 findings"),
        "{said}"
    );
    let (ok, said) = scrutineer(&db, &import);
    assert!(ok, "{said}");
    assert!(
        said.contains("Northshire Police: has this version already: nothing changed"),
        "{said}"
    );
    let (ok, said) = scrutineer(
        &db,
        &["package", "import", package, "--body", "Nowhere Police"],
    );
    assert!(!ok);
    assert!(said.contains("Nowhere Police"), "{said}");
    let (ok, said) = scrutineer(
        &db,
        &[
            "package",
            "import",
            "/nonexistent.json",
            "--body",
            "Northshire Police",
        ],
    );
    assert!(!ok);
    assert!(said.contains("cannot read /nonexistent.json"), "{said}");
    // The audit chain still verifies after the loads.
    let (ok, said) = scrutineer(&db, &["audit", "verify"]);
    assert!(ok, "{said}");
}
