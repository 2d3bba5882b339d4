//! Creating an action-plan item and editing one (version-checked). The audit payload is the
//! action with the ids of the findings it addresses.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

use super::{Actor, Found, RecordError, RecordResult, ResultExt, Saved, Tx};
use crate::db::actions::{self, ActionRow};
use crate::domain::actions::NewAction;
use crate::domain::vocab::Entity;

const DUPLICATE: &str = "An action with this reference already exists for this body";

/// An action as saved, with the ids of the findings it addresses.
pub type Addressing = (ActionRow, Vec<i64>);

/// The action `id` and its findings, as they are now.
pub async fn load(conn: &mut SqliteConnection, id: i64) -> RecordResult<Addressing> {
    let action = actions::find(&mut *conn, id).await.found()?;
    let findings = actions::list_findings(&mut *conn, id).await?;
    Ok((action, findings.iter().map(|f| f.id).collect()))
}

/// Refuses findings of another body's inspections than the action's: records stay in one body.
async fn check_one_body(conn: &mut SqliteConnection, new: &NewAction) -> RecordResult<()> {
    let others =
        actions::list_findings_of_other_bodies(&mut *conn, new.body_id, &new.finding_ids).await?;
    if others.is_empty() {
        return Ok(());
    }
    Err(RecordError::field(
        "findings",
        format!(
            "Select findings of this action's body only: {} {} another body's inspection",
            others.join(", "),
            if others.len() == 1 {
                "is from"
            } else {
                "are from"
            }
        ),
    ))
}

/// Create the action `new`; its id.
pub async fn create(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: NewAction,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    check_one_body(&mut tx, &new).await?;
    let id = actions::insert(&mut tx, &new, now)
        .await
        .on_constraint("reference", DUPLICATE)?;
    let after = actions::find(&mut *tx, id).await?;
    let after = (after, &new.finding_ids);
    tx.created(Entity::ActionItem, id, &after).await
}

/// Save `new` over version `version` of action `id`, or the action as it is now if someone
/// else saved first.
pub async fn update(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
    new: NewAction,
) -> RecordResult<Saved<i64, Addressing>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = load(&mut tx, id).await?;
    check_one_body(&mut tx, &new).await?;
    let matched = actions::update(&mut tx, id, version, &new, now)
        .await
        .on_constraint("reference", DUPLICATE)?;
    if !matched {
        return Ok(Saved::Stale(before));
    }
    let after = actions::find(&mut *tx, id).await?;
    let after = (after, &new.finding_ids);
    tx.updated(Entity::ActionItem, id, &before, &after).await
}
