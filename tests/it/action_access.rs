//! Who may reach each action-plan, milestone, proposal, update and measure route: anonymous
//! visitors are sent to sign in, wrong roles are refused, right roles get the page.

use axum::http::StatusCode;
use scrutineer::domain::vocab::Role;

use crate::actions::sign_in_new;
use crate::helpers::TestApp;

const ALL: &[Role] = &[Role::Admin, Role::Office, Role::Force, Role::Panel];
const OFFICE: &[Role] = &[Role::Admin, Role::Office];
const UPDATERS: &[Role] = &[Role::Admin, Role::Office, Role::Force];

/// Every page (GET) added for action plans, with who may see it.
const PAGES: &[(&str, &[Role])] = &[
    ("/actions", ALL),
    ("/actions/1", ALL),
    ("/actions/new", OFFICE),
    ("/actions/1/edit", OFFICE),
    ("/actions/9/block", OFFICE),
    ("/actions/1/milestones/new", OFFICE),
    ("/milestones/12/revise", OFFICE),
    ("/milestones/12/met", OFFICE),
    ("/milestones/12/propose", UPDATERS),
    ("/proposals", OFFICE),
    ("/proposals/1/reject", OFFICE),
    ("/actions/1/updates/new", UPDATERS),
    ("/findings/1/updates/new", UPDATERS),
    // The force may correct only its own updates (tests/it/updates.rs); update 1 is the office's.
    ("/updates/1/correct", OFFICE),
    ("/actions/1/measures/new", OFFICE),
    ("/findings/1/measures/new", OFFICE),
    ("/measures/1", ALL),
];

/// Every form target (POST) added, with who may use it.
const FORMS: &[(&str, &[Role])] = &[
    ("/actions", OFFICE),
    ("/actions/1", OFFICE),
    ("/actions/1/block", OFFICE),
    ("/actions/6/unblock", OFFICE),
    ("/actions/1/milestones", OFFICE),
    ("/milestones/12/revise", OFFICE),
    ("/milestones/12/met", OFFICE),
    ("/milestones/12/propose", UPDATERS),
    ("/proposals/1/accept", OFFICE),
    ("/proposals/1/reject", OFFICE),
    ("/actions/1/updates", UPDATERS),
    ("/findings/1/updates", UPDATERS),
    ("/updates/1/correct", OFFICE),
    ("/actions/1/measures", OFFICE),
    ("/findings/1/measures", OFFICE),
    ("/measures/1/readings", OFFICE),
];

#[tokio::test]
async fn anonymous_visitors_are_sent_to_sign_in_from_every_action_route() {
    let mut app = TestApp::seeded().await;
    for (path, _) in PAGES {
        app.get(path)
            .await
            .assert_redirect_to(&format!("/sign-in?next={path}"));
    }
    for (path, _) in FORMS {
        let response = app.post_form(path, &[]).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{path}");
        assert!(response.location().starts_with("/sign-in"), "{path}");
    }
    assert_eq!(
        crate::actions::count(
            &app,
            "select count(*) from revision_proposals where status <> 'pending'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn each_role_reaches_exactly_the_action_routes_it_is_allowed() {
    let mut app = TestApp::seeded().await;
    let audits = crate::actions::count(&app, "select count(*) from audit_events").await;
    for role in ALL {
        sign_in_new(
            &mut app,
            &format!("{}-matrix@example.test", role.as_str()),
            *role,
        )
        .await;
        for (path, allowed) in PAGES {
            let expected = if allowed.contains(role) {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(app.get(path).await.status, expected, "{role:?} GET {path}");
        }
        for (path, allowed) in FORMS {
            if !allowed.contains(role) {
                let status = app.post_form(path, &[]).await.status;
                assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} POST {path}");
            }
        }
    }
    // Refused requests changed nothing.
    assert_eq!(
        crate::actions::count(&app, "select count(*) from audit_events").await,
        audits
    );
}
