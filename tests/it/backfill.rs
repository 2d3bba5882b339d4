//! History entered later, truthfully: an office taking on Warwickshire's 2022 inspection in
//! 2026 types its updates, assessment, inspectorate position, a revision decided in 2022 and
//! a met date through the forms, and the "as at" dashboards show 2022 and 2023 as they were.
//! The audit log still says when each was typed.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::dashboard_fixture::count_at;
use crate::helpers::TestApp;

/// Post `fields` to `path` as the signed-in user and expect the save to go through.
async fn saved(app: &mut TestApp, path: &str, fields: &[(&str, &str)]) {
    app.post_form(path, fields)
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

/// A date as the three boxes of the field `name` send it.
fn on<'a>(name: &str, d: &'a str, m: &'a str, y: &'a str) -> [(String, &'a str); 3] {
    [
        (format!("{name}_day"), d),
        (format!("{name}_month"), m),
        (format!("{name}_year"), y),
    ]
}

fn with<'a>(
    fields: &[(&'a str, &'a str)],
    date: &'a [(String, &'a str); 3],
) -> Vec<(&'a str, &'a str)> {
    let mut all = fields.to_vec();
    all.extend(date.iter().map(|(k, v)| (k.as_str(), *v)));
    all
}

/// The office enters Warwickshire's 2022 child protection inspection (published 10 June 2022)
/// and its history, all typed on the tests' today, 2 March 2026; the milestone's id.
async fn the_office_backfills_warwickshire_2022(app: &mut TestApp) -> i64 {
    app.sign_in_as(Role::Office).await;
    let published = on("published_on", "10", "6", "2022");
    let inspection = [
        ("body_id", ""),
        ("new_body", "Warwickshire Police"),
        ("title", "Child protection 2022: Warwickshire"),
        ("kind", "peel"),
        ("source", "hmicfrs"),
        ("fieldwork_start_day", ""),
        ("fieldwork_start_month", ""),
        ("fieldwork_start_year", ""),
        ("fieldwork_end_day", ""),
        ("fieldwork_end_month", ""),
        ("fieldwork_end_year", ""),
        ("report_url", ""),
        ("follows_up_id", ""),
    ];
    saved(app, "/inspections", &with(&inspection, &published)).await;
    let inspection = app
        .count("select id from inspections where title like 'Child protection 2022%'")
        .await;
    let finding = [
        ("kind", "area_for_improvement"),
        ("parent_id", ""),
        ("reference", "AFI 1"),
        ("area", "Child protection"),
        (
            "official_wording",
            "The force should improve how it shares information about children at risk.",
        ),
        (
            "public_summary",
            "Better information sharing about children at risk.",
        ),
        ("timescale", "within_6_months"),
        ("timescale_date_day", ""),
        ("timescale_date_month", ""),
        ("timescale_date_year", ""),
        ("parts", ""),
        ("version", ""),
    ];
    saved(
        app,
        &format!("/inspections/{inspection}/findings"),
        &finding,
    )
    .await;
    let finding = app
        .count("select id from findings where reference = 'AFI 1' and inspection_id = (select id from inspections where title like 'Child protection 2022%')")
        .await;
    let finding_id = finding.to_string();
    let action = [
        ("reference", "WCP-01"),
        ("title", "Multi-agency information sharing protocol"),
        (
            "description",
            "Agree and train a protocol with the safeguarding partners.",
        ),
        ("owner_role", "Head of Public Protection"),
        ("owner_name", "Demo – D Supt W. Example"),
        ("findings", finding_id.as_str()),
    ];
    saved(app, "/actions", &action).await;
    let action = app
        .count("select id from action_items where reference = 'WCP-01'")
        .await;
    let due = on("date", "31", "12", "2022");
    saved(
        app,
        &format!("/actions/{action}/milestones"),
        &with(&[("title", "Protocol signed by all partners")], &due),
    )
    .await;
    let milestone = app
        .count("select id from milestones where title = 'Protocol signed by all partners'")
        .await;

    for (d, m, y, rag, narrative) in [
        (
            "30",
            "9",
            "2022",
            "amber",
            "Draft protocol with two of three partners.",
        ),
        (
            "31",
            "3",
            "2023",
            "green",
            "Protocol agreed; training under way.",
        ),
    ] {
        let as_at = on("as_at", d, m, y);
        let update = [
            ("rag", rag),
            ("narrative", narrative),
            ("evidence", ""),
            ("public_summary", ""),
        ];
        saved(
            app,
            &format!("/actions/{action}/updates"),
            &with(&update, &as_at),
        )
        .await;
    }
    // Decided on 15 November 2022: the health partner needed until March.
    let new_due = on("date", "31", "3", "2023");
    let mut revise = with(
        &[
            ("reason_category", "national_dependency"),
            ("reason", "The health partner's sign-off moved to March."),
            (
                "requested_by",
                "Warwickshire Police – Head of Public Protection",
            ),
        ],
        &new_due,
    );
    let decided = on("decided_on", "15", "11", "2022");
    revise.extend(decided.iter().map(|(k, v)| (k.as_str(), *v)));
    saved(app, &format!("/milestones/{milestone}/revise"), &revise).await;
    let met = on("date", "20", "3", "2023");
    saved(
        app,
        &format!("/milestones/{milestone}/met"),
        &with(&[], &met),
    )
    .await;
    let assessed = on("assessed_on", "1", "12", "2022");
    let assessment = [
        ("level", "limited"),
        ("part_id", ""),
        (
            "rationale",
            "The protocol is still a draft; no partner has signed.",
        ),
        ("rationale_shared", ""),
        ("evidence_seen", ""),
    ];
    saved(
        app,
        &format!("/findings/{finding}/assessments"),
        &with(&assessment, &assessed),
    )
    .await;
    let position = [
        ("position", "met"),
        ("superseded_by_id", ""),
        ("source", "Post-inspection review 2023"),
        ("source_inspection_id", ""),
        ("report_words", "substantial progress"),
        ("note", ""),
    ];
    let as_at = on("as_at", "15", "9", "2023");
    saved(
        app,
        &format!("/findings/{finding}/positions"),
        &with(&position, &as_at),
    )
    .await;
    milestone
}

