//! The record layer's guarantees, whatever the change: a write that records no audit event
//! cannot commit, and the schema refuses an audit event outside the vocabulary.

use scrutineer::db;
use scrutineer::db::audit::Change;
use scrutineer::domain::vocab::{AuditAction, Entity};
use scrutineer::record::{Actor, RecordError, Tx};

use crate::helpers::TestApp;

#[tokio::test]
async fn a_write_that_records_no_audit_event_is_refused_and_changes_nothing() {
    let app = TestApp::new().await;
    let before = app.count("select count(*) from inspected_bodies").await;
    let mut tx = Tx::begin(&app.state.db, &Actor::system("test"), app.state.clock.now())
        .await
        .expect("begin");
    db::bodies::insert(&mut tx, "Warwickshire Police", app.state.clock.now())
        .await
        .expect("insert");
    let refused = tx.commit().await;
    assert!(
        matches!(refused, Err(RecordError::Internal(_))),
        "{refused:?}"
    );
    assert_eq!(
        app.count("select count(*) from inspected_bodies").await,
        before
    );
}

#[tokio::test]
async fn a_write_that_records_its_audit_event_commits() {
    let app = TestApp::new().await;
    let mut tx = Tx::begin(&app.state.db, &Actor::system("test"), app.state.clock.now())
        .await
        .expect("begin");
    let id = db::bodies::insert(&mut tx, "Warwickshire Police", app.state.clock.now())
        .await
        .expect("insert");
    tx.audit(
        Entity::InspectedBody,
        id,
        AuditAction::Create,
        None::<&()>,
        Some(&"Warwickshire Police"),
    )
    .await
    .expect("audit");
    tx.commit().await.expect("commit");
    assert_eq!(
        app.count("select count(*) from inspected_bodies where name = 'Warwickshire Police'")
            .await,
        1
    );
    assert_eq!(app.audit_count("inspected_body", "create").await, 1);
}

#[tokio::test]
async fn the_schema_refuses_an_audit_event_with_an_unknown_entity_or_action() {
    let app = TestApp::new().await;
    for (entity, action) in [("finding", "delete_everything"), ("findings", "create")] {
        let result = sqlx::query(
            "insert into audit_events
                 (at, actor, entity, entity_id, action, prev_hash, hash)
             values ('2026-01-01T00:00:00Z', 'test', ?, 1, ?, 'x', ?)",
        )
        .bind(entity)
        .bind(action)
        .bind(format!("{entity}{action}"))
        .execute(&app.state.db)
        .await;
        assert!(result.is_err(), "{entity} {action} was accepted");
    }
}

/// A save given up while its transaction begins – the person's browser closed, a proxy's
/// timeout – leaves no connection in the pool inside a transaction: every later save works.
#[tokio::test]
async fn saves_abandoned_while_they_begin_leave_every_later_save_working() {
    let app = TestApp::new().await;
    let pool = &app.state.db;
    for micros in 0..600 {
        let wait = std::time::Duration::from_micros(micros % 200);
        let _ = tokio::time::timeout(wait, db::begin_write(pool)).await;
    }
    for n in 0..24 {
        let saved = tokio::time::timeout(std::time::Duration::from_secs(10), async {
            let mut tx = db::begin_write(pool).await?;
            let change = Change {
                entity: Entity::Settings,
                entity_id: Some(n),
                action: AuditAction::Update,
                before: None,
                after: None,
            };
            db::audit::record(&mut tx, chrono::Utc::now(), &Actor::system("test"), change).await?;
            tx.commit().await
        })
        .await;
        assert!(matches!(saved, Ok(Ok(_))), "save {n}: {saved:?}");
    }
}
