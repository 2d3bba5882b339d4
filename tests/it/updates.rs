//! Progress updates: posting on actions and findings, the timeline, corrections, and that
//! nothing edits or deletes an update.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use scrutineer::domain::vocab::Role;

use crate::actions::count;
use crate::helpers::TestApp;

fn update<'a>(day: &'a str, rag: &'a str, narrative: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("as_at_day", day),
        ("as_at_month", "2"),
        ("as_at_year", "2026"),
        ("rag", rag),
        ("narrative", narrative),
        ("evidence", "Dip sample, February 2026."),
        ("public_summary", ""),
    ]
}

#[tokio::test]
async fn a_force_user_posts_an_update_and_it_tops_the_timeline() {
    let mut app = TestApp::seeded().await;
    let force = app.sign_in_as(Role::Force).await;
    app.get("/actions/5/updates/new")
        .await
        .assert_status(StatusCode::OK);
    let response = app
        .post_form(
            "/actions/5/updates",
            &update(
                "27",
                "amber",
                "Workload review drafted; analyst now in post.",
            ),
        )
        .await;
    let id = count(
        &app,
        &format!("select id from progress_updates where author_id = {force}"),
    )
    .await;
    response.assert_redirect_to(&format!("/actions/5#update-{id}"));
    assert_eq!(count(&app, &format!("select count(*) from progress_updates where id = {id} and action_id = 5 and as_at = '2026-02-27' and rag = 'amber' and public_summary is null")).await, 1);
    assert_eq!(count(&app, &format!("select count(*) from audit_events where entity = 'progress_update' and entity_id = {id}")).await, 1);
    let page = app.get("/actions/5").await;
    let timeline = page
        .body
        .split("Progress updates")
        .nth(1)
        .expect("timeline");
    let first = timeline.find("id=\"update-").expect("an update");
    assert!(
        timeline[first..].starts_with(&format!("id=\"update-{id}\"")),
        "newest first"
    );
    page.assert_contains("Workload review drafted; analyst now in post.")
        .assert_contains("Dip sample, February 2026.")
        .assert_contains("Posted by force");
}

#[tokio::test]
async fn an_update_needs_a_past_as_at_date_a_rag_and_a_narrative() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    let before = count(&app, "select count(*) from progress_updates").await;
    let mut fields = update("3", "", "");
    fields[1] = ("as_at_month", "3");
    app.post_form("/actions/5/updates", &fields)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Date must be today or in the past")
        .assert_contains("Select a RAG status")
        .assert_contains("Enter the narrative")
        .assert_contains("Dip sample, February 2026.");
    app.post_form(
        "/actions/5/updates",
        &update("30", "green", "Impossible date"),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Date must be a real date");
    assert_eq!(
        count(&app, "select count(*) from progress_updates").await,
        before
    );
}

