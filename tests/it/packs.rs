//! The meeting pack, checked item by item against a fixture, and the pack of record.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

/// The Derbyshire data (today 2 March 2026; meeting 3 on 23 March, previous meeting on
/// 21 January) plus, since that meeting: a revision, two assessments, a worse reading, a new
/// report, a passed update deadline and one update that answered its request.
pub(crate) async fn fixture() -> TestApp {
    let app = TestApp::seeded().await;
    app.exec(
        "insert into milestone_revisions (milestone_id, previous_due_on, new_due_on, reason_category,
             reason, requested_by, accepted_by, accepted_at)
         values (17, '2026-03-27', '2026-04-21', 'resourcing', 'Audit team seconded to a homicide review.',
             'Force', 1, '2026-02-25T11:00:00Z');
         insert into assessments (finding_id, level, assessed_on, rationale, assessor_id, created_at)
         values (7, 'none', '2026-02-27', 'Review slipped again.', 1, '2026-02-27T10:00:00Z'),
                (3, 'reasonable', '2026-02-28', 'Checklist in use.', 1, '2026-02-28T10:00:00Z');
         insert into measure_readings (measure_id, taken_on, value, recorded_by, created_at)
         values (1, '2026-02-25', 200, 1, '2026-02-25T10:00:00Z');
         insert into inspections (body_id, title, kind, published_on, created_at, updated_at)
         values (1, 'PEEL 2025 to 2027: Derbyshire', 'peel', '2026-02-20', '2026-02-20T10:00:00Z', '2026-02-20T10:00:00Z');
         update meetings set update_deadline = '2026-03-01' where id = 3;
         insert into progress_updates (action_id, as_at, rag, narrative, author_id, entered_at)
         values (6, '2026-02-26', 'red', 'Backlog still nine months.', 3, '2026-02-26T10:00:00Z');",
    )
    .await;
    app
}

/// The text of one pack section, from its heading to the next section.
fn section<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &body[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

fn in_order(text: &str, items: &[&str]) {
    let mut from = 0;
    for item in items {
        let at = text[from..]
            .find(item)
            .unwrap_or_else(|| panic!("{item:?} missing or out of order in:\n{text}"));
        from += at + item.len();
    }
}

#[tokio::test]
async fn the_pack_lists_each_known_item_and_nothing_else() {
    let mut app = fixture().await;
    app.sign_in_as(Role::Panel).await;
    let pack = app.get("/meetings/3/pack").await;
    pack.assert_status(StatusCode::OK);
    let body = pack.body.as_str();

    let overdue = section(body, "overdue");
    in_order(
        overdue,
        &[
            "Workload review of public protection investigators delivered",
            "26 January 2026",
            ">35<",
            "Overdue registered sex offender visits below 100",
            "15 February 2026",
            ">15<",
            "Head of Public Protection to share the triage pilot evaluation",
            "1 January 2026",
            ">60<",
            "Deputy Chief Constable to provide a recovery plan",
            "18 February 2026",
            ">12<",
        ],
    );
    assert!(
        !overdue.contains("Assistant Chief Constable to confirm"),
        "not yet due"
    );
    assert!(
        !overdue.contains("Chief Constable to report on the digital forensics backlog"),
        "closed"
    );

    let due = section(body, "due-soon");
    in_order(
        due,
        &[
            "Revised multi-agency triage process live county-wide",
            "Decision-making audit reported to the chief officer board",
            "Wanted persons performance report",
            "Two years of quarterly missing-episode dip samples",
            "Protocol with local authorities",
            "Digital forensic examination backlog below three months",
        ],
    );
    assert_eq!(
        due.matches("<tr class=\"govuk-table__row\">").count(),
        7,
        "6 rows and the header"
    );
    assert!(
        !due.contains("Second cohort"),
        "after the 90-day look-ahead"
    );

    let revised = section(body, "revised");
    in_order(
        revised,
        &[
            "CP-07",
            "Decision-making audit",
            "27 March 2026",
            "21 April 2026",
            "Resourcing",
            "Audit team seconded",
        ],
    );
    assert!(
        !revised.contains("triage process"),
        "revised before the previous meeting"
    );

    let stale = section(body, "stale");
    in_order(stale, &["CP-02", "CP-07", "CP-09", "CP-10", "CP-11"]);
    for fresh in ["CP-01", "CP-03", "CP-04", "CP-05", "CP-06", "CP-08"] {
        assert!(!stale.contains(fresh), "{fresh} is not stale");
    }

    let no_update = section(body, "no-update");
    in_order(no_update, &["CP-05", "CP-08", "CP-07"]);
    assert!(!no_update.contains("CP-06"), "CP-06 answered its request");

    let assurance = section(body, "assurance");
    in_order(
        assurance,
        &[
            "Recommendation 3",
            "Not yet assessed",
            "Reasonable",
            "Recommendation 7",
            "Limited",
            "No assurance",
        ],
    );
    assert!(
        !assurance.contains("Recommendation 2<"),
        "changed at the previous meeting, not since"
    );

    let measures = section(body, "measures");
    in_order(
        measures,
        &[
            "Overdue registered sex offender visits",
            "185 visits",
            "200 visits",
        ],
    );
    assert!(!measures.contains("Strategy discussions"), "improving");

    let s55 = section(body, "s55");
    in_order(
        s55,
        &[
            "PEEL 2025 to 2027: Derbyshire",
            "45 days left",
            "16 April 2026",
        ],
    );
    assert!(!s55.contains("re-inspection"));

    let questions = section(body, "questions");
    in_order(
        questions,
        &[
            "Milestone 'Workload review of public protection investigators delivered' on CP-05 is 35 days overdue: when will it be delivered, and what is stopping it?",
            "is 12 days overdue: when will it be answered?",
            "moved from 27 March 2026 to 21 April 2026 (resourcing)",
            "CP-02 '",
            "No update on CP-05 was received by the deadline",
            "Assurance on Recommendation 7 fell from limited to no assurance on 27 February 2026",
            "from 185 to 200 visits",
            "must be published by 16 April 2026: is it on track?",
        ],
    );
}

#[tokio::test]
async fn before_the_deadline_nothing_is_listed_as_no_update_received() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let pack = app.get("/meetings/3/pack").await;
    let no_update = section(&pack.body, "no-update");
    assert!(
        no_update.contains("No requested update is missing."),
        "{no_update}"
    );
}

