//! The cross-force view from open data (issue 23): three offices on loopback, each overseeing
//! its own force, load the same national report package, record different progress through
//! the pages and publish; `compare` – the library, the command and the `/compare` page – reads
//! only what each published and puts the three forces side by side, naming a fourth office
//! that does not answer.

use std::collections::HashMap;

use axum::http::StatusCode;
use scrutineer::config::BodyCommand;
use scrutineer::db::audit::Actor;
use scrutineer::domain::compare::{Comparison, Deadline, Report, Slips, Standing};
use scrutineer::domain::report_package::Package;
use scrutineer::domain::vocab::{BodyKind, Role};
use scrutineer::record::Saved;
use scrutineer::{Security, db};

use crate::helpers::{TestApp, test_today};
use crate::milestones::revision;

/// A national report as its package file has it: R1 was due at the end of January 2026 (the
/// tests' today is 2 March 2026), R2 is due at the end of the year.
const PACKAGE: &str = r#"{
  "format": "scrutineer-report-package/1",
  "id": "urn:example:2025:vetting",
  "version": 1,
  "title": "Vetting and counter-corruption: a national inspection",
  "publisher": "HMICFRS",
  "source": "hmicfrs",
  "kind": "thematic",
  "published_on": "2025-06-02",
  "addressees": ["chief_constables"],
  "items": [
    {"id": "urn:example:2025:vetting:r1", "kind": "recommendation", "reference": "R1",
     "area": "Vetting", "official_wording": "Chief constables should re-vet every officer.",
     "timescale": "by_date", "deadline": "2026-01-31"},
    {"id": "urn:example:2025:vetting:r2", "kind": "recommendation", "reference": "R2",
     "area": "Counter-corruption",
     "official_wording": "Chief constables should monitor their IT systems.",
     "timescale": "by_date", "deadline": "2026-12-31"}
  ]
}"#;

const REPORT: &str = "urn:example:2025:vetting";
const R1: &str = "urn:example:2025:vetting:r1";
const R2: &str = "urn:example:2025:vetting:r2";

/// One office on its own loopback port.
struct Office {
    app: TestApp,
    address: String,
    inspection: i64,
    /// The force's findings by reference.
    findings: HashMap<String, i64>,
}

/// Serve `app`'s router on a free loopback port as `scrutineer serve` does; its address.
async fn serve(app: &TestApp) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    let router = scrutineer::app(app.state.clone());
    tokio::spawn(scrutineer::server::serve(
        listener,
        router,
        scrutineer::server::Limits::default(),
        std::future::pending(),
    ));
    address
}

/// An address where nothing listens: a port taken and given back.
async fn nothing_listening() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    address
}

/// An office named `organisation` overseeing `force`, with the package loaded into the force
/// through the record layer, signed in as the office and served on loopback.
async fn office(organisation: &str, force: &str) -> Office {
    let mut app = TestApp::new().await;
    let (pool, now, actor) = (&app.state.db, app.state.clock.now(), Actor::system("test"));
    db::settings::put(pool, "organisation_name", organisation)
        .await
        .expect("name the office");
    app.state
        .set_site(db::settings::load_site(pool).await.expect("settings"));
    let add = BodyCommand::Add {
        name: force.into(),
        kind: BodyKind::PoliceForce,
    };
    scrutineer::startup::body_command(pool, &actor, now, add)
        .await
        .expect("add the force");
    let body = app
        .count(&format!(
            "select id from inspected_bodies where name = '{force}'"
        ))
        .await;
    let package = Package::read(PACKAGE).expect("the package reads");
    let loaded =
        scrutineer::record::report_packages::load(pool, &actor, now, &package, PACKAGE, &[body])
            .await
            .expect("load the package");
    // Loading never clashes with another change (its `Stale` holds `Infallible`).
    let Saved::Done(loadings) = loaded;
    let inspection = loadings[0]
        .inspection_id
        .expect("the force's copy of the report");
    let findings = sqlx::query_as::<_, (String, i64)>(
        "select reference, id from findings where inspection_id = ?",
    )
    .bind(inspection)
    .fetch_all(&app.state.db)
    .await
    .expect("findings")
    .into_iter()
    .collect();
    app.sign_in_as(Role::Office).await;
    let address = serve(&app).await;
    Office {
        app,
        address,
        inspection,
        findings,
    }
}

impl Office {
    fn finding(&self, reference: &str) -> i64 {
        self.findings[reference]
    }