/// The overview's count behind the link to `list?{query}` as at `as_at`.
fn shown(body: &str, list: &str, query: &str, as_at: &str) -> Option<usize> {
    count_at(body, &format!("/dashboard/{list}?{query}&as_at={as_at}"))
}

#[tokio::test]
async fn a_2022_inspection_entered_in_2026_shows_its_2022_and_2023_state_as_at_those_dates() {
    let mut app = TestApp::new().await;
    let milestone = the_office_backfills_warwickshire_2022(&mut app).await;
    app.sign_in_as(Role::Panel).await;

    // 31 August 2022: the report is out, nothing has happened yet.
    let page = app.get("/dashboard?as_at=2022-08-31").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("As at 31 August 2022");
    let at = |q: &str, l: &str| shown(&page.body, l, q, "2022-08-31");
    assert_eq!(at("rag=no_update", "findings"), Some(1));
    assert_eq!(at("assurance=not_assessed", "findings"), Some(1));
    assert_eq!(at("position=not_recorded", "findings"), Some(1));
    assert_eq!(at("status=scheduled", "milestones"), Some(1));

    // 31 December 2022: amber, limited assurance, the milestone moved to March (one slip)
    // and so not missed although its original date was today.
    let page = app.get("/dashboard?as_at=2022-12-31").await;
    let at = |q: &str, l: &str| shown(&page.body, l, q, "2022-12-31");
    assert_eq!(at("rag=amber", "findings"), Some(1));
    assert_eq!(at("rag=no_update", "findings"), Some(0));
    assert_eq!(at("assurance=limited", "findings"), Some(1));
    assert_eq!(at("position=not_recorded", "findings"), Some(1));
    assert_eq!(at("status=scheduled", "milestones"), Some(1));
    assert_eq!(at("status=missed", "milestones"), Some(0));
    app.get("/dashboard/milestones?as_at=2022-12-31")
        .await
        .assert_contains("31 March 2023");

    // 30 September 2023: green since March, still limited assurance, HMICFRS says met, and
    // the milestone was met on 20 March.
    let page = app.get("/dashboard?as_at=2023-09-30").await;
    let at = |q: &str, l: &str| shown(&page.body, l, q, "2023-09-30");
    assert_eq!(at("rag=green", "findings"), Some(1));
    assert_eq!(at("rag=amber", "findings"), Some(0));
    assert_eq!(at("assurance=limited", "findings"), Some(1));
    assert_eq!(at("position=met", "findings"), Some(1));
    assert_eq!(at("status=met", "milestones"), Some(1));
    assert_eq!(at("status=scheduled", "milestones"), Some(0));

    // The decision's date is kept apart from its typing time, which the audit log keeps.
    assert_eq!(
        app.count(&format!(
            "select count(*) from milestone_revisions
             where milestone_id = {milestone} and decided_on = '2022-11-15'
               and date(accepted_at) = '2026-03-02'"
        ))
        .await,
        1
    );
    for (entity, action) in [
        ("milestone_revision", "create"),
        ("milestone", "met"),
        ("assessment", "create"),
        ("inspectorate_position", "create"),
    ] {
        assert_eq!(
            app.count(&format!(
                "select count(*) from audit_events
                 where entity = '{entity}' and action = '{action}' and date(at) = '2026-03-02'"
            ))
            .await,
            1,
            "{entity} {action} typed on 2 March 2026"
        );
    }
}