#[tokio::test]
async fn the_office_saves_the_pack_of_record_with_its_hash_and_it_never_changes() {
    let mut app = fixture().await;
    app.sign_in_as(Role::Office).await;
    app.get("/meetings/3/pack")
        .await
        .assert_contains("Save as pack of record");
    app.post_form("/meetings/3/pack", &[])
        .await
        .assert_redirect_to("/meetings/3/packs/1");
    let (content, sha): (String, String) =
        sqlx::query_as("select content, sha256 from meeting_packs where id = 1")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(sha, scrutineer::auth::sha256_hex(&content));
    assert!(content.contains("Workload review of public protection investigators delivered"));
    assert!(content.contains("Suggested questions"));
    app.get("/meetings/3/packs/1")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(&sha)
        .assert_contains("35 days overdue")
        .assert_contains("Police and Crime Commissioner for Derbyshire</p>")
        .assert_contains(r#"<link rel="stylesheet" href="/meetings/3/pack.css">"#);
    app.get("/meetings/3")
        .await
        .assert_contains("/meetings/3/packs/1")
        .assert_contains(&sha);
    assert_eq!(
        app.count(
            "select count(*) from audit_events where entity = 'meeting_pack' and entity_id = 1"
        )
        .await,
        1
    );
    let refused = sqlx::query("update meeting_packs set content = 'x' where id = 1")
        .execute(&app.state.db)
        .await;
    assert!(refused.is_err());
    app.get("/meetings/2/packs/1")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_panel_reads_the_pack_but_cannot_save_it() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    app.get("/meetings/3/pack")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("Save as pack of record");
    app.post_form("/meetings/3/pack", &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("select count(*) from meeting_packs").await, 0);
}

#[tokio::test]
async fn the_pack_prints_with_a_running_header_page_numbers_and_flowing_sections() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let css = app.get("/static/app.css").await.body;
    let print = css.split("@media print").nth(1).expect("print rules");
    for rule in [
        ".app-header",
        ".govuk-footer",
        "@page",
        "size: A4",
        "@top-right { content: \"Page \" counter(page) \" of \" counter(pages)",
        // Links print as their words, never "(/actions/5)".
        "a::after, .govuk-link::after, [href].govuk-link::after { content: none !important; }",
    ] {
        assert!(print.contains(rule), "{rule}");
    }
    assert!(
        !css.contains("break-before: page"),
        "no section starts a page of its own"
    );
    app.get("/meetings/3/pack")
        .await
        .assert_contains(r#"<link rel="stylesheet" href="/meetings/3/pack.css">"#)
        .assert_not_contains("app-pack-running-header");
    let header = app.get("/meetings/3/pack.css").await;
    header.assert_status(StatusCode::OK);
    assert_eq!(
        header.body,
        "@page {\n  @top-left { content: \"Public accountability meeting – protecting children – 23 March 2026, 2:00pm\"; }\n  \
         @bottom-left { content: \"Police and Crime Commissioner for Derbyshire – meeting pack\"; }\n}\n"
    );
    app.get("/meetings/99/pack.css")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_cover_names_the_organisation_meeting_date_time_place_attendees_and_agenda() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let pack = app.get("/meetings/3/pack").await;
    let body = pack.body.as_str();
    let cover = &body[body.find("app-pack-cover").expect("cover")..];
    let cover = &cover[..cover.find("</header>").expect("end of the cover")];
    in_order(
        cover,
        &[
            "Police and Crime Commissioner for Derbyshire",
            "Meeting pack",
            "Public accountability meeting – protecting children",
            "Meeting",
            "Public accountability meeting (planned)",
            "Date",
            "23 March 2026",
            "Time",
            "2:00pm",
            "Location",
            "Online and at the Commissioner",
            "Attendees",
            "<li>Police and Crime Commissioner</li><li>Chief Constable</li><li>Deputy Chief Constable</li><li>PCC Chief Executive</li>",
            "Agenda",
            "<strong>Finding 7, Action CP-05</strong>: When will the investigator workload review be delivered?",
            "<strong>Finding AFI 5, Action CP-06</strong>",
            "<strong>Finding AFI 2, Action CP-08</strong>",
            "<strong>Finding 9, Action CP-07</strong>",
            "In this pack",
            "changes are those since the previous meeting on",
            "21 January 2026",
        ],
    );
}

#[tokio::test]
async fn a_meeting_without_attendees_or_agenda_says_so_on_its_cover() {
    let mut app = TestApp::seeded().await;
    app.exec("update meetings set attendees = '', location = '' where id = 3; delete from agenda_items where meeting_id = 3;")
        .await;
    app.sign_in_as(Role::Panel).await;
    let pack = app.get("/meetings/3/pack").await;
    in_order(
        &pack.body,
        &[
            "Location",
            "Not recorded",
            "Attendees",
            "Not recorded",
            "No agenda items have been added.",
        ],
    );
}

#[tokio::test]
async fn empty_sections_take_one_line_and_no_link_prints_its_path() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let pack = app.get("/meetings/3/pack").await;
    let body = pack.body.as_str();
    let no_update = section(body, "no-update");
    assert!(
        no_update.contains("No requested update is missing."),
        "{no_update}"
    );
    assert!(
        !no_update.contains("<table") && !no_update.contains("<ul"),
        "{no_update}"
    );
    assert!(body.contains(
        r#"<section class="app-pack-section app-pack-section--empty" aria-labelledby="no-update"><h2 class="govuk-heading-s" id="no-update">"#
    ));
    assert!(
        !body.contains("None."),
        "each empty section says what is missing"
    );
    // Full sections keep their tables; no relative address is written out as text.
    assert!(section(body, "overdue").contains("<table"));
    assert!(!body.contains("(/"), "no relative path printed as text");
}