    /// The force's update on a finding, dated `day` February 2026, said in public once the
    /// office approves its summary.
    async fn update(&mut self, reference: &str, day: &str, rag: &str) {
        let id = self.finding(reference);
        let summary = format!("{rag} on {reference}.");
        let fields = [
            ("as_at_day", day),
            ("as_at_month", "2"),
            ("as_at_year", "2026"),
            ("rag", rag),
            ("narrative", "Progress reported at the board."),
            ("evidence", "Board minutes."),
            ("public_summary", summary.as_str()),
        ];
        self.app
            .post_form(&format!("/findings/{id}/updates"), &fields)
            .await
            .assert_status(StatusCode::SEE_OTHER);
        let update = self
            .app
            .count(&format!(
                "select max(id) from progress_updates where finding_id = {id}"
            ))
            .await
            .to_string();
        self.app
            .post_form(
                "/publishing/approve",
                &[("kind", "update"), ("id", &update), ("summary", &summary)],
            )
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }

    async fn assess(&mut self, reference: &str, level: &str) {
        let id = self.finding(reference);
        let fields = [
            ("level", level),
            ("part_id", ""),
            ("rationale", "Dip sample of re-vetting files."),
            ("evidence_seen", "Forty files."),
            ("assessed_on_day", "25"),
            ("assessed_on_month", "2"),
            ("assessed_on_year", "2026"),
        ];
        self.app
            .post_form(&format!("/findings/{id}/assessments"), &fields)
            .await
            .assert_redirect_to(&format!("/findings/{id}#assessments"));
    }

    async fn position(&mut self, reference: &str, position: &str, day: &str) {
        let id = self.finding(reference);
        let fields = [
            ("position", position),
            ("superseded_by_id", ""),
            ("as_at_day", day),
            ("as_at_month", "1"),
            ("as_at_year", "2026"),
            ("source", "HMICFRS revisit letter"),
            ("source_inspection_id", ""),
            ("report_words", ""),
            ("note", ""),
        ];
        self.app
            .post_form(&format!("/findings/{id}/positions"), &fields)
            .await
            .assert_redirect_to(&format!("/findings/{id}#positions"));
    }

    /// An action on the finding with one milestone, moved once.
    async fn slip(&mut self, reference: &str) {
        let finding = self.finding(reference).to_string();
        let action = [
            ("reference", "V-1"),
            ("title", "Re-vet every officer"),
            ("description", "Re-vetting programme."),
            ("owner_role", "Head of Professional Standards"),
            ("owner_name", ""),
            ("findings", finding.as_str()),
        ];
        self.app
            .post_form("/actions", &action)
            .await
            .assert_status(StatusCode::SEE_OTHER);
        let action = self
            .app
            .count("select id from action_items where reference = 'V-1'")
            .await;
        let milestone = [
            ("title", "Every officer re-vetted"),
            ("date_day", "31"),
            ("date_month", "1"),
            ("date_year", "2026"),
        ];
        self.app
            .post_form(&format!("/actions/{action}/milestones"), &milestone)
            .await
            .assert_status(StatusCode::SEE_OTHER);
        let milestone = self
            .app
            .count(&format!(
                "select id from milestones where action_id = {action}"
            ))
            .await;
        self.app
            .post_form(
                &format!("/milestones/{milestone}/revise"),
                &revision("30", "6", "2026"),
            )
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }

    async fn publish(&mut self) {
        let inspection = self.inspection;
        self.app
            .post_form(&format!("/inspections/{inspection}/ready"), &[])
            .await
            .assert_status(StatusCode::SEE_OTHER);
        self.app
            .post_form("/publishing/editions", &[("note", "")])
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }

    fn page(&self, reference: &str) -> String {
        format!(
            "{}/progress/inspections/{}#finding-{}",
            self.address,
            self.inspection,
            self.finding(reference)
        )
    }
}

/// Three offices with different progress on the same national report, each published:
/// North's force finished R1 before its deadline, South's is behind and moved its milestone,
/// West has recorded nothing.
async fn three_offices() -> [Office; 3] {
    let mut north = office("Northshire PCC", "Northshire Police").await;
    north.update("R1", "20", "blue").await;
    north.update("R2", "20", "green").await;
    north.assess("R1", "substantial").await;
    north.position("R1", "met", "28").await;
    north.publish().await;

    let mut south = office("Southshire PCC", "Southshire Police").await;
    south.update("R1", "26", "red").await;
    south.assess("R1", "limited").await;
    south.position("R1", "open", "28").await;
    south.slip("R1").await;
    south.publish().await;

    let mut west = office("Westshire PCC", "Westshire Police").await;
    west.publish().await;
    [north, south, west]
}