#[tokio::test]
async fn an_update_cannot_be_edited_or_deleted_because_there_is_no_such_route() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let before: String = sqlx::query_scalar("select narrative from progress_updates where id = 1")
        .fetch_one(&app.state.db)
        .await
        .expect("narrative");
    app.get("/updates/1/edit")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    for path in ["/updates/1/edit", "/updates/1", "/updates/1/delete"] {
        app.post_form(path, &update("1", "red", "Rewritten history"))
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    let request = Request::delete("/updates/1")
        .body(Body::empty())
        .expect("request");
    assert_ne!(app.send(request).await.status, StatusCode::OK);
    let after: String = sqlx::query_scalar("select narrative from progress_updates where id = 1")
        .fetch_one(&app.state.db)
        .await
        .expect("narrative");
    assert_eq!(before, after);
    assert_eq!(
        count(
            &app,
            "select count(*) from progress_updates where narrative = 'Rewritten history'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_correction_leaves_the_original_visible_and_marked() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/updates/3/correct")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("The original stays on the record");
    let original: String =
        sqlx::query_scalar("select narrative from progress_updates where id = 3")
            .fetch_one(&app.state.db)
            .await
            .expect("narrative");
    let action: i64 = count(&app, "select action_id from progress_updates where id = 3").await;
    let response = app
        .post_form(
            "/updates/3/correct",
            &update("20", "amber", "Corrected figure: 9 of 15 partners."),
        )
        .await;
    let id = count(&app, "select id from progress_updates where corrects_id = 3 and narrative like 'Corrected figure%'").await;
    response.assert_redirect_to(&format!("/actions/{action}#update-{id}"));
    assert_eq!(
        count(
            &app,
            &format!(
                "select count(*) from progress_updates where id = {id} and action_id = {action}"
            )
        )
        .await,
        1
    );
    let page = app.get(&format!("/actions/{action}")).await;
    page.assert_contains("Corrected figure: 9 of 15 partners.")
        .assert_contains(&maud::html! { (original) }.into_string())
        .assert_contains("Corrected by ")
        .assert_contains("Corrects ");
    let marked = page.body.split("id=\"update-3\"").nth(1).expect("original");
    let marked = &marked[..marked.find("</li>").expect("end")];
    assert!(marked.contains("Corrected by"), "{marked}");
}

#[tokio::test]
async fn an_update_posted_on_a_finding_returns_to_the_finding() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Force).await;
    app.get("/findings/14/updates/new")
        .await
        .assert_status(StatusCode::OK);
    let response = app
        .post_form(
            "/findings/14/updates",
            &update("2", "green", "Visits recovery plan on track."),
        )
        .await;
    let id = count(&app, "select id from progress_updates where finding_id = 14 and narrative like 'Visits recovery%'").await;
    response.assert_redirect_to(&format!("/findings/14#update-{id}"));
    app.get("/findings/999/updates/new")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_panel_member_cannot_post_updates() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Panel).await;
    app.get("/actions/5")
        .await
        .assert_status(StatusCode::OK)
        .assert_not_contains("Post an update");
    app.post_form("/actions/5/updates", &update("27", "green", "Panel note"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(
        count(
            &app,
            "select count(*) from progress_updates where narrative = 'Panel note'"
        )
        .await,
        0
    );
}

/// An update on the action of the seeded update 22 (shown on inspection 1's public page)
/// saying `summary` in public; its id.
async fn post_with_summary(app: &mut TestApp, narrative: &str, summary: &str) -> i64 {
    let action = count(app, "select action_id from progress_updates where id = 22").await;
    let mut fields = update("20", "amber", narrative);
    fields.retain(|(k, _)| *k != "public_summary");
    fields.push(("public_summary", summary));
    app.post_form(&format!("/actions/{action}/updates"), &fields)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    count(
        app,
        &format!("select max(id) from progress_updates where narrative = '{narrative}'"),
    )
    .await
}

/// The office approves the update's public summary as the publishing page shows it.
async fn approve(app: &mut TestApp, id: i64, summary: &str) {
    let id = id.to_string();
    app.post_form(
        "/publishing/approve",
        &[("kind", "update"), ("id", &id), ("summary", summary)],
    )
    .await
    .assert_redirect_to("/publishing");
}

/// Correct the update `original` with these fields and public summary; the correction's id.
async fn correct(
    app: &mut TestApp,
    original: i64,
    mut fields: Vec<(&str, &str)>,
    summary: &str,
) -> i64 {
    fields.retain(|(k, _)| *k != "public_summary");
    fields.push(("public_summary", summary));
    app.post_form(&format!("/updates/{original}/correct"), &fields)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    count(
        app,
        &format!("select id from progress_updates where corrects_id = {original}"),
    )
    .await
}

async fn publish(app: &mut TestApp) {
    app.post_form("/publishing/editions", &[("note", "")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_force_user_cannot_correct_an_office_update_or_withdraw_its_summary() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    let statement = "The PCC office has seen the revised workload model.";
    let office_update = post_with_summary(&mut app, "Office review of workloads.", statement).await;
    approve(&mut app, office_update, statement).await;
    app.forget_session();

    app.sign_in_as(Role::Force).await;
    let own = post_with_summary(&mut app, "Force note on workloads.", "").await;
    let action = count(&app, "select action_id from progress_updates where id = 22").await;
    let page = app.get(&format!("/actions/{action}")).await;
    page.assert_not_contains(&format!("/updates/{office_update}/correct"))
        .assert_contains(&format!("/updates/{own}/correct"));
    app.get(&format!("/updates/{office_update}/correct"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post_form(
        &format!("/updates/{office_update}/correct"),
        &update("20", "red", "Withdrawn by the force."),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(
        count(
            &app,
            &format!("select count(*) from progress_updates where corrects_id = {office_update}")
        )
        .await,
        0
    );
    app.get(&format!("/updates/{own}/correct"))
        .await
        .assert_status(StatusCode::OK);
    app.forget_session();

    app.sign_in_as_existing("office@example.test").await;
    publish(&mut app).await;
    app.forget_session();
    app.get("/progress/inspections/1")
        .await
        .assert_contains(statement);
}

#[tokio::test]
async fn a_corrected_approved_summary_goes_back_to_the_queue_and_out_of_the_next_edition() {
    let mut app = TestApp::seeded().await;
    let approved = "Investigators' workloads are now reviewed monthly.";
    let changed = "Investigators' workloads will be reviewed monthly from June.";
    app.sign_in_as(Role::Force).await;
    let original = post_with_summary(&mut app, "Monthly review started.", approved).await;
    app.forget_session();
    app.sign_in_as(Role::Office).await;
    approve(&mut app, original, approved).await;
    publish(&mut app).await;
    app.forget_session();
    app.get("/progress/inspections/1")
        .await
        .assert_contains(approved);

    app.sign_in_as_existing("force@example.test").await;
    let correction = correct(
        &mut app,
        original,
        update("20", "amber", "Monthly review starts in June."),
        changed,
    )
    .await;
    assert_eq!(
        count(
            &app,
            &format!("select count(*) from update_approvals where update_id = {correction}")
        )
        .await,
        0,
        "the approval was for other words"
    );
    app.forget_session();

    app.sign_in_as_existing("office@example.test").await;
    let queue = app.get("/publishing").await;
    let row = queue
        .body
        .split(&format!("id=\"update-{correction}\""))
        .nth(1)
        .expect("the correction is in the queue");
    let row = &row[..row.find("</tr>").expect("row end")];
    assert!(row.contains("Changed since approval"), "{row}");
    assert!(
        row.contains(&maud::html! { (approved) }.into_string()),
        "{row}"
    );
    assert!(row.contains("/publishing/approve"), "{row}");
    let old = queue
        .body
        .split(&format!("id=\"update-{original}\""))
        .nth(1)
        .expect("the original is listed");
    let old = &old[..old.find("</tr>").expect("row end")];
    assert!(old.contains("Corrected – not published"), "{old}");
    publish(&mut app).await;
    app.forget_session();
    let public = app.get("/progress/inspections/1").await;
    let escaped = |s: &str| maud::html! { (s) }.into_string();
    public
        .assert_not_contains(&escaped(changed))
        .assert_not_contains(&escaped(approved));

    app.sign_in_as_existing("office@example.test").await;
    approve(&mut app, correction, changed).await;
    publish(&mut app).await;
    app.forget_session();
    app.get("/progress/inspections/1")
        .await
        .assert_contains(&escaped(changed));
}

#[tokio::test]
async fn a_correction_that_keeps_the_approved_wording_keeps_its_approval() {
    let mut app = TestApp::seeded().await;
    let summary = "A monthly workload review is in place.";
    app.sign_in_as(Role::Force).await;
    let original = post_with_summary(&mut app, "Monthly review started.", summary).await;
    app.forget_session();
    let office = app.sign_in_as(Role::Office).await;
    approve(&mut app, original, summary).await;
    // The office corrects the narrative and leaves the public summary as approved.
    let correction = correct(
        &mut app,
        original,
        update("21", "green", "Monthly review started on 21 February."),
        summary,
    )
    .await;
    assert_eq!(
        count(
            &app,
            &format!("select approved_by from update_approvals where update_id = {correction}")
        )
        .await,
        office
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "select count(*) from audit_events where entity = 'progress_update'
                 and entity_id = {correction} and action = 'approve_summary'
                 and json_extract(after, '$.carried_from_update') = {original}"
            )
        )
        .await,
        1
    );
    publish(&mut app).await;
    app.forget_session();
    app.get("/progress/inspections/1")
        .await
        .assert_contains(summary);
}
