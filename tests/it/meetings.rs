//! Meetings, agenda items, update requests and actions arising, and who may reach them.

use axum::http::StatusCode;
use scrutineer::domain::scope::Scope;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

const OFFICE: &[Role] = &[Role::Office];
const READERS: &[Role] = &[Role::Office, Role::Panel];
const ALL: &[Role] = &[Role::Office, Role::Panel, Role::Force];

/// Every route of this area: method, path, roles allowed.
const ROUTES: &[(&str, &str, &[Role])] = &[
    ("GET", "/meetings", READERS),
    ("GET", "/meetings/new", OFFICE),
    ("POST", "/meetings", OFFICE),
    ("GET", "/meetings/3", READERS),
    ("GET", "/meetings/3/edit", OFFICE),
    ("POST", "/meetings/3", OFFICE),
    ("POST", "/meetings/3/update-requests", OFFICE),
    ("GET", "/meetings/3/agenda-items/new", OFFICE),
    ("POST", "/meetings/3/agenda-items", OFFICE),
    ("GET", "/meetings/3/agenda-items/9/edit", OFFICE),
    ("POST", "/meetings/3/agenda-items/9", OFFICE),
    ("GET", "/meetings/3/actions-arising/new", OFFICE),
    ("POST", "/meetings/3/actions-arising", OFFICE),
    ("GET", "/actions-arising", READERS),
    ("GET", "/actions-arising/3/edit", OFFICE),
    ("POST", "/actions-arising/3", OFFICE),
    ("GET", "/meetings/3/pack", READERS),
    ("POST", "/meetings/3/pack", OFFICE),
    ("GET", "/meetings/3/packs/1", READERS),
    ("GET", "/calendar", ALL),
    ("POST", "/calendar", ALL),
    ("POST", "/calendar/1/revoke", ALL),
];

async fn call(app: &mut TestApp, method: &str, path: &str) -> crate::helpers::TestResponse {
    if method == "GET" {
        app.get(path).await
    } else {
        app.post_form(path, &[]).await
    }
}

async fn app_with_a_saved_pack() -> TestApp {
    let app = TestApp::seeded().await;
    app.exec(
        "insert into meeting_packs (meeting_id, content, sha256, saved_by, saved_at)
         values (3, '<p>pack</p>', 'abc', 1, '2026-03-01T10:00:00Z');
         insert into calendar_feeds (user_id, token_hash, created_at)
         values (1, 'hash', '2026-03-01T10:00:00Z');",
    )
    .await;
    app
}

#[tokio::test]
async fn anonymous_visitors_are_sent_to_sign_in_for_every_meeting_route() {
    let mut app = app_with_a_saved_pack().await;
    for (method, path, _) in ROUTES {
        let response = call(&mut app, method, path).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{method} {path}");
        assert_eq!(
            response.location(),
            format!("/sign-in?next={path}"),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn each_role_reaches_exactly_the_routes_it_is_allowed() {
    for role in [Role::Office, Role::Panel, Role::Force] {
        let mut app = app_with_a_saved_pack().await;
        app.sign_in_as(role).await;
        for (method, path, allowed) in ROUTES {
            let response = call(&mut app, method, path).await;
            if allowed.contains(&role) {
                assert_ne!(
                    response.status,
                    StatusCode::FORBIDDEN,
                    "{role:?} {method} {path}"
                );
                assert!(
                    !response.location().starts_with("/sign-in"),
                    "{role:?} {method} {path}"
                );
                assert!(
                    response.status != StatusCode::INTERNAL_SERVER_ERROR,
                    "{role:?} {method} {path}"
                );
            } else {
                assert_eq!(
                    response.status,
                    StatusCode::FORBIDDEN,
                    "{role:?} {method} {path}"
                );
            }
        }
    }
}

pub fn meeting_fields<'a>(
    title: &'a str,
    time: &'a str,
    version: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("kind", "police_and_crime_panel"),
        ("title", title),
        ("date_day", "15"),
        ("date_month", "4"),
        ("date_year", "2026"),
        ("time", time),
        ("location", "County Hall, Matlock"),
        ("attendees", "Panel members; Commissioner"),
        ("status", "planned"),
        ("deadline_day", "8"),
        ("deadline_month", "4"),
        ("deadline_year", "2026"),
        ("minutes", ""),
        ("public_summary", ""),
        ("version", version),
    ]
}

#[tokio::test]
async fn the_office_adds_a_meeting_stored_in_london_local_time() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/meetings/new")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Add a meeting");
    let response = app
        .post_form("/meetings", &meeting_fields("Panel – April", "14:30", ""))
        .await;
    response.assert_redirect_to("/meetings/4");
    let starts: String = sqlx::query_scalar("select starts_at from meetings where id = 4")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(starts, "2026-04-15T14:30:00");
    assert_eq!(
        app.count("select count(*) from audit_events where entity = 'meeting' and entity_id = 4")
            .await,
        1
    );
    app.get("/meetings/4")
        .await
        .assert_contains("Panel – April")
        .assert_contains("15 April 2026, 2:30pm")
        .assert_contains("8 April 2026");
    let list = app.get("/meetings").await;
    list.assert_contains("Upcoming")
        .assert_contains("Panel – April");
    let upcoming = list
        .body
        .split("Past")
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        upcoming.contains("Panel – April")
            && !upcoming.contains("Accountability board – child protection action plan")
    );
}

