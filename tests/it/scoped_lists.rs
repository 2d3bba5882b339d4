//! Several bodies in one office: every list, search and calendar feed a scoped viewer reaches
//! holds only their bodies' records; search finds a body by its name; pickers, lists and the
//! findings CSV say which body a record belongs to.

use axum::http::StatusCode;
use scrutineer::domain::actions::NewAction;
use scrutineer::domain::vocab::Role;
use scrutineer::record::{self, Actor, RecordError};

use crate::helpers::{PASSWORD, TestApp};

const DERBYSHIRE_FORCE: &str = "liaison@derbyshire.example.test";
const WARWICKSHIRE_FORCE: &str = "liaison@warwickshire.example.test";

/// What the office entered about Warwickshire Police.
pub struct Warwickshire {
    pub body: i64,
    pub inspection: i64,
    pub finding: i64,
    pub action: i64,
}

/// The office adds Warwickshire Police through its forms: an inspection (typing the new body's
/// name), a finding, an action addressing it, a milestone and an update. Leaves the office
/// signed in.
pub async fn the_office_adds_warwickshire(app: &mut TestApp) -> Warwickshire {
    app.sign_in_as(Role::Office).await;
    let inspection = [
        ("body_id", ""),
        ("new_body", "Warwickshire Police"),
        ("title", "PEEL 2025: police effectiveness in Warwickshire"),
        ("kind", "peel"),
        ("source", "hmicfrs"),
        ("fieldwork_start_day", ""),
        ("fieldwork_start_month", ""),
        ("fieldwork_start_year", ""),
        ("fieldwork_end_day", ""),
        ("fieldwork_end_month", ""),
        ("fieldwork_end_year", ""),
        ("published_on_day", "12"),
        ("published_on_month", "1"),
        ("published_on_year", "2026"),
        ("report_url", ""),
        ("follows_up_id", ""),
    ];
    app.post_form("/inspections", &inspection)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let inspection = app
        .count("select id from inspections where title like 'PEEL 2025%'")
        .await;
    let finding = [
        ("kind", "area_for_improvement"),
        ("parent_id", ""),
        ("reference", "AFI 1"),
        ("area", "Custody"),
        (
            "official_wording",
            "The force should improve custody record keeping at Leamington.",
        ),
        ("public_summary", "Better custody records at Leamington."),
        ("timescale", "within_6_months"),
        ("timescale_date_day", ""),
        ("timescale_date_month", ""),
        ("timescale_date_year", ""),
        ("parts", ""),
        ("version", ""),
    ];
    app.post_form(&format!("/inspections/{inspection}/findings"), &finding)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let finding = app
        .count("select id from findings where official_wording like '%Leamington%'")
        .await;
    let finding_id = finding.to_string();
    let action = [
        ("reference", "WP-01"),
        ("title", "Leamington custody record audit"),
        ("description", "A monthly dip sample of custody records."),
        ("owner_role", "Head of Custody"),
        ("owner_name", "Demo – Ch Insp W. Example"),
        ("findings", finding_id.as_str()),
    ];
    app.post_form("/actions", &action)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let action = app
        .count("select id from action_items where reference = 'WP-01'")
        .await;
    let milestone = [
        ("title", "Leamington audit reported"),
        ("date_day", "30"),
        ("date_month", "6"),
        ("date_year", "2026"),
    ];
    app.post_form(&format!("/actions/{action}/milestones"), &milestone)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let update = [
        ("as_at_day", "27"),
        ("as_at_month", "2"),
        ("as_at_year", "2026"),
        ("rag", "amber"),
        (
            "narrative",
            "Leamington dip sample begun; two sergeants trained.",
        ),
        ("evidence", ""),
        ("public_summary", ""),
    ];
    app.post_form(&format!("/actions/{action}/updates"), &update)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let body = app
        .count("select id from inspected_bodies where name = 'Warwickshire Police'")
        .await;
    Warwickshire {
        body,
        inspection,
        finding,
        action,
    }
}

