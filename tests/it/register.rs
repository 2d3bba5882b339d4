//! The register of open recommendations from every source, and themes across them (issue 21,
//! item 5): an HMICFRS recommendation, a coroner's concern and an IOPC learning
//! recommendation answered by one action-plan item, filtered by source, body, theme, owner and
//! clock, tagged with themes, and seen by a force user only for their own body.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::helpers::{PASSWORD, TestApp};

const OWNER: &str = "Head of Public Protection – Det Supt A. Owner";

/// The record the tests start from (today is 2 March 2026), by finding id.
struct Record {
    hmicfrs: i64,
    coroner: i64,
    iopc: i64,
    withdrawn: i64,
    met: i64,
    /// A recommendation to the second force.
    other_force: i64,
    hmicfrs_report: i64,
}

async fn body(app: &mut TestApp, name: &str) -> i64 {
    app.post_form("/bodies", &[("name", name), ("kind", "police_force")])
        .await
        .assert_redirect_to("/bodies");
    app.count(&format!(
        "select id from inspected_bodies where name = '{name}'"
    ))
    .await
}

/// A report dated `dated` (day, month, year), sent on `sent` where given.
async fn report(
    app: &mut TestApp,
    body: i64,
    title: &str,
    source: &str,
    dated: (&str, &str),
    sent: Option<&str>,
) -> i64 {
    let body = body.to_string();
    let mut fields = vec![
        ("body_id", body.as_str()),
        ("title", title),
        ("kind", if source == "hmicfrs" { "peel" } else { "other" }),
        ("source", source),
        ("published_on_day", dated.0),
        ("published_on_month", dated.1),
        ("published_on_year", "2026"),
    ];
    if let Some(day) = sent {
        fields.extend([
            ("sent_on_day", day),
            ("sent_on_month", dated.1),
            ("sent_on_year", "2026"),
        ]);
    }
    let response = app.post_form("/inspections", &fields).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    id_after(response.location(), "/inspections/")
}

