//! Proposed milestone revisions: the force proposes, the office accepts or rejects with a
//! reason, and the force sees the decision.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::actions::{count, sign_in_new};
use crate::helpers::TestApp;
use crate::milestones::{decided_today, revision, text};

#[tokio::test]
async fn the_force_proposes_a_new_date_and_cannot_accept_it_but_the_office_can() {
    let mut app = TestApp::seeded().await;
    sign_in_new(&mut app, "liaison@example.test", Role::Force).await;
    app.get("/actions/7")
        .await
        .assert_contains("/milestones/17/propose");
    app.post_form("/milestones/17/propose", &revision("30", "4", "2026"))
        .await
        .assert_redirect_to("/actions/7#milestone-17");
    let proposal = count(
        &app,
        "select id from revision_proposals where milestone_id = 17 and status = 'pending'",
    )
    .await;
    app.post_form(
        &format!("/proposals/{proposal}/accept"),
        &decided_today(&[]),
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    app.get("/proposals")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(
        count(
            &app,
            "select count(*) from milestone_revisions where milestone_id = 17"
        )
        .await,
        0
    );

    let office = sign_in_new(&mut app, "policy@example.test", Role::Office).await;
    app.get("/proposals")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Decision-making audit reported to the chief officer board")
        .assert_contains("Workload review of public protection investigators delivered")
        .assert_contains("30 April 2026");
    app.post_form(
        &format!("/proposals/{proposal}/accept"),
        &decided_today(&[]),
    )
    .await
    .assert_redirect_to("/proposals");
    let accepted = count(&app, &format!("select count(*) from milestone_revisions where milestone_id = 17 and proposal_id = {proposal} and accepted_by = {office} and new_due_on = '2026-04-30'")).await;
    assert_eq!(accepted, 1);
    assert_eq!(
        text(
            &app,
            &format!("select status from revision_proposals where id = {proposal}")
        )
        .await,
        "accepted"
    );
    assert_eq!(
        text(&app, "select current_due_on from milestones where id = 17").await,
        "2026-04-30"
    );
    // Deciding twice is refused.
    app.post_form(
        &format!("/proposals/{proposal}/accept"),
        &decided_today(&[]),
    )
    .await
    .assert_status(StatusCode::CONFLICT);
    assert_eq!(
        count(
            &app,
            "select count(*) from milestone_revisions where milestone_id = 17"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_office_rejects_a_proposal_only_with_a_reason() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.get("/proposals/1/reject")
        .await
        .assert_status(StatusCode::OK);
    app.post_form(
        "/proposals/1/reject",
        &decided_today(&[("decision_reason", "")]),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Enter why the proposal is rejected");
    app.post_form(
        "/proposals/1/reject",
        &decided_today(&[("decision_reason", "Bring the review forward instead.")]),
    )
    .await
    .assert_redirect_to("/proposals");
    assert_eq!(
        text(
            &app,
            "select status || ': ' || decision_reason from revision_proposals where id = 1"
        )
        .await,
        "rejected: Bring the review forward instead."
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from milestone_revisions where milestone_id = 12"
        )
        .await,
        0
    );
    app.get("/proposals")
        .await
        .assert_contains("There are no proposals waiting for a decision.");
}

#[tokio::test]
async fn the_force_sees_why_its_proposal_was_rejected() {
    let mut app = TestApp::seeded().await;
    sign_in_new(&mut app, "policy@example.test", Role::Office).await;
    app.post_form(
        "/proposals/1/reject",
        &decided_today(&[(
            "decision_reason",
            "Deliver the review on the original plan.",
        )]),
    )
    .await
    .assert_redirect_to("/proposals");
    sign_in_new(&mut app, "liaison@example.test", Role::Force).await;
    app.get("/actions/5")
        .await
        .assert_contains("Rejected")
        .assert_contains("Deliver the review on the original plan.");
}

/// The keys of the milestone revision event written with (or without) a proposal: what the
/// milestone was, then the revision and the milestone after it.
async fn revision_event_shape(app: &TestApp, from_proposal: bool) -> String {
    let which = if from_proposal { "not null" } else { "null" };
    text(
        app,
        &format!(
            "select json_type(e.before) || ' ' || json_array_length(e.after) || ' ['
                 || (select group_concat(key, ',') from json_each(e.after, '$[0]')) || '] ['
                 || (select group_concat(key, ',') from json_each(e.after, '$[1]')) || ']'
             from audit_events e
             where e.entity = 'milestone_revision' and e.action = 'create'
               and json_extract(e.after, '$[0].proposal_id') is {which}"
        ),
    )
    .await
}

#[tokio::test]
async fn a_direct_revision_and_an_accepted_proposal_record_the_same_audit_event() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.post_form("/milestones/17/revise", &revision("30", "4", "2026"))
        .await
        .assert_redirect_to("/actions/7#milestone-17");
    app.post_form("/proposals/1/accept", &decided_today(&[]))
        .await
        .assert_redirect_to("/proposals");
    let direct = revision_event_shape(&app, false).await;
    let accepted = revision_event_shape(&app, true).await;
    assert_eq!(
        direct,
        "object 2 [accepted_at,accepted_by,decided_on,milestone_id,new_due_on,previous_due_on,proposal_id,\
         reason,reason_category,requested_by] \
         [action_id,created_at,current_due_on,id,met_on,original_due_on,title,version]"
    );
    assert_eq!(accepted, direct);
    assert_eq!(
        text(
            &app,
            "select json_extract(after, '$[0].proposal_id') || ' ' || json_extract(after, '$[1].current_due_on')
             from audit_events where entity = 'milestone_revision' and json_extract(after, '$[0].proposal_id') = 1"
        )
        .await,
        format!(
            "1 {}",
            text(&app, "select current_due_on from milestones where id = 12").await
        )
    );
}

#[tokio::test]
async fn nobody_accepts_a_new_date_they_proposed_themselves() {
    let mut app = TestApp::seeded().await;
    sign_in_new(&mut app, "policy@example.test", Role::Office).await;
    app.post_form("/milestones/17/propose", &revision("30", "4", "2026"))
        .await
        .assert_redirect_to("/actions/7#milestone-17");
    let proposal = count(
        &app,
        "select id from revision_proposals where milestone_id = 17 and status = 'pending'",
    )
    .await;
    let list = app.get("/proposals").await;
    let mine = list
        .body
        .split(&format!("id=\"proposal-{proposal}\""))
        .nth(1)
        .expect("the proposal");
    let mine = &mine[..mine.find("</section>").expect("end")];
    assert!(
        mine.contains("someone else in the office must accept it"),
        "{mine}"
    );
    assert!(
        !mine.contains(&format!("/proposals/{proposal}/accept")),
        "{mine}"
    );
    app.post_form(
        &format!("/proposals/{proposal}/accept"),
        &decided_today(&[]),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("You sent this proposal, so someone else in the office must accept it");
    assert_eq!(
        text(
            &app,
            &format!("select status from revision_proposals where id = {proposal}")
        )
        .await,
        "pending"
    );
    let colleague = sign_in_new(&mut app, "chief@example.test", Role::Office).await;
    app.post_form(
        &format!("/proposals/{proposal}/accept"),
        &decided_today(&[]),
    )
    .await
    .assert_redirect_to("/proposals");
    assert_eq!(
        count(
            &app,
            &format!("select count(*) from milestone_revisions where proposal_id = {proposal} and accepted_by = {colleague}")
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_milestone_already_met_cannot_be_moved_by_revision_or_proposal() {
    let mut app = TestApp::seeded().await;
    let met = count(
        &app,
        "select min(id) from milestones where met_on is not null",
    )
    .await;
    let revisions = "select count(*) from milestone_revisions";
    let before = count(&app, revisions).await;
    sign_in_new(&mut app, "policy@example.test", Role::Office).await;
    app.post_form(
        &format!("/milestones/{met}/revise"),
        &revision("30", "4", "2027"),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("so its date cannot be moved");
    sign_in_new(&mut app, "liaison@example.test", Role::Force).await;
    app.post_form(
        &format!("/milestones/{met}/propose"),
        &revision("30", "4", "2027"),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("so its date cannot be moved");
    assert_eq!(
        count(
            &app,
            &format!("select count(*) from revision_proposals where milestone_id = {met}")
        )
        .await,
        0
    );
    // A proposal sent while the milestone was open cannot be accepted once it is met.
    app.post_form("/milestones/17/propose", &revision("30", "4", "2026"))
        .await
        .assert_redirect_to("/actions/7#milestone-17");
    let proposal = count(
        &app,
        "select id from revision_proposals where milestone_id = 17 and status = 'pending'",
    )
    .await;
    app.exec("update milestones set met_on = '2026-03-01' where id = 17")
        .await;
    sign_in_new(&mut app, "chief@example.test", Role::Office).await;
    app.post_form(
        &format!("/proposals/{proposal}/accept"),
        &decided_today(&[]),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("This milestone was met on 1 March 2026, so its date cannot be moved");
    assert_eq!(count(&app, revisions).await, before);
}