#[tokio::test]
async fn a_held_meetings_pack_looks_ahead_to_the_meeting_held_next_not_the_next_planned_one() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    // Meeting 1 (22 November 2025) was followed by meeting 2 (21 January 2026, held), then
    // meeting 3 (23 March 2026, planned).
    let pack = app.get("/meetings/1/pack").await;
    pack.assert_status(StatusCode::OK);
    let body = pack.body.as_str();
    assert!(
        body.contains(
            r#"the look-ahead runs to <time datetime="2026-01-21">21 January 2026</time>"#
        ),
        "{body}"
    );
    let due = section(body, "due-soon");
    assert!(
        !due.contains(r#"datetime="2026-03"#) && !due.contains(r#"datetime="2026-02"#),
        "nothing due after the next meeting: {due}"
    );
}

#[tokio::test]
async fn the_first_meeting_counts_changes_over_the_three_months_before_it_not_back_to_2022() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    let pack = app.get("/meetings/1/pack").await;
    let body = pack.body.as_str();
    assert!(
        body.contains(
            r#"there was no previous meeting, so changes are those of the three months since <time datetime="2025-08-22">22 August 2025</time>."#
        ),
        "{body}"
    );
    for section_id in ["revised", "assurance", "s55"] {
        let text = section(body, section_id);
        assert!(!text.contains("2022"), "{section_id}: {text}");
    }
}