fn id_after(location: &str, prefix: &str) -> i64 {
    location
        .strip_prefix(prefix)
        .and_then(|rest| rest.split(['/', '#']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("unexpected location {location}"))
}

async fn finding(
    app: &mut TestApp,
    report: i64,
    kind: &str,
    reference: &str,
    wording: &str,
) -> i64 {
    let response = app
        .post_form(
            &format!("/inspections/{report}/findings"),
            &[
                ("kind", kind),
                ("reference", reference),
                ("area", "Safeguarding"),
                ("official_wording", wording),
                ("timescale", "none"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    id_after(response.location(), "/findings/")
}

async fn action(app: &mut TestApp, reference: &str, findings: &[i64]) -> i64 {
    let ids: Vec<String> = findings.iter().map(i64::to_string).collect();
    let mut fields = vec![
        ("reference", reference),
        ("title", "Joint review of missing children episodes"),
        ("owner_role", "Head of Public Protection"),
        ("owner_name", "Det Supt A. Owner"),
    ];
    fields.extend(ids.iter().map(|id| ("findings", id.as_str())));
    let response = app.post_form("/actions", &fields).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    id_after(response.location(), "/actions/")
}

async fn tag(app: &mut TestApp, finding: i64, themes: &str) {
    app.post_form(
        &format!("/findings/{finding}/themes"),
        &[("themes", themes)],
    )
    .await
    .assert_redirect_to(&format!("/findings/{finding}#finding-themes"));
}

/// Two forces; the first has an HMICFRS inspection (published 5 January, so its section 55
/// and action plan clocks ran out), a coroner's report sent on 20 February (running) and an
/// IOPC recommendation sent on 5 January (its 56 days end today: due soon), all answered by
/// one action; a finding withdrawn and one HMICFRS has found met. The second force has one
/// HMICFRS recommendation. Signed in as the office.
async fn record() -> (TestApp, Record) {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Office).await;
    let north = body(&mut app, "Northshire Constabulary").await;
    let south = body(&mut app, "Southshire Police").await;
    let peel = report(
        &mut app,
        north,
        "PEEL 2025–27: Northshire",
        "hmicfrs",
        ("5", "1"),
        None,
    )
    .await;
    let pfd = report(
        &mut app,
        north,
        "Regulation 28 report: J. Doe",
        "coroner",
        ("20", "2"),
        Some("20"),
    )
    .await;
    let iopc = report(
        &mut app,
        north,
        "IOPC learning: custody",
        "iopc",
        ("2", "1"),
        Some("5"),
    )
    .await;
    let hmicfrs = finding(
        &mut app,
        peel,
        "recommendation",
        "R1",
        "The force should improve how it finds missing children.",
    )
    .await;
    let withdrawn = finding(
        &mut app,
        peel,
        "recommendation",
        "R2",
        "Entered twice by mistake.",
    )
    .await;
    let met = finding(
        &mut app,
        peel,
        "area_for_improvement",
        "AFI 1",
        "The force should vet its staff on time.",
    )
    .await;
    let coroner = finding(
        &mut app,
        pfd,
        "cause_of_concern",
        "1",
        "Officers did not search the home of a missing child.",
    )
    .await;
    let iopc_rec = finding(
        &mut app,
        iopc,
        "recommendation",
        "L1",
        "Custody staff should be trained in risk assessment.",
    )
    .await;
    action(&mut app, "A1", &[hmicfrs, coroner, iopc_rec]).await;
    let south_peel = report(
        &mut app,
        south,
        "PEEL 2025–27: Southshire",
        "hmicfrs",
        ("5", "1"),
        None,
    )
    .await;
    let other_force = finding(
        &mut app,
        south_peel,
        "recommendation",
        "S1",
        "Southshire should review its vetting backlog.",
    )
    .await;
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
    .assert_redirect_to(&format!("/findings/{withdrawn}"));
    app.post_form(
        &format!("/findings/{met}/positions"),
        &[
            ("position", "met"),
            ("as_at_day", "20"),
            ("as_at_month", "2"),
            ("as_at_year", "2026"),
            ("source", "HMICFRS revisit letter"),
        ],
    )
    .await
    .assert_redirect_to(&format!("/findings/{met}#positions"));
    let record = Record {
        hmicfrs,
        coroner,
        iopc: iopc_rec,
        withdrawn,
        met,
        other_force,
        hmicfrs_report: peel,
    };
    (app, record)
}

/// Each row of the page's findings table, by finding id.
fn rows(body: &str) -> Vec<(i64, String)> {
    body.split("<tr class=\"govuk-table__row\" id=\"finding-")
        .skip(1)
        .map(|rest| {
            let (id, row) = rest.split_once('"').expect("row id");
            let row = row.split("</tr>").next().unwrap_or_default();
            (id.parse().expect("finding id"), row.to_string())
        })
        .collect()
}

fn ids(body: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = rows(body).into_iter().map(|(id, _)| id).collect();
    ids.sort_unstable();
    ids
}

fn sorted(mut ids: Vec<i64>) -> Vec<i64> {
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn the_register_shows_an_hmicfrs_a_coroners_and_an_iopc_finding_with_one_owner() {
    let (mut app, r) = record().await;
    let page = app.get("/register").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("4 open recommendations")
        .assert_contains("href=\"/register\"");
    assert_eq!(
        ids(&page.body),
        sorted(vec![r.hmicfrs, r.coroner, r.iopc, r.other_force])
    );
    let rows = rows(&page.body);
    let row = |id: i64| {
        rows.iter()
            .find(|(i, _)| *i == id)
            .map(|(_, row)| row.clone())
            .unwrap_or_default()
    };
    let expected = [
        (
            r.hmicfrs,
            "HMICFRS police inspection",
            "PEEL 2025–27: Northshire",
            "Recommendation R1",
            "Overdue",
        ),
        (
            r.coroner,
            "Prevention of future deaths report",
            "Regulation 28 report: J. Doe",
            "Cause of concern 1",
            "Running",
        ),
        (
            r.iopc,
            "IOPC learning recommendation",
            "IOPC learning: custody",
            "Recommendation L1",
            "Due within 14 days",
        ),
    ];
    for (id, source, title, reference, clock) in expected {
        let row = row(id);
        for text in [
            source,
            title,
            reference,
            clock,
            OWNER,
            "Northshire Constabulary",
        ] {
            assert!(
                row.contains(text),
                "{text:?} not in the row of finding {id}:\n{row}"
            );
        }
        assert!(row.contains(&format!("href=\"/findings/{id}\"")), "{row}");
        assert!(row.contains("href=\"/inspections/"), "{row}");
    }
    assert!(row(r.coroner).contains("Officers did not search the home of a missing child."));
    // The second force's recommendation has no action yet.
    assert!(row(r.other_force).contains("No action yet"));
    assert!(row(r.other_force).contains("Southshire Police"));
    // The register is in the navigation, and the dates are shown the UK way.
    page.assert_contains(
        "<a class=\"govuk-service-navigation__link\" href=\"/register\">Register</a>",
    )
    .assert_contains("5 January 2026");
}

#[tokio::test]
async fn filtering_by_source_shows_only_the_coroners_finding_and_keeps_the_choice() {
    let (mut app, r) = record().await;
    let page = app.get("/register?source=coroner").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("1 open recommendation – filtered from 4")
        .assert_contains(
            "<option value=\"coroner\" selected>Prevention of future deaths report</option>",
        )
        .assert_contains("Clear filters");
    assert_eq!(ids(&page.body), [r.coroner]);
    let page = app.get("/register?source=hmicfrs_fire").await;
    page.assert_contains("No open recommendations match these filters.");
    assert_eq!(ids(&page.body), Vec::<i64>::new());
}

#[tokio::test]
async fn filtering_by_clock_state_shows_what_is_overdue_or_due_soon() {
    let (mut app, r) = record().await;
    let page = app.get("/register?clock=overdue").await;
    assert_eq!(ids(&page.body), sorted(vec![r.hmicfrs, r.other_force]));
    page.assert_contains("<option value=\"overdue\" selected>Overdue</option>");
    let page = app.get("/register?clock=due_soon").await;
    assert_eq!(ids(&page.body), [r.iopc]);
    let page = app.get("/register?clock=none").await;
    page.assert_contains("No open recommendations match these filters.");
    // Body and owner filters, together with the clock.
    let north = app
        .count("select id from inspected_bodies where name = 'Northshire Constabulary'")
        .await;
    let page = app
        .get(&format!("/register?body={north}&clock=overdue"))
        .await;
    assert_eq!(ids(&page.body), [r.hmicfrs]);
    page.assert_contains(&format!(
        "<option value=\"{north}\" selected>Northshire Constabulary</option>"
    ));
    let owner: String = form_urlencoded::byte_serialize(OWNER.as_bytes()).collect();
    let page = app.get(&format!("/register?owner={owner}")).await;
    assert_eq!(ids(&page.body), sorted(vec![r.hmicfrs, r.coroner, r.iopc]));
    page.assert_contains(&format!("<option value=\"{OWNER}\" selected>"));
}

#[tokio::test]
async fn two_findings_tagged_missing_children_are_filtered_together_and_shown_on_the_theme_page() {
    let (mut app, r) = record().await;
    tag(&mut app, r.hmicfrs, "Missing children, vetting").await;
    tag(&mut app, r.coroner, " missing CHILDREN ").await;
    tag(&mut app, r.met, "vetting").await;
    let theme = app
        .count("select id from themes where name = 'Missing children'")
        .await;
    assert_eq!(
        app.count("select count(*) from themes").await,
        2,
        "one theme, whatever its case"
    );
    assert_eq!(app.audit_count("finding", "tag").await, 3);
    app.get(&format!("/findings/{}", r.coroner))
        .await
        .assert_contains(&format!("href=\"/themes/{theme}\">Missing children</a>"))
        .assert_contains("value=\"Missing children\"")
        .assert_contains("<option value=\"vetting\">");
    let page = app.get(&format!("/register?theme={theme}")).await;
    assert_eq!(ids(&page.body), sorted(vec![r.hmicfrs, r.coroner]));
    page.assert_contains(&format!(
        "<option value=\"{theme}\" selected>Missing children</option>"
    ));
    let page = app.get(&format!("/themes/{theme}")).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("<h1 class=\"govuk-heading-l\">Missing children</h1>")
        .assert_contains("2 findings, 2 open")
        .assert_contains("HMICFRS police inspection")
        .assert_contains("Prevention of future deaths report");
    assert_eq!(ids(&page.body), sorted(vec![r.hmicfrs, r.coroner]));
    // The list counts every finding tagged, the met one too, which its theme page shows closed.
    let list = app.get("/themes").await;
    list.assert_contains(&format!(
        "href=\"/themes/{theme}\">Missing children</a> – 2 findings"
    ))
    .assert_contains("vetting</a> – 2 findings");
    let vetting = app
        .count("select id from themes where name = 'vetting'")
        .await;
    let page = app.get(&format!("/themes/{vetting}")).await;
    page.assert_contains("2 findings, 1 open");
    let met = rows(&page.body)
        .into_iter()
        .find(|(id, _)| *id == r.met)
        .expect("met row")
        .1;
    assert!(met.contains("Closed"), "{met}");
    // Clearing the field clears the finding's themes.
    tag(&mut app, r.coroner, "").await;
    let page = app.get(&format!("/themes/{theme}")).await;
    assert_eq!(ids(&page.body), [r.hmicfrs]);
    app.get("/themes/999999")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // An id too large to be one is not understood, as on every signed-in page.
    app.get("/themes/99999999999999999999")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
    app.get("/findings/99999999999999999999")
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_theme_name_too_long_is_refused_with_what_was_typed_kept() {
    let (mut app, r) = record().await;
    let long = format!("missing children, {}", "x".repeat(101));
    let page = app
        .post_form(
            &format!("/findings/{}/themes", r.hmicfrs),
            &[("themes", &long)],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("There is a problem")
        .assert_contains("Each theme must be 100 characters or fewer")
        .assert_contains(&format!("value=\"{long}\""));
    assert_eq!(app.count("select count(*) from themes").await, 0);
    // Only the office tags findings.
    app.forget_session();
    app.create_user("panel.member@example.test", Role::Panel)
        .await;
    app.sign_in_as_existing("panel.member@example.test").await;
    app.post_form(
        &format!("/findings/{}/themes", r.hmicfrs),
        &[("themes", "vetting")],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    app.get(&format!("/findings/{}", r.hmicfrs))
        .await
        .assert_contains("Not tagged with any theme.")
        .assert_not_contains("action=\"/findings/");
}

#[tokio::test]
async fn a_withdrawn_finding_and_one_the_issuing_body_found_met_are_not_on_the_register() {
    let (mut app, r) = record().await;
    let page = app.get("/register").await;
    let shown = ids(&page.body);
    assert!(!shown.contains(&r.withdrawn), "{shown:?}");
    assert!(!shown.contains(&r.met), "{shown:?}");
    page.assert_not_contains("Entered twice by mistake.")
        .assert_not_contains("The force should vet its staff on time.");
    // Withdrawing the report takes its recommendation off too; restoring brings it back.
    let report = r.hmicfrs_report;
    app.post_form(
        &format!("/inspections/{report}/withdraw"),
        &[
            ("reason", "Wrong force"),
            ("on_day", "2"),
            ("on_month", "3"),
            ("on_year", "2026"),
        ],
    )
    .await
    .assert_redirect_to(&format!("/inspections/{report}"));
    let page = app.get("/register").await;
    assert!(!ids(&page.body).contains(&r.hmicfrs));
    page.assert_contains("3 open recommendations");
}

#[tokio::test]
async fn a_force_user_sees_only_their_bodys_findings_and_no_inspection_links() {
    let (mut app, r) = record().await;
    tag(&mut app, r.other_force, "Southshire only").await;
    tag(&mut app, r.hmicfrs, "missing children").await;
    let south_theme = app
        .count("select id from themes where name = 'Southshire only'")
        .await;
    let north = app
        .count("select id from inspected_bodies where name = 'Northshire Constabulary'")
        .await;
    let user = app
        .create_user("liaison@northshire.test", Role::Force)
        .await;
    app.exec(&format!(
        "delete from user_bodies where user_id = {user};
         insert into user_bodies (user_id, body_id) values ({user}, {north});"
    ))
    .await;
    app.forget_session();
    app.sign_in("liaison@northshire.test", PASSWORD).await;
    let page = app.get("/register").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("3 open recommendations")
        .assert_not_contains("Southshire")
        .assert_not_contains("href=\"/inspections/")
        .assert_contains("PEEL 2025–27: Northshire")
        .assert_contains(&format!("href=\"/findings/{}\"", r.hmicfrs))
        .assert_contains("href=\"/register\">Register</a>");
    assert_eq!(ids(&page.body), sorted(vec![r.hmicfrs, r.coroner, r.iopc]));
    // Another body's finding asked for by filter is not offered, so not applied.
    let south = app
        .count("select id from inspected_bodies where name = 'Southshire Police'")
        .await;
    let page = app.get(&format!("/register?body={south}")).await;
    page.assert_contains("These filters were not recognised and are not applied: Body.")
        .assert_not_contains("Southshire");
    let themes = app.get("/themes").await;
    themes
        .assert_contains("missing children")
        .assert_not_contains("Southshire only");
    app.get(&format!("/themes/{south_theme}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/findings/{}", r.other_force))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn hostile_filter_values_give_the_whole_register_and_say_so() {
    let (mut app, r) = record().await;
    let everything = sorted(vec![r.hmicfrs, r.coroner, r.iopc, r.other_force]);
    let hostile = [
        "/register?source=HMICFRS&clock=soon",
        "/register?body=99999999999999999999999999&theme=-1",
        "/register?theme=1e9&owner=%3Cscript%3E",
        "/register?clock=%00&source=%FF%FE",
        "/register?body=&source=&unknown=1",
    ];
    for path in hostile {
        let page = app.get(path).await;
        page.assert_status(StatusCode::OK)
            .assert_contains("4 open recommendations")
            .assert_not_contains("<script>");
        assert_eq!(ids(&page.body), everything, "{path}");
    }
    app.get("/register?source=HMICFRS&clock=soon")
        .await
        .assert_contains("These filters were not recognised and are not applied: Source, Clock.");
    app.get("/register?body=&source=&unknown=1")
        .await
        .assert_not_contains("not recognised");
    let long = format!("/register?owner={}", "a".repeat(5000));
    app.get(&long)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Owner.");
}

#[tokio::test]
async fn an_empty_register_says_so_and_anonymous_visitors_are_sent_to_sign_in() {
    let mut app = TestApp::new().await;
    let anonymous = app.get("/register").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/sign-in?next="));
    app.sign_in_as(Role::Panel).await;
    app.get("/register")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("0 open recommendations")
        .assert_contains("There are no open recommendations.");
    app.get("/themes")
        .await
        .assert_contains("No findings are tagged with a theme yet.");
}

#[tokio::test]
async fn a_long_register_is_shown_a_hundred_to_a_page_and_the_page_links_keep_the_filter() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let arden = body(&mut app, "Arden Police").await;
    let id = report(
        &mut app,
        arden,
        "Inquest touching the death of X",
        "coroner",
        ("3", "2"),
        Some("5"),
    )
    .await;
    let mut csv = String::from("reference,kind,area,timescale,wording,summary\n");
    for n in 1..=150 {
        csv.push_str(&format!(
            "C{n},recommendation,Custody,none,Matter of concern {n},\n"
        ));
    }
    let import = format!("/inspections/{id}/findings/import");
    app.post_form(&import, &[("csv", &csv), ("confirm", "1")])
        .await
        .assert_status(StatusCode::SEE_OTHER);

    let first = app.get("/register?source=coroner").await;
    first
        .assert_status(StatusCode::OK)
        .assert_contains("150 open recommendations – filtered from")
        .assert_contains(", showing 1 to 100")
        .assert_contains("href=\"/register?source=coroner&amp;page=2\"")
        .assert_contains("aria-current=\"page\"");
    assert_eq!(rows(&first.body).len(), 100);

    let second = app.get("/register?source=coroner&page=2").await;
    second
        .assert_contains(", showing 101 to 150")
        .assert_contains("href=\"/register?source=coroner\"")
        .assert_not_contains("rel=\"next\"");
    let (a, b) = (ids(&first.body), ids(&second.body));
    assert_eq!(b.len(), 50);
    assert!(
        a.iter().all(|id| !b.contains(id)),
        "no row is on both pages"
    );

    // A page beyond the last is the last; nonsense is the first.
    assert_eq!(
        ids(&app.get("/register?source=coroner&page=9").await.body),
        b
    );
    assert_eq!(
        ids(&app.get("/register?source=coroner&page=x").await.body),
        a
    );
    // Unfiltered, the seeded report's findings are counted too, and there are two pages still.
    app.get("/register")
        .await
        .assert_contains("href=\"/register?page=2\"")
        .assert_not_contains("filtered from");
}