#[tokio::test]
async fn an_invalid_meeting_is_shown_again_with_what_was_typed_and_a_message_per_field() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let mut fields = meeting_fields("Typed title", "25:00", "");
    fields[0] = ("kind", "");
    let response = app.post_form("/meetings", &fields).await;
    response
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("There is a problem")
        .assert_contains("Choose the kind of meeting")
        .assert_contains("Enter a time like 14:00, 14.00, 2pm or 2.30pm")
        .assert_contains("value=\"Typed title\"")
        .assert_contains("value=\"25:00\"");
    assert_eq!(app.count("select count(*) from meetings").await, 3);
}

#[tokio::test]
async fn editing_a_meeting_over_someone_elses_change_is_a_conflict_that_keeps_the_typing() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/meetings/3/edit")
        .await
        .assert_contains("Public accountability meeting – protecting children");
    app.post_form("/meetings/3", &meeting_fields("First save", "14:00", "1"))
        .await
        .assert_redirect_to("/meetings/3");
    let response = app
        .post_form("/meetings/3", &meeting_fields("Second save", "15:00", "1"))
        .await;
    response
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("Someone else changed this record")
        .assert_contains("value=\"Second save\"")
        .assert_contains("name=\"version\" value=\"2\"");
    let (title, version): (String, i64) =
        sqlx::query_as("select title, version from meetings where id = 3")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!((title.as_str(), version), ("First save", 2));
    app.post_form("/meetings/3", &meeting_fields("Second save", "15:00", "2"))
        .await
        .assert_redirect_to("/meetings/3");
}

