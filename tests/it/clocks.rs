//! Response clocks as the office sees and works them (issue 21): each rule that applies to a
//! report shows on its page with its last day – section 55, the force action plan, a
//! coroner's report, a fire cause of concern, an IOPC recommendation – across month and year
//! ends; extensions keep the original last day and count slips; a response sent meets the
//! clock; the office edits its own rules and adds new ones, never a statutory one.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

/// An office signed in on an empty record.
async fn office() -> TestApp {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Office).await;
    app
}

/// The office adds an inspected body of `kind`; its id.
async fn add_body(app: &mut TestApp, name: &str, kind: &str) -> i64 {
    app.post_form("/bodies", &[("name", name), ("kind", kind)])
        .await
        .assert_redirect_to("/bodies");
    app.count(&format!(
        "select id from inspected_bodies where name = '{name}'"
    ))
    .await
}

/// A report of `source` about `body`, dated `published` and sent on `sent` (day, month,
/// year; sent blank for "the day it is dated"); its id.
async fn add_report(
    app: &mut TestApp,
    body: i64,
    title: &str,
    source: &str,
    published: [&str; 3],
    sent: [&str; 3],
) -> i64 {
    let body = body.to_string();
    let kind = match source {
        "hmicfrs" => "peel",
        _ => "other",
    };
    let response = app
        .post_form(
            "/inspections",
            &[
                ("body_id", &body),
                ("new_body", ""),
                ("title", title),
                ("kind", kind),
                ("source", source),
                ("published_on_day", published[0]),
                ("published_on_month", published[1]),
                ("published_on_year", published[2]),
                ("sent_on_day", sent[0]),
                ("sent_on_month", sent[1]),
                ("sent_on_year", sent[2]),
                ("report_url", ""),
                ("follows_up_id", ""),
                ("section_55_applies", "usual"),
                ("action_plan_applies", "usual"),
            ],
        )
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    let id = app.count("select max(id) from inspections").await;
    assert_eq!(response.location(), format!("/inspections/{id}"));
    id
}

const NOT_SENT: [&str; 3] = ["", "", ""];

async fn add_cause_of_concern(app: &mut TestApp, inspection: i64) {
    app.post_form(
        &format!("/inspections/{inspection}/findings"),
        &[
            ("kind", "cause_of_concern"),
            ("parent_id", ""),
            ("reference", "CoC 1"),
            ("area", "Protection"),
            ("official_wording", ""),
            (
                "public_summary",
                "The service does not inspect enough high-risk premises.",
            ),
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
}

/// The id of the seeded rule `key`.
async fn rule(app: &TestApp, key: &str) -> i64 {
    app.count(&format!(
        "select id from response_rules where key = '{key}'"
    ))
    .await
}

/// The part of an inspection's page that shows the clock of rule `rule` ("" without one).
fn clock(page: &str, rule: i64) -> String {
    let marker = format!("id=\"clock-{rule}\"");
    let Some(start) = page.find(&marker) else {
        return String::new();
    };
    let rest = &page[start..];
    let end = rest[1..]
        .find("class=\"app-milestone app-clock\"")
        .or_else(|| rest.find("id=\"findings\""))
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

/// The value of the summary row `key` within `block`.
fn value<'a>(block: &'a str, key: &str) -> &'a str {
    let marker = format!(">{key}</dt>");
    let start = block
        .find(&marker)
        .unwrap_or_else(|| panic!("no row {key:?} in:\n{block}"));
    let rest = &block[start + marker.len()..];
    &rest[..rest.find("</dd>").unwrap_or(rest.len())]
}

/// A date as the page marks it up for machines.
fn on(iso: &str) -> String {
    format!("datetime=\"{iso}\"")
}

#[track_caller]
fn assert_has(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected {needle:?} in:\n{haystack}"
    );
}

fn extension<'a>(
    new_last_day: [&'a str; 3],
    granted_on: [&'a str; 3],
    granted_by: &'a str,
    reason: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("new_last_day_day", new_last_day[0]),
        ("new_last_day_month", new_last_day[1]),
        ("new_last_day_year", new_last_day[2]),
        ("requested_on_day", ""),
        ("requested_on_month", ""),
        ("requested_on_year", ""),
        ("granted_on_day", granted_on[0]),
        ("granted_on_month", granted_on[1]),
        ("granted_on_year", granted_on[2]),
        ("granted_by", granted_by),
        ("reason", reason),
    ]
}

