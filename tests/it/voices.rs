//! The three voices on a finding, from the seeded record and as it stood on past dates.

use chrono::NaiveDate;
use scrutineer::db::voices::{self, Scope};
use scrutineer::domain::vocab::{Assurance, InspectoratePosition, Rag};

use crate::helpers::{TestApp, test_today};

#[tokio::test]
async fn every_finding_of_an_inspection_gets_its_three_voices_side_by_side() {
    let app = TestApp::seeded().await;
    let rows = voices::list(&app.state.db, Scope::Inspection(1), test_today())
        .await
        .expect("voices");
    assert_eq!(rows.len(), 12);
    // Recommendation 10 was superseded by AFI 2 (finding 14) at the re-inspection.
    let rec10 = rows.iter().find(|r| r.finding_id == 10).expect("rec 10");
    assert_eq!(rec10.position, Some(InspectoratePosition::Superseded));
    assert_eq!(rec10.superseded_by_id, Some(14));
    // Recommendation 1 was last judged substantial.
    let rec1 = rows.iter().find(|r| r.finding_id == 1).expect("rec 1");
    assert_eq!(rec1.assurance, Some(Assurance::Substantial));
    assert!(
        rows.iter().all(|r| r.force_rag.is_some()),
        "every finding has an action with updates"
    );
}

#[tokio::test]
async fn the_force_position_is_the_most_severe_latest_update_of_its_actions() {
    let app = TestApp::seeded().await;
    // Add a red update directly on finding 1, dated today: it outranks any green or blue.
    sqlx::query(
        "insert into progress_updates (finding_id, as_at, rag, narrative, author_id, entered_at)
         values (1, ?, 'red', 'Off track', 1, '2026-03-02T09:00:00Z')",
    )
    .bind(test_today())
    .execute(&app.state.db)
    .await
    .expect("insert");
    let row = &voices::list(&app.state.db, Scope::Finding(1), test_today())
        .await
        .expect("voices")[0];
    assert_eq!(row.force_rag, Some(Rag::Red));
    assert_eq!(row.force_as_at, Some(test_today()));
}

#[tokio::test]
async fn before_any_update_or_judgement_the_voices_are_empty() {
    let app = TestApp::seeded().await;
    let long_ago = NaiveDate::from_ymd_opt(2021, 11, 20).expect("date");
    let rows = voices::list(&app.state.db, Scope::All, long_ago)
        .await
        .expect("voices");
    assert_eq!(rows.len(), 18);
    assert!(
        rows.iter()
            .all(|r| r.force_rag.is_none() && r.assurance.is_none() && r.position.is_none())
    );
}