#[tokio::test]
async fn a_judgement_on_an_agenda_item_is_saved_as_an_assessment_dated_the_meeting_day() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let fields = [
        ("finding", "finding:7"),
        ("action", "action:5"),
        ("question", "Is the workload review on track?"),
        ("answer", "It will report in May."),
        ("level", "limited"),
        ("rationale", "Still too few investigators."),
        ("evidence_seen", "Workforce plan"),
        ("version", ""),
    ];
    app.post_form("/meetings/3/agenda-items", &fields)
        .await
        .assert_redirect_to("/meetings/3");
    let (id, finding, level, on, meeting): (i64, i64, String, String, i64) = sqlx::query_as(
        "select s.id, s.finding_id, s.level, s.assessed_on, s.meeting_id from agenda_items g
         join assessments s on s.id = g.assessment_id where g.question = 'Is the workload review on track?'",
    ).fetch_one(&app.state.db).await.unwrap();
    assert_eq!(
        (finding, level.as_str(), on.as_str(), meeting),
        (7, "limited", "2026-03-23", 3)
    );
    let item: i64 = sqlx::query_scalar("select id from agenda_items where assessment_id = ?")
        .bind(id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    app.get("/meetings/3")
        .await
        .assert_contains("Is the workload review on track?")
        .assert_contains("Limited");

    // Saving the same judgement keeps it; a different one is a new assessment.
    let path = format!("/meetings/3/agenda-items/{item}");
    let mut same = fields.to_vec();
    same[7] = ("version", "1");
    app.post_form(&path, &same)
        .await
        .assert_redirect_to("/meetings/3");
    assert_eq!(
        app.count("select count(*) from assessments where meeting_id = 3")
            .await,
        1
    );
    let mut changed = same.clone();
    changed[4] = ("level", "reasonable");
    changed[7] = ("version", "2");
    app.post_form(&path, &changed)
        .await
        .assert_redirect_to("/meetings/3");
    assert_eq!(
        app.count("select count(*) from assessments where meeting_id = 3")
            .await,
        2
    );
    let level: String = sqlx::query_scalar("select s.level from agenda_items g join assessments s on s.id = g.assessment_id where g.id = ?")
        .bind(item).fetch_one(&app.state.db).await.unwrap();
    assert_eq!(level, "reasonable");
    // A stale version is a conflict.
    app.post_form(&path, &same)
        .await
        .assert_status(StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_judgement_needs_a_finding_and_a_rationale() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let response = app
        .post_form(
            "/meetings/3/agenda-items",
            &[
                ("finding", ""),
                ("action", "action:5"),
                ("question", "Typed question"),
                ("level", "limited"),
            ],
        )
        .await;
    response
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Choose the finding the assurance judgement is about")
        .assert_contains("Give the rationale for the assurance judgement")
        .assert_contains("Typed question");
    assert_eq!(
        app.count("select count(*) from agenda_items where meeting_id = 3")
            .await,
        4
    );
}

#[tokio::test]
async fn actions_arising_are_added_listed_with_overdue_flags_and_closed() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form(
        "/meetings/3/actions-arising",
        &[
            ("description", "Chief Constable to share the workforce plan"),
            ("owner", "Chief Constable"),
            ("due_day", "1"),
            ("due_month", "5"),
            ("due_year", "2026"),
            ("link", "action:5"),
        ],
    )
    .await
    .assert_redirect_to("/meetings/3");
    assert_eq!(app.count("select count(*) from actions_arising where meeting_id = 3 and action_id = 5 and due_on = '2026-05-01'").await, 1);
    let list = app.get("/actions-arising").await;
    list.assert_contains("Chief Constable to share the workforce plan")
        .assert_contains("2 overdue (due before today and not closed).");
    let row3 = list
        .body
        .split("id=\"arising-3\"")
        .nth(1)
        .unwrap_or_default()
        .split("</tr>")
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(row3.contains("Overdue"), "{row3}");
    let row4 = list
        .body
        .split("id=\"arising-4\"")
        .nth(1)
        .unwrap_or_default()
        .split("</tr>")
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(!row4.contains("Overdue"), "{row4}");

    let closing = |version: &'static str, closed_day: &'static str| {
        vec![
            (
                "description",
                "Deputy Chief Constable to provide a recovery plan",
            ),
            ("owner", "Deputy Chief Constable"),
            ("due_day", "18"),
            ("due_month", "2"),
            ("due_year", "2026"),
            ("status", "closed"),
            ("response", "Recovery plan received."),
            ("closed_day", closed_day),
            ("closed_month", "3"),
            ("closed_year", "2026"),
            ("version", version),
        ]
    };
    let mut no_date = closing("1", "");
    no_date[8] = ("closed_month", "");
    no_date[9] = ("closed_year", "");
    app.post_form("/actions-arising/3", &no_date)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Enter the closure date of a closed action arising");
    app.post_form("/actions-arising/3", &closing("1", "2"))
        .await
        .assert_redirect_to("/actions-arising");
    let (status, closed): (String, String) =
        sqlx::query_as("select status, closed_on from actions_arising where id = 3")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), closed.as_str()), ("closed", "2026-03-02"));
    app.post_form("/actions-arising/3", &closing("1", "1"))
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("Someone else changed this record");
    assert_eq!(
        app.count("select count(*) from audit_events where entity = 'action_arising'")
            .await,
        2
    );
}