/// Give `email`'s account exactly the body `body`. Through SQL, because the page where an
/// administrator chooses a user's bodies is being built on another branch.
pub async fn belongs_only_to(app: &TestApp, email: &str, body: i64) {
    app.exec(&format!(
        "delete from user_bodies where user_id = (select id from users where email = '{email}');
         insert into user_bodies (user_id, body_id)
         select id, {body} from users where email = '{email}';"
    ))
    .await;
}

/// The office, a Derbyshire force user and a Warwickshire force user, with Warwickshire's
/// records entered.
async fn two_forces() -> (TestApp, Warwickshire) {
    let mut app = TestApp::seeded().await;
    app.create_user(DERBYSHIRE_FORCE, Role::Force).await;
    let w = the_office_adds_warwickshire(&mut app).await;
    app.create_user(WARWICKSHIRE_FORCE, Role::Force).await;
    belongs_only_to(&app, WARWICKSHIRE_FORCE, w.body).await;
    (app, w)
}

/// Subscribe to a calendar as the signed-in user and read the feed.
async fn calendar_feed(app: &mut TestApp) -> String {
    let page = app.post_form("/calendar", &[]).await.body;
    let start = page.find("/calendar/").expect("feed address") + "/calendar/".len();
    let end = page[start..].find(".ics").expect("ics") + start;
    let path = format!("/calendar/{}.ics", &page[start..end]);
    let feed = app.get(&path).await;
    feed.assert_status(StatusCode::OK);
    feed.body
}