fn report<'a>(c: &'a Comparison, id: &str) -> &'a Report {
    c.reports
        .iter()
        .find(|r| r.national_id == id)
        .unwrap_or_else(|| panic!("no report {id} in {c:#?}"))
}

/// Each force's standing on the national recommendation `item`, by force.
fn standings<'a>(report: &'a Report, item: &str) -> HashMap<&'a str, &'a Standing> {
    let rec = report
        .recommendations
        .iter()
        .find(|r| r.national_id == item)
        .unwrap_or_else(|| panic!("no recommendation {item} in {report:#?}"));
    rec.forces.iter().map(|s| (s.body.as_str(), s)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compare_puts_three_offices_forces_side_by_side_and_names_the_one_that_is_down() {
    let offices = three_offices().await;
    let down = nothing_listening().await;
    let mut sources: Vec<String> = offices.iter().map(|o| o.address.clone()).collect();
    sources.push(down.clone());

    let c = scrutineer::compare::read_all(&sources).await;

    assert_eq!(c.offices.len(), 3, "{:#?}", c.unread);
    let names: Vec<&str> = c.offices.iter().map(|o| o.organisation.as_str()).collect();
    assert_eq!(names, ["Northshire PCC", "Southshire PCC", "Westshire PCC"]);
    assert_eq!(c.unread.len(), 1);
    assert_eq!(c.unread[0].source, down);
    assert!(
        c.unread[0].reason.starts_with("could not connect"),
        "{}",
        c.unread[0].reason
    );

    let vetting = report(&c, REPORT);
    assert_eq!(
        vetting.title,
        "Vetting and counter-corruption: a national inspection"
    );
    let refs: Vec<&str> = vetting
        .recommendations
        .iter()
        .map(|r| r.reference.as_str())
        .collect();
    assert_eq!(refs, ["R1", "R2"]);

    let r1 = standings(vetting, R1);
    assert_eq!(r1.len(), 3, "every force holds R1");
    let (north, south, west) = (
        r1["Northshire Police"],
        r1["Southshire Police"],
        r1["Westshire Police"],
    );
    assert_eq!(north.force_position, "Blue – complete");
    assert_eq!(south.force_position, "Red – off track");
    assert_eq!(west.force_position, "No update yet");
    assert_eq!(north.assurance, "Substantial");
    assert_eq!(south.assurance, "Limited");
    assert_eq!(west.assurance, "Not yet assessed");
    assert_eq!(north.inspectorate, "Met");
    assert_eq!(south.inspectorate, "Open");
    assert_eq!(west.inspectorate, "No position recorded");
    assert_eq!(north.due_on, chrono::NaiveDate::from_ymd_opt(2026, 1, 31));
    assert_eq!(north.deadline, Deadline::Met);
    assert_eq!(south.deadline, Deadline::Missed);
    assert_eq!(west.deadline, Deadline::Missed);
    assert_eq!(
        south.slips,
        Slips {
            moved: 1,
            milestones: 1
        }
    );
    assert_eq!(
        north.slips,
        Slips {
            moved: 0,
            milestones: 0
        }
    );
    assert!(r1.values().all(|s| s.as_at == test_today()));
    assert!(r1.values().all(|s| s.package_version == Some(1)));
    for (office, standing) in offices.iter().zip([north, south, west]) {
        assert_eq!(standing.link.as_deref(), Some(office.page("R1").as_str()));
    }

    let r2 = standings(vetting, R2);
    assert_eq!(r2["Northshire Police"].force_position, "Green – on track");
    assert!(r2.values().all(|s| s.deadline == Deadline::NotYetDue));

    // Each link is the office's own public page, and that page holds the finding.
    let mut visitor = reqwest::Client::new();
    for office in &offices {
        let link = office.page("R1");
        let (page, anchor) = link.split_once('#').expect("an anchor");
        let body = fetch(&mut visitor, page).await;
        assert!(
            body.contains(&format!("id=\"{anchor}\"")),
            "{anchor} on {page}"
        );
    }
}

async fn fetch(client: &mut reqwest::Client, address: &str) -> String {
    let response = client.get(address).send().await.expect("the page answers");
    assert_eq!(response.status(), reqwest::StatusCode::OK, "{address}");
    response.text().await.expect("text")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_compare_command_prints_the_unreadable_first_then_a_table_per_report() {
    let offices = three_offices().await;
    let down = nothing_listening().await;
    let mut args = vec!["compare".to_string()];
    args.extend(offices.iter().map(|o| o.address.clone()));
    args.push(down.clone());
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .args(&args)
        .output()
        .await
        .expect("run scrutineer compare");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with(&format!("Not read:\n  {down} – could not connect")),
        "{stdout}"
    );
    let table = stdout
        .split_once(
            "Vetting and counter-corruption: a national inspection (urn:example:2025:vetting)",
        )
        .map(|(_, t)| t)
        .unwrap_or_else(|| panic!("a table for the report in:\n{stdout}"));
    let r1 = table.split("\n  R2 ").next().expect("R1's rows");
    for line in [
        "Northshire Police  Blue – complete",
        "Southshire Police  Red – off track",
        "Westshire Police   No update yet",
        "Met (31 Jan 2026)",
        "1 of 1 moved",
    ] {
        assert!(r1.contains(line), "{line:?} in:\n{r1}");
    }
    for office in &offices {
        assert!(
            r1.contains(&office.page("R1")),
            "{} in:\n{r1}",
            office.page("R1")
        );
    }

    // Nothing read at all: the command fails, naming each source.
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .args(["compare", &down])
        .output()
        .await
        .expect("run scrutineer compare");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(&down));
    assert!(String::from_utf8_lossy(&out.stderr).contains("none of the sources could be read"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_downloaded_file_links_to_its_site_and_what_is_not_open_data_is_named() {
    let mut north = office("Northshire PCC", "Northshire Police").await;
    north.update("R1", "20", "amber").await;
    north.publish().await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("north.json");
    let json = north.app.get("/data/latest.json").await.body;
    std::fs::write(&file, json).expect("save the download");
    let not_json = dir.path().join("page.html");
    std::fs::write(&not_json, "<html>Sign in</html>").expect("save a page");
    let sources = [
        format!("{}={}", file.display(), north.address),
        format!("{}/data/schema/edition.json", north.address),
        format!("{}/data/editions/99.json", north.address),
        not_json.display().to_string(),
        dir.path().join("missing.json").display().to_string(),
    ];
    let c = scrutineer::compare::read_all(&sources).await;
    let r1 = standings(report(&c, REPORT), R1);
    assert_eq!(r1["Northshire Police"].force_position, "Amber – at risk");
    assert_eq!(
        r1["Northshire Police"].link.as_deref(),
        Some(north.page("R1").as_str())
    );
    let reasons: HashMap<&str, &str> = c
        .unread
        .iter()
        .map(|u| (u.source.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:#?}");
    assert!(reasons[sources[1].as_str()].starts_with("is not an edition's open data"));
    assert!(reasons[sources[2].as_str()].starts_with("answered 404 Not Found"));
    assert!(reasons[sources[3].as_str()].starts_with("is not JSON"));
    assert!(reasons[sources[4].as_str()].starts_with("cannot be read as a file"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_compare_page_shows_the_forces_side_by_side_with_links_and_warns_of_the_one_down() {
    let offices = three_offices().await;
    let down = nothing_listening().await;
    let mut compare_sources: Vec<String> = offices.iter().map(|o| o.address.clone()).collect();
    compare_sources.push(down.clone());
    let security = Security {
        compare_sources,
        ..Default::default()
    };
    let mut app = TestApp::with_settings(
        scrutineer::domain::dates::Clock::fixed_date(test_today()),
        security,
    )
    .await;
    app.sign_in_as(Role::Panel).await;
    let page = app.get("/compare").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("One source could not be read")
        .assert_contains(&down)
        .assert_contains("Vetting and counter-corruption: a national inspection")
        .assert_contains("Northshire Police")
        .assert_contains("Southshire Police")
        .assert_contains("Westshire Police")
        .assert_contains("Blue – complete")
        .assert_contains("Red – off track")
        .assert_contains("1 of 1 moved")
        .assert_contains("app-table-wrapper");
    for office in &offices {
        page.assert_contains(&format!("href=\"{}\"", office.page("R1")));
    }
    // The unread warning comes before the tables.
    let warning = page.body.find("compare-unread").expect("the warning");
    let table = page.body.find("app-compare").expect("a table");
    assert!(warning < table);
}

#[tokio::test]
async fn without_sources_the_compare_page_says_how_to_configure_them() {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Office).await;
    app.get("/compare")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("No other offices' open data is configured")
        .assert_contains("--compare-source SOURCE")
        .assert_contains("COMPARE_SOURCES");
    app.get("/register")
        .await
        .assert_contains("href=\"/compare\"");
}