#[tokio::test]
async fn decisions_default_to_today_may_be_dated_earlier_but_never_in_the_future() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/milestones/17/revise")
        .await
        .assert_contains("name=\"decided_on_day\" type=\"text\" inputmode=\"numeric\" value=\"2\"")
        .assert_contains(
            "name=\"decided_on_year\" type=\"text\" inputmode=\"numeric\" value=\"2026\"",
        );
    app.get("/milestones/17/met")
        .await
        .assert_contains("name=\"date_year\" type=\"text\" inputmode=\"numeric\" value=\"2026\"");
    app.get("/proposals").await.assert_contains(
        "name=\"decided_on_month\" type=\"text\" inputmode=\"numeric\" value=\"3\"",
    );

    let mut revise = crate::milestones::revision("30", "4", "2026");
    revise.retain(|(k, _)| !k.starts_with("decided_on"));
    let tomorrow = [
        ("decided_on_day", "3"),
        ("decided_on_month", "3"),
        ("decided_on_year", "2026"),
    ];
    revise.extend(tomorrow);
    app.post_form("/milestones/17/revise", &revise)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be today or in the past")
        .assert_contains(">Two analyst posts vacant.</textarea>");
    app.post_form("/proposals/1/accept", &tomorrow)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be today or in the past");
    assert_eq!(
        app.count("select count(*) from milestone_revisions where decided_on > '2026-03-02'")
            .await,
        0
    );

    // Accepted as decided at the board of 9 February 2026, typed on 2 March.
    app.post_form(
        "/proposals/1/accept",
        &[
            ("decided_on_day", "9"),
            ("decided_on_month", "2"),
            ("decided_on_year", "2026"),
        ],
    )
    .await
    .assert_redirect_to("/proposals");
    assert_eq!(
        app.count(
            "select count(*) from revision_proposals p
             join milestone_revisions r on r.proposal_id = p.id
             where p.id = 1 and p.decided_on = '2026-02-09' and r.decided_on = '2026-02-09'
               and date(p.decided_at) = '2026-03-02'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_revision_typed_without_a_decision_date_took_effect_the_day_it_was_typed_and_keeps_it() {
    let app = TestApp::seeded().await;
    // The example's revisions are inserted as older tools did, with no decision date.
    assert!(app.count("select count(*) from milestone_revisions").await > 0);
    assert_eq!(
        app.count(
            "select count(*) from milestone_revisions
             where decided_on is null or decided_on <> date(accepted_at)"
        )
        .await,
        0
    );
    let moved = sqlx::query("update milestone_revisions set decided_on = '2020-01-01'")
        .execute(&app.state.db)
        .await;
    assert!(
        moved.is_err_and(|e| e.to_string().contains("append-only")),
        "a decision date, once given, never changes"
    );
}
