//! The reusable roll-ups that finding pages and dashboards call: slips per action and per
//! finding, from the example data's known revisions.

use scrutineer::db::{actions, milestones};
use scrutineer::domain::dates::Slips;

use crate::helpers::{TestApp, test_today};

#[tokio::test]
async fn slips_roll_up_per_action_and_per_finding_across_every_action_addressing_it() {
    let app = TestApp::seeded().await;
    let mut conn = app.state.db.acquire().await.expect("connection");
    let today = test_today();

    let by_action = milestones::rollups_by_action(&mut conn, &[4, 6, 9], today)
        .await
        .expect("by action");
    assert_eq!(
        by_action[&4].slips,
        Slips {
            count: 3,
            days: 345
        }
    );
    assert_eq!(
        by_action[&6].slips,
        Slips {
            count: 2,
            days: 500
        }
    );
    assert_eq!(by_action[&9].slips, Slips::default());
    assert_eq!(by_action[&4].milestones, 3);

    // Finding 6 is addressed by CP-04 (three slips) and CP-11 (none); finding 8 by CP-06.
    let by_finding = milestones::rollups_by_finding(&mut conn, &[6, 8, 12, 999], today)
        .await
        .expect("by finding");
    assert_eq!(
        by_finding[&6].slips,
        Slips {
            count: 3,
            days: 345
        }
    );
    assert_eq!(by_finding[&6].milestones, 5);
    assert_eq!(
        by_finding[&8].slips,
        Slips {
            count: 2,
            days: 500
        }
    );
    assert_eq!(by_finding[&12].slips, Slips::default());
    assert!(!by_finding.contains_key(&999));
    // Milestone 12 (CP-05) is 35 days overdue.
    let cp05 = milestones::rollups_by_action(&mut conn, &[5], today)
        .await
        .expect("cp-05");
    assert_eq!(cp05[&5].missed, 1);
}

#[tokio::test]
async fn the_actions_addressing_a_finding_are_listed_with_their_latest_rag() {
    let app = TestApp::seeded().await;
    let every_body = scrutineer::domain::scope::Scope::All;
    let rows = actions::list_for_finding(&app.state.db, 7, &every_body)
        .await
        .expect("actions");
    let refs: Vec<&str> = rows.iter().map(|a| a.reference.as_str()).collect();
    assert_eq!(refs, ["CP-05", "CP-09"]);
    assert!(rows.iter().all(|a| a.latest_rag.is_some()));
}
