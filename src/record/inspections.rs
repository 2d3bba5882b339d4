//! Adding and editing an inspection (with a new inspected body typed by name), and recording
//! its section 55 response with each finding's response position.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, Found, RecordError, RecordResult, ResultExt, Saved, Tx};
use crate::db::{bodies, findings, inspections, inspections::InspectionRow};
use crate::domain::inspections::{NewInspection, NewSection55};
use crate::domain::plausible;
use crate::domain::regimes::FireReview;
use crate::domain::vocab::{AuditAction, Entity};

/// A body or earlier inspection chosen from a list that has since changed.
const STALE_CHOICE: &str =
    "Choose the inspected body and any earlier inspection from the lists again";

/// Add an inspection; its id.
pub async fn create(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: NewInspection,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let new = with_body(&mut tx, new).await?;
    let id = inspections::insert(&mut tx, &new, now)
        .await
        .on_constraint("body_id", STALE_CHOICE)?;
    tx.created(Entity::Inspection, id, &new).await
}

/// Save the inspection `id` over `version`, the one the person saw.
pub async fn update(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
    new: NewInspection,
) -> RecordResult<Saved<i64, InspectionRow>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = get(&mut tx, id).await?;
    let parents = inspections::follow_up_links(&mut *tx).await?;
    if plausible::follow_up_cycle(Some(id), new.follows_up_id, &parents) {
        return Err(RecordError::field(
            "follows_up_id",
            "An inspection cannot follow up itself, or one that follows it up: choose an \
             earlier inspection",
        ));
    }
    let new = with_body(&mut tx, new).await?;
    let matched = inspections::update(&mut tx, id, version, &new, now)
        .await
        .on_constraint("body_id", STALE_CHOICE)?;
    if !matched {
        // Dropping the transaction undoes any body created above.
        return Ok(Saved::Stale(before));
    }
    tx.updated(Entity::Inspection, id, &before, &new).await
}

/// Record the section 55 steps of the inspection `id` over `version`, and the response to
/// each finding that changed: one audit event for the steps if they changed, one per finding.
/// A report outside section 55 keeps its steps, so only its responses are recorded; a save
/// that changes nothing records nothing.
pub async fn record_section_55(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
    new: NewSection55,
) -> RecordResult<Saved<i64, InspectionRow>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = get(&mut tx, id).await?;
    if !inspections::update_response(&mut tx, id, version, &new.steps, now).await? {
        return Ok(Saved::Stale(before));
    }
    let mut changed = before.response != new.steps;
    if changed {
        tx.audit(
            Entity::Inspection,
            id,
            AuditAction::RecordSection55,
            Some(&before.response),
            Some(&new.steps),
        )
        .await?;
    }
    let saved = findings::list_for_inspection(&mut *tx, id).await?;
    for r in &new.responses {
        let Some(f) = saved.iter().find(|f| f.id == r.finding_id) else {
            continue;
        };
        if f.response_position == r.position && f.response_explanation == r.explanation {
            continue;
        }
        let explanation = r.explanation.as_deref();
        findings::update_response(&mut tx, f.id, r.position, explanation, now).await?;
        let before = json!({ "response_position": f.response_position, "response_explanation": f.response_explanation });
        let after =
            json!({ "response_position": r.position, "response_explanation": r.explanation });
        tx.audit(
            Entity::Finding,
            f.id,
            AuditAction::RecordResponse,
            Some(&before),
            Some(&after),
        )
        .await?;
        changed = true;
    }
    if !changed {
        // Nothing to record: dropping the transaction leaves the record (and its version)
        // as it was.
        return Ok(Saved::Done(id));
    }
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// Record the fire cause-of-concern steps of the inspection `id` over `version`: the action
/// plan review, the revisit and the revisit letter (one `record_review` audit event).
pub async fn record_fire_review(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
    new: FireReview,
) -> RecordResult<Saved<i64, InspectionRow>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = get(&mut tx, id).await?;
    if !inspections::update_fire_review(&mut tx, id, version, &new, now).await? {
        return Ok(Saved::Stale(before));
    }
    let action = AuditAction::RecordReview;
    tx.finish(
        Entity::Inspection,
        id,
        action,
        Some(&before.fire),
        Some(&new),
    )
    .await
}

async fn get(tx: &mut Tx, id: i64) -> RecordResult<InspectionRow> {
    inspections::find(&mut **tx, id).await.found()
}

/// Use the body typed by name: the existing body of that name, or a new one.
async fn with_body(tx: &mut Tx, mut new: NewInspection) -> RecordResult<NewInspection> {
    let Some(name) = new.new_body.clone() else {
        return Ok(new);
    };
    new.body_id = match bodies::find_by_name(&mut **tx, &name).await? {
        Some(body) => body.id,
        None => {
            let now = tx.now();
            let id = bodies::insert(tx, &name, now).await?;
            let after = json!({ "name": name });
            tx.audit(
                Entity::InspectedBody,
                id,
                AuditAction::Create,
                None::<&()>,
                Some(&after),
            )
            .await?;
            id
        }
    };
    Ok(new)
}

/// Mark the inspection `id` ready for publication (as the user `marker_id`: from the next
/// edition on, it and what hangs from it are published) or not ready (left out of editions
/// from the next on). Marking it as it already is writes and records nothing.
pub async fn set_ready(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    marker_id: i64,
    id: i64,
    ready: bool,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = inspections::find_readiness(&mut *tx, id).await.found()?;
    if before.is_ready() == ready {
        // Dropping the transaction rolls it back: there was nothing to write.
        return Ok(Saved::Done(id));
    }
    inspections::update_readiness(&mut tx, id, ready.then_some((now, marker_id))).await?;
    let after = inspections::find_readiness(&mut *tx, id).await?;
    let action = match ready {
        true => AuditAction::MarkReady,
        false => AuditAction::UnmarkReady,
    };
    tx.finish(
        Entity::Inspection,
        id,
        action,
        Some(&before),
        after.as_ref(),
    )
    .await
}