#[tokio::test]
async fn actions_arising_can_be_listed_for_a_finding_or_an_action() {
    let app = TestApp::seeded().await;
    let for_finding = scrutineer::db::arising::list_for_finding(&app.state.db, 8, &Scope::All)
        .await
        .unwrap();
    assert_eq!(
        for_finding.iter().map(|x| x.id).collect::<Vec<_>>(),
        vec![1]
    );
    let for_action = scrutineer::db::arising::list_for_action(&app.state.db, 5, &Scope::All)
        .await
        .unwrap();
    assert_eq!(for_action.iter().map(|x| x.id).collect::<Vec<_>>(), vec![4]);
    let chrome = scrutineer::handlers::chrome(&app.state, None);
    let table = scrutineer::views::arising::arising_table(
        &chrome,
        "About CP-05",
        &for_action,
        crate::helpers::test_today(),
        false,
    )
    .into_string();
    assert!(
        table.contains("Assistant Chief Constable to confirm")
            && table.contains("href=\"/actions/5\"")
    );
}

#[tokio::test]
async fn named_items_await_an_update_before_the_deadline_and_show_what_came_in_after_it() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let before = app.get("/meetings/3").await;
    assert_eq!(before.body.matches("Awaiting update").count(), 4);

    // The deadline passes: one item was updated after the request and by the deadline day.
    app.exec(
        "update meetings set update_deadline = '2026-03-01' where id = 3;
         insert into progress_updates (action_id, as_at, rag, narrative, author_id, entered_at)
         values (6, '2026-02-26', 'red', 'Backlog still nine months.', 3, '2026-02-26T10:00:00Z');",
    )
    .await;
    let after = app.get("/meetings/3").await;
    assert_eq!(after.body.matches("Update received").count(), 1);
    assert_eq!(after.body.matches("No update received").count(), 3);
    let requests = after
        .body
        .split("Items the force must update")
        .nth(1)
        .unwrap_or_default();
    let cp06 = requests
        .split("CP-06")
        .nth(1)
        .unwrap_or_default()
        .split("</tr>")
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(cp06.contains("Update received"), "{cp06}");
}

#[tokio::test]
async fn the_office_names_an_item_the_force_must_update() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/meetings/3")
        .await
        .assert_contains("Add to update requests");
    app.post_form("/meetings/3/update-requests", &[("item", "finding:14")])
        .await
        .assert_redirect_to("/meetings/3");
    assert_eq!(
        app.count("select count(*) from update_requests where meeting_id = 3 and finding_id = 14")
            .await,
        1
    );
    app.get("/meetings/3").await.assert_contains("AFI");
}

#[tokio::test]
async fn changing_a_public_summary_withdraws_its_approval_but_other_edits_keep_it() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let form = app.get("/meetings/2/edit").await;
    let summary: String = sqlx::query_scalar("select public_summary from meetings where id = 2")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert!(
        form.body
            .contains("The Commissioner reviewed the response to missing children")
    );
    let mut fields = meeting_fields("Renamed board", "10:00", "1");
    fields[8] = ("status", "held");
    fields[9] = ("deadline_day", "");
    fields[10] = ("deadline_month", "");
    fields[11] = ("deadline_year", "");
    fields[13] = ("public_summary", summary.as_str());
    fields[2] = ("date_day", "21");
    fields[3] = ("date_month", "1");
    app.post_form("/meetings/2", &fields)
        .await
        .assert_redirect_to("/meetings/2");
    assert_eq!(app.count("select count(*) from meetings where id = 2 and summary_approved_at is not null and title = 'Renamed board'").await, 1);
    fields[13] = ("public_summary", "A new summary nobody has approved.");
    fields[14] = ("version", "2");
    app.post_form("/meetings/2", &fields)
        .await
        .assert_redirect_to("/meetings/2");
    assert_eq!(app.count("select count(*) from meetings where id = 2 and summary_approved_at is null and summary_approved_by is null").await, 1);
}
