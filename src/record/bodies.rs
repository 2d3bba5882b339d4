//! The office manages inspected bodies: adding one, renaming it or changing its kind, and
//! merging a duplicate into another body (its inspections, actions and users move; one audit
//! event names both bodies and what moved).

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, Found, RecordError, RecordResult, Saved, Tx};
use crate::db::bodies::{self, BodyRow};
use crate::domain::bodies::{NewBody, clashing_references, merge_refusal};
use crate::domain::vocab::{AuditAction, Entity};

/// The message when another body already has the name (names are unique in any case).
fn name_taken(name: &str) -> RecordError {
    RecordError::field(
        "name",
        format!("There is already a body called {name}: choose another name, or merge the two"),
    )
}

/// Add a body; its id.
pub async fn create(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: &NewBody,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    if let Some(existing) = bodies::find_by_name(&mut *tx, &new.name).await? {
        return Err(name_taken(&existing.name));
    }
    let id = bodies::insert_new(&mut *tx, new, now).await?;
    tx.created(Entity::InspectedBody, id, new).await
}

/// Rename the body `id` or change its kind: a `rename` event when the name changes, else an
/// `update`. Saving it unchanged records nothing.
pub async fn update(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    new: &NewBody,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = bodies::find(&mut *tx, id).await.found()?;
    if before.name == new.name && before.kind == new.kind {
        return Ok(Saved::Done(id));
    }
    match bodies::find_by_name(&mut *tx, &new.name).await? {
        Some(other) if other.id != id => return Err(name_taken(&other.name)),
        _ => {}
    }
    bodies::update(&mut *tx, id, new).await?;
    let action = match before.name == new.name {
        true => AuditAction::Update,
        false => AuditAction::Rename,
    };
    let after = BodyRow {
        id,
        name: new.name.clone(),
        kind: new.kind,
    };
    tx.finish(
        Entity::InspectedBody,
        id,
        action,
        Some(&before),
        Some(&after),
    )
    .await
}

/// Merge the body `duplicate` into `target`: every inspection, action and membership moves,
/// and the duplicate is removed, in one transaction. Refused, changing nothing, when an action
/// reference is used by both. Done with the target's id.
pub async fn merge(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    duplicate: i64,
    target: i64,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let from = bodies::find(&mut *tx, duplicate).await.found()?;
    let Some(into) = bodies::find(&mut *tx, target).await? else {
        return Err(RecordError::field(
            "target_id",
            "Choose the body to merge this one into from the list again",
        ));
    };
    let clashes = clashing_references(
        &bodies::action_references(&mut *tx, from.id).await?,
        &bodies::action_references(&mut *tx, into.id).await?,
    );
    if let Some(refusal) = merge_refusal(from.id, into.id, &clashes) {
        return Err(RecordError::field("target_id", refusal));
    }
    let moved = bodies::merge(&mut tx, from.id, into.id).await?;
    let before = json!({ "merged": from, "into": into });
    let after =
        json!({ "into": into, "merged": { "id": from.id, "name": from.name }, "moved": moved });
    tx.finish(
        Entity::InspectedBody,
        into.id,
        AuditAction::Merge,
        Some(&before),
        Some(&after),
    )
    .await
}
