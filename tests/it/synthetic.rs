//! The synthetic data generator: the same plan gives the same data, and it publishes an
//! edition so the public site has something to show.

use axum::http::StatusCode;
use scrutineer::db::synthetic::{self, Plan};
use sha2::{Digest, Sha256};

use crate::helpers::TestApp;

/// A hash over the columns that the generator decides, in id order.
const FINGERPRINT: [&str; 7] = [
    "select group_concat(id || '|' || body_id || '|' || kind || '|' || published_on, ';')
     from (select * from inspections order by id)",
    "select group_concat(id || '|' || inspection_id || '|' || area || '|' || timescale || '|'
                         || public_summary, ';')
     from (select * from findings order by id)",
    "select group_concat(id || '|' || action_id || '|' || original_due_on || '|' || current_due_on
                         || '|' || coalesce(met_on, '-'), ';')
     from (select * from milestones order by id)",
    "select group_concat(id || '|' || milestone_id || '|' || new_due_on || '|' || reason_category, ';')
     from (select * from milestone_revisions order by id)",
    "select group_concat(id || '|' || coalesce(action_id, 0) || '|' || as_at || '|' || rag, ';')
     from (select * from progress_updates order by id)",
    "select group_concat(id || '|' || finding_id || '|' || level || '|' || assessed_on, ';')
     from (select * from assessments order by id)",
    "select group_concat(number || '|' || sha256 || '|' || (select hash from audit_events
                         order by id desc limit 1), ';')
     from editions",
];

async fn generate_and_fingerprint() -> (synthetic::Counts, String) {
    let app = TestApp::new().await;
    let counts = synthetic::generate(
        &app.state.db,
        Plan::small(),
        app.state.clock.today(),
        app.state.clock.now(),
    )
    .await
    .expect("generate");
    let mut hash = Sha256::new();
    for sql in FINGERPRINT {
        let part: Option<String> = sqlx::query_scalar(sql)
            .fetch_one(&app.state.db)
            .await
            .unwrap_or_else(|e| panic!("{e}: {sql}"));
        hash.update(part.expect("rows to fingerprint").as_bytes());
    }
    (counts, hex::encode(hash.finalize()))
}

#[tokio::test]
async fn two_runs_of_the_same_plan_make_identical_data() {
    let (first_counts, first) = generate_and_fingerprint().await;
    let (second_counts, second) = generate_and_fingerprint().await;
    assert_eq!(first_counts, second_counts);
    assert_eq!(first, second);
    let plan = Plan::small();
    let findings = plan.bodies * plan.inspections_per_body * plan.findings_per_inspection;
    assert_eq!(first_counts.findings, u64::from(findings));
    assert_eq!(
        first_counts.updates,
        u64::from(findings * plan.actions_per_finding * plan.updates_per_action)
    );
    assert_eq!(first_counts.edition, 1);
}

#[tokio::test]
async fn the_generated_record_is_published_and_its_audit_chain_is_intact() {
    let mut app = TestApp::new().await;
    let counts = synthetic::generate(
        &app.state.db,
        Plan::small(),
        app.state.clock.today(),
        app.state.clock.now(),
    )
    .await
    .expect("generate");
    let journal: String = sqlx::query_scalar("pragma journal_mode")
        .fetch_one(&app.state.db)
        .await
        .expect("journal mode");
    assert_eq!(journal, "wal", "the generator leaves the file in WAL mode");
    let events = app.count("select count(*) from audit_events").await;
    assert_eq!(events as u64, counts.audit_events);
    assert_eq!(
        scrutineer::db::audit::verify(&app.state.db)
            .await
            .expect("verify"),
        scrutineer::db::audit::Verification::Intact { events }
    );
    // Every generated append-only row has its audit event, holding what it recorded.
    let (report, intact) = scrutineer::startup::audit_verify(&app.state.db)
        .await
        .expect("verify");
    assert!(intact, "{report}");
    // The force user belongs to one force of the many.
    let bodies: Vec<String> = sqlx::query_scalar(
        "select b.name from user_bodies ub
         join users u on u.id = ub.user_id
         join inspected_bodies b on b.id = ub.body_id
         where u.email = 'synthetic.force@example.org'",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("the force user's bodies");
    assert_eq!(bodies, ["Synthetic Constabulary 01"]);
    app.get("/")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Synthetic Constabulary 01");
    let inspection = app.count("select min(id) from inspections").await;
    app.get(&format!("/progress/inspections/{inspection}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Synthetic public summary of progress.");
}