fn sent<'a>(on: [&'a str; 3], to: &'a str, note: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("sent_on_day", on[0]),
        ("sent_on_month", on[1]),
        ("sent_on_year", on[2]),
        ("sent_to", to),
        ("note", note),
    ]
}

/// A coroner's report about a police force, dated 29 January 2024 and sent on the 31st:
/// (the app, the report, the coroner's rule).
async fn coroners_report() -> (TestApp, i64, i64) {
    let mut app = office().await;
    let force = add_body(&mut app, "Derbyshire Constabulary", "police_force").await;
    let id = add_report(
        &mut app,
        force,
        "Regulation 28 report: death in custody",
        "coroner",
        ["29", "1", "2024"],
        ["31", "1", "2024"],
    )
    .await;
    let rule = rule(&app, "coroner_pfd").await;
    (app, id, rule)
}

#[tokio::test]
async fn the_seeded_clocks_show_their_last_days_across_month_and_year_ends() {
    let mut app = office().await;
    let force = add_body(&mut app, "Derbyshire Constabulary", "police_force").await;
    let fire = add_body(
        &mut app,
        "Derbyshire Fire and Rescue Service",
        "fire_and_rescue_service",
    )
    .await;
    let peel = add_report(
        &mut app,
        force,
        "PEEL 2023",
        "hmicfrs",
        ["31", "12", "2023"],
        NOT_SENT,
    )
    .await;
    let coroner = add_report(
        &mut app,
        force,
        "Regulation 28 report",
        "coroner",
        ["29", "1", "2024"],
        ["31", "1", "2024"],
    )
    .await;
    let fire_report = add_report(
        &mut app,
        fire,
        "Fire inspection 2024",
        "hmicfrs",
        ["1", "2", "2024"],
        NOT_SENT,
    )
    .await;
    add_cause_of_concern(&mut app, fire_report).await;
    let iopc = add_report(
        &mut app,
        force,
        "IOPC learning: pursuits",
        "iopc",
        ["28", "11", "2023"],
        ["30", "11", "2023"],
    )
    .await;
    let (s55, plan, review, pfd, learning) = (
        rule(&app, "section_55").await,
        rule(&app, "action_plan").await,
        rule(&app, "fire_plan_review").await,
        rule(&app, "coroner_pfd").await,
        rule(&app, "iopc_learning").await,
    );

    let page = app.get(&format!("/inspections/{peel}")).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Response clocks");
    let comments = clock(&page.body, s55);
    assert_has(&comments, "Section 55 comments");
    assert_has(
        value(&comments, "Period"),
        "56 days beginning with the report's publication",
    );
    assert_has(value(&comments, "Clock started"), &on("2023-12-31"));
    assert_has(value(&comments, "Original last day"), &on("2024-02-24"));
    assert_has(value(&comments, "Original last day"), "24 February 2024");
    assert_has(
        value(&comments, "Owed by"),
        "The Police and Crime Commissioner",
    );
    assert_has(value(&comments, "Owed to"), "Home Secretary");
    assert_has(
        value(&comments, "What must be published, and where"),
        "section 55",
    );
    // Today is 2 March 2026: nothing was sent.
    assert_has(value(&comments, "Where it stands"), "Overdue by");
    let action_plan = clock(&page.body, plan);
    assert_has(value(&action_plan, "Original last day"), &on("2024-02-11"));
    assert_has(
        value(&action_plan, "Period"),
        "42 days of the report's publication",
    );
    assert_eq!(
        clock(&page.body, review),
        "",
        "no fire review for a police report"
    );
    assert_eq!(clock(&page.body, pfd), "");

    let page = app.get(&format!("/inspections/{coroner}")).await;
    let response = clock(&page.body, pfd);
    assert_has(value(&response, "Clock started"), &on("2024-01-31"));
    assert_has(value(&response, "Original last day"), &on("2024-03-27"));
    assert_has(value(&response, "Owed to"), "The coroner");
    assert_eq!(
        clock(&page.body, s55),
        "",
        "section 55 is not a coroner's clock"
    );

    let page = app.get(&format!("/inspections/{fire_report}")).await;
    let fire_review = clock(&page.body, review);
    assert_has(value(&fire_review, "Original last day"), &on("2024-02-29"));
    assert_has(
        value(&fire_review, "Owed by"),
        "The fire and rescue service",
    );
    assert_eq!(
        clock(&page.body, s55),
        "",
        "section 55 is for police forces"
    );

    let page = app.get(&format!("/inspections/{iopc}")).await;
    let recommendation = clock(&page.body, learning);
    assert_has(
        value(&recommendation, "Period"),
        "56 days of the report being sent",
    );
    assert_has(
        value(&recommendation, "Original last day"),
        &on("2024-01-25"),
    );
}