#[tokio::test]
async fn a_warwickshire_force_user_cannot_see_search_or_get_calendar_events_of_derbyshire() {
    let (mut app, w) = two_forces().await;
    app.sign_in(WARWICKSHIRE_FORCE, PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get("/actions")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("WP-01")
        .assert_not_contains("CP-01")
        .assert_not_contains("Chief officer child safeguarding board");
    app.get(&format!("/actions/{}", w.action))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("AFI 1");
    app.get("/actions/1")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Derbyshire's words match nothing, and not even a count of its records shows.
    app.get("/search?q=missing")
        .await
        .assert_contains("Nothing matched")
        .assert_not_contains("Findings (")
        .assert_not_contains("Action-plan items (");
    app.get("/search?q=Derbyshire")
        .await
        .assert_contains("Nothing matched");
    app.get("/search?q=Leamington")
        .await
        .assert_contains("WP-01")
        .assert_contains(&format!("/findings/{}", w.finding));
    let feed = calendar_feed(&mut app).await;
    assert!(feed.contains("Leamington audit reported"), "{feed}");
    assert!(!feed.contains("CP-0"), "no Derbyshire milestone:\n{feed}");
}

#[tokio::test]
async fn derbyshires_force_user_sees_nothing_of_warwickshire() {
    let (mut app, w) = two_forces().await;
    app.sign_in(DERBYSHIRE_FORCE, PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get("/actions")
        .await
        .assert_contains("CP-01")
        .assert_not_contains("WP-01");
    for path in [
        format!("/actions/{}", w.action),
        format!("/findings/{}", w.finding),
    ] {
        app.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    }
    for q in ["Leamington", "Warwickshire", "PEEL"] {
        app.get(&format!("/search?q={q}"))
            .await
            .assert_contains("Nothing matched");
    }
    app.get("/search?q=custody")
        .await
        .assert_not_contains("Leamington")
        .assert_not_contains("WP-01")
        .assert_not_contains("Warwickshire");
    let feed = calendar_feed(&mut app).await;
    assert!(!feed.contains("Leamington"), "{feed}");
    assert!(
        feed.contains("CP-0"),
        "Derbyshire's milestones stay:\n{feed}"
    );
}

#[tokio::test]
async fn a_feed_follows_its_owners_bodies_at_the_time_it_is_read() {
    let (mut app, w) = two_forces().await;
    app.sign_in(DERBYSHIRE_FORCE, PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let page = app.post_form("/calendar", &[]).await.body;
    let start = page.find("/calendar/").expect("feed address");
    let end = page[start..].find(".ics").expect("ics") + start + 4;
    let path = page[start..end].to_string();
    assert!(!app.get(&path).await.body.contains("Leamington"));
    // The liaison officer moves to Warwickshire: the same address now carries its events.
    belongs_only_to(&app, DERBYSHIRE_FORCE, w.body).await;
    app.forget_session();
    let feed = app.get(&path).await.body;
    assert!(feed.contains("Leamington audit reported"), "{feed}");
    assert!(!feed.contains("CP-0"), "{feed}");
}

#[tokio::test]
async fn a_search_for_warwickshire_finds_its_inspection_and_says_whose_each_result_is() {
    let (mut app, w) = two_forces().await;
    // Still signed in as the office.
    let results = app.get("/search?q=Warwickshire").await;
    results
        .assert_status(StatusCode::OK)
        .assert_contains("Inspections (1)")
        .assert_contains(&format!("href=\"/inspections/{}\"", w.inspection))
        .assert_contains("PEEL 2025: police effectiveness in Warwickshire")
        .assert_contains(&format!("href=\"/findings/{}\"", w.finding))
        .assert_contains(&format!("href=\"/actions/{}\"", w.action))
        .assert_contains("Warwickshire Police")
        .assert_not_contains("CP-01");
    // A Derbyshire result names its body and report.
    app.get("/search?q=missing")
        .await
        .assert_contains("Derbyshire Constabulary")
        .assert_not_contains("Warwickshire Police");
    // Renaming the body keeps the index true.
    app.exec(&format!(
        "update inspected_bodies set name = 'Warwickshire Constabulary' where id = {}",
        w.body
    ))
    .await;
    app.get("/search?q=Warwickshire+Constabulary")
        .await
        .assert_contains(&format!("href=\"/findings/{}\"", w.finding));
}

#[tokio::test]
async fn pickers_and_the_findings_csv_name_the_body() {
    let (mut app, w) = two_forces().await;
    app.get("/actions")
        .await
        .assert_contains("Warwickshire Police")
        .assert_contains("Derbyshire Constabulary");
    app.get("/actions/new")
        .await
        .assert_contains("Warwickshire Police: PEEL 2025")
        .assert_contains("Derbyshire Constabulary: ");
    app.get("/meetings/3")
        .await
        .assert_contains("<optgroup label=\"Warwickshire Police\">")
        .assert_contains("<optgroup label=\"Derbyshire Constabulary\">");
    let item = format!("action:{}", w.action);
    app.post_form("/meetings/3/update-requests", &[("item", item.as_str())])
        .await
        .assert_redirect_to("/meetings/3");
    app.get("/meetings/3")
        .await
        .assert_contains("WP-01 Leamington custody record audit – Warwickshire Police");
    app.get("/meetings/1/agenda-items/new")
        .await
        .assert_contains("<optgroup label=\"Warwickshire Police\">");
    app.get("/findings/1/positions/new")
        .await
        .assert_contains("<optgroup label=\"Warwickshire Police\">");
    let csv = app
        .get(&format!("/inspections/{}/findings.csv", w.inspection))
        .await;
    csv.assert_status(StatusCode::OK);
    assert!(
        csv.body
            .starts_with("reference,kind,area,timescale,wording,summary,body\r\n"),
        "{}",
        csv.body
    );
    assert!(
        csv.body.contains(",Warwickshire Police\r\n"),
        "{}",
        csv.body
    );
}

#[tokio::test]
async fn with_one_body_pickers_are_plain_lists() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/meetings/3")
        .await
        .assert_contains("Name an item the force must update")
        .assert_not_contains("<optgroup");
    app.get("/actions")
        .await
        .assert_not_contains("Derbyshire Constabulary");
    app.get("/actions/new")
        .await
        .assert_not_contains("Derbyshire Constabulary: ");
}

#[tokio::test]
async fn the_record_refuses_an_action_addressing_another_bodys_finding() {
    let (app, w) = two_forces().await;
    let new = NewAction {
        body_id: w.body,
        reference: "WP-02".into(),
        title: "Mixed".into(),
        description: String::new(),
        owner_role: String::new(),
        owner_name: String::new(),
        finding_ids: vec![w.finding, 1],
    };
    let refused = record::actions::create(
        &app.state.db,
        &Actor::system("test"),
        app.state.clock.now(),
        new,
    )
    .await;
    match refused {
        Err(RecordError::Invalid(errors)) => assert!(
            errors
                .get("findings")
                .is_some_and(|m| m.contains("another body")),
            "{errors:?}"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(
        app.count("select count(*) from action_items where reference = 'WP-02'")
            .await,
        0
    );
}

#[tokio::test]
async fn a_panel_member_given_a_body_sees_only_its_inspections_meetings_and_actions_arising() {
    let (mut app, w) = two_forces().await;
    // A meeting about Warwickshire only: its one update request names WP-01.
    let meeting = the_office_plans_a_meeting(&mut app, "Warwickshire custody scrutiny").await;
    let item = format!("action:{}", w.action);
    app.post_form(
        &format!("/meetings/{meeting}/update-requests"),
        &[("item", item.as_str())],
    )
    .await
    .assert_redirect_to(&format!("/meetings/{meeting}"));
    // An action arising at it about a Derbyshire finding stays Derbyshire's.
    app.post_form(
        &format!("/meetings/{meeting}/actions-arising"),
        &[
            (
                "description",
                "Derbyshire to share its missing children protocol",
            ),
            ("owner", "Chief Constable"),
            ("due_day", "1"),
            ("due_month", "5"),
            ("due_year", "2026"),
            ("link", "finding:1"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&format!("/meetings/{meeting}"))
        .await
        .assert_contains("missing children protocol");

    let panel = "panel@warwickshire.example.test";
    app.create_user(panel, Role::Panel).await;
    belongs_only_to(&app, panel, w.body).await;
    app.sign_in(panel, PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get("/inspections")
        .await
        .assert_contains("PEEL 2025: police effectiveness in Warwickshire")
        .assert_not_contains("Derbyshire Constabulary");
    app.get("/meetings")
        .await
        .assert_contains("Warwickshire custody scrutiny")
        .assert_not_contains("Accountability board – child protection action plan");
    app.get(&format!("/meetings/{meeting}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("CP-01")
        .assert_not_contains("missing children protocol");
    // The meeting's pack covers Warwickshire's record only.
    app.get(&format!("/meetings/{meeting}/pack"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("WP-01")
        .assert_not_contains("CP-0");
    // The list and the route agree: a Derbyshire meeting is neither listed nor opened.
    app.get("/meetings/1")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get("/actions-arising")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("digital forensics backlog");
    // A meeting about both bodies is seen by neither body's panel member.
    let derbyshire_item = "action:1";
    app.forget_session();
    app.sign_in_as_existing("office@example.test").await;
    app.get("/meetings/1/pack").await.assert_contains("CP-0");
    app.post_form(
        &format!("/meetings/{meeting}/update-requests"),
        &[("item", derbyshire_item)],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.forget_session();
    app.sign_in_as_existing(panel).await;
    app.get("/meetings")
        .await
        .assert_not_contains("Warwickshire custody scrutiny");
    app.get(&format!("/meetings/{meeting}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn superseded_by_names_the_body_and_a_scoped_viewer_never_sees_another_bodys_finding() {
    let (mut app, w) = two_forces().await;
    let by = w.finding.to_string();
    let form = [
        ("position", "superseded"),
        ("superseded_by_id", by.as_str()),
        ("as_at_day", "21"),
        ("as_at_month", "10"),
        ("as_at_year", "2022"),
        ("source", "HMICFRS re-inspection report"),
        ("source_inspection_id", "2"),
        ("note", "Carried into another force's report."),
    ];
    app.post_form("/findings/3/positions", &form)
        .await
        .assert_redirect_to("/findings/3#positions");
    let link = format!("href=\"/findings/{}\"", w.finding);
    app.get("/findings/3")
        .await
        .assert_contains(&link)
        .assert_contains("(Warwickshire Police)");
    app.forget_session();
    app.sign_in_as_existing(DERBYSHIRE_FORCE).await;
    app.get("/findings/3")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Carried into another force")
        .assert_not_contains(&link)
        .assert_not_contains("Warwickshire");
}

#[tokio::test]
async fn an_action_arising_names_a_meeting_its_viewer_cannot_open_without_linking_it() {
    let (mut app, w) = two_forces().await;
    // A Derbyshire meeting (its update request is Derbyshire's) asks something of Warwickshire.
    let meeting =
        the_office_plans_a_meeting(&mut app, "Derbyshire board with a Warwickshire question").await;
    app.post_form(
        &format!("/meetings/{meeting}/update-requests"),
        &[("item", "action:1")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let link = format!("action:{}", w.action);
    app.post_form(
        &format!("/meetings/{meeting}/actions-arising"),
        &[
            ("description", "Warwickshire to share its custody audit"),
            ("owner", "Chief Constable of Warwickshire"),
            ("due_day", "1"),
            ("due_month", "5"),
            ("due_year", "2026"),
            ("link", link.as_str()),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let action_page = format!("/actions/{}", w.action);
    let meeting_link = format!("href=\"/meetings/{meeting}\"");
    app.get(&action_page).await.assert_contains(&meeting_link);

    let panel = "panel@warwickshire.example.test";
    app.create_user(panel, Role::Panel).await;
    belongs_only_to(&app, panel, w.body).await;
    app.forget_session();
    app.sign_in_as_existing(panel).await;
    app.get(&format!("/meetings/{meeting}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&action_page)
        .await
        .assert_contains("Warwickshire to share its custody audit")
        .assert_contains("Derbyshire board with a Warwickshire question")
        .assert_not_contains(&meeting_link);
}

/// The office plans a meeting, with nothing on it yet; its id.
async fn the_office_plans_a_meeting(app: &mut TestApp, title: &str) -> i64 {
    let meeting = [
        ("kind", "accountability_board"),
        ("title", title),
        ("date_day", "15"),
        ("date_month", "4"),
        ("date_year", "2026"),
        ("time", "10:00"),
        ("location", "Ripley"),
        ("attendees", "Board"),
        ("status", "planned"),
        ("deadline_day", ""),
        ("deadline_month", ""),
        ("deadline_year", ""),
        ("minutes", ""),
        ("public_summary", ""),
        ("version", ""),
    ];
    app.post_form("/meetings", &meeting)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.count(&format!(
        "select max(id) from meetings where title = '{title}'"
    ))
    .await
}

#[tokio::test]
async fn a_saved_pack_is_read_only_by_those_who_see_every_body_it_was_made_for() {
    let (mut app, w) = two_forces().await;
    let theirs = the_office_plans_a_meeting(&mut app, "Warwickshire custody board").await;
    let item = format!("action:{}", w.action);
    app.post_form(
        &format!("/meetings/{theirs}/update-requests"),
        &[("item", item.as_str())],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    // A meeting about no body in particular: its pack covers every body's record.
    let everyone = the_office_plans_a_meeting(&mut app, "Annual review of the whole plan").await;
    for meeting in [theirs, everyone] {
        app.post_form(&format!("/meetings/{meeting}/pack"), &[])
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }
    let pack_of =
        |meeting: i64| format!("select id from meeting_packs where meeting_id = {meeting}");
    let (their_pack, every_pack) = (
        app.count(&pack_of(theirs)).await,
        app.count(&pack_of(everyone)).await,
    );
    app.get(&format!("/meetings/{everyone}/packs/{every_pack}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("CP-0");

    let panel = "panel@warwickshire.example.test";
    app.create_user(panel, Role::Panel).await;
    belongs_only_to(&app, panel, w.body).await;
    app.forget_session();
    app.sign_in_as_existing(panel).await;
    app.get(&format!("/meetings/{theirs}/packs/{their_pack}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("WP-01")
        .assert_not_contains("CP-0");
    // The meeting itself is about no body, so it opens, but the pack saved for every body
    // neither opens nor is offered; the live pack shows Warwickshire's record only.
    app.get(&format!("/meetings/{everyone}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains(&format!("/packs/{every_pack}"));
    app.get(&format!("/meetings/{everyone}/packs/{every_pack}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/meetings/{everyone}/pack"))
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("CP-0");
}