#[tokio::test]
async fn an_extension_keeps_the_original_last_day_and_a_second_one_counts_two() {
    let (mut app, id, pfd) = coroners_report().await;
    let path = format!("/inspections/{id}/clocks/{pfd}/extensions");
    app.get(&format!("{path}/new"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Record an extension")
        .assert_contains(&on("2024-03-27"));
    app.post_form(
        &path,
        &extension(
            ["30", "4", "2024"],
            ["20", "3", "2024"],
            "HM Senior Coroner for Derby",
            "The force asked for time to consult the NHS trust",
        ),
    )
    .await
    .assert_redirect_to(&format!("/inspections/{id}#clock-{pfd}"));
    let page = app.get(&format!("/inspections/{id}")).await;
    let block = clock(&page.body, pfd);
    assert_has(value(&block, "Original last day"), &on("2024-03-27"));
    assert_has(value(&block, "Current last day"), &on("2024-04-30"));
    assert_has(
        value(&block, "Extensions"),
        "Extended 1 time, 34 days in all",
    );
    assert_has(&block, "HM Senior Coroner for Derby");
    assert_has(&block, "The force asked for time to consult the NHS trust");

    let mut second = extension(
        ["31", "5", "2024"],
        ["25", "4", "2024"],
        "HM Senior Coroner for Derby",
        "Awaiting the trust's review",
    );
    second[3..6].copy_from_slice(&[
        ("requested_on_day", "22"),
        ("requested_on_month", "4"),
        ("requested_on_year", "2024"),
    ]);
    app.post_form(&path, &second)
        .await
        .assert_redirect_to(&format!("/inspections/{id}#clock-{pfd}"));
    let page = app.get(&format!("/inspections/{id}")).await;
    let block = clock(&page.body, pfd);
    assert_has(value(&block, "Original last day"), &on("2024-03-27"));
    assert_has(value(&block, "Current last day"), &on("2024-05-31"));
    assert_has(
        value(&block, "Extensions"),
        "Extended 2 times, 65 days in all",
    );
    assert_has(&block, &on("2024-04-22"));
    assert_eq!(app.audit_count("clock_extension", "create").await, 2);
    assert_eq!(app.count("select count(*) from clock_extensions").await, 2);
}

#[tokio::test]
async fn an_extension_not_later_than_the_current_last_day_is_refused_with_what_was_typed_kept() {
    let (mut app, id, pfd) = coroners_report().await;
    let response = app
        .post_form(
            &format!("/inspections/{id}/clocks/{pfd}/extensions"),
            &extension(
                ["27", "3", "2024"],
                ["20", "3", "2024"],
                "HM Senior Coroner for Derby",
                "Typed reason to keep",
            ),
        )
        .await;
    response
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("There is a problem")
        .assert_contains("The new last day must be after the current one")
        .assert_contains("value=\"HM Senior Coroner for Derby\"")
        .assert_contains("Typed reason to keep")
        .assert_contains(
            "name=\"new_last_day_day\" type=\"text\" inputmode=\"numeric\" value=\"27\"",
        );
    assert_eq!(app.count("select count(*) from clock_extensions").await, 0);
    assert_eq!(app.audit_count("clock_extension", "create").await, 0);
}

#[tokio::test]
async fn section_55_cannot_be_extended_and_offers_no_extension() {
    let mut app = office().await;
    let force = add_body(&mut app, "Derbyshire Constabulary", "police_force").await;
    let id = add_report(
        &mut app,
        force,
        "PEEL 2023",
        "hmicfrs",
        ["31", "12", "2023"],
        NOT_SENT,
    )
    .await;
    let (s55, plan) = (
        rule(&app, "section_55").await,
        rule(&app, "action_plan").await,
    );
    let page = app.get(&format!("/inspections/{id}")).await;
    let comments = clock(&page.body, s55);
    assert!(!comments.contains("Record an extension"), "{comments}");
    assert_has(&comments, "This period cannot be extended");
    assert_has(
        &clock(&page.body, plan),
        &format!("/inspections/{id}/clocks/{plan}/extensions/new"),
    );

    app.post_form(
        &format!("/inspections/{id}/clocks/{s55}/extensions"),
        &extension(
            ["10", "3", "2024"],
            ["1", "2", "2024"],
            "The Commissioner",
            "More time",
        ),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Section 55 comments cannot be extended")
    .assert_contains("More time");
    assert_eq!(app.count("select count(*) from clock_extensions").await, 0);
}

#[tokio::test]
async fn a_response_sent_meets_the_clock_on_time_or_late() {
    let (mut app, id, pfd) = coroners_report().await;
    let path = format!("/inspections/{id}/clocks/{pfd}/sent");
    app.get(&format!("{path}/new"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("value=\"The coroner\"");
    app.post_form(
        &path,
        &sent(
            ["27", "3", "2024"],
            "HM Senior Coroner for Derby",
            "By email and post",
        ),
    )
    .await
    .assert_redirect_to(&format!("/inspections/{id}#clock-{pfd}"));
    let page = app.get(&format!("/inspections/{id}")).await;
    let block = clock(&page.body, pfd);
    assert_has(value(&block, "Where it stands"), "Met on time");
    assert_has(&block, "Met on time");
    assert_has(&block, "By email and post");
    assert_has(&block, "Responses sent");

    // The force's action plan, due 11 February 2024, reaches HMICFRS a day late.
    let force = app.count("select id from inspected_bodies").await;
    let peel = add_report(
        &mut app,
        force,
        "PEEL 2023",
        "hmicfrs",
        ["31", "12", "2023"],
        NOT_SENT,
    )
    .await;
    let plan = rule(&app, "action_plan").await;
    app.post_form(
        &format!("/inspections/{peel}/clocks/{plan}/sent"),
        &sent(["12", "2", "2024"], "HMICFRS", ""),
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let page = app.get(&format!("/inspections/{peel}")).await;
    let block = clock(&page.body, plan);
    assert_has(value(&block, "Where it stands"), "Met 1 day late");
    assert_has(&block, "Met late");
    assert_eq!(app.audit_count("clock_response", "create").await, 2);

    // A sending before the clock started, or with no one to send it to, is refused.
    app.post_form(&path, &sent(["30", "1", "2024"], "", ""))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Enter who the response was sent to");
    app.post_form(&path, &sent(["30", "1", "2024"], "The coroner", ""))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("A response cannot be sent before the clock started");
    assert_eq!(app.count("select count(*) from clock_responses").await, 2);
}

/// The IOPC rule's fields as the edit form holds them, with `length` days and `version`.
fn iopc_rule<'a>(length: &'a str, version: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("source", "iopc"),
        ("body_kind", "any"),
        ("name", "Response to an IOPC learning recommendation"),
        ("owed_by", "The Chief Constable"),
        ("owed_to", "The IOPC"),
        ("starts_on", "sent"),
        ("length_days", length),
        ("counting", "after"),
        (
            "publish",
            "The IOPC publishes recommendations and responses on its website",
        ),
        ("version", version),
    ]
}

#[tokio::test]
async fn the_office_shortens_the_iopc_rule_to_28_days_and_the_reports_last_day_moves() {
    let mut app = office().await;
    let force = add_body(&mut app, "Derbyshire Constabulary", "police_force").await;
    let id = add_report(
        &mut app,
        force,
        "IOPC learning: pursuits",
        "iopc",
        ["28", "11", "2023"],
        ["30", "11", "2023"],
    )
    .await;
    let learning = rule(&app, "iopc_learning").await;
    app.get("/rules")
        .await
        .assert_contains(&format!("href=\"/rules/{learning}/edit\""));
    app.get(&format!("/rules/{learning}/edit"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("value=\"56\"")
        .assert_contains("name=\"version\" value=\"1\"");
    app.post_form(&format!("/rules/{learning}"), &iopc_rule("28", "1"))
        .await
        .assert_redirect_to(&format!("/rules#rule-{learning}"));
    app.get("/rules")
        .await
        .assert_contains("28 days of the report being sent");
    let page = app.get(&format!("/inspections/{id}")).await;
    let block = clock(&page.body, learning);
    assert_has(value(&block, "Period"), "28 days of the report being sent");
    assert_has(value(&block, "Original last day"), &on("2023-12-28"));

    // Someone saving over the version they opened, after this change, sees both.
    app.post_form(&format!("/rules/{learning}"), &iopc_rule("42", "1"))
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("Someone else changed this record")
        .assert_contains("value=\"42\"");
    assert_eq!(
        app.count(&format!(
            "select length_days from response_rules where id = {learning}"
        ))
        .await,
        28
    );
    assert_eq!(app.audit_count("response_rule", "update").await, 1);
}

#[tokio::test]
async fn a_statutory_rule_has_no_edit_link_and_cannot_be_edited() {
    let mut app = office().await;
    let s55 = rule(&app, "section_55").await;
    let page = app.get("/rules").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Section 55 comments")
        .assert_contains("Statutory")
        .assert_not_contains(&format!("href=\"/rules/{s55}/edit\""));
    app.get(&format!("/rules/{s55}/edit"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let mut form = iopc_rule("90", "1");
    form[0] = ("source", "hmicfrs");
    app.post_form(&format!("/rules/{s55}"), &form)
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(
        app.count(&format!(
            "select length_days from response_rules where id = {s55}"
        ))
        .await,
        56
    );
    assert_eq!(app.audit_count("response_rule", "update").await, 0);
}

#[tokio::test]
async fn a_rule_the_office_adds_applies_to_reports_of_its_source() {
    let mut app = office().await;
    let force = add_body(&mut app, "Derbyshire Constabulary", "police_force").await;
    app.get("/rules/new")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Add a response rule");
    let fields = [
        ("source", "other"),
        ("body_kind", "any"),
        ("name", "Police and crime panel recommendation"),
        ("owed_by", "The Commissioner"),
        ("owed_to", "The police and crime panel"),
        ("starts_on", "sent"),
        ("length_days", "30"),
        ("counting", "after"),
        (
            "publish",
            "The Commissioner's response, in the panel's papers",
        ),
        ("version", ""),
    ];
    let mut wrong = fields.to_vec();
    wrong[6] = ("length_days", "a month");
    app.post_form("/rules", &wrong)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Enter the length as a whole number of days from 1 to 3650")
        .assert_contains("value=\"Police and crime panel recommendation\"");
    let response = app.post_form("/rules", &fields).await;
    let id = app
        .count("select id from response_rules where name = 'Police and crime panel recommendation'")
        .await;
    response.assert_redirect_to(&format!("/rules#rule-{id}"));
    app.get("/rules")
        .await
        .assert_contains("Police and crime panel recommendation")
        .assert_contains(&format!("href=\"/rules/{id}/edit\""));
    assert_eq!(app.audit_count("response_rule", "create").await, 1);

    let panel_report = add_report(
        &mut app,
        force,
        "Panel recommendations on hate crime",
        "other",
        ["15", "1", "2024"],
        NOT_SENT,
    )
    .await;
    let page = app.get(&format!("/inspections/{panel_report}")).await;
    let block = clock(&page.body, id);
    assert_has(&block, "Police and crime panel recommendation");
    assert_has(value(&block, "Period"), "30 days of the report being sent");
    assert_has(value(&block, "Original last day"), &on("2024-02-14"));
    let iopc = add_report(
        &mut app,
        force,
        "IOPC learning",
        "iopc",
        ["15", "1", "2024"],
        NOT_SENT,
    )
    .await;
    let page = app.get(&format!("/inspections/{iopc}")).await;
    assert_eq!(clock(&page.body, id), "", "not a rule for IOPC reports");
}

#[tokio::test]
async fn the_panel_reads_the_rules_and_clocks_but_cannot_use_their_forms() {
    let (mut app, id, pfd) = coroners_report().await;
    app.sign_in_as(Role::Panel).await;
    app.get("/rules")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Section 55 comments")
        .assert_not_contains("Add a rule")
        .assert_not_contains("/edit\"");
    let page = app.get(&format!("/inspections/{id}")).await;
    let block = clock(&page.body, pfd);
    assert_has(&block, "Response to a prevention of future deaths report");
    assert!(!block.contains("Record an extension"), "{block}");
    assert!(!block.contains("Record the response as sent"), "{block}");
    let learning = rule(&app, "iopc_learning").await;
    let clock_path = format!("/inspections/{id}/clocks/{pfd}");
    for path in [
        "/rules/new".to_string(),
        format!("/rules/{learning}/edit"),
        format!("{clock_path}/extensions/new"),
        format!("{clock_path}/sent/new"),
    ] {
        app.get(&path).await.assert_status(StatusCode::FORBIDDEN);
    }
    for path in [
        "/rules".to_string(),
        format!("/rules/{learning}"),
        format!("{clock_path}/extensions"),
        format!("{clock_path}/sent"),
    ] {
        app.post_form(&path, &[])
            .await
            .assert_status(StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_force_user_may_not_open_the_rules_or_the_clock_forms() {
    let (mut app, id, pfd) = coroners_report().await;
    app.sign_in_as(Role::Force).await;
    let clock_path = format!("/inspections/{id}/clocks/{pfd}");
    for path in [
        "/rules".to_string(),
        "/rules/new".to_string(),
        format!("{clock_path}/extensions/new"),
        format!("{clock_path}/sent/new"),
    ] {
        app.get(&path).await.assert_status(StatusCode::FORBIDDEN);
    }
    app.post_form(
        &format!("{clock_path}/sent"),
        &sent(["27", "3", "2024"], "The coroner", ""),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    app.post_form(
        &format!("{clock_path}/extensions"),
        &extension(
            ["30", "4", "2024"],
            ["20", "3", "2024"],
            "HM Senior Coroner",
            "Because",
        ),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("select count(*) from clock_responses").await, 0);
    assert_eq!(app.count("select count(*) from clock_extensions").await, 0);
}

#[tokio::test]
async fn a_clock_form_for_a_rule_that_does_not_apply_is_not_found() {
    let (mut app, id, _) = coroners_report().await;
    let s55 = rule(&app, "section_55").await;
    app.get(&format!("/inspections/{id}/clocks/{s55}/sent/new"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/inspections/{id}/clocks/999/extensions/new"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

const END_OF_MARCH: &str = "<time datetime=\"2026-03-31\">31 March 2026</time>";
const FIRST_OF_MARCH: &str = "<time datetime=\"2026-03-01\">1 March 2026</time>";

#[tokio::test]
async fn an_extended_fire_review_is_not_overdue_anywhere_it_is_shown_and_says_it_was_extended() {
    let mut app = office().await;
    let service = add_body(
        &mut app,
        "Arden Fire and Rescue Service",
        "fire_and_rescue_service",
    )
    .await;
    // Published 1 February 2026: the review's last day is 1 March, so on 2 March it is overdue.
    let id = add_report(
        &mut app,
        service,
        "Arden fire inspection",
        "hmicfrs",
        ["1", "2", "2026"],
        NOT_SENT,
    )
    .await;
    add_cause_of_concern(&mut app, id).await;
    let finding = app.count("select max(id) from findings").await;
    let review = rule(&app, "fire_plan_review").await;
    // Everywhere the review's clock is shown: the list, the report, its finding, the dashboard.
    let pages = [
        "/inspections".to_string(),
        format!("/inspections/{id}"),
        format!("/findings/{finding}"),
        "/dashboard".into(),
    ];
    for page in &pages {
        app.get(page)
            .await
            .assert_contains("Review overdue by 1 day");
    }

    app.post_form(
        &format!("/inspections/{id}/clocks/{review}/extensions"),
        &extension(
            ["31", "3", "2026"],
            ["25", "2", "2026"],
            "HMICFRS",
            "The service asked for time to consult its fire authority",
        ),
    )
    .await
    .assert_redirect_to(&format!("/inspections/{id}#clock-{review}"));
    for page in &pages {
        app.get(page)
            .await
            .assert_not_contains("Review overdue")
            .assert_contains("29 days left")
            .assert_contains(&format!(
                "review due {END_OF_MARCH} (extended from {FIRST_OF_MARCH})"
            ));
    }
    app.get(&format!("/inspections/{id}/review"))
        .await
        .assert_contains(&format!("is due by {END_OF_MARCH} (as extended)."));

    // The public sees the extended day, and the day it replaced.
    app.post_form(&format!("/inspections/{id}/ready"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post_form("/publishing/editions", &[("note", "")])
        .await
        .assert_redirect_to("/editions/1");
    app.forget_session();
    app.get(&format!("/progress/inspections/{id}"))
        .await
        .assert_contains(&format!(
            "review its action plan by {END_OF_MARCH} (extended from {FIRST_OF_MARCH})."
        ));
}
